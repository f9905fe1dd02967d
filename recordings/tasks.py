"""R5: retention and archive, applied daily by beat. Idempotent: each step looks at the row's
state under a lock, so a second run (or two at once) changes nothing more.

Per kind of recording (``retention_policy``):

- ``delete``: the organiser is notified :func:`~recordings.conf.deletion_notice_days` before
  the retention date; on that date the file is deleted. The audit trail keeps the facts (name,
  size, SHA-256, policy, date) after the file is gone.
- ``archive_master``: once the availability window has ended the viewing copy lapses and the
  file becomes the archival master in restricted storage (``RECORDINGS_ARCHIVE_STORAGE``),
  which no view serves; it is kept permanently (Selectielijst 19.1.6 *(check)*).
"""

from __future__ import annotations

import datetime
import logging
import uuid

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.notifications import notify_users
from portal.registry import PeriodicJob, register_periodic
from portal.storage import save_upload

from .conf import archive_storage, deletion_notice_days, viewing_storage
from .constants import RetentionPolicy
from .models import Recording

log = logging.getLogger(__name__)

register_periodic(
    PeriodicJob(
        name="recordings.retention",
        at_hour=2,
        at_minute=30,
        description="Past het bewaarbeleid van opnames toe: waarschuwen, verwijderen, archiveren.",
    )
)


def _locked(pk: int) -> Recording:
    return (
        Recording.objects.select_for_update(of=("self",))
        .select_related("municipality", "organiser")
        .get(pk=pk)
    )


def _facts(recording: Recording) -> dict:
    return {
        "name": recording.file.name,
        "type": recording.file_type,
        "size": recording.file_size,
        "sha256": recording.file_sha256,
        "policy": recording.retention_policy,
        "retention_date": recording.retention_date,
    }


def _notify_before_deletion(pk: int, on: datetime.date) -> bool:
    with transaction.atomic():
        recording = _locked(pk)
        if not recording.file or recording.deletion_notified_at is not None:
            return False
        recording.deletion_notified_at = timezone.now()
        recording.save(update_fields=["deletion_notified_at", "updated_at"])
        notify_users(
            users=[recording.organiser],
            kind="recording.deletion_notice",
            title=gettext_noop("Een opname die u organiseert wordt binnenkort verwijderd"),
            text=gettext_noop(
                "Het bewaarbeleid verwijdert het bestand op %(date)s. Wat er was, blijft "  # R5
                "in het auditlog staan."
            ),
            params={"date": recording.retention_date.isoformat()},
            link=reverse("recordings:detail", kwargs={"uuid": recording.uuid}),
            key=f"recording.deletion_notice:{recording.uuid}",
            municipality=recording.municipality,
        )
        audit_record(
            action="recording.deletion_notice",
            obj=recording,
            municipality=recording.municipality,
            details={"retention_date": recording.retention_date, "on": on},
        )
    return True


def _delete_file(pk: int, on: datetime.date) -> bool:
    storage = viewing_storage()
    with transaction.atomic():
        recording = _locked(pk)
        if not recording.file or recording.retention_date > on:
            return False
        facts = _facts(recording)
        name = recording.file.name
        recording.file.name = ""
        recording.file_deleted_at = timezone.now()
        recording.save(update_fields=["file", "file_deleted_at", "updated_at"])
        audit_record(
            action="recording.file_deleted",
            obj=recording,
            municipality=recording.municipality,
            details={**facts, "rule": "R5"},
        )
        transaction.on_commit(lambda: storage.delete(name))
    return True


def _archive(pk: int, now: datetime.datetime) -> bool:
    """Copy the file into the archive storage, then point the row at it and drop the viewing
    copy after commit. A failure between the two leaves the viewing copy and no row change; the
    orphan copy is removed."""
    source, target = viewing_storage(), archive_storage()
    recording = Recording.objects.select_related("municipality").get(pk=pk)
    if not recording.file or recording.archive_file or recording.available_until > now:
        return False
    extension = recording.file.name.rsplit(".", 1)[-1]
    archive_name = (
        f"recordings-archive/{recording.municipality.uuid}/{uuid.uuid4().hex}.{extension}"
    )
    try:
        handle = source.open(recording.file.name, "rb")
    except FileNotFoundError:
        # Nothing to archive: say so loudly, leave the row as it is, go on with the others.
        log.error("recording %s: file %s is missing from storage", recording.uuid, recording.file)
        return False
    with handle:
        # A copy that fails halfway (archive disk full) leaves no partial file; the job fails
        # and the next run tries again.
        stored = save_upload(target, archive_name, handle, max_length=300)
    try:
        with transaction.atomic():
            recording = _locked(pk)
            if not recording.file or recording.archive_file:
                target.delete(stored)
                return False
            facts = _facts(recording)
            viewing_name = recording.file.name
            recording.archive_file.name = stored
            recording.archived_at = now
            recording.file.name = ""
            recording.save(update_fields=["file", "archive_file", "archived_at", "updated_at"])
            audit_record(
                action="recording.archived",
                obj=recording,
                municipality=recording.municipality,
                details={**facts, "archive_name": stored, "rule": "R5"},
            )
            transaction.on_commit(lambda: source.delete(viewing_name))
    except BaseException:
        target.delete(stored)
        raise
    return True


def apply_retention(*, now: datetime.datetime | None = None) -> dict:
    """One run of the daily job; returns what it did (for the log and the tests)."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    counts = {"notified": 0, "deleted": 0, "archived": 0}
    with_file = Recording.objects.exclude(file="")
    to_delete = with_file.filter(retention_policy=RetentionPolicy.DELETE)
    for recording in to_delete.only("pk", "retain_until", "available_until", "retention_policy"):
        date = recording.retention_date
        if date <= on:
            counts["deleted"] += _delete_file(recording.pk, on)
        elif date - datetime.timedelta(days=deletion_notice_days()) <= on:
            counts["notified"] += _notify_before_deletion(recording.pk, on)
    to_archive = with_file.filter(
        retention_policy=RetentionPolicy.ARCHIVE_MASTER, available_until__lte=now
    )
    for pk in to_archive.values_list("pk", flat=True):
        counts["archived"] += _archive(pk, now)
    return counts


@shared_task(name="recordings.retention", acks_late=True, ignore_result=True)
def retention():
    return apply_retention()
