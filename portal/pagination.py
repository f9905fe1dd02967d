"""Pagination for tables that grow without bound (the audit trail: a million events), and
the ``page`` parameter of the JSON APIs.

Django's Paginator counts every matching row on every page view; at audit-trail scale that
COUNT is most of the page's time. :class:`CappedPaginator` counts at most ``cap`` rows (a
COUNT over a LIMIT subquery): beyond that the page says "more than …" and asks for a filter.
"""

import re
from functools import cached_property, wraps

from django.core.paginator import PageNotAnInteger, Paginator
from django.http import JsonResponse

PAGE_NUMBER = re.compile(r"[0-9]+")


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int = 10_000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        """True when there are more rows than were counted (only the first ``cap`` are
        reachable by page number)."""
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        return super().num_pages if not self.capped else -(-self.cap // self.per_page)


def api_page(paginator: Paginator, value: str | None):
    """X6, C9: one page of a JSON API whose OpenAPI document says ``page`` is an integer ≥ 1.
    Absent is the first page and a number past the last is the last page (the response says
    which page it is), as on the HTML pages; but where those quietly show page 1 for ``0``,
    ``-3``, ``abc`` or ``1.5``, an API client is told that it asked for something that does not
    exist (PageNotAnInteger; :func:`refuses_bad_page` makes that a 400)."""
    if value is None:
        return paginator.get_page(1)
    # fullmatch on ASCII digits: str.isdigit() would take "²" and "١", which int() refuses.
    if not PAGE_NUMBER.fullmatch(value) or int(value) < 1:
        raise PageNotAnInteger(value)
    return paginator.get_page(int(value))


def refuses_bad_page(view):
    """A JSON view that pages with :func:`api_page` answers an invalid ``page`` with the 400 its
    OpenAPI document describes: a machine-readable code, no prose to translate."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PageNotAnInteger:
            return JsonResponse({"error": "invalid_page", "parameter": "page"}, status=400)

    return wrapper


# The 400 as the OpenAPI documents describe it.
BAD_PAGE_RESPONSE = {
    "description": "``page`` is not a whole number of 1 or more.",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["error", "parameter"],
                "properties": {
                    "error": {"type": "string", "enum": ["invalid_page"]},
                    "parameter": {"type": "string", "enum": ["page"]},
                },
            }
        }
    },
}
