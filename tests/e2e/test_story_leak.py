"""U1, seed 002 (afwegingskader informatielekken) with the GDPR breach track: the story as the
people live it, in the browser, on the demo configuration (tests/e2e/demo_site.py).

A council member downloads a watermarked copy of a secret item; later a civil servant reports a
leak with personal data involved (L2, L5). The privacy officer follows the notification to the
case, links the leaked secret item ("Koppelen wat is gelekt") — after which the case page still
opens (it answered 500 on the old SQLite demo) — answers every consideration and decides every
track (L4), sees the 72-hour clock (L5), records the notification to the Autoriteit
Persoonsgegevens (L9), has the weighing record rendered by the background worker and waits for it
on the progress page as a person does (X3), opens the access trace of the linked item and
resolves the trace code of the member's copy (L6). No response >= 500, no console error, no CSP
violation, no failure in the worker.
"""

import re
import time
from datetime import datetime

import pytest
from pypdf import PdfReader

from tests.e2e.demo_site import choose, field, follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REPORTER = "ambtenaar@westerdijk.example"
OFFICER = "privacy@westerdijk.example"
MEMBER = "raadslid2@raadwesterdijk.example"
MEMBER_NAME = "Ruud Raadslid"
LEAKED_ITEM = "DEMO-GH-001"
LEAKED_SUBJECT = "Grondaankoop bedrijventerrein De Vaart"
TITLE = "Taxatie bedrijventerrein op sociale media"
REFERENCE = re.compile(r"LEK-\d{4}-\d+")
TRACE_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")
CLOCK = re.compile(r"nog (\d+) u (\d+) min")
TRACKS = 6  # L4: inquiry, integrity, whistleblower, police report, council, press


def deadline_hours(page) -> float:
    """Hours from now to the deadline the breach clock states (its <time datetime>)."""
    stamp = page.locator("time[datetime]").first.get_attribute("datetime")
    deadline = datetime.fromisoformat(stamp)
    return (deadline - datetime.now(deadline.tzinfo)).total_seconds() / 3600


def test_u1_l2_l4_l5_l6_l9_leak_story(story, capsys):
    started = time.monotonic()

    # Before the leak: a council member downloads a watermarked copy of the secret item.
    member = story.person(MEMBER)
    follow(member, "Geheime stukken")
    follow(member, LEAKED_SUBJECT)
    with member.expect_download() as download_info:
        member.get_by_role("link", name=re.compile("Download", re.I)).first.click()
    copy = "\n".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    trace_code = TRACE_CODE.search(copy).group(0)

    # Later, a civil servant reports the leak, personal data involved. The form takes the
    # moment of discovery to the minute: the minute of the download has to be over first, or
    # the download would not count as "before the leak" (L6 traces up to that moment).
    wait_for_next_minute()
    reporter = story.person(REPORTER)
    follow(reporter, "Informatielekken")
    follow(reporter, "Informatielek melden")
    field(reporter, "Korte omschrijving").fill(TITLE)
    field(reporter, "Wat is gelekt").fill("De taxatie van de grondaankoop, met namen van verkopers")
    choose(field(reporter, "Aan wie"), "(?i)sociale media")
    field(reporter, "Hoe ontdekt").fill("Een raadslid zag een foto van het stuk op sociale media")
    field(reporter, "Er zijn persoonsgegevens betrokken").check()
    follow(reporter, "Melden", role="button", exact=True)
    reference = REFERENCE.search(reporter.locator("main").inner_text()).group(0)

    # The privacy officer follows the notification to the case; the 72-hour clock runs (L5).
    officer = story.person(OFFICER)
    follow(officer, "Meldingen")
    follow(officer, re.compile(reference))
    assert officer.get_by_role("heading", name=re.compile(TITLE), level=1).count() == 1
    case_path = story.site.path(officer.url)
    hours, _minutes = map(int, CLOCK.search(officer.locator("main").inner_text()).groups())
    assert 70 <= hours <= 72, hours
    assert 70 < deadline_hours(officer) <= 72

    # L2: what leaked is linked; the case page still opens, with the access trace.
    follow(officer, "Koppelen wat is gelekt")
    field(officer, "Kenmerk in het geheimhoudingsregister").fill(LEAKED_ITEM)
    follow(officer, "Koppelen", role="button", exact=True)
    response = story.goto(officer, case_path)
    assert response.status == 200
    assert officer.get_by_role("link", name="toegangsspoor").count() == 1

    # L4: every consideration answered with reasons.
    follow(officer, "Afwegen")
    answers = officer.locator("textarea[name^='answer_']")
    considerations = answers.count()
    assert considerations >= 10
    for i in range(considerations):
        answers.nth(i).fill(f"Antwoord {i + 1}")
        officer.locator("textarea[name^='reasons_']").nth(i).fill(f"Motivering {i + 1}")
    follow(officer, "Opslaan", role="button", exact=True)
    done, total = map(int, re.search(r"(\d+) van (\d+) afwegingen", officer.content()).groups())
    assert done == total == considerations, (done, total)

    # L4: every track decided, with date, decision-maker and reasons.
    tracks = officer.locator("main table").filter(has_text="Spoor").locator("tbody th a")
    assert tracks.count() == TRACKS, tracks.all_inner_texts()
    for name in tracks.all_inner_texts():
        follow(officer, name)
        decide(officer, name)
        follow(officer, "Besluit vastleggen", role="button")
        story.goto(officer, case_path)
    assert "nog geen besluit" not in officer.locator("main table").first.inner_text()

    # L5 (AVG art. 33(3)) and L9: the breach facts and the notification to the AP.
    follow(officer, "Datalekgegevens bijwerken")
    field(officer, "Aard van de inbreuk").fill("Foto van een geheim stuk op sociale media")
    follow(officer, "Opslaan", role="button", exact=True)
    story.goto(officer, case_path)
    follow(officer, "Melding aan de AP vastleggen")
    field(officer, "Meldnummer AP").fill("AP-2026-00077")
    follow(officer, "Vastleggen", role="button", exact=True)
    story.goto(officer, case_path)
    assert "AP-2026-00077" in officer.locator("main").inner_text()
    assert officer.locator(".utrecht-status-badge--success").filter(has_text="gemeld").count()

    # X3: the weighing record, rendered by the background worker; the progress page follows.
    follow(officer, "Afwegingsverslag (PDF) maken", role="button")
    download_link = officer.get_by_role("link", name=re.compile("Download", re.I))
    download_link.wait_for(timeout=120_000)
    with officer.expect_download() as record_info:
        download_link.click()
    record = record_info.value.path()
    assert record.read_bytes()[:5] == b"%PDF-"
    text = "\n".join(p.extract_text() for p in PdfReader(record).pages)
    assert reference in text and "AP-2026-00077" in text

    # L6: the access trace of the leaked item, and whose copy it was.
    story.goto(officer, case_path)
    follow(officer, "toegangsspoor")
    holders = officer.get_by_role("listitem").filter(has_text=MEMBER_NAME)
    assert holders.count() >= 1  # had access, via the raad
    copies = (
        officer.get_by_role("row")
        .filter(has_text=MEMBER)
        .filter(has_text=re.compile("download", re.I))
    )
    assert copies.count() == 1, officer.locator("main").inner_text()  # and took a copy, before
    story.goto(officer, case_path)
    follow(officer, "Traceercode opzoeken")
    field(officer, "Traceercode").fill(trace_code)
    follow(officer, "Opzoeken", role="button")
    assert MEMBER_NAME in officer.locator("main").inner_text()

    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 leak: steps=13 tracks={TRACKS} responses={story.watch.responses} "
            f"seconds={time.monotonic() - started:.0f} problems=0"
        )


def wait_for_next_minute() -> None:
    time.sleep(60.5 - datetime.now().second - datetime.now().microsecond / 1e6)


def decide(page, track: str) -> None:
    """One track's decision: the police report is declined, the council informed under
    secrecy, the others taken."""
    police = "272" in track
    page.get_by_label("Niet" if police else "Wel", exact=True).check()
    field(page, "Besluitvormer").fill("Gemeentesecretaris")
    field(page, "Motivering").fill(f"Besluit over: {track}")
    if "raad" in track.lower():
        mode = field(page, "Hoe is de raad geïnformeerd")
        if mode.count():
            choose(mode, "(?i)geheim")
            field(page, "Kenmerk van het geheime stuk").fill(LEAKED_ITEM)
