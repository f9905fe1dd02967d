"""U1, seed 004 (Haarlem, motion "Big data en privacy"): the story as the people live it, in the
browser, on the demo configuration (tests/e2e/demo_site.py).

The clerk registers a motion with its two assignments to the college (P1); the owner, a civil
servant, reports progress on each; the clerk links the college letters that report the
execution and records the council's acceptance (afdoening) of each, which closes the motion (P2);
the council member sees every assignment and the motion as done ("afgedaan") in the read-only
council portal (P4, X4). No response >= 500, no console error, no CSP violation.
"""

import re
import time

import pytest

from tests.e2e.demo_site import choose, field, follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CLERK = "griffier@raadwesterdijk.example"
OWNER = "ambtenaar@westerdijk.example"
MEMBER = "raadslid1@raadwesterdijk.example"
NUMBER = "23"
TITLE = "Big data en privacy – een ongelukkig huwelijk (2026)"
ASSIGNMENTS = [
    ("De taakomschrijving van de interne auditor uitbreiden met privacyrisico's.", "RIB-2026-31"),
    ("Zich inzetten voor de groep die digitaal niet meekomt (Digivangnet).", "RIB-2026-32"),
]


def status_of(page, ref: str) -> str:
    """The status badge of one assignment row in the motions-and-commitments overview."""
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"Motie {ref}"))
    assert row.count() == 1, page.locator("main").inner_text()
    return row.locator("td").last.inner_text().strip()


def test_u1_p1_p2_p4_motion_story(story, capsys):
    started = time.monotonic()
    clerk = story.person(CLERK)

    # P1: the motion, adopted, with two assignments owned by the civil servant.
    follow(clerk, "Moties en toezeggingen")
    follow(clerk, "Nieuwe motie")
    field(clerk, "Nummer").fill(NUMBER)
    field(clerk, "Titel").fill(TITLE)
    field(clerk, "Vergadering").fill("Kadernota 2026")
    field(clerk, "Datum van de vergadering").fill("2026-07-09")
    field(clerk, "Indieners").fill("D66, GroenLinks")
    field(clerk, "Tekst van de motie").fill("Verzoekt het college 1. … 2. …")
    follow(clerk, "Registreren", role="button")
    assert clerk.get_by_role("heading", name=re.compile(re.escape(TITLE)), level=1).count() == 1
    motion_path = story.site.path(clerk.url)
    for description, _letter in ASSIGNMENTS:
        follow(clerk, "Opdracht toevoegen")
        field(clerk, "Omschrijving").fill(description)
        field(clerk, "Portefeuillehouder").fill("Wethouder Bedrijfsvoering")
        choose(field(clerk, "Eigenaar"), "Anton Ambtenaar")
        field(clerk, "Uiterste datum").fill("2027-06-30")
        follow(clerk, "Opdracht toevoegen", role="button")
        story.goto(clerk, motion_path)
    assert clerk.locator("main tbody tr").count() == 2

    # The owner reports progress on each assignment.
    owner = story.person(OWNER)
    for index in (1, 2):
        follow(owner, "Moties en toezeggingen")
        follow(owner, f"Motie {NUMBER}.{index}")
        follow(owner, "Voortgang melden")
        field(owner, "Voortgang").fill(f"Stap {index}: plan van aanpak vastgesteld.")
        follow(owner, "Voortgang vastleggen", role="button")
        assert "plan van aanpak vastgesteld" in owner.locator("main").inner_text()
    follow(owner, "Moties en toezeggingen")
    assert "uitvoering" in status_of(owner, f"{NUMBER}.1")

    # P2: the clerk links the college letter of each and records the council's acceptance.
    for index, (_description, letter) in enumerate(ASSIGNMENTS, start=1):
        follow(clerk, "Moties en toezeggingen")
        follow(clerk, f"Motie {NUMBER}.{index}")
        form = clerk.get_by_role("form", name="Brief koppelen")
        choose(field(form, "Soort stuk"), "(?i)raadsinformatiebrief|brief")
        field(form, "Kenmerk").fill(letter)
        field(form, "Onderwerp").fill("Uitvoering motie Big data en privacy")
        field(form, "Datum van de brief").fill("2026-11-20")
        follow(form, "Brief koppelen", role="button")
        assert letter in clerk.locator("main").inner_text()
        form = clerk.get_by_role("form", name=re.compile("Afdoening"))
        field(form, "Besluit van afdoening").fill(f"Raadsbesluit 2026/{40 + index}")
        follow(form, "Afdoening vastleggen", role="button")
        assert f"Raadsbesluit 2026/{40 + index}" in clerk.locator("main").inner_text()
    # P2: with the last assignment accepted the motion is done by itself.
    story.goto(clerk, motion_path)
    assert "afgedaan" in clerk.locator("main dl").first.inner_text()
    assert clerk.get_by_role("button", name="Motie afdoen").count() == 0

    # P4, X4: the council member sees it done, and can change nothing.
    member = story.person(MEMBER)
    follow(member, "Moties en toezeggingen")
    for index in (1, 2):
        assert status_of(member, f"{NUMBER}.{index}") == "afgedaan"
    assert member.get_by_role("link", name="Nieuwe motie").count() == 0
    follow(member, "Alle moties")
    row = member.get_by_role("row").filter(has=member.get_by_role("link", name=NUMBER, exact=True))
    assert "afgedaan" in row.inner_text() and "2 / 2" in row.inner_text(), row.inner_text()

    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 motion: steps=9 responses={story.watch.responses} "
            f"seconds={time.monotonic() - started:.0f} problems=0"
        )
