"""R8: captions (WebVTT) per recording, WCAG 2.1 SC 1.2.2. The organiser uploads them on the
recording's page; the file is checked by content (signature, UTF-8, cue timings, no markup
that is not WebVTT's) and size, stored under a generated name on private storage, audited once;
the player shows them as a captions track served in the player's scope; while a recording
shared with viewers has none, the organiser is warned."""

import html

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url

from portal.constants import AuditResult
from portal.models import AuditEvent
from portal.roles import Role
from recordings.captions import check_webvtt
from recordings.conf import viewing_storage
from recordings.models import Recording
from tests.recordings.test_playback import play_url, shared  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

VTT = (
    "WEBVTT\n\nNOTE gemaakt in een ondertitelprogramma\n\n"
    "1\n00:00:00.000 --> 00:00:04.500\n<v Voorzitter>Ik open de vergadering.\n\n"
    "00:01:00.000 --> 00:01:03.000 line:90%\nAgendapunt 2: <i>de begroting</i> & het café\n"
).encode()


def captions_url(recording):
    return f"/opnames/{recording.uuid}/ondertiteling/"


def track_url(recording):
    return f"/opnames/{recording.uuid}/ondertiteling.vtt"


def _post(client, recording, data: bytes, name="ondertiteling.vtt"):
    return client.post(
        captions_url(recording), {"file": SimpleUploadedFile(name, data, "text/vtt")}
    )


def _events(result):
    return AuditEvent.objects.filter(action="recording.captions", result=result).count()


@pytest.mark.parametrize(
    "data,code",
    [
        (b"\xef\xbb\xbf" + VTT, None),  # a byte-order mark is allowed
        (VTT.replace(b"\n", b"\r\n"), None),
        (b"", "empty"),
        (b"1\n00:00:00.000 --> 00:00:01.000\nHallo\n", "wrong_type"),
        (b"WEBVTTX\n\n00:00.000 --> 00:01.000\nHallo\n", "wrong_type"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nHall\xe9\n", "encoding"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\n", "polyglot"),
        (
            b"WEBVTT\n\nSTYLE\n::cue { background: url(x) }\n\n00:00.000 --> 00:01.000\nA\n",
            "polyglot",
        ),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nA\n" + b"PK\x03\x04rest", "polyglot"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nA\x07\n", "polyglot"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nTerug in de tijd\n", "malformed"),
        (b"WEBVTT\n\n00:61.000 --> 00:62.000\nGeen minuut\n", "malformed"),
        (b"WEBVTT\n\n00:00.000 -> 00:01.000\nPijl\n", "malformed"),
        (b"WEBVTT\n\nalleen tekst\n", "malformed"),
        (b"WEBVTT\n\nNOTE niets\n", "no_cues"),
    ],
)
def test_r8_captions_are_checked_by_content(data, code):
    problem = check_webvtt(data)
    assert (problem.code if problem else None) == code


def test_r8_the_organiser_uploads_captions_stored_privately_and_audited_once(
    world,
    login,
    organiser,
    shared,  # noqa: F811
    private_storage,
):
    client = login(organiser)
    page = client.get(f"/opnames/{shared.uuid}/").content.decode()
    assert f'action="{captions_url(shared)}"' in page  # the form on the recording's page
    response = _post(client, shared, VTT, name="../../etc/evil.vtt")
    assert response.status_code == 302
    shared.refresh_from_db()
    assert shared.captions.name.startswith(f"recordings/{shared.municipality.uuid}/")
    assert "evil" not in shared.captions.name and shared.captions.name.endswith(".vtt")
    assert viewing_storage().open(shared.captions.name).read() == VTT
    assert _events(AuditResult.SUCCESS) == 1
    # A second file replaces the first, which is deleted after commit.
    first = shared.captions.name
    assert _post(client, shared, VTT.replace(b"vergadering", b"zitting")).status_code == 302
    shared.refresh_from_db()
    assert shared.captions.name != first and _events(AuditResult.SUCCESS) == 2


@pytest.mark.parametrize(
    "data,message",
    [
        (b"%PDF-1.4\n", "Dit bestand is geen WebVTT-ondertiteling"),
        (b"WEBVTT\n\n00:02.000 --> 00:01.000\nA\n", "De tijden in de ondertiteling kloppen niet"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nHall\xe9\n", "niet in UTF-8"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\n<b>A</b><iframe src=x>\n", "niet alleen"),
    ],
)
def test_r8_captions_refused_by_content_with_a_clear_message_nothing_stored(
    login,
    organiser,
    shared,  # noqa: F811
    private_storage,
    data,
    message,
):
    before = {p for p in private_storage.rglob("*") if p.is_file()}
    response = _post(login(organiser), shared, data)
    assert response.status_code == 400
    assert message in html.unescape(response.content.decode())
    assert {p for p in private_storage.rglob("*") if p.is_file()} == before
    assert not Recording.objects.get(pk=shared.pk).captions
    assert _events(AuditResult.DENIED) == 1 and _events(AuditResult.SUCCESS) == 0


def test_r8_captions_over_the_size_limit_are_refused(
    settings,
    login,
    organiser,
    shared,  # noqa: F811
    private_storage,
):
    settings.RECORDINGS_MAX_CAPTIONS_BYTES = len(VTT) - 1
    response = _post(login(organiser), shared, VTT)
    assert response.status_code == 400
    assert "groter dan" in html.unescape(response.content.decode())
    assert not Recording.objects.get(pk=shared.pk).captions
    assert _events(AuditResult.DENIED) == 1


def _captioned(client, recording):
    assert _post(client, recording, VTT).status_code == 302


def test_r8_the_player_shows_the_captions_track_in_the_players_scope(
    world,
    login,
    organiser,
    shared,  # noqa: F811
    private_storage,
):
    member = login(world.a.users[Role.COUNCIL_MEMBER])
    assert 'kind="captions"' not in member.get(play_url(shared)).content.decode()
    assert member.get(track_url(shared)).status_code == 404  # none yet
    _captioned(login(organiser), shared)
    page = member.get(play_url(shared)).content.decode()
    assert (
        f'<track kind="captions" srclang="nl" label="Nederlands" src="{track_url(shared)}"' in page
    )
    track = member.get(track_url(shared))
    assert track.status_code == 200 and track["Content-Type"] == "text/vtt; charset=utf-8"
    assert track["X-Content-Type-Options"] == "nosniff" and b"".join(track) == VTT
    # Another municipality: 404 for the track and the upload; anonymous: to the sign-in.
    stranger = login(world.b.users[Role.COUNCIL_MEMBER])
    assert stranger.get(track_url(shared)).status_code == 404
    other_clerk = login(world.b.users[Role.CLERK])
    assert other_clerk.get(captions_url(shared)).status_code == 404
    assert _post(other_clerk, shared, VTT).status_code == 404
    anonymous = member.__class__()
    for url in (track_url(shared), captions_url(shared)):
        response = anonymous.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_r8_the_organiser_is_warned_while_a_shared_recording_has_no_captions(
    login,
    organiser,
    shared,  # noqa: F811
    recording,
    private_storage,
):
    client = login(organiser)
    warning = "heeft nog geen ondertiteling"
    assert warning in client.get(f"/opnames/{shared.uuid}/").content.decode()
    # Not shared with anyone: no warning (yet).
    assert warning not in client.get(f"/opnames/{recording.uuid}/").content.decode()
    _captioned(client, shared)
    assert warning not in client.get(f"/opnames/{shared.uuid}/").content.decode()


def test_r8_the_demo_recording_follows_the_example_meeting_with_captions(private_storage):
    """The demo (recordings seeded after ris): Oosterbroek's recording follows the raad
    meeting of the example RIS, whose three agenda items are its chapters, and has captions
    that pass the upload's own check; seeding twice changes nothing."""
    from portal.demo import seed_demo
    from recordings.chapters import chapters_for

    seed_demo()
    recording = Recording.objects.get(municipality__slug="oosterbroek")
    first = (recording.meeting_uuid, recording.captions.name)
    seed_demo()
    recording.refresh_from_db()
    assert (recording.meeting_uuid, recording.captions.name) == first
    assert [c.start for c in chapters_for(recording)] == [0.0, 60.0, 180.0]
    assert check_webvtt((private_storage / recording.captions.name).read_bytes()) is None
