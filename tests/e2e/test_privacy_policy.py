"""P1–P4 in the browser, seed 004: the clerk registers motion 15 "Big data en privacy" with its
two assignments, the owner reports progress, and the council member sees the status change in
the read-only council portal. Every page is checked with axe (H1), the form with errors
included; a second walk covers the policy pages (P5–P8) as the privacy officer."""

import pytest

from tests.e2e.demo_site import db_call as in_thread
from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Big data en privacy – een ongelukkig huwelijk"
OWNER = "Anton Ambtenaar (Westerdijk)"


def remove_demo_motions():
    """The demo already holds motion 15 for Westerdijk: the clerk registers it afresh."""
    from privacy_policy.models import Assignment, Commitment, Motion, ProgressUpdate

    ProgressUpdate.objects.filter(assignment__municipality__slug="westerdijk").delete()
    Assignment.objects.filter(municipality__slug="westerdijk").delete()
    Motion.objects.filter(municipality__slug="westerdijk").delete()
    Commitment.objects.filter(municipality__slug="westerdijk").delete()


def row_text(page, ref):
    return page.locator("main tbody tr", has_text=f"Motie {ref}").inner_text()


def council_sees(page, base, walk, label):
    page.context.clear_cookies()
    walk.role = "council_member"
    sign_in(page, base, ROLES["council_member"])
    page.get_by_role("link", name="Moties en toezeggingen").first.click()
    page.wait_for_load_state("load")
    assert page.get_by_role("link", name="Nieuwe motie").count() == 0  # read-only (X4)
    walk.check(label)


def add_assignment(page, walk, description, deadline, owner=None, check=None):
    page.get_by_role("link", name="Opdracht toevoegen").click()
    page.wait_for_load_state("load")
    if check:
        walk.check(check)
    page.get_by_label("Omschrijving").fill(description)
    page.get_by_label("Portefeuillehouder").fill("Wethouder Bedrijfsvoering")
    if owner:
        page.get_by_label("Eigenaar (meldt de voortgang)").select_option(label=owner)
    page.get_by_label("Uiterste datum").fill(deadline)
    page.get_by_role("button", name="Opdracht toevoegen").click()
    page.wait_for_load_state("load")
    assert "De opdracht is toegevoegd." in page.content()


def test_p1_p4_motion_15_from_clerk_to_owner_to_council(demo, page, capsys):
    base = demo["url"]
    in_thread(remove_demo_motions)
    walk = Walk(page, base, "clerk", capsys)
    sign_in(page, base, ROLES["clerk"])
    page.get_by_role("link", name="Moties en toezeggingen").first.click()
    page.wait_for_load_state("load")
    assert "Er zijn nog geen opdrachten of toezeggingen." in page.content()
    walk.check("overview-empty")

    page.get_by_role("link", name="Nieuwe motie").first.click()
    page.wait_for_load_state("load")
    walk.check("motion-form")
    page.get_by_role("button", name="Registreren").click()  # empty: errors
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1
    walk.check("motion-form-errors")
    page.get_by_label("Nummer").fill("15")
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Vergadering", exact=True).fill("Kadernota 2016")
    page.get_by_label("Datum van de vergadering").fill("2016-07-07")
    page.get_by_label("Indieners").fill("D66, GroenLinks")
    page.get_by_label("Tekst van de motie").fill("Verzoekt het college ...")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == f"Motie 15: {TITLE}"

    add_assignment(
        page,
        walk,
        "De taakomschrijving van de interne auditor uitbreiden met privacyrisico's van big data.",
        "2027-06-30",
        owner=OWNER,
        check="assignment-form",
    )
    add_assignment(page, walk, "Zich inzetten op de groep digibeten.", "2027-03-31")
    assert page.locator("main tbody tr").count() == 2
    walk.check("motion-detail")
    page.get_by_role("button", name="Motie afdoen").click()  # too early: P2 refuses
    page.wait_for_load_state("load")
    assert "mist nog de brief" in page.content()
    walk.check("motion-detail-refused")

    council_sees(page, base, walk, "council-overview-new")
    assert "nieuw" in row_text(page, "15.1")

    page.context.clear_cookies()
    walk.role = "civil_servant"
    sign_in(page, base, ROLES["civil_servant"])
    page.goto(base + "/privacy/")
    page.get_by_role("link", name="Motie 15.1").click()
    page.wait_for_load_state("load")
    walk.check("assignment-detail-owner")
    page.get_by_role("link", name="Voortgang melden").click()
    page.wait_for_load_state("load")
    walk.check("progress-form")
    page.get_by_role("textbox", name="Voortgang").fill(
        "Privacynota met normenkader gaat in Q1 naar de raad."
    )
    page.get_by_role("button", name="Voortgang vastleggen").click()
    page.wait_for_load_state("load")
    assert "De voortgang is vastgelegd." in page.content()
    walk.check("assignment-detail-progress")

    council_sees(page, base, walk, "council-overview-in-progress")
    assert "in uitvoering" in row_text(page, "15.1")
    assert "nieuw" in row_text(page, "15.2")
    page.get_by_role("link", name="Motie 15.1").click()
    page.wait_for_load_state("load")
    assert "Privacynota met normenkader" in page.content()
    assert page.get_by_role("link", name="Voortgang melden").count() == 0
    walk.check("council-assignment-detail")
    walk.assert_clean()


def test_h1_axe_policy_pages_as_the_privacy_officer(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "privacy_officer", capsys)
    sign_in(page, base, ROLES["privacy_officer"])
    page.get_by_role("link", name="Privacybeleid").first.click()
    page.wait_for_load_state("load")
    walk.check("policy-overview")
    for name in ("Privacynota", "Normenkader privacy", "Plan van aanpak Digivangnet"):
        page.get_by_role("link", name=name, exact=True).click()
        page.wait_for_load_state("load")
        walk.check(f"policy-{name}")
        page.go_back()
    page.get_by_role("link", name="Voorbeeldbeleid").first.click()
    page.wait_for_load_state("load")
    walk.check("model-policies")
    page.get_by_role("link", name="Gegevensverwerking en privacy in het sociaal domein").click()
    page.wait_for_load_state("load")
    assert "Zonder toestemming alleen bij acute zorg." in page.content()  # own deviation
    assert "Gemeente Oosterbroek" not in page.content()  # T1
    walk.check("model-policy-detail")
    page.get_by_role("link", name="Afwijking vastleggen").click()
    page.wait_for_load_state("load")
    page.get_by_role("button", name="Afwijking vastleggen").click()  # empty: errors
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1
    walk.check("deviation-form-errors")
    page.goto(base + "/privacy/voorbeeldbeleid/")
    page.get_by_role("link", name="Gegevensverwerking en privacy in het sociaal domein").click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Vaststelling bijwerken").click()
    page.wait_for_load_state("load")
    walk.check("adoption-form")
    walk.check("overview", goto="/privacy/")
    walk.check("motion-list", goto="/privacy/moties/")
    walk.check("progress-report-form", goto="/privacy/voortgangsrapportage/")
    for label, path in (
        ("document-form", "/privacy/beleid/stukken/nieuw/"),
        ("framework-form", "/privacy/beleid/normenkaders/nieuw/"),
        ("plan-form", "/privacy/beleid/plannen/nieuw/"),
    ):
        walk.check(label, goto=path)
    page.get_by_role("button", name="Vastleggen").click()  # empty: errors
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1
    walk.check("plan-form-errors")
    walk.check("policy-overview-again", goto="/privacy/beleid/")
    page.get_by_role("link", name="Normenkader privacy", exact=True).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Audit plannen").click()
    page.wait_for_load_state("load")
    walk.check("audit-plan-form")
    page.go_back()
    page.get_by_role("link", name="Maatregel vastleggen").first.click()
    page.wait_for_load_state("load")
    walk.check("measure-form")
    walk.check("policy-overview-last", goto="/privacy/beleid/")
    page.get_by_role("link", name="Plan van aanpak Digivangnet", exact=True).click()
    page.wait_for_load_state("load")
    page.get_by_role("link", name="Evaluatie vastleggen").click()
    page.wait_for_load_state("load")
    walk.check("evaluation-form")
    walk.assert_clean()


def test_h1_axe_commitment_pages_as_the_clerk(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "clerk", capsys)
    sign_in(page, base, ROLES["clerk"])
    walk.check("commitment-form", goto="/privacy/toezeggingen/nieuw/")
    page.goto(base + "/privacy/?kind=commitment")
    page.get_by_role("link", name="Toezegging T2016-08").click()
    page.wait_for_load_state("load")
    walk.check("commitment-detail")
    page.get_by_label("Besluit van afdoening").fill("Raadsbesluit 2017/3")
    page.get_by_role("button", name="Afdoening vastleggen").click()  # no letter yet: P2
    page.wait_for_load_state("load")
    assert "de brief over de uitvoering is gekoppeld" in page.get_by_role("alert").inner_text()
    walk.check("commitment-accept-errors")
    walk.assert_clean()
