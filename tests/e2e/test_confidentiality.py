"""C4 and C8 in the browser: a clerk registers a secret item (after a refused attempt without a
ground, C1), adds its document and shares it with the raad; a council member opens it in the
viewer and downloads a watermarked PDF; the clerk resolves the PDF's trace code to that member.
Every page visited is checked with axe (H1), the form with errors and the public register (C9)
included."""

import re

import pytest
from pypdf import PdfReader

from confidentiality.demo import minimal_pdf
from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SUBJECT = "Grondruil sportpark Zuid"
PUBLIC_SUBJECT = "Grondtransactie sportpark"  # C9: what the public register shows
TRACE_CODE = re.compile(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}")


def open_link(page, name):
    page.get_by_role("link", name=name).first.click()
    page.wait_for_load_state("load")


def test_c4_c8_register_share_open_download_and_trace_in_the_browser(demo, page, capsys):
    base = demo["url"]
    walk = Walk(page, base, "clerk", capsys)
    sign_in(page, base, ROLES["clerk"])

    open_link(page, "Geheimhoudingsregister")
    assert "Onderzoeksrapport integriteit aanbesteding" in page.content()  # demo data
    walk.check("register")
    page.get_by_role("link", name="Geheimhouding registreren").click()
    page.wait_for_load_state("load")
    walk.check("item-form")

    page.get_by_label("Onderwerp", exact=True).fill(SUBJECT)
    page.get_by_label("Openbaar onderwerp").fill(PUBLIC_SUBJECT)
    page.get_by_label("Orgaan dat geheimhouding oplegde").select_option(
        label="College van burgemeester en wethouders"
    )
    page.get_by_label("Motivering").fill("Onderhandelingspositie bij de grondruil")
    page.get_by_label("Heroverwegen op").fill("2027-06-30")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_load_state("load")
    alert = page.get_by_role("alert")
    assert "Kies ten minste één grond uit Woo art. 5.1 lid 1 of 2." in alert.inner_text()
    walk.check("item-form-errors")

    for ground in ("lid 2 sub b:", "lid 2 sub f:"):  # C1: grouped checkboxes
        page.get_by_label(re.compile(re.escape(ground))).check()
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", name=SUBJECT, exact=True).count() == 1
    walk.check("item-detail")

    page.get_by_role("link", name="Document toevoegen").click()
    page.wait_for_load_state("load")
    walk.check("document-form")
    page.get_by_label("Titel van een nieuw document").fill("Taxatierapport sportpark")
    page.get_by_label("Bestand (PDF)").set_input_files(
        {
            "name": "taxatie.pdf",
            "mimeType": "application/pdf",
            "buffer": minimal_pdf(["Taxatiewaarde 3,1 miljoen euro"]),
        }
    )
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state("load")
    assert "Het document is opgeslagen." in page.content()

    page.get_by_role("link", name="Delen met een orgaan").click()
    page.wait_for_load_state("load")
    walk.check("share-form")
    body = page.locator("#id_body")  # C4: bodies with their current members, "Gemeenteraad (n …)"
    (raad,) = [o for o in body.locator("option").all_inner_texts() if o.startswith("Gemeenteraad")]
    body.select_option(label=raad)
    page.get_by_role("button", name="Delen").click()
    page.wait_for_load_state("load")
    assert "Het stuk is gedeeld." in page.content()
    walk.check("item-detail-shared")
    item_path = page.url.removeprefix(base)
    for label, path in [
        ("passage-form", f"{item_path}passages/"),
        ("review-form", f"{item_path}heroverwegen/"),
        ("lift-form", f"{item_path}opheffen/"),
        ("closed-session-form", "/geheimhouding/besloten-vergadering/"),
        ("exclusion-form", "/geheimhouding/uitsluitingen/nieuw/"),
        ("exclusions", "/geheimhouding/uitsluitingen/"),
        ("register-filtered", "/geheimhouding/?status=active&ground=5.1.2.b&due=1"),
        ("yearly-review-request", "/rapporten/nieuw/confidentiality_yearly_review/"),
    ]:
        walk.check(label, goto=path, expect_status=200)

    # The council member: the item in the council portal, the viewer, the download.
    page.context.clear_cookies()
    walk.role = "council_member"
    sign_in(page, base, ROLES["council_member"])
    open_link(page, "Geheime stukken")
    walk.check("shared-list")
    open_link(page, SUBJECT)
    walk.check("shared-detail")
    open_link(page, "Taxatierapport sportpark lezen")
    assert "Taxatiewaarde 3,1 miljoen euro" in page.content()
    assert page.locator(".secrecy-viewer[data-overlay*='Rita Raadslid']").count() == 1
    walk.check("viewer")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Downloaden (PDF met watermerk)").click()
    pdf = download_info.value
    text = "\n".join(p.extract_text() for p in PdfReader(pdf.path()).pages)
    assert "Taxatiewaarde 3,1 miljoen euro" in text
    assert "Persoonlijk exemplaar van Rita Raadslid" in text
    code = TRACE_CODE.search(text).group(0)
    assert code in pdf.suggested_filename

    # The clerk resolves the code on the leaked copy to the member.
    page.context.clear_cookies()
    walk.role = "clerk"
    sign_in(page, base, ROLES["clerk"])
    page.goto(base + "/geheimhouding/")
    open_link(page, "Traceercode opzoeken")
    walk.check("trace-form")
    page.get_by_label("Traceercode", exact=True).fill(code.lower())
    page.get_by_role("button", name="Opzoeken").click()
    page.wait_for_load_state("load")
    result = page.locator("#trace-result").inner_text()
    assert ROLES["council_member"] in result
    assert "Taxatierapport sportpark" in result
    walk.check("trace-result")

    # C9: the public register, signed out.
    page.context.clear_cookies()
    walk.role = "anonymous"
    walk.check("public-register", goto="/geheimhouding/openbaar/westerdijk/", expect_status=200)
    assert PUBLIC_SUBJECT in page.content()
    assert SUBJECT not in page.content()  # never the internal title
    assert "Onderhandelingspositie" not in page.content()
    walk.assert_clean()
