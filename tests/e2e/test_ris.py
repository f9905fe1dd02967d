"""H1 and the clerk's part of issue 19's story (T5, C3) in the browser, on the demo data: the
council information system's page, a sync asked for, a closed agenda item confirmed as a closed
session (a form with errors first), linking a person — every page with 0 WCAG 2.1 A/AA
violations by axe-core."""

import pytest

from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLOSED_ITEM = "Grondaankoop bedrijventerrein De Vaart"  # ap-3 of the example RIS


def test_h1_t5_c3_the_clerk_syncs_and_confirms_the_closed_session(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "clerk", capsys)
    sign_in(page, base, ROLES["clerk"])

    walk.check("ris-overview", goto="/ris/")
    assert CLOSED_ITEM in page.content()
    page.get_by_role("button", name="Nu synchroniseren").click()
    page.wait_for_load_state("load")
    assert "De synchronisatie is gestart" in page.content()
    walk.check("ris-sync-requested")

    page.get_by_role("link", name="Bevestigen als besloten vergadering").first.click()
    page.wait_for_load_state("load")
    walk.check("ris-confirm")
    page.get_by_role("button", name="Opslaan").click()  # no ground, no date
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() >= 1
    walk.check("ris-confirm-errors")
    page.get_by_label("Woo art. 5.1 lid 2 sub b", exact=False).check()
    page.get_by_label("Herbeoordelen op").fill("2027-12-01")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    assert "register van geheime stukken" in page.content()
    assert "Er wacht niets op bevestiging." in page.content()

    page.get_by_role("link", name="Koppeling wijzigen").first.click()
    page.wait_for_load_state("load")
    walk.check("ris-person-link")
