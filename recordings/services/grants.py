"""R2, T1: who may watch — grants to a domain, a body, a role or a person."""

from __future__ import annotations

from django.db import transaction

from portal.audit import audit_record
from portal.models import DomainTrust, User
from portal.refusals import refuse, refuse_with_reason

from ..constants import RecordingStatus
from ..models import AccessGrant, Recording
from ..permissions import can_manage
from .common import (
    MSG_OTHER_MUNICIPALITY,
    MSG_PERSON_WITHOUT_TRUST,
    MSG_WITHDRAWN,
    locked,
)


def grant_add(
    *,
    actor: User,
    recording: Recording,
    domain=None,
    body=None,
    group=None,
    user: User | None = None,
    may_download: bool = False,
) -> AccessGrant:
    """R2: give an identity domain, a body, a role group or a person the right to watch.

    Never another municipality's domain, body or person (T1). A person of another domain
    only once an administrator has set a trust from the organiser's domain: a person grant is
    an exception for one individual, and an exception across a boundary nobody has opened
    would be a way around it. A domain or body grant across domains *is* allowed before the
    trust exists: it states who the recording is for, and the pre-flight then warns that the
    trust is missing — the Medemblik case, found before the evening (R3).
    """
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.grant_add", obj=recording, rule="R2")
    if recording.status == RecordingStatus.WITHDRAWN:
        refuse_with_reason(
            actor=actor,
            action="recording.grant_add",
            obj=recording,
            rule="R6",
            message=MSG_WITHDRAWN,
            code="withdrawn",
        )
    target_municipality_id = (
        (domain and domain.municipality_id)
        or (body and body.municipality_id)
        or (user and user.identity_domain_id and user.identity_domain.municipality_id)  # type: ignore[union-attr]
    )
    if (domain or body or user) and target_municipality_id != recording.municipality_id:
        refuse_with_reason(
            actor=actor,
            action="recording.grant_add",
            obj=recording,
            rule="T1",
            message=MSG_OTHER_MUNICIPALITY,
            code="other_municipality",
        )
    if (
        user is not None
        and user.identity_domain_id != recording.organiser_domain_id
        and not DomainTrust.objects.filter(
            source_id=recording.organiser_domain_id,
            target_id=user.identity_domain_id,
            is_active=True,
        ).exists()
    ):
        refuse_with_reason(
            actor=actor,
            action="recording.grant_add",
            obj=recording,
            rule="R2",
            message=MSG_PERSON_WITHOUT_TRUST,
            code="person_without_trust",
        )
    with transaction.atomic():
        recording = locked(recording)
        grant = AccessGrant(
            recording=recording,
            domain=domain,
            body=body,
            group=group,
            user=user,
            granted_by=actor,
            may_download=may_download,
        )
        grant.full_clean()
        grant.save()
        audit_record(
            action="recording.grant_add",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={
                "grant": str(grant.uuid),
                "target": _target_details(grant),
                "may_download": may_download,
            },
        )
    return grant


def grant_remove(*, actor: User, grant: AccessGrant) -> None:
    """R2, R6: take a grant away (restricting a recording after an objection, for one)."""
    recording = grant.recording
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.grant_remove", obj=recording, rule="R2")
    with transaction.atomic():
        recording = locked(recording)
        details = {"grant": str(grant.uuid), "target": _target_details(grant)}
        AccessGrant.objects.filter(pk=grant.pk).delete()
        audit_record(
            action="recording.grant_remove",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details=details,
        )


def _target_details(grant: AccessGrant) -> dict:
    for kind in ("domain", "body", "group", "user"):
        target = getattr(grant, kind)
        if target is not None:
            return {"kind": kind, "id": str(getattr(target, "uuid", target.pk))}
    return {}
