"""The demo configuration for browser tests (U1, U2): what ``bin/demo`` runs, on pytest-django's
live server.

- ``PORTAL_BACKGROUND=embedded``, ``CELERY_BROKER_URL=memory://``, no Redis (``REDIS_URL`` empty,
  the local-memory cache), ``PORTAL_REQUIRE_MFA=False``;
- the demo data of ``manage.py seed_demo``;
- the embedded background worker really running beside it: ``manage.py run_background`` in a
  subprocess against the test database, as ``bin/demo`` starts it, stopped at teardown;
- people sign in through the sign-in form with the demo password, never ``force_login``.

:class:`Watch` listens to every page of every browser context it is given and fails the test on
a console error, an uncaught page error, a response >= 500 or a Content Security Policy
violation (the ``securitypolicyviolation`` DOM event, reported by an init script, and Chromium's
own console messages about the policy).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess  # nosec B404 - a fixed argument list: this checkout's manage.py
import sys
import time
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from urllib.parse import quote, urlsplit

from django.conf import settings

from portal.demo import DEMO_PASSWORD

# Reported through the console, so one listener sees both the DOM event and Chromium's message.
CSP_INIT_SCRIPT = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('securitypolicyviolation: ' + e.violatedDirective + ' blocked '
                + (e.blockedURI || '(inline)') + ' on ' + e.documentURI);
});
"""
CSP_MARKERS = ("securitypolicyviolation", "Content Security Policy", "Content-Security-Policy")
# Chromium logs a failed subresource or document as "Failed to load resource: the server
# responded with a status of 404 (Not Found)"; the responses themselves are checked separately.
LOAD_FAILED = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")
WORKER_READY = "embedded worker: running background work"
WORKER_START_SECONDS = 120


def database_url() -> str:
    """The test database as a DATABASE_URL for the worker process (a socket folder for host
    is percent-encoded, as ``portal.settings.base.database_from_env`` expects)."""
    from django.db import connection

    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db.get("HOST") or "127.0.0.1", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{db['NAME']}"


class Worker:
    """``manage.py run_background`` in a subprocess, as ``bin/demo`` starts it."""

    def __init__(self, *, private_root: Path, site_url: str, log_path: Path):
        self.log_path = log_path
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": database_url(),
            "PORTAL_BACKGROUND": "embedded",
            "CELERY_BROKER_URL": "memory://",
            "REDIS_URL": "",
            "PORTAL_DEMO": "true",
            "PORTAL_REQUIRE_MFA": "false",
            "PORTAL_SITE_URL": site_url,
            "PORTAL_PRIVATE_MEDIA_ROOT": str(private_root),
            "PYTHONUNBUFFERED": "1",
        }
        self._log = open(log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(  # nosec B603
            [sys.executable, "manage.py", "run_background", "--interval", "0.3"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + WORKER_START_SECONDS
        while WORKER_READY not in self.log():
            if self.process.poll() is not None:
                raise RuntimeError(f"the embedded worker stopped at start:\n{self.log()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the embedded worker did not start:\n{self.log()}")
            time.sleep(0.2)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def errors(self) -> list[str]:
        """Lines of the worker's log at level ERROR, or a traceback: background work failed."""
        return [
            line
            for line in self.log().splitlines()
            if " ERROR " in line or " CRITICAL " in line or line.startswith("Traceback")
        ]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the command stops after its pass
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self._log.close()


@dataclass
class DemoSite:
    url: str
    accounts: dict  # email -> portal.demo.DemoAccount
    worker: Worker
    private_root: Path
    seed_output: str = ""

    def path(self, url: str) -> str:
        """The path (and query) of a URL of this site."""
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")


def start_demo_site(live_server, settings, private_root: Path, tmp_path: Path) -> DemoSite:
    """Configure this process as ``bin/demo`` does, seed, and start the worker."""
    from django.core.cache import cache
    from django.core.management import call_command

    from portal.demo import seed_demo

    settings.PORTAL_DEMO = True  # what bin/demo sets: seed_demo runs only then
    settings.PORTAL_REQUIRE_MFA = False
    settings.PORTAL_BACKGROUND = "embedded"
    settings.CELERY_BROKER_URL = "memory://"
    settings.REDIS_URL = ""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SITE_URL = live_server.url
    cache.clear()
    out = StringIO()
    call_command("seed_demo", stdout=out)  # what bin/demo runs
    accounts = {a.email: a for a in seed_demo()}  # idempotent: the same accounts, as objects
    worker = Worker(
        private_root=private_root, site_url=live_server.url, log_path=tmp_path / "worker.log"
    )
    return DemoSite(live_server.url, accounts, worker, private_root, out.getvalue())


@dataclass
class Problem:
    kind: str  # console | pageerror | csp | server
    where: str
    text: str

    def __str__(self):
        return f"{self.kind} on {self.where}: {self.text}"


@dataclass
class Watch:
    """Problems seen in the browser: console errors, page errors, CSP violations, 5xx.

    Chromium reports every response >= 400 as a console line "Failed to load resource". For a
    sub-resource (a stylesheet, a script, an image, a fetch, the favicon) that is a fault of the
    page. For the document itself it is the page's own status, which the test asserts where it
    matters: a form with errors answers 400 by design, another municipality's object 404."""

    site_url: str
    problems: list[Problem] = field(default_factory=list)
    responses: int = 0
    _load_failures: list[tuple[str, str, str]] = field(default_factory=list)
    _documents_4xx: set[str] = field(default_factory=set)

    def attach(self, context) -> None:
        context.add_init_script(CSP_INIT_SCRIPT)
        context.on("console", self._console)
        context.on("weberror", lambda error: self._record("pageerror", "", str(error.error)))
        context.on("response", self._response)

    def _where(self, message) -> str:
        page = getattr(message, "page", None)
        url = page.url if page is not None else ""
        return url.removeprefix(self.site_url) or url

    def _console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        if any(marker in text for marker in CSP_MARKERS):
            self._record("csp", self._where(message), text)
        elif LOAD_FAILED.search(text):
            resource = (message.location or {}).get("url", "")
            self._load_failures.append((resource, self._where(message), text))
        else:
            self._record("console", self._where(message), text)

    def _response(self, response) -> None:
        self.responses += 1
        if response.status >= 500:
            self._record("server", response.url.removeprefix(self.site_url), str(response.status))
        elif response.status >= 400 and response.request.resource_type == "document":
            self._documents_4xx.add(response.url)

    def _record(self, kind, where, text) -> None:
        self.problems.append(Problem(kind, where, text))

    def settle(self) -> None:
        """File the "Failed to load resource" lines: a document's 4xx is its status; 5xx are
        recorded with their URL by the response listener; any other is a console error."""
        for resource, where, text in self._load_failures:
            status = int(LOAD_FAILED.search(text).group(1))
            if status >= 500 or resource in self._documents_4xx:
                continue
            self._record("console", where, f"{text} ({resource.removeprefix(self.site_url)})")
        self._load_failures.clear()

    def count(self, kind: str) -> int:
        self.settle()
        return sum(1 for p in self.problems if p.kind == kind)

    def assert_clean(self) -> None:
        self.settle()
        assert not self.problems, "problems seen in the browser:\n" + "\n".join(
            str(p) for p in self.problems
        )


def sign_in(page, site_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Through the sign-in form, as a person does; fails when the form comes back."""
    page.goto(site_url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state("load")
    assert "/accounts/login/" not in page.url, f"{email} could not sign in: {page.url}"


def field(page, label: str):
    """The form field whose label starts with ``label`` (optional fields add "(niet verplicht)")."""
    labelled = page.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s|\(|:|$)"))
    return labelled.and_(page.locator("input, select, textarea"))


def choose(select, pattern: str) -> str:
    """Select the option whose text matches ``pattern`` (a regular expression); its text."""
    options = select.locator("option")
    for i in range(options.count()):
        text = options.nth(i).inner_text()
        if re.search(pattern, text):
            select.select_option(value=options.nth(i).get_attribute("value"))
            return text
    raise AssertionError(f"no option matches {pattern!r}: {options.all_inner_texts()}")


def follow(page, name, *, role: str = "link", exact: bool = False):
    """Click the first link (or button) with this accessible name and wait for the page."""
    page.get_by_role(role, name=name, exact=exact).first.click()
    getattr(page, "page", page).wait_for_load_state("load")  # a page, or a part of one


def alert_text(page) -> str:
    return " ".join(page.get_by_role("alert").all_inner_texts())


def db_call(fn):
    """Database work outside Playwright's event loop (Django refuses ORM calls inside it)."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection

    def run():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()
