"""C11: the sitemaps the national Woo-index harvests, per municipality — an index and its pages
of at most 50,000 documents (sitemaps.org 0.9 with DiWoo 0.9.8). Built from the database on
every request, so a change to a publication is in them at once; ``Last-Modified`` says when the
municipality's publications last changed. ``/robots.txt`` (the core's) names the indexes."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from portal.downloads import DOWNLOAD_CSP

from .. import selectors, sitemaps
from ..conf import sitemap_page_size

CONTENT_TYPE = "application/xml; charset=utf-8"


def _response(chunks, last_change):
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPE)
    if last_change is not None:
        response["Last-Modified"] = http_date(last_change.timestamp())
    # Not a page of the portal: an XML file opened in a browser could carry script (an XHTML
    # namespace), so it is sandboxed like every file (D3), though served inline for crawlers.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response


def _paginator(municipality):
    paginator = Paginator(selectors.sitemap_documents(municipality), sitemap_page_size())
    if paginator.count == 0:
        raise Http404  # an empty urlset is not a sitemap (sitemaps.org: one url or more)
    return paginator


@login_not_required
@require_GET
def sitemap_index(request, slug):
    municipality = selectors.public_municipality_get(slug)
    paginator = _paginator(municipality)
    last_change = selectors.sitemap_last_change(municipality)
    return _response(sitemaps.index(slug, paginator.num_pages, last_change), last_change)


@login_not_required
@require_GET
def sitemap_page(request, slug, page):
    municipality = selectors.public_municipality_get(slug)
    paginator = _paginator(municipality)
    if not 1 <= page <= paginator.num_pages:
        raise Http404
    documents = paginator.page(page).object_list
    return _response(
        sitemaps.urlset(slug, municipality.name, documents.iterator(chunk_size=2000)),
        selectors.sitemap_last_change(municipality),
    )
