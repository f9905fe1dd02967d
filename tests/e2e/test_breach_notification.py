"""U1, issue 18's done-when (L5, L9) in the browser, on the demo configuration
(tests/e2e/demo_site.py, the embedded background worker running): the privacy officer records a
breach (discovered yesterday), fills in the facts by the sections of the AP's form, records the
initial notification to the Autoriteit Persoonsgegevens as it was made yesterday, corrects a
number today and adds a supplement with the AP's reference — the first version stays as it was
— then has the worker make the notification PDF and the letter to the people affected, and
downloads both. Every page on the way is checked with axe (H1); no response >= 500, no console
error, no CSP violation, no failure in the worker."""

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from tests.e2e.demo_site import alert_text, choose, field, follow
from tests.e2e.test_story_woo import axe, with_axe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICER = "privacy@westerdijk.example"
TITLE = "Uitkeringsbrieven naar verkeerde adressen"
AP_REFERENCE = "M2026-123456"
REFERENCE = re.compile(r"LEK-\d{4}-\d+")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
WORKER_SECONDS = 120


def local(moment: datetime) -> str:
    """A datetime-local field's value: the portal's time (Europe/Amsterdam), to the minute."""
    return moment.astimezone(AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def shown(moment: datetime) -> str:
    return moment.astimezone(AMSTERDAM).strftime("%d-%m-%Y %H:%M")


def download_made_by_the_worker(page) -> bytes:
    """On the report's progress page: wait for the worker, then download as a person does."""
    link = page.get_by_role("link", name=re.compile("Download", re.I))
    link.wait_for(timeout=WORKER_SECONDS * 1000)
    with page.expect_download() as info:
        link.click()
    return info.value.path().read_bytes()


def pdf_text(data: bytes, path) -> str:
    path.write_bytes(data)
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def test_u1_l5_l9_breach_notified_supplemented_and_printed(story, capsys, tmp_path):
    started = time.monotonic()
    seen = []
    now = datetime.now(AMSTERDAM).replace(second=0, microsecond=0)
    discovered = now - timedelta(hours=30)
    notified = now - timedelta(hours=26)  # within the 72 hours; the supplement a day later
    officer = with_axe(story.person(OFFICER))

    # The breach is recorded: a leak with personal data, discovered yesterday (L2, L5).
    follow(officer, "Informatielekken")
    follow(officer, "Informatielek melden")
    field(officer, "Korte omschrijving").fill(TITLE)
    field(officer, "Wat is gelekt").fill("Brieven over uitkeringen met naam, adres en BSN")
    choose(field(officer, "Aan wie"), "^Externe partij")
    field(officer, "Ontdekt op").fill(local(discovered))
    field(officer, "Hoe ontdekt").fill("Twee inwoners belden dat zij de brief van een ander kregen")
    field(officer, "Er zijn persoonsgegevens betrokken").check()
    axe(officer, "privacy_officer", capsys, seen)
    follow(officer, "Melden", role="button", exact=True)
    case_ref = REFERENCE.search(officer.locator("main").inner_text()).group(0)
    case_path = story.site.path(officer.url)
    assert "/lekken/" in case_path, officer.url
    main = officer.locator("main").inner_text()
    assert f"Bekend geworden op {shown(discovered)}" in main, main  # L5: the clock's start
    axe(officer, "privacy_officer", capsys, seen)

    # The facts, by the sections of the AP's form (L9).
    follow(officer, "Datalekgegevens bijwerken")
    axe(officer, "privacy_officer", capsys, seen)
    field(officer, "Naam van de contactpersoon").fill("Petra Privacy")
    field(officer, "Functie").fill("Functionaris gegevensbescherming")
    field(officer, "E-mailadres").fill("fg@westerdijk.example")
    officer.get_by_label("Verstuurd naar een verkeerde ontvanger").check()
    field(officer, "Aard van de inbreuk").fill("Een batch brieven is verkeerd geadresseerd")
    officer.get_by_label("Naam-, adres- en woonplaatsgegevens").check()
    field(officer, "Aantal betrokkenen, minimaal").fill("40")
    field(officer, "Aantal betrokkenen, maximaal").fill("120")
    field(officer, "Waarschijnlijke gevolgen").fill("Anderen weten wie een uitkering krijgt")
    field(officer, "Maatregelen om het datalek").fill("De verzending is stopgezet; brieven terug")
    follow(officer, "Opslaan", role="button", exact=True)
    assert story.site.path(officer.url) == case_path, alert_text(officer)

    # The initial notification, as it was made yesterday; the AP's number is not known yet.
    follow(officer, "Melding aan de AP vastleggen")
    axe(officer, "privacy_officer", capsys, seen)
    choose(field(officer, "Fase"), "^Eerste melding")
    field(officer, "Gemeld op").fill(local(notified))
    follow(officer, "Vastleggen", role="button", exact=True)
    assert story.site.path(officer.url) == case_path, alert_text(officer)

    # A day later the count is known better: the facts change, and a supplement without the
    # AP's reference is refused with a clear message (L9), nothing recorded.
    follow(officer, "Datalekgegevens bijwerken")
    field(officer, "Aantal betrokkenen, maximaal").fill("350")
    follow(officer, "Opslaan", role="button", exact=True)
    follow(officer, "Melding aan de AP vastleggen")
    choose(field(officer, "Fase"), "^Aanvulling")
    field(officer, "Gemeld op").fill(local(now))
    field(officer, "Toelichting bij deze versie").fill("Meer betrokkenen dan eerst gedacht")
    follow(officer, "Vastleggen", role="button", exact=True)
    assert "meldnummer" in alert_text(officer).lower(), alert_text(officer)
    axe(officer, "privacy_officer", capsys, seen)  # the form with its error
    field(officer, "Meldnummer AP").fill(AP_REFERENCE)
    follow(officer, "Vastleggen", role="button", exact=True)
    assert story.site.path(officer.url) == case_path, alert_text(officer)

    versions = officer.locator("main ol").filter(has_text="Versie 1").locator(":scope > li")
    assert versions.count() == 2, versions.all_inner_texts()
    first, second = versions.nth(0).inner_text(), versions.nth(1).inner_text()
    assert f"Versie 1, Eerste melding: gemeld op {shown(notified)}" in first, first
    assert AP_REFERENCE not in first  # the supplement did not change the first version
    assert f"Versie 2, Aanvulling (art. 33 lid 4): gemeld op {shown(now)}" in second, second
    assert f"meldnummer {AP_REFERENCE}" in second, second
    versions.nth(1).locator("summary").click()  # what changed between the versions
    changes = versions.nth(1).locator("table").inner_text()
    assert "120" in changes and "350" in changes, changes
    axe(officer, "privacy_officer", capsys, seen)

    # The notification as PDF (the latest version is preselected), made by the worker.
    follow(officer, "Melding (PDF) maken", role="button")
    axe(officer, "privacy_officer", capsys, seen)
    notification = pdf_text(download_made_by_the_worker(officer), tmp_path / "melding.pdf")
    assert case_ref in notification and AP_REFERENCE in notification, notification[:500]
    assert "Versie 2 (Aanvulling" in notification, notification[:500]
    for number in range(1, 10):  # every section of the AP's form
        assert re.search(rf"(?m)^{number}\. \S", notification), (number, notification)
    assert "350" in notification and "Petra Privacy" in notification

    # The letter to the people affected (AVG art. 34(2)), made by the worker.
    story.goto(officer, case_path)
    follow(officer, "Brief aan betrokkenen (PDF) maken", role="button")
    letter = pdf_text(download_made_by_the_worker(officer), tmp_path / "brief.pdf")
    for heading in ("Wat is er gebeurd?", "Wat kan dit voor u betekenen?", "Heeft u vragen?"):
        assert heading in letter, (heading, letter[:800])
    assert "fg@westerdijk.example" in letter and "stopgezet" in letter, letter[:800]

    violations = [(url, v) for url, v in seen if v]
    assert not violations, violations
    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 breach notification: versions=2 pdfs=2 pages_axe={len(seen)} "
            f"responses={story.watch.responses} seconds={time.monotonic() - started:.0f} "
            "problems=0"
        )
