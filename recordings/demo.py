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

from .conf import viewing_storage
from .constants import MeetingKind, RecordingStatus, RetentionPolicy
from .models import AccessGrant, AppearingEmployee, Recording

TITLE = "Informatiemarkt Programmabegroting (demo)"


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
        data = tone_wav()
        recording.file.name = viewing_storage().save(
            f"recordings/{municipality.uuid}/demo.wav", ContentFile(data), max_length=300
        )
        recording.file_type = "audio/wav"
        recording.file_size = len(data)
        recording.file_sha256 = hashlib.sha256(data).hexdigest()
        recording.file_uploaded_at = now
        recording.save()
    AccessGrant.objects.get_or_create(
        recording=recording, body=bodies["Gemeenteraad"], defaults={"granted_by": organiser}
    )
    AppearingEmployee.objects.get_or_create(
        recording=recording,
        user=users["privacy"],
        defaults={"name": str(users["privacy"]), "informed": True},
    )
