"""HTML to PDF with WeasyPrint, fetching nothing from outside (X3, QUALITY C).

WeasyPrint is imported inside the functions that use it, never at module level: it loads
Pango and fonts, which a web process that only shows a status page does not need.

Every URL a template, stylesheet or SVG refers to goes through :class:`static-only fetcher
<make_url_fetcher>`: it answers only for the portal's own static assets (``/static/…``, found
with django.contrib.staticfiles' finders and read from local disk) and refuses everything else —
``file://``, ``http(s)://`` to any other host, ``data:``, ``ftp:`` — without opening a socket,
so a refused URL can neither leak a local file nor hang the render. There are no redirects to
follow because nothing is fetched over the network.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.utils import timezone

log = logging.getLogger(__name__)

# Relative URLs in PDF templates resolve against this origin. ``.invalid`` never resolves
# (RFC 2606): the fetcher maps its /static/ paths to local files and nothing else exists.
PDF_BASE_URL = "https://portal.invalid/"

ASSET_TYPES = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
}
MAX_ASSET_BYTES = 5 * 1024 * 1024


class RefusedURL(ValueError):
    """A URL the PDF renderer may not fetch."""


def static_prefix() -> str:
    return urljoin(PDF_BASE_URL, settings.STATIC_URL)


def resolve_static_asset(url: str) -> tuple[str, str]:
    """The local file and content type behind ``url`` if it names one of the portal's own
    static assets; :class:`RefusedURL` otherwise."""
    prefix = static_prefix()
    if not url.startswith(prefix):
        raise RefusedURL("not one of the portal's static assets")
    relative = unquote(urlsplit(url).path[len(urlsplit(prefix).path) :])
    parts = relative.split("/")
    if not relative or "\x00" in relative or "\\" in relative or {"", ".", ".."} & set(parts):
        raise RefusedURL("not a plain static path")
    content_type = ASSET_TYPES.get(PurePosixPath(relative).suffix.lower())
    if content_type is None:
        raise RefusedURL("not an allowed asset type")
    try:
        found = finders.find(relative)
    except SuspiciousFileOperation as exc:
        raise RefusedURL("outside the static directories") from exc
    if not found:
        raise RefusedURL("no such static asset")
    return found, content_type


def make_url_fetcher():
    """A WeasyPrint URL fetcher for the portal's own static assets only. Refused URLs are
    collected in ``fetcher.refused`` (and logged); WeasyPrint renders without them."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyURLFetcher(URLFetcher):
        def __init__(self):
            # Nothing below uses urllib's handlers: fetch() is replaced wholesale.
            super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            try:
                path, content_type = resolve_static_asset(url)
                with open(path, "rb") as handle:
                    body = handle.read(MAX_ASSET_BYTES + 1)
                if len(body) > MAX_ASSET_BYTES:
                    raise RefusedURL("asset too large")
            except (RefusedURL, OSError) as exc:
                self.refused.append(url[:200])
                log.warning("pdf: refused to fetch %.200s (%s)", url, exc)
                raise RefusedURL(str(exc)) from None
            return URLFetcherResponse(url, body, headers={"Content-Type": content_type})

    return StaticOnlyURLFetcher()


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    refused: list[str] = field(default_factory=list)


def html_to_pdf(html: str, *, on_layout=None) -> RenderedPdf:
    """Lay out ``html`` and write a tagged PDF (PDF/UA-1: structure tags for screen readers,
    the document's language and title from ``<html lang>`` and ``<title>``).

    ``on_layout(pages)`` is called between layout and writing, for progress."""
    import weasyprint

    fetcher = make_url_fetcher()
    options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
    document = weasyprint.HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=fetcher).render(
        **options
    )
    if on_layout is not None:
        on_layout(len(document.pages))
    content = document.write_pdf(**options)
    return RenderedPdf(content=content, pages=len(document.pages), refused=fetcher.refused)


def watermark_pdf_context(user, job) -> dict:
    """C8: what every page of ``job``'s PDF carries for its recipient ``user`` — name, date and
    time of making, trace code. ``templates/pdf/base.html`` puts it in the page's margin
    boxes (CSS ``@page`` with running elements), so it is on every page, including pages a
    long table spills onto. The values are plain text; the template escapes them."""
    made_at = timezone.localtime(job.started_at or timezone.now())
    return {
        "recipient_name": user.get_full_name() or user.email,
        "recipient_email": user.email,
        "made_at": made_at,
        "trace_code": job.trace_code,
    }
