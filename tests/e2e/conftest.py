"""Browser tests (H1): Playwright from PyPI driving Debian's chromium — never a browser that
Playwright downloads — against pytest-django's live server with the demo data.

Outside CI a missing chromium, Playwright or axe-core (npm) skips these tests with the reason;
with CI=true it fails them, so a green CI always means the pages were checked.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache

CHROMIUM = os.environ.get("PORTAL_E2E_CHROMIUM", "/usr/bin/chromium")
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(settings.BASE_DIR) / ".artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -e '.[dev]')"
    if not (os.access(CHROMIUM, os.X_OK) or shutil.which(CHROMIUM)):
        return f"{CHROMIUM} is missing (apt-get install chromium; bin/test does this with CI=true)"
    if not AXE.is_file():
        return f"{AXE.relative_to(settings.BASE_DIR)} is missing (npm ci; bin/test runs it)"
    return None


@pytest.fixture
def browser():
    """Chromium for one test. Function-scoped on purpose: Playwright's sync API runs an event
    loop in this thread while it is started, and Django refuses database work (the live
    server's flush after the test) from a thread with a running loop."""
    reason = _missing()
    if reason:
        if IN_CI:
            pytest.fail(f"CI=true but the browser tests cannot run: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def demo(transactional_db, live_server, settings):
    """The demo world on a live server; MFA off (it has its own tests), login throttling reset."""
    from portal.demo import seed_demo

    settings.PORTAL_REQUIRE_MFA = False
    cache.clear()
    accounts = seed_demo()
    return {"url": live_server.url, "accounts": {a.email: a for a in accounts}}


@pytest.fixture
def page(browser):
    """A fresh browser context per test: no cookies carried over, CSP enforced as in production,
    axe-core injected into every document, CSP violations collected."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda msg: (
            page.csp_errors.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture
def demo_site(transactional_db, live_server, settings, private_storage, tmp_path):
    """U1/U2: the live server on the configuration ``bin/demo`` runs, with the demo data and
    the embedded background worker (``manage.py run_background``) running beside it; the
    worker is stopped before the test database is flushed."""
    from tests.e2e.demo_site import start_demo_site

    site = start_demo_site(live_server, settings, private_storage, tmp_path)
    yield site
    site.worker.stop()


class Story:
    """The people of one story, each in a browser context of their own (no cookie shared),
    signed in through the sign-in form; every context is watched (console errors, page errors,
    CSP violations, responses >= 500)."""

    def __init__(self, browser, site):
        from tests.e2e.demo_site import Watch

        self.browser = browser
        self.site = site
        self.url = site.url
        self.watch = Watch(site.url)
        self.contexts = []

    def new_page(self, *, accept_downloads=True):
        context = self.browser.new_context(
            locale="nl-NL",
            viewport={"width": 1280, "height": 900},
            accept_downloads=accept_downloads,
        )
        self.watch.attach(context)
        self.contexts.append(context)
        return context.new_page()

    def person(self, email):
        """A new browser for ``email``, signed in through the form."""
        from tests.e2e.demo_site import sign_in

        page = self.new_page()
        sign_in(page, self.url, email)
        return page

    def goto(self, page, path, *, status=200):
        response = page.goto(self.url + path)
        actual = response.status if response is not None else None
        assert actual == status, (path, actual)
        return response

    def assert_clean(self):
        """Nothing went wrong in any browser, nor in the background worker."""
        self.watch.assert_clean()
        errors = self.site.worker.errors()
        assert not errors, "the background worker failed:\n" + self.site.worker.log()

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def story(demo_site, browser):
    """``demo_site`` before ``browser``: the seeding is database work, which Django refuses
    from this thread once Playwright's event loop runs in it."""
    story = Story(browser, demo_site)
    yield story
    story.close()
