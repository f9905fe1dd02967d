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
