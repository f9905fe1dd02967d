"""Demo data (seed_demo): the Medemblik case solved. In Oosterbroek an information market is
organised in the organisation domain and shared with the raad, whose members sign in to the
council domain; the administrator has set the trust, so the council members can watch it.
Westerdijk is left without the trust, so the demo also shows the pre-flight's warning.

Idempotent: the recording is found again by its title; the small WAV file is generated once.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import math
import struct
import wave

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import DomainTrust
from portal.registry import meeting_provider

from .conf import viewing_storage
from .constants import MeetingKind, RecordingStatus, RetentionPolicy
from .models import AccessGrant, AppearingEmployee, Recording

TITLE = "Informatiemarkt Programmabegroting (demo)"
SECONDS = 200  # R8: long enough for the chapters of the example RIS's raad meeting (0-5 min)
CAPTIONS = """WEBVTT

1
00:00:00.000 --> 00:00:06.000
<v Voorzitter>Goedenavond, ik open de vergadering.

2
00:01:00.000 --> 00:01:06.000
<v Voorzitter>Agendapunt 2: de begroting van het zwembad.

3
00:03:00.000 --> 00:03:06.000
<v Voorzitter>Agendapunt 3 bespreken we achter gesloten deuren.
"""


def tone_wav(seconds: int = 8, rate: int = 8000) -> bytes:
    """A short, valid, seekable WAV file: a quiet tone that every browser plays."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = bytearray()
        for i in range(seconds * rate):
            frames += struct.pack("<h", int(3000 * math.sin(2 * math.pi * 440 * i / rate)))
        out.writeframes(bytes(frames))
    return buffer.getvalue()


def seed_recordings(municipality, users, bodies) -> None:
    if municipality.slug != "oosterbroek":
        return
    organiser = users["ambtenaar"]
    org = organiser.identity_domain
    council = users["raadslid1"].identity_domain
    DomainTrust.objects.get_or_create(
        source=org, target=council, defaults={"purpose": "Opnames van informatiemarkten"}
    )
    now = timezone.now().replace(microsecond=0)
    recording, _created = Recording.objects.get_or_create(
        municipality=municipality,
        organiser_domain=org,
        title=TITLE,
        defaults={
            "organiser": organiser,
            "meeting_kind": MeetingKind.INFORMATION_MARKET,
            "meeting_date": timezone.localdate() - datetime.timedelta(days=2),
            "retention_policy": RetentionPolicy.DELETE,
            "available_from": now - datetime.timedelta(days=2),
            "available_until": now + datetime.timedelta(days=365),
            "status": RecordingStatus.PUBLISHED,
            "published_at": now,
        },
    )
    if not recording.file:
        data = tone_wav(seconds=SECONDS)
        recording.file.name = viewing_storage().save(
            f"recordings/{municipality.uuid}/demo.wav", ContentFile(data), max_length=300
        )
        recording.file_type = "audio/wav"
        recording.file_size = len(data)
        recording.file_sha256 = hashlib.sha256(data).hexdigest()
        recording.file_uploaded_at = now
        recording.save()
    _follow_meeting(recording)
    AccessGrant.objects.get_or_create(
        recording=recording, body=bodies["Gemeenteraad"], defaults={"granted_by": organiser}
    )
    AppearingEmployee.objects.get_or_create(
        recording=recording,
        user=users["privacy"],
        defaults={"name": str(users["privacy"]), "informed": True},
    )


def _follow_meeting(recording) -> None:
    """R8: the recording follows the example RIS's meeting with the most agenda items (its
    chapters) and has captions, so the player shows both."""
    provider = meeting_provider()
    if recording.meeting_uuid is None and provider is not None:
        meetings = [uuid for uuid, _label in provider.choices(recording.municipality_id)]
        chapters = {m: len(provider.chapters(recording.municipality_id, m)) for m in meetings}
        if chapters and max(chapters.values()):
            recording.meeting_uuid = max(chapters, key=chapters.get)
            recording.save(update_fields=["meeting_uuid", "updated_at"])
    if not recording.captions:
        recording.captions.name = viewing_storage().save(
            f"recordings/{recording.municipality.uuid}/demo.vtt",
            ContentFile(CAPTIONS.encode()),
            max_length=300,
        )
        recording.captions_uploaded_at = timezone.now()
        recording.save(update_fields=["captions", "captions_uploaded_at", "updated_at"])
