"""U1, seed 003 (geheimhouding, Gemeentewet art. 87–89): the story as the people live it, in the
browser, on the demo configuration (tests/e2e/demo_site.py).

The clerk registers an item with a document under a Woo ground imposed by the college, shares
it with the raad through a form that offers bodies only (C4, art. 88 lid 5); a
council member opens the item and its document and downloads the watermarked PDF (C8); the
clerk resolves the copy's trace code to that member; a closed session registered by the clerk
puts its minutes under secrecy (C3). No response >= 500, no console error, no CSP violation.
"""

import re
import time

import pytest
from pypdf import PdfReader

from confidentiality.demo import minimal_pdf
from tests.e2e.demo_site import alert_text, field, follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLERK = "griffier@raadwesterdijk.example"
MEMBER = "raadslid1@raadwesterdijk.example"
MEMBER_NAME = "Rita Raadslid"
SUBJECT = "Grondruil sportpark Zuid"
DOCUMENT = "Taxatierapport sportpark"
SECRET_LINE = "Taxatiewaarde 3,1 miljoen euro"
TRACE_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
ART_88_5 = re.compile(r"88\s+lid\s+5")


def test_u1_c1_c4_c8_c3_secrecy_story(story, capsys):
    started = time.monotonic()
    clerk = story.person(CLERK)

    # The clerk registers the item: imposed by the college on a ground of Woo art. 5.1.
    follow(clerk, "Geheimhoudingsregister")
    follow(clerk, "Geheimhouding registreren")
    field(clerk, "Onderwerp").fill(SUBJECT)
    field(clerk, "Orgaan dat geheimhouding oplegde").select_option(
        label="College van burgemeester en wethouders"
    )
    clerk.get_by_label(re.compile(r"lid 2 sub b:")).check()  # C1: grouped checkboxes
    field(clerk, "Motivering").fill("Onderhandelingspositie bij de grondruil")
    field(clerk, "Heroverwegen op").fill("2027-06-30")
    follow(clerk, "Registreren", role="button")
    assert clerk.get_by_role("heading", name=SUBJECT, level=1).count() == 1
    item_path = story.site.path(clerk.url)

    # … with a document (a PDF made here).
    follow(clerk, "Document toevoegen")
    field(clerk, "Titel van een nieuw document").fill(DOCUMENT)
    field(clerk, "Bestand (PDF)").set_input_files(
        {"name": "taxatie.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf([SECRET_LINE])}
    )
    follow(clerk, "Opslaan", role="button")
    assert clerk.get_by_role("cell", name=DOCUMENT).count() == 1

    # C4: the share form offers bodies only, and says why in one line (art. 88 lid 5).
    follow(clerk, "Delen met een orgaan")
    assert clerk.locator("select[name=members]").count() == 0
    main = clerk.locator("main").inner_text()
    assert len(ART_88_5.findall(main)) == 1, main  # the law in words, once
    follow(clerk, "Delen", role="button", exact=True)  # without a body: what to choose
    assert re.search(r"orgaan", alert_text(clerk), re.I)
    story.goto(clerk, item_path)
    assert "nog met geen enkel orgaan gedeeld" in clerk.content()

    # Shared with the raad as a whole.
    follow(clerk, "Delen met een orgaan")
    body = field(clerk, "Orgaan")
    (raad,) = [o for o in body.locator("option").all_inner_texts() if o.startswith("Gemeenteraad")]
    assert re.search(r"\(\d+ huidige leden\)", raad), raad  # whom it reaches
    body.select_option(label=raad)
    follow(clerk, "Delen", role="button", exact=True)
    assert clerk.get_by_role("listitem").filter(has_text="Gemeenteraad").count() >= 1

    # The council member: the notification, the item, the document, the watermarked download.
    member = story.person(MEMBER)
    assert story.site.path(member.url) == "/raad/"
    follow(member, "Geheime stukken")  # a tile of the council portal
    assert member.get_by_role("link", name=SUBJECT).count() == 1
    follow(member, "Meldingen")  # X2: what happened, without the subject
    notice = member.get_by_role("link", name=re.compile("geheim stuk", re.I)).first
    assert SUBJECT not in notice.inner_text()
    notice.click()
    member.wait_for_load_state("load")
    assert member.get_by_role("heading", name=SUBJECT, level=1).count() == 1
    follow(member, DOCUMENT)  # "… lezen": the viewer
    assert SECRET_LINE in member.content()
    assert MEMBER_NAME in (member.locator(".secrecy-viewer").get_attribute("data-overlay") or "")
    with member.expect_download() as download_info:
        member.get_by_role("link", name=re.compile("Download", re.I)).first.click()
    download = download_info.value
    pdf_path = download.path()
    assert pdf_path.read_bytes()[:5] == b"%PDF-"
    text = "\n".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert SECRET_LINE in text and MEMBER_NAME in text, text
    code = TRACE_CODE.search(text).group(0)

    # The clerk resolves the code on the copy to the member.
    story.goto(clerk, "/geheimhouding/")
    follow(clerk, "Traceercode opzoeken")
    field(clerk, "Traceercode").fill(code)
    follow(clerk, "Opzoeken", role="button")
    result = clerk.locator("#trace-result").inner_text()
    assert MEMBER in result or MEMBER_NAME in result, result
    assert DOCUMENT in result, result

    # C3: a closed session of a committee puts its minutes under secrecy, no decision needed.
    story.goto(clerk, "/geheimhouding/")
    follow(clerk, "Besloten vergadering vastleggen")
    field(clerk, "Raad of commissie").select_option(label="Commissie Ruimte")
    field(clerk, "Datum van de vergadering").fill("2026-11-02")
    field(clerk, "Kenmerk").fill("BV-RUIMTE-7")
    clerk.get_by_label(re.compile(r"lid 2 sub e:")).check()
    field(clerk, "Heroverwegen op").fill("2027-11-02")
    # … and shares them with the committee that met, unless the clerk unticks it (C3, C4).
    assert field(clerk, "Verslag en stukken delen met het orgaan dat vergaderde").is_checked()
    follow(clerk, "Vastleggen", role="button", exact=True)
    minutes = clerk.get_by_role("link", name=re.compile(r"Verslag.*Commissie Ruimte"))
    assert minutes.count() == 1, "the minutes are not in the register"
    minutes.click()
    clerk.wait_for_load_state("load")
    assert "Commissie Ruimte" in clerk.locator("main").inner_text()
    assert "Geheim stuk" in clerk.content()  # secret by law, liftable by the committee
    shared_with = clerk.get_by_role("listitem").filter(has_text=re.compile(r"Ruimte\s*\(door"))
    assert shared_with.count() == 1  # shared with the committee that met

    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 secrecy: steps=12 responses={story.watch.responses} "
            f"seconds={time.monotonic() - started:.0f} problems=0"
        )
