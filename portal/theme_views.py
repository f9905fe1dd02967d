"""The municipality's stylesheet and logo.

Public on purpose: a colour and a logo are the municipality's public branding, not its data (T1
is about data), and the sign-in page must be able to use them later. Neither says anything
that is not on the municipality's own website; an unknown or inactive municipality is a 404.
The logo lives in private storage (no public MEDIA_URL exists) and is streamed from here with
its type fixed by its content, ``nosniff``, and a CSP sandbox in case an SVG is opened directly.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from portal.theme import LOGO_TYPES, municipality_for_theme, theme_css, theme_version

# With ?v=<version> in the URL (base.html adds it) a changed theme has a new URL, so the
# browser may keep this one for a long time.
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"


def _cache_headers(request, response, municipality):
    version = theme_version(municipality)
    response["Cache-Control"] = LONG_CACHE if request.GET.get("v") == version else SHORT_CACHE
    response["Last-Modified"] = http_date(municipality.updated_at.timestamp())
    return response


@login_not_required
@require_GET
def stylesheet(request, slug):
    municipality = municipality_for_theme(slug)
    response = HttpResponse(
        theme_css(municipality.theme_colour, municipality.name),
        content_type="text/css; charset=utf-8",
    )
    return _cache_headers(request, response, municipality)


@login_not_required
@require_GET
def logo(request, slug):
    municipality = municipality_for_theme(slug)
    if not municipality.logo:
        raise Http404
    name = municipality.logo.name
    content_type = next((t for ext, t in LOGO_TYPES.items() if name.endswith(ext)), None)
    if content_type is None:
        raise Http404
    try:
        handle = municipality.logo.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # An inline image on purpose (the logo in the page header), sandboxed below.
    response = FileResponse(  # nosemgrep: file-response-without-attachment
        handle, content_type=content_type
    )
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return _cache_headers(request, response, municipality)
