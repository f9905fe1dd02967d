"""``/robots.txt``: what crawlers may skip, and where the sitemaps are. Harvesters (the national
Woo-index, C11) start here: every sitemap an app registered (``portal.registry``) is named by
its absolute address, made from the configured site address, never from the request's Host."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from portal.downloads import DOWNLOAD_CSP
from portal.registry import sitemap_paths

# Signed-in areas answer a crawler with the sign-in page; there is nothing to index there.
DISALLOW = ("/admin/", "/accounts/")


@login_not_required
@require_http_methods(["GET", "HEAD"])
def robots_txt(request):
    site = settings.SITE_URL.rstrip("/")
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOW)]
    lines += [f"Sitemap: {site}{path}" for path in sitemap_paths()]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    return response
