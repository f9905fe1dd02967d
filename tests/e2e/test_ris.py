"""H1 and issue 19's story (T5, C3, R8) in the browser, on the demo data: the council
information system's page, a sync asked for, a closed agenda item confirmed as a closed session
(a form with errors first), linking a person; a council member opening the demo recording and
jumping to an agenda item with captions on; the organiser replacing the captions (a refused file
first) — every page with 0 WCAG 2.1 A/AA violations by axe-core."""

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


def test_h1_r8_a_council_member_jumps_to_an_agenda_item_with_captions_on(demo, page, capsys):
    """R8: the demo recording of Oosterbroek follows the example RIS's raad meeting; the council
    member opens it, the captions track is on, and an agenda item moves the player to its
    start (player.js sets ``currentTime``; the demo's sound lasts 200 s)."""
    base = demo["url"]
    walk = Walk(page, base, "council_member", capsys)
    sign_in(page, base, "raadslid1@raadoosterbroek.example")
    walk.check("recordings-available", goto="/opnames/beschikbaar/")
    page.get_by_role("link", name="Informatiemarkt Programmabegroting (demo)").first.click()
    page.wait_for_load_state("load")
    walk.check("player-with-chapters-and-captions")
    track = page.locator('video track[kind="captions"]')
    assert track.count() == 1
    assert track.get_attribute("srclang") == "nl" and track.get_attribute("label") == "Nederlands"
    # The browser loaded the captions and shows them (the track is the default one).
    page.wait_for_function(
        "() => { const t = [...document.querySelector('video').textTracks]"
        ".find(t => t.kind === 'captions'); return t && t.mode === 'showing'"
        " && t.cues && t.cues.length === 3; }",
        timeout=15_000,
    )
    page.get_by_role("button", name="2 Begroting zwembad").click()
    page.wait_for_function(
        "() => document.querySelector('video').currentTime >= 59.5", timeout=15_000
    )
    page.get_by_role("button", name="1 Opening en mededelingen").click()
    page.wait_for_function("() => document.querySelector('video').currentTime < 30", timeout=15_000)
    assert not page.csp_errors, page.csp_errors


def test_h1_r8_the_organiser_replaces_the_captions_a_bad_file_first(demo, page, capsys, tmp_path):
    """R8 on the organiser's side: the captions form (its own page and on the recording's
    page), a file that is not WebVTT refused with the reason, then a good one accepted; every
    page 0 axe violations, the error state included."""
    from recordings.demo import CAPTIONS, TITLE

    base = demo["url"]
    walk = Walk(page, base, "civil_servant", capsys)
    sign_in(page, base, "ambtenaar@oosterbroek.example")
    page.goto(base + "/opnames/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_load_state("load")
    walk.check("recording-detail-captions")
    assert page.get_by_label("Bestand met de ondertiteling (WebVTT)").count() == 1
    walk.check("captions-form", goto=page.url.removeprefix(base) + "ondertiteling/")
    bad = tmp_path / "ondertiteling.vtt"
    bad.write_text("1\n00:00:00.000 --> 00:00:02.000\nGeen handtekening\n", encoding="utf-8")
    page.get_by_label("Bestand met de ondertiteling (WebVTT)").set_input_files(str(bad))
    page.get_by_role("button", name="Ondertiteling uploaden").click()
    page.wait_for_load_state("load")
    assert "Dit bestand is geen WebVTT-ondertiteling" in page.content()
    walk.check("captions-form-error")
    good = tmp_path / "goed.vtt"
    good.write_text(CAPTIONS, encoding="utf-8")
    page.get_by_label("Bestand met de ondertiteling (WebVTT)").set_input_files(str(good))
    page.get_by_role("button", name="Ondertiteling uploaden").click()
    page.wait_for_load_state("load")
    assert "De ondertiteling is geüpload en gecontroleerd." in page.content()
    walk.check("recording-detail-captions-replaced")
    assert not page.csp_errors, page.csp_errors
