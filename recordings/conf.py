"""Settings of the recordings app, each with a default (docs/recordings.md)."""

import datetime

from django.conf import settings
from django.core.files.storage import storages


def max_upload_bytes() -> int:
    """R7: the largest recording accepted (``RECORDINGS_MAX_UPLOAD_BYTES``, default 4 GiB).
    nginx caps the request body of the upload address at the same size (deploy/nginx.conf)."""
    return getattr(settings, "RECORDINGS_MAX_UPLOAD_BYTES", 4 * 1024**3)


def link_lifetime() -> datetime.timedelta:
    """R4: how long a signed playback link is valid (``RECORDINGS_LINK_SECONDS``, default
    two hours: long enough to watch a session and seek in it, short enough that a copied link
    is soon worthless; it is bound to the viewer anyway)."""
    return datetime.timedelta(seconds=getattr(settings, "RECORDINGS_LINK_SECONDS", 2 * 3600))


def deletion_notice_days() -> int:
    """R5: how many days before the retention date the organiser is told the file will go."""
    return getattr(settings, "RECORDINGS_DELETION_NOTICE_DAYS", 14)


def viewing_storage():
    """Where viewing copies live (``RECORDINGS_STORAGE``: a key of ``STORAGES``, default the
    private ``default``; S3 or MinIO through django-storages by pointing it at an
    ``storages.backends.s3.S3Storage`` entry). Never a storage with a public URL."""
    return storages[getattr(settings, "RECORDINGS_STORAGE", "default")]


def archive_storage():
    """R5: where archival masters are kept (``RECORDINGS_ARCHIVE_STORAGE``, default the
    private ``default`` under ``recordings-archive/``). No view ever serves from it."""
    return storages[getattr(settings, "RECORDINGS_ARCHIVE_STORAGE", "default")]


def x_accel_redirect() -> bool:
    """R4: in production nginx sends the bytes (and answers Range itself) after the portal's
    check, through its internal location /protected/ (deploy/nginx.conf), which serves the
    private file system. With recordings on S3 set ``RECORDINGS_X_ACCEL_REDIRECT`` off: the
    portal's Range view then streams them."""
    return getattr(
        settings,
        "RECORDINGS_X_ACCEL_REDIRECT",
        getattr(settings, "PORTAL_X_ACCEL_REDIRECT", False),
    )


def retention_for(meeting_kind: str) -> str:
    """R5: the retention policy of a kind of meeting (``RECORDINGS_RETENTION_BY_KIND``)."""
    from .constants import RETENTION_BY_KIND, RetentionPolicy

    table = {**RETENTION_BY_KIND, **getattr(settings, "RECORDINGS_RETENTION_BY_KIND", {})}
    return table.get(meeting_kind, RetentionPolicy.DELETE)
