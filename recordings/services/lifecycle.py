"""A recording's life: created as a draft, published once the pre-flight is clear (R3, R6),
withdrawn."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refuse, refuse_with_reason

from ..conf import retention_for
from ..constants import RecordingStatus
from ..guidance import publish_blockers
from ..models import Recording
from ..permissions import can_manage, can_organise
from ..preflight import preflight
from .common import MSG_NOT_READY, MSG_WITHDRAWN, locked


def recording_create(
    *,
    actor: User,
    title: str,
    meeting_kind: str,
    meeting_date: datetime.date,
    available_from: datetime.datetime,
    available_until: datetime.datetime,
    purpose: str = "",
    retention_policy: str = "",
    retain_until: datetime.date | None = None,
    meeting_uuid=None,
) -> Recording:
    """R1: a draft recording in the organiser's own identity domain and municipality. R5:
    without a choice, the retention policy of its kind of meeting."""
    retention_policy = retention_policy or retention_for(meeting_kind)
    if not can_organise(actor):
        refuse(actor=actor, action="recording.create", obj=None, rule="R1")
    with transaction.atomic():
        recording = Recording(  # type: ignore[misc]
            municipality_id=actor.identity_domain.municipality_id,  # type: ignore[union-attr]
            organiser_domain_id=actor.identity_domain_id,
            organiser=actor,
            title=title,
            meeting_kind=meeting_kind,
            meeting_date=meeting_date,
            available_from=available_from,
            available_until=available_until,
            retention_policy=retention_policy,
            retain_until=retain_until,
            meeting_uuid=meeting_uuid or None,
        )
        if purpose:
            recording.purpose = purpose
        recording.full_clean()
        recording.save()
        audit_record(
            action="recording.create",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={
                "meeting_kind": meeting_kind,
                "meeting_date": meeting_date,
                "available_from": available_from,
                "available_until": available_until,
                "retention_policy": retention_policy,
                "meeting": str(meeting_uuid) if meeting_uuid else None,
            },
        )
    return recording


def recording_publish(*, actor: User, recording: Recording) -> Recording:
    """R3: publishing is refused while the pre-flight is not clear — a target domain that
    cannot watch (no trust, no way to sign in, nobody there) or an objection that waits for a
    decision (R6). A grant that cannot be honoured is a promise that will be broken on the
    evening; the organiser either gets it fixed (an administrator sets the trust) or removes
    the grant, and both are recorded. There is no "publish anyway"."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.publish", obj=recording, rule="R3")
    with transaction.atomic():
        recording = locked(recording)
        check = None if recording.status == RecordingStatus.WITHDRAWN else preflight(recording)
        if check is not None and check.ready:
            recording.status = RecordingStatus.PUBLISHED
            recording.published_at = timezone.now()
            recording.full_clean()
            recording.save(update_fields=["status", "published_at", "updated_at"])
            audit_record(
                action="recording.publish",
                actor=actor,
                obj=recording,
                municipality=recording.municipality,
                details={
                    "viewers": {
                        str(row.domain.uuid): row.viewer_count for row in check.rows if row.domain
                    }
                },
            )
            return recording
    blocking = [
        {"domain": str(row.domain.uuid) if row.domain else "", "issue": str(warning.code)}
        for row, warning in (check.blocking_warnings if check else [])
    ]
    refuse_with_reason(
        actor=actor,
        action="recording.publish",
        obj=recording,
        rule="R3",
        message=(
            MSG_WITHDRAWN
            if check is None
            # X7: which viewer or objection blocks, in words, after the general sentence.
            else " ".join([str(MSG_NOT_READY), *publish_blockers(recording, check)])
        ),
        code="withdrawn" if check is None else "preflight",
        details={
            "blocking": blocking,
            "pending_objections": check.pending_objections if check else 0,
        },
    )


def recording_withdraw(*, actor: User, recording: Recording, reasons: str) -> Recording:
    """R6: nobody can watch a withdrawn recording any more."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.withdraw", obj=recording, rule="R6")
    with transaction.atomic():
        recording = locked(recording)
        recording.status = RecordingStatus.WITHDRAWN
        recording.full_clean()
        recording.save(update_fields=["status", "updated_at"])
        audit_record(
            action="recording.withdraw",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={"reasons": reasons},
        )
    return recording
