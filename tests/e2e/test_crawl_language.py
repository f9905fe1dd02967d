"""U3 (X7, X5): the portal in plain language, as every demo role reads it, in Dutch and in English.

Each role signs in through the sign-in form on a phone-sized window (375 px wide) and follows
every link of the site it meets, starting from its home page: same origin, GET only, one page
per URL shape (``/organen/<uuid>/`` once, whichever body), at most ``PAGE_CAP`` pages a role
and language. Every page it opens fails the test when

- its visible text cites one of our rule ids (docs/rules.md: users read the law in words);
- on a Dutch page, it shows one of the English leftovers issue 15 found (the admin's
  "Periodic tasks", allauth's "jou" …);
- a link of a menu (the main navigation, the breadcrumbs, the admin's menus) or a tile of the
  home page answers 403 or 404;
- it is wider than the window (``document.documentElement.scrollWidth > 375``: WCAG 1.4.10).

The crawl prints one line per role and language and a figure line, ``U3 plain-language: …
sessions=roles×languages pages=…``. The crawl of every account for server errors is U2's.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.e2e.demo_site import sign_in
from tests.e2e.test_pages import ROLES

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTH = 375
# A bound against a runaway walk, not a sample: a session that reaches it fails the test.
PAGE_CAP = 250
LANGUAGES = ("nl", "en")
# One account per role: the second council member and Oosterbroek's clerk have roles that
# Westerdijk's accounts already cover (U2 crawls every account).
ACCOUNTS = {r: e for r, e in ROLES.items() if r not in {"council_member_2", "clerk_oosterbroek"}}
# The admin in English is Django's own wording; the Dutch pass reads every admin page and
# tests/test_plain_language.py the portal's admin strings in both languages.
ENGLISH_SKIPS = re.compile(r"^/admin/")

_BOOK = (Path(settings.BASE_DIR) / "docs" / "rules.md").read_text(encoding="utf-8")
RULE_IDS = sorted(set(re.findall(r"^#{2,4} ([TCLRPX]\d{1,2})\b", _BOOK, re.M)))
RULE_ID = re.compile(rf"(?<![\w-])(?:{'|'.join(RULE_IDS)})(?![\w-])")
# What issue 15 found in English on Dutch pages; "jou"/"jouw" where the portal says "u".
ENGLISH_LEFTOVERS = re.compile(
    r"\b(?:Periodic tasks|Crontabs|Intervals|Solar events|Social accounts|"
    r"After you've created a user|jouw?)\b",
    re.I,
)
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Not pages to read: signing out, switching language (a POST), files and the API's JSON.
SKIP = re.compile(
    r"^/(accounts/logout|admin/logout|i18n|static|media|api)/|/download/|/bestand/|\.(pdf|csv|json|xml|zip)$"
)
# Where a link is part of a menu: the main navigation, breadcrumbs, the admin's menus.
MENU_LINKS = "nav a[href], #nav-sidebar a[href], #user-tools a[href], .breadcrumbs a[href]"
# The widest elements that stick out of the window, to say what to fix.
OVERFLOW_JS = """width => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > width + 1 && e.offsetParent !== null)
  .slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string'
       ? '.' + e.className.trim().split(/\\s+/).slice(0, 2).join('.') : ''))"""


def shape(path: str) -> str:
    """One page per URL shape: ids and numbers are placeholders."""
    path = UUID.sub("<uuid>", path)
    return re.sub(r"/\d+(?=/|$)", "/<n>", path)


@dataclass
class Session:
    role: str
    language: str
    pages: int = 0
    capped: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, what)

    def problem(self, kind: str, path: str, text: str) -> None:
        self.problems.append((kind, f"{kind} [{self.role}/{self.language}] {path}: {text}"))


def crawl(page, base: str, session: Session, *, cap: int = PAGE_CAP) -> Session:
    """Follow the site's links from the page the browser is on; check every page opened."""
    from playwright.sync_api import Error as PlaywrightError

    start = page.url.removeprefix(base)
    queue: deque[tuple[str, bool]] = deque([(start, True)])
    seen = {shape(start)}
    while queue:
        path, from_menu = queue.popleft()
        if session.pages >= cap:
            session.capped += 1
            continue
        try:
            response = page.goto(base + path, wait_until="load")
        except PlaywrightError:  # a download: not a page
            continue
        if response is None:
            continue
        session.pages += 1
        if response.status in (403, 404) and from_menu:
            session.problem("menu-link", path, str(response.status))
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        links, menu = check_page(page, path, session)
        landing = session.pages == 1
        for href in links:
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != base or SKIP.search(parts.path):
                continue
            if session.language != "nl" and ENGLISH_SKIPS.search(parts.path):
                continue
            if shape(parts.path) in seen:
                continue
            seen.add(shape(parts.path))
            queue.append((parts.path, landing or href in menu))
    return session


PAGE_JS = """menu => ({
  text: document.title + '\\n' + document.body.innerText,
  width: document.documentElement.scrollWidth,
  links: [...document.querySelectorAll('a[href]')].map(a => a.href),
  menu: [...document.querySelectorAll(menu)].map(a => a.href),
})"""


def check_page(page, path: str, session: Session) -> tuple[list[str], set[str]]:
    """The page's checks, in one round trip to the browser; its links and menu links."""
    found = page.evaluate(PAGE_JS, MENU_LINKS)
    text = found["text"]
    ids = sorted(set(RULE_ID.findall(text)))
    if ids:
        lines = [line.strip() for line in text.splitlines() if RULE_ID.search(line)]
        session.problem("rule-id", path, f"{ids} in {lines[:2]}")
    if session.language == "nl":
        leftovers = sorted({m.group(0) for m in ENGLISH_LEFTOVERS.finditer(text)})
        if leftovers:
            session.problem("english", path, str(leftovers))
    if found["width"] > WIDTH:
        culprits = page.evaluate(OVERFLOW_JS, WIDTH)
        session.problem("too-wide", path, f"{found['width']}px, {culprits}")
    return found["links"], set(found["menu"])


def choose_language(page, language: str) -> None:
    if language == "nl":
        return
    page.get_by_label("Taal").select_option(language)
    page.get_by_role("button", name="Kies").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == language


def test_u3_plain_language_every_role_both_languages(demo, browser, capsys):
    base = demo["url"]
    sessions = []
    for role, email in ACCOUNTS.items():
        for language in LANGUAGES:
            context = browser.new_context(locale="nl-NL", viewport={"width": WIDTH, "height": 800})
            page = context.new_page()
            sign_in(page, base, email)
            choose_language(page, language)
            session = crawl(page, base, Session(role, language))
            context.close()
            sessions.append(session)
            with capsys.disabled():
                print(
                    f"\nU3 crawl: role={role} language={language} pages={session.pages} "
                    f"capped={session.capped} problems={len(session.problems)}",
                    end="",
                )
    found = [(kind, what) for s in sessions for kind, what in s.problems]
    problems = [what for _, what in found]
    counts = " ".join(f"{k}={sum(kind == k for kind, _ in found)}" for k in KINDS)
    with capsys.disabled():
        print(
            f"\nU3 plain-language: roles={len(ACCOUNTS)} languages={len(LANGUAGES)} "
            f"sessions={len(sessions)} pages={sum(s.pages for s in sessions)} "
            f"capped={sum(s.capped for s in sessions)} {counts}"
        )
    assert not problems, "\n".join(problems)
    capped = [f"{s.role}/{s.language}: {s.capped}" for s in sessions if s.capped]
    assert not capped, f"stopped at the cap of {PAGE_CAP} pages, not at the end: {capped}"


KINDS = ("rule-id", "english", "menu-link", "too-wide")
