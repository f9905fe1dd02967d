"""L2–L5 in the browser: a civil servant reports a leak with personal data; the privacy
officer weighs it, records the notification to the Autoriteit Persoonsgegevens within the
72-hour clock, and downloads the weighing record made by the PDF worker. Every page is checked
with axe (H1), the report form with errors included."""

import pytest

from portal.background import run_message
from portal.models import OutboxMessage
from tests.e2e.test_pages import ROLES, Walk, sign_in
from tests.e2e.test_recordings import in_thread

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Bezwaarmakerslijst in app-groep"


def render_reports():
    """The PDF worker, run once (no worker runs next to the live server)."""
    for message in OutboxMessage.objects.filter(task_name="portal.render_report", status="pending"):
        run_message(message.pk)


def test_l5_report_weigh_notify_and_download_in_the_browser(demo, page, capsys):
    base = demo["url"]

    # 1. a civil servant reports a leak with personal data
    walk = Walk(page, base, "civil_servant", capsys)
    sign_in(page, base, ROLES["civil_servant"])
    page.get_by_role("link", name="Informatielekken").first.click()
    page.wait_for_load_state("load")
    walk.check("leak-list-empty")
    page.get_by_role("link", name="Informatielek melden").click()
    page.wait_for_load_state("load")
    walk.check("leak-report-form")
    page.get_by_role("button", name="Melden", exact=True).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1
    walk.check("leak-report-form-errors")
    page.get_by_label("Korte omschrijving", exact=True).fill(TITLE)
    page.get_by_label("Wat is gelekt", exact=True).fill("Namen en adressen van 40 bezwaarmakers")
    page.get_by_label("Aan wie", exact=True).select_option("social_media")
    page.get_by_label("Hoe ontdekt", exact=True).fill("Een bewoner belde het KCC")
    page.get_by_label("Er zijn persoonsgegevens betrokken").check()
    page.get_by_role("button", name="Melden", exact=True).click()
    page.wait_for_load_state("load")
    assert "Uw melding is ontvangen onder kenmerk" in page.content()
    walk.check("leak-report-received")
    walk.check("leak-list-of-reporter", goto="/lekken/")
    assert TITLE not in page.content()  # L3: the reporter does not see the case
    walk.assert_clean()

    # 2. the privacy officer weighs it
    page.context.clear_cookies()
    walk = Walk(page, base, "privacy_officer", capsys)
    sign_in(page, base, ROLES["privacy_officer"])
    walk.check("leak-dashboard", goto="/lekken/overzicht/")
    assert "nog 71 u" in page.content() or "nog 72 u" in page.content()  # the clock runs
    page.goto(base + "/lekken/?q=" + TITLE.replace(" ", "+"))
    page.locator("main table a").first.click()
    page.wait_for_load_state("load")
    assert TITLE in page.content()
    walk.check("leak-case-detail")
    case_url = page.url

    page.get_by_role("link", name="Afwegen").click()
    page.wait_for_load_state("load")
    walk.check("leak-weigh")
    page.get_by_label("Welke informatie is gelekt en hoe vertrouwelijk was zij?").fill(
        "Een adreslijst"
    )
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").count() == 1  # an answer without reasons (L4)
    walk.check("leak-weigh-errors")
    page.locator("textarea[name^='reasons_']").first.fill("Staat in de app-groep")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("load")
    assert "De afweging is opgeslagen." in page.content()

    page.get_by_role("link", name="Aangifte (art. 272 Wetboek van Strafrecht)").click()
    page.wait_for_load_state("load")
    walk.check("leak-track-police")
    page.get_by_label("Niet", exact=True).check()
    page.get_by_label("Besluitvormer", exact=True).fill("Gemeentesecretaris")
    page.get_by_label("Motivering", exact=True).fill(
        "Geen aanwijzing voor opzet; eerst intern onderzoek"
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.wait_for_load_state("load")
    assert "Het besluit is vastgelegd." in page.content()

    page.get_by_role("link", name="Datalekgegevens bijwerken").click()
    page.wait_for_load_state("load")
    walk.check("leak-breach-form")
    page.get_by_label("Aard van de inbreuk (art. 33 lid 3 sub a)").fill("Lijst gedeeld in app")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    page.wait_for_load_state("load")

    # 3. the notification to the AP, within the clock
    page.get_by_role("link", name="Melding aan de AP vastleggen").click()
    page.wait_for_load_state("load")
    walk.check("leak-breach-notify")
    page.get_by_label("Meldnummer AP").fill("AP-2026-00042")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    page.wait_for_load_state("load")
    assert "De melding aan de Autoriteit Persoonsgegevens is vastgelegd." in page.content()
    assert "AP-2026-00042" in page.content()
    walk.check("leak-case-notified")
    walk.check("leak-breach-register", goto="/lekken/datalekregister/")
    assert "AP-2026-00042" in page.content()

    # 4. the weighing record, made by the worker, downloaded
    page.goto(case_url)
    page.get_by_role("button", name="Afwegingsverslag (PDF) maken").click()
    page.wait_for_load_state("load")
    in_thread(render_reports)
    page.reload()
    page.wait_for_load_state("load")
    walk.check("leak-weighing-record-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download de PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("afwegingsverslag-")
    assert download.suggested_filename.endswith(".pdf")
    trace_code = download.suggested_filename.removesuffix(".pdf")[-14:]

    # 5. L6: what leaked, who had access, whose copy it was; L3: the case team
    page.goto(case_url)
    page.get_by_role("link", name="Koppelen wat is gelekt").click()
    page.wait_for_load_state("load")
    walk.check("leak-link-form")
    page.get_by_label("Kenmerk in het geheimhoudingsregister").fill("DEMO-GH-001")
    page.get_by_role("button", name="Koppelen", exact=True).click()
    page.wait_for_load_state("load")
    assert "De koppeling is toegevoegd." in page.content()
    page.get_by_role("link", name="toegangsspoor").click()
    page.wait_for_load_state("load")
    assert "Had toegang" in page.content()
    walk.check("leak-access-trace")
    page.goto(case_url)
    page.get_by_role("link", name="Traceercode opzoeken").click()
    page.wait_for_load_state("load")
    page.get_by_label("Traceercode", exact=True).fill(trace_code)
    page.get_by_role("button", name="Opzoeken").click()
    page.wait_for_load_state("load")
    assert "hoort bij het exemplaar van Priya" in page.content()
    walk.check("leak-trace-code")
    page.goto(case_url)
    page.get_by_role("link", name="Zaakteam", exact=True).click()
    page.wait_for_load_state("load")
    page.get_by_label("Persoon", exact=True).select_option(label="Ingrid Integriteit (Westerdijk)")
    page.get_by_role("button", name="Toevoegen").click()
    page.wait_for_load_state("load")
    assert "De persoon is aan het zaakteam toegevoegd." in page.content()
    walk.check("leak-team", goto=case_url.removeprefix(base) + "zaakteam/")
    walk.assert_clean()
