"""R8: a recording follows its meeting from the council information system (T5); its agenda
items are chapters in the player, a WebVTT chapters track and a list to jump to."""

import datetime

import pytest
from django.utils import timezone

from portal.roles import Role
from recordings.chapters import chapters_for, meeting_choices, webvtt_chapters
from ris.models import AgendaItem, Meeting
from tests.recordings.test_playback import play_url, shared  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    start = timezone.make_aware(datetime.datetime(2026, 11, 12, 19, 30))
    meeting = Meeting.objects.create(
        municipality=world.a.municipality,
        body=world.a.raad,
        ris_id="vg-1",
        name="Raadsvergadering",
        date=start.date(),
        starts_at=start,
    )
    for n, (minute, title) in enumerate(
        [(0, "Opening"), (1, "Begroting <zwembad>"), (3, "Sluiting")]
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            ris_id=f"ap-{n}",
            position=n,
            label=str(n + 1),
            title=title,
            starts_at=start + datetime.timedelta(minutes=minute),
        )
    return meeting


def test_r8_the_agenda_items_of_the_meeting_are_the_recordings_chapters(world, meeting, shared):  # noqa: F811
    assert (str(meeting.uuid), "12-11-2026 Raadsvergadering") in meeting_choices(
        world.a.municipality.pk
    )
    assert meeting_choices(world.b.municipality.pk) == []  # T1: another municipality's meetings
    shared.meeting_uuid = meeting.uuid
    shared.save(update_fields=["meeting_uuid"])
    chapters = chapters_for(shared)
    assert [(c.start, c.end, c.title) for c in chapters] == [
        (0.0, 60.0, "1 Opening"),
        (60.0, 180.0, "2 Begroting <zwembad>"),
        (180.0, 181.0, "3 Sluiting"),
    ]
    vtt = webvtt_chapters(chapters)
    assert vtt.startswith("WEBVTT\n\n1\n00:00:00.000 --> 00:01:00.000\n1 Opening\n")
    assert "00:01:00.000 --> 00:03:00.000\n2 Begroting &lt;zwembad&gt;" in vtt


def test_r8_the_player_offers_the_chapters_to_jump_to_and_serves_the_track(
    world,
    login,
    meeting,
    shared,  # noqa: F811
):
    shared.meeting_uuid = meeting.uuid
    shared.save(update_fields=["meeting_uuid"])
    member = login(world.a.users[Role.COUNCIL_MEMBER])
    page = member.get(play_url(shared)).content.decode()
    assert 'kind="chapters"' in page and 'data-chapter-start="60"' in page
    track = member.get(f"/opnames/{shared.uuid}/hoofdstukken.vtt")
    assert track.status_code == 200 and track["Content-Type"].startswith("text/vtt")
    assert "1 Opening" in track.content.decode()
    other = login(world.b.users[Role.COUNCIL_MEMBER])
    assert other.get(f"/opnames/{shared.uuid}/hoofdstukken.vtt").status_code == 404


def test_r8_a_recording_without_a_meeting_has_no_chapters(shared):  # noqa: F811
    assert chapters_for(shared) == []
    assert webvtt_chapters([]) == "WEBVTT\n\n"
