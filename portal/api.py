"""The portal's JSON APIs answer as APIs, errors included (issue 14 finding 12; NLGov REST API
Design Rules): every error is an ``application/problem+json`` document (RFC 9457), never a
redirect to the sign-in page or an HTML page.

- :func:`json_api` marks a view as a JSON API. A caller who is not signed in gets 401 (from
  :class:`portal.middleware.LoginRequiredMiddleware`, which still guards it: deny by default);
  ``public=True`` opens it to everyone, as ``login_not_required`` does for pages. ``Http404``
  (an unknown municipality or object, T1) becomes a 404 document, ``PermissionDenied`` a 403,
  another method than GET or HEAD a 405.
- A 404 of the router for an API address (``/api/`` or ``….json``) is a problem document as
  well (``portal.errors.page_not_found``).
- :func:`problem` builds one document; :func:`problem_for` answers the middlewares (MFA not
  set up, X4) for a JSON API view.

The 400 of a bad ``page`` stays as each OpenAPI document describes it (portal.pagination).
"""

from __future__ import annotations

import json
import re
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
}
# Detail texts are for the developer of a client, not shown to people: English, as the
# OpenAPI documents are.
DETAILS = {
    401: "Sign in first: this API uses the portal's session.",
    403: "The signed-in user may not use this API.",
    404: "No such resource.",
}


def problem(status: int, title: str = "", detail: str = "", **extra) -> HttpResponse:
    body = {"type": "about:blank", "title": title or TITLES.get(status, ""), "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM
    )
    response["X-Content-Type-Options"] = "nosniff"
    if status == 401:
        # RFC 9110: a 401 names how to authenticate; here, the portal's session cookie.
        response["WWW-Authenticate"] = 'Cookie realm="portal"'
    return response


# The addresses of the JSON APIs: an ``api/`` segment, or a ``.json`` document. A 404 for one
# that no route matches is a problem document too (portal.errors.page_not_found).
API_PATH = re.compile(r"/api/|\.json$")


def is_api_path(path: str) -> bool:
    return bool(API_PATH.search(path))


def is_json_api(view_func) -> bool:
    return getattr(view_func, "json_api", False)


def problem_for(status: int, detail: str = "") -> HttpResponse:
    return problem(status, detail=detail or DETAILS.get(status, ""))


def json_api(view=None, *, public: bool = False):
    """``@json_api`` (signed-in callers) or ``@json_api(public=True)`` (everyone)."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD"):
                response = problem(405)
                response["Allow"] = "GET, HEAD"
                return response
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return problem_for(404)
            except PermissionDenied:
                return problem_for(403)

        wrapper.json_api = True
        return login_not_required(wrapper) if public else wrapper

    return decorate(view) if view is not None else decorate


# For the OpenAPI documents: the error responses every JSON API has.
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}


def problem_response(description: str) -> dict:
    return {"description": description, "content": {PROBLEM: {"schema": PROBLEM_SCHEMA}}}
