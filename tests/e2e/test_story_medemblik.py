"""U1, seed 000 (Medemblik): the story as the people live it, in the browser, on the demo
configuration (tests/e2e/demo_site.py).

A civil servant of the organisation organises a recording of an information market for the
council and uploads it (a real WAV made here); the pre-flight warns that the council domain
cannot watch — on the evening in Medemblik nobody found out until it was too late (R3). An
administrator signs in, sets the trust between the two domains in the Django admin (R2), and the
pre-flight now says the council can watch. The organiser publishes; a council member plays it
and seeks, and the seek is a Range request answered with 206 (R4); a council member of the other
municipality gets 404 for the same recording (T1). No response >= 500, no console error, no CSP
violation.
"""

import re
import time

import pytest

from recordings.demo import tone_wav
from tests.e2e.demo_site import choose, field, follow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ORGANISER = "ambtenaar@westerdijk.example"
ADMINISTRATOR = "beheer@westerdijk.example"
MEMBER = "raadslid1@raadwesterdijk.example"
OTHER_MEMBER = "raadslid1@raadoosterbroek.example"
TITLE = "Informatiemarkt Programmabegroting 2027"
COUNCIL_DOMAIN = "Raad en griffie Westerdijk"
SECONDS = 6


def council_row(page):
    """The pre-flight's row for the council domain: (can watch, warning badges, ok badges)."""
    row = page.locator("#preflight ~ div table tbody tr").filter(has_text=COUNCIL_DOMAIN)
    assert row.count() == 1, page.locator("main").inner_text()
    can_watch = int(row.locator("td").nth(1).inner_text().strip())
    warnings = row.locator(".utrecht-status-badge--danger").all_inner_texts()
    ok = row.locator(".utrecht-status-badge--success").count()
    return can_watch, warnings, ok


def test_u1_r2_r3_r4_medemblik_story(story, tmp_path, capsys):
    started = time.monotonic()
    organiser = story.person(ORGANISER)

    # The organiser creates the recording of the information market.
    follow(organiser, "Opnames")
    follow(organiser, "Nieuwe opname")
    field(organiser, "Soort bijeenkomst").select_option(label="Informatiemarkt")
    field(organiser, "Datum van de bijeenkomst").fill("2026-10-04")
    field(organiser, "Titel").fill(TITLE)
    field(organiser, "Te bekijken vanaf").fill("2026-10-04")
    field(organiser, "Te bekijken tot en met").fill("2027-12-31")
    follow(organiser, "Aanmaken", role="button")
    assert organiser.get_by_role("heading", name=TITLE, level=1).count() == 1
    recording_path = story.site.path(organiser.url)

    # R1: the employee who appears, informed.
    follow(organiser, "Medewerker in beeld toevoegen")
    field(organiser, "Naam").fill("Vera Vakambtenaar")
    field(organiser, "Is geïnformeerd").check()
    follow(organiser, re.compile("toevoegen|vastleggen", re.I), role="button")
    assert organiser.get_by_role("cell", name="Vera Vakambtenaar", exact=True).count() == 1

    # R7: the file, checked by content.
    follow(organiser, "Bestand uploaden")
    media = tmp_path / "informatiemarkt.wav"
    media.write_bytes(tone_wav(seconds=SECONDS))
    field(organiser, "Bestand met de opname").set_input_files(str(media))
    organiser.get_by_role("button", name="Uploaden").click()
    organiser.get_by_text(re.compile("geüpload", re.I)).first.wait_for(timeout=60_000)
    story.goto(organiser, recording_path)
    assert "audio/wav" in organiser.locator("main").inner_text()

    # Shared with the raad: the pre-flight warns that the council domain cannot watch (R3).
    follow(organiser, "Kijkrecht toevoegen")
    field(organiser, "Orgaan").select_option(label="Gemeenteraad")
    follow(organiser, "Kijkrecht toevoegen", role="button")
    can_watch, warnings, ok = council_row(organiser)
    assert can_watch == 0 and warnings and not ok, (can_watch, warnings)
    assert any(re.search("vertrouwens", w, re.I) for w in warnings), warnings  # the reason

    # The administrator sets the trust in the Django admin, signed in through the form.
    administrator = story.person(ADMINISTRATOR)
    follow(administrator, "Beheer")
    follow(administrator, re.compile("Vertrouwensrelaties tussen domeinen", re.I))
    follow(administrator, re.compile("vertrouwensrelatie tussen domeinen toevoegen", re.I))
    choose(field(administrator, "Domein dat deelt"), "Organisatie Westerdijk")
    choose(field(administrator, "Domein dat toegang krijgt"), COUNCIL_DOMAIN)
    field(administrator, "Doel").fill("Opnames van informatiemarkten voor de raad")
    administrator.locator("input[name=_save]").click()
    administrator.wait_for_load_state("load")
    assert administrator.locator(".messagelist .success").count() == 1, administrator.content()

    # The pre-flight now says the council can watch; the organiser publishes.
    story.goto(organiser, recording_path)
    can_watch, warnings, ok = council_row(organiser)
    assert can_watch >= 2 and not warnings and ok, (can_watch, warnings)
    follow(organiser, "Publiceren", role="button")
    assert organiser.locator(".utrecht-status-badge").first.inner_text() != ""

    # A council member plays it and seeks: Range → 206, with their name over the picture.
    member = story.person(MEMBER)
    stream = []
    member.on(
        "response",
        lambda r: (
            stream.append((r.status, r.request.headers.get("range")))
            if "/stream/" in r.url
            else None
        ),
    )
    follow(member, "Opnames bekijken")
    follow(member, TITLE)
    play_path = story.site.path(member.url)
    assert MEMBER in member.locator(".recordings-player__watermark").inner_text()
    duration = member.evaluate(
        """async () => {
            const v = document.querySelector('video');
            if (v.readyState < 1) {
                await new Promise(r => v.addEventListener('loadedmetadata', r, {once: true}));
            }
            v.muted = true;
            await v.play();
            return v.duration;
        }"""
    )
    assert abs(duration - SECONDS) < 0.5, duration
    position = member.evaluate(
        """async () => {
            const v = document.querySelector('video');
            const seeked = new Promise(r => v.addEventListener('seeked', r, {once: true}));
            v.currentTime = 4.5;
            await seeked;
            return v.currentTime;
        }"""
    )
    assert position >= 4.5, position
    assert any(status == 206 and rng for status, rng in stream), stream
    # A seek far into a long recording asks for the bytes from there: the same signed link,
    # asked for a part in the middle through the page's own request context (its cookies).
    src = member.locator("video").get_attribute("src")
    part = member.request.get(
        src if src.startswith("http") else story.url + src,
        headers={"Range": "bytes=40000-40999"},
    )
    assert part.status == 206 and len(part.body()) == 1000, part.status
    assert part.headers["content-range"].startswith("bytes 40000-40999/")

    # The other municipality's council member: 404 for the player and the organiser's page.
    other = story.person(OTHER_MEMBER)
    for path in (play_path, recording_path):
        story.goto(other, path, status=404)
        assert TITLE not in other.content()

    story.assert_clean()
    with capsys.disabled():
        print(
            f"\nU1 medemblik: steps=10 responses={story.watch.responses} "
            f"stream={stream} seconds={time.monotonic() - started:.0f} problems=0"
        )
