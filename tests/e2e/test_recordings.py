"""R3 in the browser, the Medemblik case of seed 000: an organiser creates a recording, shares
it with the raad, sees at once that the council cannot watch, and after the administrator set
the trust publishes it; a council member finds it in the council portal. Every page is
checked with axe (H1), the form with errors included. Upload and playback come later (R4, R7).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from portal.constants import DomainKind
from portal.models import Body, DomainTrust, IdentityDomain, User
from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Informatiemarkt Programmabegroting 2027"


def in_thread(fn):
    """The database outside Playwright's event loop (Django refuses ORM calls inside it)."""

    def run():
        try:
            return fn()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def demo_world():
    org = User.objects.select_related("identity_domain").get(email=ROLES["civil_servant"])
    org = org.identity_domain
    council = IdentityDomain.objects.get(municipality=org.municipality, kind=DomainKind.COUNCIL)
    raad = Body.objects.get(municipality=org.municipality, name="Gemeenteraad")
    return org, council, raad


def test_r3_medemblik_flow_in_the_browser(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "civil_servant", capsys)
    sign_in(page, base, ROLES["civil_servant"])
    org, council, raad = in_thread(demo_world)

    page.get_by_role("link", name="Opnames", exact=False).first.click()
    page.wait_for_load_state("load")
    assert "U organiseert nog geen opnames" in page.content()
    walk.check("recordings-empty")

    page.get_by_role("link", name="Nieuwe opname").click()
    page.wait_for_load_state("load")
    walk.check("recording-form")
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Datum van de bijeenkomst", exact=True).fill("2026-10-04")
    page.get_by_label("Te bekijken vanaf", exact=True).fill("2026-12-31")
    page.get_by_label("Te bekijken tot en met", exact=True).fill("2026-10-04")
    page.get_by_role("button", name="Aanmaken").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1
    assert "ligt vóór het begin" in page.get_by_role("alert").inner_text()
    walk.check("recording-form-errors")

    page.get_by_label("Te bekijken vanaf", exact=True).fill("2026-10-04")
    page.get_by_label("Te bekijken tot en met", exact=True).fill("2027-12-31")
    page.get_by_role("button", name="Aanmaken").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name=TITLE).count() == 1

    page.get_by_role("link", name="Kijkrecht toevoegen").click()
    page.wait_for_load_state("load")
    walk.check("grant-form")
    page.locator("#id_grant-body").select_option(value=str(raad.pk))
    page.get_by_role("button", name="Kijkrecht toevoegen").click()
    page.wait_for_load_state("load")
    assert "Geen vertrouwensrelatie" in page.content()
    walk.check("recording-detail-warning")

    in_thread(  # the administrator sets the trust
        lambda: DomainTrust.objects.create(source=org, target=council, purpose="Opnames")
    )
    page.reload()
    assert "Geen vertrouwensrelatie" not in page.content()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_load_state("load")
    assert "De opname is gepubliceerd." in page.content()
    walk.check("recording-detail-published")

    page.context.clear_cookies()
    walk.role = "council_member"
    sign_in(page, base, ROLES["council_member"])
    page.get_by_role("link", name="Opnames bekijken").click()
    page.wait_for_load_state("load")
    assert TITLE in page.content()
    walk.check("recordings-available")
    walk.assert_clean()
