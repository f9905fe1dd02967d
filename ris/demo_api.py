"""The demo's own example RIS (ris/example.py) as an ORI API, two objects a page, so that the
clerk's sync button works in ``bin/demo``. Demo mode only: anywhere else every path is a 404."""

from django.conf import settings
from django.http import Http404, JsonResponse

from portal.api import json_api

from . import example

PAGE_SIZE = 2


@json_api(public=True)  # the sync reads it without a session, like a real RIS
def example_collection(request, path):
    if not settings.PORTAL_DEMO:
        raise Http404
    base = request.build_absolute_uri("/ris/voorbeeld-api/")
    items = example.collections(base).get(path)
    if items is None:
        raise Http404
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() and int(page) > 0 else 1
    chunk = items[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    more = page * PAGE_SIZE < len(items)
    return JsonResponse(
        {
            "next": f"{base}{path}?page={page + 1}" if more else None,
            "previous": f"{base}{path}?page={page - 1}" if page > 1 else None,
            "results": chunk,
        }
    )
