"""H1: every main page, as each demo role, signed in through the real sign-in form, has 0
WCAG 2.1 A/AA violations by axe-core — error states included (a form with errors, a failed
sign-in, a 404). Each page prints ``H1 axe: page=… role=… violations=N`` and leaves a
screenshot in .artifacts/screenshots/ (git-ignored) for a person to look at.

axe-core comes from node_modules (npm ci) and is added with ``add_init_script`` rather than
``add_script_tag``: a script tag would be inline script, which the portal's CSP refuses, and
switching CSP off for the test would hide the violations that this test also reports.
"""

import re
from dataclasses import dataclass, field

import pytest

from portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import SCREENSHOTS

# serialized_rollback: the live server needs committed data, and the flush after each test
# would otherwise also remove the role groups that a data migration created.
pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# role label → demo account (README "Demo accounts"); Oosterbroek's clerk shows the second theme.
ROLES = {
    "clerk": "griffier@raadwesterdijk.example",
    "civil_servant": "ambtenaar@westerdijk.example",
    "privacy_officer": "privacy@westerdijk.example",
    "integrity_officer": "integriteit@westerdijk.example",
    "management": "cmt@westerdijk.example",
    "council_member": "raadslid1@raadwesterdijk.example",
    "council_member_2": "raadslid2@raadwesterdijk.example",
    "committee_member": "commissielid@raadwesterdijk.example",
    "administrator": "beheer@westerdijk.example",
    "superuser": "servicecentrum@ssc.example",
    "clerk_oosterbroek": "griffier@raadoosterbroek.example",
}


@dataclass
class Walk:
    page: object
    base: str
    role: str
    capsys: object
    results: list = field(default_factory=list)

    def check(self, label: str, *, goto: str | None = None, expect_status: int | None = None):
        """Open ``goto`` (or stay on the current page), run axe, screenshot, print one line."""
        if goto is not None:
            response = self.page.goto(self.base + goto)
            if expect_status is not None:
                assert response.status == expect_status, (goto, response.status)
        self.page.wait_for_load_state("load")
        path = self.page.url.removeprefix(self.base)
        result = self.page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            AXE_TAGS,
        )
        violations = result["violations"]
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", f"{self.role}-{label}".lower()).strip("-")
        self.page.screenshot(path=str(SCREENSHOTS / f"{slug}.png"), full_page=True)
        with self.capsys.disabled():
            print(f"\nH1 axe: page={path} role={self.role} violations={len(violations)}", end="")
            for v in violations:
                targets = [" ".join(n["target"]) for n in v["nodes"][:3]]
                print(f"\n    {v['id']} ({v['impact']}): {v['help']} → {targets}", end="")
        self.results.append((path, violations, list(self.page.csp_errors)))
        self.page.csp_errors.clear()

    def assert_clean(self):
        bad = [(p, [v["id"] for v in vs]) for p, vs, _ in self.results if vs]
        csp = [(p, errors) for p, _, errors in self.results if errors]
        assert not bad, f"axe WCAG 2.1 A/AA violations for {self.role}: {bad}"
        assert not csp, f"CSP violations for {self.role}: {csp}"


def sign_in(page, base, email, password=DEMO_PASSWORD):
    page.goto(base + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state("load")


def nav_links(page) -> list[str]:
    """The main navigation's links, minus the Django admin (not ours to restyle)."""
    hrefs = page.eval_on_selector_all(
        "nav.portal-nav a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [h for h in hrefs if not h.startswith("/admin/")]


@pytest.mark.parametrize("role", list(ROLES))
def test_h1_axe_every_page_for_role(role, demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, role, capsys)
    sign_in(page, base, ROLES[role])
    assert "/accounts/login/" not in page.url, f"{role} could not sign in"
    walk.check("start")
    landing = page.url.removeprefix(base)
    for href in nav_links(page):
        if href != landing:
            walk.check(href.strip("/") or "home", goto=href)
        if href == "/organen/":
            raad = page.get_by_role("link", name="Gemeenteraad")  # has members
            if raad.count():
                raad.click()
                walk.check("body-detail")
        if href == "/audit/":
            first_event = page.locator("main table a").first
            if first_event.count():
                first_event.click()
                walk.check("audit-detail")
            walk.check("report-form", goto="/rapporten/nieuw/audit_extract/")
    walk.check("notification-preferences", goto="/meldingen/voorkeuren/")
    walk.check("two-step-verification", goto="/accounts/2fa/")
    walk.check("accessibility", goto="/toegankelijkheid/")
    walk.check("not-found", goto="/bestaat-niet/", expect_status=404)
    walk.assert_clean()


def test_h1_axe_error_states(demo, page, capsys):
    """A failed sign-in and a form with errors say what is wrong, and stay accessible."""
    base = demo["url"]
    walk = Walk(page, base, "anonymous", capsys)
    walk.check("login", goto="/accounts/login/")
    walk.check("accessibility", goto="/toegankelijkheid/")
    sign_in(page, base, ROLES["clerk"], password="wrong-password")
    assert page.get_by_role("alert").count() == 1
    walk.check("login-error")

    walk.role = "clerk"
    sign_in(page, base, ROLES["clerk"])
    page.goto(base + "/organen/")
    page.get_by_role("link", name="Gemeenteraad").click()
    page.get_by_role("button", name="Toevoegen").click()  # the add-member form, left empty
    page.wait_for_load_state("load")
    alert = page.get_by_role("alert")
    assert alert.count() == 1
    assert "Persoon" in alert.inner_text()
    # Keyboard focus starts at the error summary (WCAG 2.4.3), not at the top of the page.
    assert page.evaluate("document.activeElement.classList.contains('portal-error-summary')")
    # The field says it is invalid and which message describes it (WCAG 3.3.1).
    person = page.get_by_label("Persoon")
    assert person.get_attribute("aria-invalid") == "true"
    assert "error" in person.get_attribute("aria-describedby")
    walk.check("membership-form-errors")
    walk.assert_clean()


def test_x5_language_switch_in_the_browser(demo, page, capsys):
    """X5: English is one choice away in the header, and the English pages are accessible too."""
    base = demo["url"]
    walk = Walk(page, base, "civil_servant-en", capsys)
    sign_in(page, base, ROLES["civil_servant"])
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Kies").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    walk.check("home")
    walk.check("bodies", goto="/organen/")
    walk.assert_clean()


LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="96" height="48" viewBox="0 0 96 48">'
    b'<rect width="96" height="48" rx="6" fill="#5b2c6f"/>'
    b'<circle cx="24" cy="24" r="14" fill="#fff"/></svg>'
)


@pytest.fixture
def oosterbroek_logo(demo):
    """Set before the browser starts: no database work while Playwright's loop runs."""
    from django.core.files.base import ContentFile

    from portal.models import Municipality

    oosterbroek = Municipality.objects.get(slug="oosterbroek")
    oosterbroek.logo = ContentFile(LOGO, name="logo.svg")
    oosterbroek.full_clean()  # as the admin form does: the content is checked
    oosterbroek.save()


def test_theme_per_municipality(demo, oosterbroek_logo, page, capsys):
    """Each municipality's colour and logo reach the page through its own stylesheet and logo
    URL (no inline style), and the header with a logo stays accessible."""
    base = demo["url"]
    walk = Walk(page, base, "clerk_oosterbroek-logo", capsys)
    sign_in(page, base, ROLES["clerk_oosterbroek"])
    nav_colour = page.eval_on_selector(
        "nav.portal-nav", "el => getComputedStyle(el).backgroundColor"
    )
    assert nav_colour == "rgb(91, 44, 111)"  # Oosterbroek's #5b2c6f
    assert page.locator("link[href^='/thema/oosterbroek.css']").count() == 1
    logo = page.locator("img.portal-brand__logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    walk.check("home")
    walk.assert_clean()
    nav_colour = page.eval_on_selector(
        "nav.portal-nav", "el => getComputedStyle(el).backgroundColor"
    )
    assert nav_colour == "rgb(91, 44, 111)"  # Oosterbroek's #5b2c6f
    assert page.locator("link[href^='/thema/oosterbroek.css']").count() == 1
