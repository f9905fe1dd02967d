"""Pagination for tables that grow without bound (the audit trail: a million events).

Django's Paginator counts every matching row on every page view; at audit-trail scale that
COUNT is most of the page's time. :class:`CappedPaginator` counts at most ``cap`` rows (a
COUNT over a LIMIT subquery): beyond that the page says "more than …" and asks for a filter.
"""

from functools import cached_property

from django.core.paginator import Paginator


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
