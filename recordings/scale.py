"""Recordings' share of the scale data set (manage.py seed_scale, issue 8): per municipality a
trust from the organisation domain to the council domain (R2) and ``size.recordings``
recordings organised in the organisation domain, most published and shared with the raad,
some with the whole council domain, some drafts and lapsed ones. No media files are written
(the playback figure B5 streams its own file). Bulk inserts only."""

import datetime

from django.utils import timezone

from portal.constants import DomainKind
from portal.models import DomainTrust

from .constants import MeetingKind, RecordingStatus, RetentionPolicy
from .models import AccessGrant, Recording


def seed_recordings(scale, size, *, progress) -> int:
    municipality = scale.municipality
    org, council = scale.domains[DomainKind.ORGANISATION], scale.domains[DomainKind.COUNCIL]
    organiser = (scale.staff.get("civil_servant") or scale.clerks)[0]
    DomainTrust.objects.get_or_create(
        source=org, target=council, defaults={"purpose": "Opnames van raadsbijeenkomsten"}
    )
    now = timezone.now()
    kinds = MeetingKind.values
    recordings = Recording.objects.bulk_create(
        Recording(
            municipality=municipality,
            organiser_domain=org,
            organiser=organiser,
            meeting_kind=kinds[n % len(kinds)],
            meeting_date=(now - datetime.timedelta(days=3 * n)).date(),
            title=f"Bijeenkomst {n}",
            retention_policy=RetentionPolicy.values[n % len(RetentionPolicy.values)],
            available_from=now - datetime.timedelta(days=3 * n + 1),
            # Most can be watched now; every tenth has lapsed (R5).
            available_until=(
                now + datetime.timedelta(days=90)
                if n % 10
                else now - datetime.timedelta(days=3 * n - 1)
            ),
            status=RecordingStatus.DRAFT if n % 7 == 0 else RecordingStatus.PUBLISHED,
            published_at=None if n % 7 == 0 else now - datetime.timedelta(days=3 * n),
            file=f"recordings/{municipality.uuid}/scale-{n:04d}.mp4",
            file_type="video/mp4",
            file_size=250_000_000,
            file_sha256="0" * 64,
        )
        for n in range(size.recordings)
    )
    raad = scale.bodies["Gemeenteraad"]
    AccessGrant.objects.bulk_create(
        AccessGrant(
            recording=recording,
            body=raad if n % 3 else None,
            domain=None if n % 3 else council,
            granted_by=organiser,
        )
        for n, recording in enumerate(recordings)
    )
    progress(f"recordings {municipality.slug}", len(recordings), size.recordings)
    return len(recordings)
