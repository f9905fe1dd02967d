"""U2: a browser that follows every same-origin link a signed-in person can reach (GET only).

:class:`Crawler` walks breadth first from where the sign-in landed, with one browser page whose
context a :class:`tests.e2e.demo_site.Watch` listens to (console errors, page errors, CSP
violations, responses >= 500, sub-resources included). Redirects are followed.

- The first ``rendered_per_pattern`` paths of each URL pattern are opened in the browser, as a
  person opens them (``page.goto``): the page, its styles, scripts and images, under the CSP.
  The others of the same pattern (the same template with another object) and every download
  are fetched through the context's request API — the same cookies, the same server, links
  read from the HTML — which is what lets the walk reach every object in reasonable time.
- Every distinct path is visited, up to ``paths_per_pattern`` per pattern: a pattern with more
  is a cap that was hit, named in :attr:`CrawlResult.capped` (the test fails on it: U2 asks
  for the end). ``bounded`` patterns (pages the crawl makes itself, such as audit events of
  its own visits) stop at their bound without failing, counted in ``bounded_skipped``.
- Query-string variants of one path (sorting, filters, pages of a list) are visited up to
  ``variants_per_path``; the others are counted in ``variants_skipped`` — they show the same
  objects again in another order or selection.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Not followed: signing out (ends the walk), the admin's delete confirmations and log-out, the
# JavaScript catalogue and static files (the browser loads those with the pages).
SKIP = re.compile(
    r"^/(accounts/logout/|admin/logout/|admin/.+/delete/|i18n/|jsi18n/|static/|media/)"
)


class Hrefs(HTMLParser):
    """The ``href`` of every ``<a>`` of an HTML page the browser did not render."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


# Query parameters that carry where a person came from, not what a page shows: the admin's
# preserved list filters on every link of a change page. Dropped, so a page counts once.
STATE_PARAMS = frozenset({"_changelist_filters"})


@dataclass
class Visit:
    path: str
    status: int | None
    kind: str  # "page" (rendered by the browser), "fetched" (HTML, not rendered), "file"
    came_from: str


@dataclass
class CrawlResult:
    email: str
    visits: list[Visit] = field(default_factory=list)
    capped: dict[str, int] = field(default_factory=dict)  # pattern -> paths not visited
    variants_skipped: int = 0
    bounded_skipped: int = 0

    @property
    def server_errors(self) -> list[Visit]:
        return [v for v in self.visits if v.status is None or v.status >= 500]

    def statuses(self) -> Counter:
        return Counter(v.status for v in self.visits)


def pattern_of(path: str) -> str:
    """The URL pattern a path belongs to (``geheimhouding/<uuid:uuid>/``), or the path."""
    try:
        return resolve(urlsplit(path).path).route or path
    except Resolver404:
        return urlsplit(path).path


class Crawler:
    def __init__(
        self,
        page,
        site_url: str,
        email: str,
        *,
        paths_per_pattern: int = 200,
        variants_per_path: int = 4,
        rendered_per_pattern: int = 3,
        bounded: dict[str, int] | None = None,
        skip: re.Pattern = SKIP,
    ):
        self.page = page
        self.site_url = site_url.rstrip("/")
        self.netloc = urlsplit(self.site_url).netloc
        self.paths_per_pattern = paths_per_pattern
        self.variants_per_path = variants_per_path
        self.rendered_per_pattern = rendered_per_pattern
        self.bounded = bounded or {}
        self.skip = skip
        self.result = CrawlResult(email)
        self._queued: set[str] = set()
        self._paths_of_pattern: dict[str, set[str]] = {}
        self._variants_of_path: Counter = Counter()
        self._rendered: Counter = Counter()

    def same_origin_path(self, href: str, base: str) -> str | None:
        """``/path?query`` of a same-origin http(s) link, without its fragment; else None."""
        url = urlsplit(urljoin(base, href))
        if url.scheme not in ("http", "https") or url.netloc != self.netloc:
            return None
        query = urlencode(
            [
                (k, v)
                for k, v in parse_qsl(url.query, keep_blank_values=True)
                if k not in STATE_PARAMS
            ]
        )
        return url.path + (f"?{query}" if query else "")

    def _admit(self, path: str) -> bool:
        """Whether ``path`` is to be visited; counts what the bounds leave out."""
        if path in self._queued or self.skip.match(path):
            return False
        self._queued.add(path)
        bare = urlsplit(path).path
        if bare != path:  # a query-string variant of a page
            if self._variants_of_path[bare] >= self.variants_per_path:
                self.result.variants_skipped += 1
                return False
            self._variants_of_path[bare] += 1
        pattern = pattern_of(bare)
        paths = self._paths_of_pattern.setdefault(pattern, set())
        if bare not in paths:
            if pattern in self.bounded and len(paths) >= self.bounded[pattern]:
                self.result.bounded_skipped += 1
                return False
            if len(paths) >= self.paths_per_pattern:
                self.result.capped[pattern] = self.result.capped.get(pattern, 0) + 1
                return False
        paths.add(bare)
        return True

    def _render(self, path: str):
        """In the browser, as a person opens it: (status, kind, final URL, links), or None
        when the browser does not show it (a download)."""
        from playwright.sync_api import Error

        try:
            response = self.page.goto(self.site_url + path, wait_until="load")
        except Error:  # "Download is starting", or content the page cannot show
            return None
        if response is None:
            return None
        if "text/html" not in response.headers.get("content-type", ""):
            return response.status, "file", self.page.url, []
        hrefs = self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        return response.status, "page", self.page.url, hrefs

    def _fetch(self, path: str):
        """Through the context's request API (its cookies; redirects followed), not rendered:
        (status, kind, final URL, links)."""
        fetched = self.page.context.request.get(self.site_url + path)
        try:
            if "text/html" not in fetched.headers.get("content-type", ""):
                return fetched.status, "file", fetched.url, []
            parser = Hrefs()
            parser.feed(fetched.text())
            return fetched.status, "fetched", fetched.url, parser.hrefs
        finally:
            fetched.dispose()

    def _open(self, path: str):
        """The first pages of each pattern are rendered (console, CSP, sub-resources watched);
        the others, and downloads, are fetched."""
        pattern = pattern_of(urlsplit(path).path)
        if self._rendered[pattern] < self.rendered_per_pattern:
            self._rendered[pattern] += 1
            shown = self._render(path)
            if shown is not None:
                return shown
        return self._fetch(path)

    def run(self, *starts: str) -> CrawlResult:
        queue: list[tuple[str, str]] = []
        for start in starts:
            path = self.same_origin_path(start, self.site_url + "/")
            if path and self._admit(path):
                queue.append((path, "(start)"))
        while queue:
            path, came_from = queue.pop(0)
            status, kind, final_url, hrefs = self._open(path)
            self.result.visits.append(Visit(path, status, kind, came_from))
            if status != 200:
                continue
            final_path = self.same_origin_path(final_url, final_url)
            if final_path and final_path != path:  # a redirect: the landing page counts as seen
                self._admit(final_path)
            for href in hrefs:
                target = self.same_origin_path(href, final_url)
                if target and self._admit(target):
                    queue.append((target, path))
        return self.result
