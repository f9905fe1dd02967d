"""The error pages, in the portal's layout and in the reader's language.

403 and 404 render with the request (the menu of the person signed in). 400 and 500 render
without it: a 400 may come from a request Django does not trust (a host it does not serve) and
a 500 from a database that is down, so they use no context processor, no session, no user and
no query, only the static layout (X5: still Dutch first, still accessible)."""

import logging

from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from portal.api import is_api_path, problem_for
from portal.context_processors import NLDS_AVAILABLE

logger = logging.getLogger(__name__)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if is_api_path(request.path):
        # An address of a JSON API that no route matches (a slug the route refuses, a
        # mistyped path): the API's own 404 document, not a page (issue 14 finding 12).
        return problem_for(404)
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent after its page went stale (or from elsewhere). Django's
    own page is English and speaks of tokens; say what happened and what to do."""
    message = _(
        "Dit formulier is verlopen of kwam niet van deze pagina. Ga terug, laad de pagina "
        "opnieuw en verstuur het formulier nog een keer."
    )
    return render(request, "403.html", {"reason": message}, status=403)


def _static_page(template: str) -> str:
    # No request: no context processors run, so nothing here can touch the database.
    return render_to_string(template, {"nlds_available": NLDS_AVAILABLE, "static_error_page": True})


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_static_page("400.html"))


def server_error(request):
    try:
        return HttpResponseServerError(_static_page("500.html"))
    except Exception:  # the layout itself failed: still answer, in plain words
        logger.exception("the 500 page could not be rendered")
        return HttpResponseServerError(
            "<!DOCTYPE html><html lang=nl><title>Storing</title><h1>Er ging iets mis</h1>"
            "<p>Probeer het later opnieuw.</p></html>"
        )
