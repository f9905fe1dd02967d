"""R3 in the browser, the Medemblik case of seed 000: an organiser creates a recording, shares
it with the raad, sees at once that the council cannot watch, and after the administrator set
the trust publishes it; a council member finds it in the council portal. Every page is
checked with axe (H1), the form with errors included.

Then the rest of issue 6 in the same browser: the organiser uploads the recording (R7, with its
progress bar), runs the pre-flight and a test invitation to a council member (R3), shares it
with the raad and publishes; the council member, signed in to the council domain, plays it and
seeks (R4: the seek is a Range request answered with 206), with their name over the picture.
"""

import pytest

from portal.constants import DomainKind
from portal.models import Body, DomainTrust, IdentityDomain, User
from recordings.demo import tone_wav
from tests.e2e.demo_site import db_call as in_thread
from tests.e2e.test_pages import ROLES, Walk, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Informatiemarkt Programmabegroting 2027"
SECONDS = 6


def demo_world():
    org = User.objects.select_related("identity_domain").get(email=ROLES["civil_servant"])
    org = org.identity_domain
    council = IdentityDomain.objects.get(municipality=org.municipality, kind=DomainKind.COUNCIL)
    raad = Body.objects.get(municipality=org.municipality, name="Gemeenteraad")
    return org, council, raad


def test_r3_r4_r7_medemblik_flow_in_the_browser(demo, page, capsys, tmp_path):
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

    walk.check("recording-detail-new")

    # R7: the upload, with its progress bar (static JS, XHR), checked by content.
    page.get_by_role("link", name="Bestand uploaden").click()
    page.wait_for_load_state("load")
    walk.check("upload-form")
    bad = tmp_path / "notulen.mp4"
    bad.write_bytes(b"%PDF-1.7 not a recording" + b" " * 200)
    page.get_by_label("Bestand met de opname").set_input_files(str(bad))
    page.get_by_role("button", name="Uploaden").click()
    page.wait_for_selector("text=geen opname")
    walk.check("upload-form-errors")
    media = tmp_path / "informatiemarkt.wav"
    media.write_bytes(tone_wav(seconds=SECONDS))
    page.get_by_label("Bestand met de opname").set_input_files(str(media))
    page.get_by_role("button", name="Uploaden").click()
    page.wait_for_selector("text=De opname is geüpload en gecontroleerd.")
    assert "audio/wav" in page.content()

    page.get_by_role("link", name="Kijkrecht toevoegen").click()
    page.wait_for_load_state("load")
    walk.check("grant-form")
    page.locator("#id_grant-body").select_option(value=str(raad.pk))
    page.get_by_role("button", name="Kijkrecht toevoegen").click()
    page.wait_for_load_state("load")
    assert "Geen vertrouwensrelatie" in page.content()
    walk.check("recording-detail-warning")

    # R3: a test invitation to a council member says it would not work yet, and why.
    member = in_thread(lambda: User.objects.get(email=ROLES["council_member"]))
    page.get_by_role("link", name="Testuitnodiging versturen").click()
    page.wait_for_load_state("load")
    page.locator("#id_user").select_option(value=str(member.pk))
    page.get_by_role("button", name="Testuitnodiging versturen").click()
    page.wait_for_load_state("load")
    assert "Zou niet werken" in page.content()
    walk.check("test-invitation-fails")

    in_thread(  # the administrator sets the trust
        lambda: DomainTrust.objects.create(source=org, target=council, purpose="Opnames")
    )
    page.locator("#id_user").select_option(value=str(member.pk))
    page.get_by_role("button", name="Testuitnodiging versturen").click()
    page.wait_for_load_state("load")
    assert "Zou werken" in page.content() and "Zou niet werken" not in page.content()
    walk.check("test-invitation-works")

    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_load_state("load")
    assert "Geen vertrouwensrelatie" not in page.content()
    page.get_by_role("button", name="Publiceren").click()
    page.wait_for_load_state("load")
    assert "De opname is gepubliceerd." in page.content()
    walk.check("recording-detail-published")
    detail = page.url.removeprefix(base)
    walk.check("withdraw-form", goto=f"{detail}intrekken/")
    page.get_by_role("button", name="Intrekken").click()  # no reasons: refused, nothing changes
    page.wait_for_load_state("load")
    assert "Geef de redenen" in page.content()
    walk.check("withdraw-form-errors")

    page.context.clear_cookies()
    walk.role = "council_member"
    sign_in(page, base, ROLES["council_member"])
    page.get_by_role("link", name="Opnames bekijken").click()
    page.wait_for_load_state("load")
    assert TITLE in page.content()
    walk.check("recordings-available")

    # R4: the council member plays it and seeks; the seek is a Range request → 206.
    ranges = []
    page.on(
        "response",
        lambda r: (
            ranges.append((r.status, r.request.headers.get("range")))
            if "/stream/" in r.url
            else None
        ),
    )
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_load_state("load")
    watermark = page.locator(".recordings-player__watermark").inner_text()
    assert member.email in watermark
    walk.check("player")
    duration = page.evaluate(
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
    position = page.evaluate(
        """async () => {
            const v = document.querySelector('video');
            const seeked = new Promise(r => v.addEventListener('seeked', r, {once: true}));
            v.currentTime = 4;
            await seeked;
            return v.currentTime;
        }"""
    )
    assert position >= 4, position
    # Chromium makes a media seekable beyond what it has buffered only when the server
    # answers Range with 206; the stream's answers are recorded above.
    seekable = page.evaluate(
        "() => { const s = document.querySelector('video').seekable;"
        " return s.length ? s.end(s.length - 1) : 0; }"
    )
    assert abs(seekable - SECONDS) < 0.5, seekable
    # The same signed link, asked for a part in the middle, from the viewer's browser.
    status, length, content_range = page.evaluate(
        """async () => {
            const r = await fetch(document.querySelector('video').src,
                                  {headers: {Range: 'bytes=40000-40999'}});
            return [r.status, (await r.arrayBuffer()).byteLength, r.headers.get('Content-Range')];
        }"""
    )
    assert (status, length) == (206, 1000), (status, length)
    assert content_range.startswith("bytes 40000-40999/"), content_range
    assert any(status == 206 and rng for status, rng in ranges), ranges
    walk.check("my-appearances", goto="/opnames/in-beeld/")
    with capsys.disabled():
        print(f"\nR4 browser: duration={duration:.2f}s seeked_to={position:.2f}s stream={ranges}")
    walk.assert_clean()
