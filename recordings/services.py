"""Writes of the recordings app. Each: keyword-only, atomic, full_clean, one audit event.

Refusals by policy are audited. A refusal the organiser can act on (a grant across a
boundary, publishing before the pre-flight is clear) is a :class:`ValidationError` whose
message names the rule, so the form shows why; a refusal of the person (no permission) is
``portal.services.refuse`` (403).
"""

from __future__ import annotations

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.models import DomainTrust, User
from portal.notifications import notify_users
from portal.services import refuse
from portal.storage import save_upload

from .conf import max_upload_bytes, retention_for, viewing_storage
from .constants import ObjectionDecision, RecordingStatus
from .models import AccessGrant, AppearingEmployee, Recording
from .permissions import can_manage, can_organise
from .policy import preflight

MSG_OTHER_MUNICIPALITY = _("Een opname kan nooit worden gedeeld met een andere gemeente (T1, R2).")
MSG_PERSON_WITHOUT_TRUST = _(
    "Deze persoon hoort bij een ander identiteitsdomein en er is geen vertrouwensrelatie "
    "vanuit uw domein (R2). Vraag de beheerder die relatie in te stellen, of deel met het "
    "domein of het orgaan en los de waarschuwing in de controle vooraf op."
)
MSG_WITHDRAWN = _("Een ingetrokken opname kan niet meer worden gewijzigd of gedeeld.")
MSG_NOT_READY = _(
    "De opname kan nog niet worden gepubliceerd: volgens de controle vooraf kunnen niet alle "
    "beoogde kijkers kijken, of een bezwaar wacht op een beslissing (R3, R6)."
)
MSG_REASONS_REQUIRED = _("Geef de redenen van de beslissing op het bezwaar (R6).")


def _refuse_with_reason(
    *, actor, action: str, obj, rule: str, message, code: str, details: dict | None = None
):
    """Audit the refusal (committed on its own) and tell the organiser why."""
    audit_record(
        action=action,
        actor=actor,
        obj=obj,
        result=AuditResult.DENIED,
        details={"rule": rule, "reason": code, **(details or {})},
    )
    raise ValidationError(message, code=code)


def _locked(recording: Recording) -> Recording:
    return (
        Recording.objects.select_for_update(of=("self",))
        .select_related("municipality", "organiser_domain")
        .get(pk=recording.pk)
    )


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
) -> Recording:
    """R1: a draft recording in the organiser's own identity domain and municipality. R5:
    without a choice, the retention policy of its kind of meeting."""
    retention_policy = retention_policy or retention_for(meeting_kind)
    if not can_organise(actor):
        refuse(actor=actor, action="recording.create", obj=None, rule="R1")
    with transaction.atomic():
        recording = Recording(
            municipality_id=actor.identity_domain.municipality_id,
            organiser_domain_id=actor.identity_domain_id,
            organiser=actor,
            title=title,
            meeting_kind=meeting_kind,
            meeting_date=meeting_date,
            available_from=available_from,
            available_until=available_until,
            retention_policy=retention_policy,
            retain_until=retain_until,
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
            },
        )
    return recording


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
        _refuse_with_reason(
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
        or (user and user.identity_domain_id and user.identity_domain.municipality_id)
    )
    if (domain or body or user) and target_municipality_id != recording.municipality_id:
        _refuse_with_reason(
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
        _refuse_with_reason(
            actor=actor,
            action="recording.grant_add",
            obj=recording,
            rule="R2",
            message=MSG_PERSON_WITHOUT_TRUST,
            code="person_without_trust",
        )
    with transaction.atomic():
        recording = _locked(recording)
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
        recording = _locked(recording)
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


def recording_publish(*, actor: User, recording: Recording) -> Recording:
    """R3: publishing is refused while the pre-flight is not clear — a target domain that
    cannot watch (no trust, no way to sign in, nobody there) or an objection that waits for a
    decision (R6). A grant that cannot be honoured is a promise that will be broken on the
    evening; the organiser either gets it fixed (an administrator sets the trust) or removes
    the grant, and both are recorded. There is no "publish anyway"."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.publish", obj=recording, rule="R3")
    with transaction.atomic():
        recording = _locked(recording)
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
    _refuse_with_reason(
        actor=actor,
        action="recording.publish",
        obj=recording,
        rule="R3",
        message=MSG_WITHDRAWN if check is None else MSG_NOT_READY,
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
        recording = _locked(recording)
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


def employee_add(
    *,
    actor: User,
    recording: Recording,
    user: User | None = None,
    name: str = "",
    informed: bool = False,
) -> AppearingEmployee:
    """R1: someone who appears in the recording, and whether they were informed."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.employee_add", obj=recording, rule="R1")
    if user is not None and user.municipality_id != recording.municipality_id:
        _refuse_with_reason(
            actor=actor,
            action="recording.employee_add",
            obj=recording,
            rule="T1",
            message=MSG_OTHER_MUNICIPALITY,
            code="other_municipality",
        )
    with transaction.atomic():
        recording = _locked(recording)
        employee = AppearingEmployee(
            recording=recording,
            user=user,
            name=name or (user and str(user)) or "",
            informed=informed,
        )
        employee.full_clean()
        employee.save()
        audit_record(
            action="recording.employee_add",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={"employee": str(employee.uuid), "informed": informed},
        )
    return employee


def employee_objection_record(*, actor: User, employee: AppearingEmployee) -> AppearingEmployee:
    """R6: an employee who appears objects — from their own account, or recorded for them by
    an organiser. The organiser is notified (after commit, through the outbox) with a title
    that names neither the employee nor the recording; the recording stays as it is until the
    organiser decides, and cannot be published while the objection waits."""
    recording = employee.recording
    is_self = employee.user_id is not None and employee.user_id == actor.pk
    if not (is_self or can_manage(actor, recording)):
        refuse(actor=actor, action="recording.objection", obj=recording, rule="R6")
    with transaction.atomic():
        recording = _locked(recording)
        employee = AppearingEmployee.objects.select_for_update().get(pk=employee.pk)
        now = timezone.now()
        employee.objects_to_recording = True
        employee.objection_at = now
        employee.decision = ObjectionDecision.PENDING
        employee.decision_reasons = ""
        employee.decided_at = None
        employee.decided_by = None
        employee.full_clean()
        employee.save()
        notify_users(
            users=[recording.organiser],
            kind="recording.objection",
            title=gettext_noop("Er is bezwaar gemaakt tegen een opname die u organiseert"),
            text=gettext_noop(
                "Een medewerker die in beeld is, maakt bezwaar. Beslis of u de opname beperkt, "
                "intrekt of met redenen handhaaft."
            ),
            link=reverse("recordings:detail", kwargs={"uuid": recording.uuid}),
            key=f"recording.objection:{employee.uuid}:{now.isoformat()}",
            municipality=recording.municipality,
        )
        audit_record(
            action="recording.objection",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={"employee": str(employee.uuid), "by_employee": is_self},
        )
    return employee


def objection_decide(
    *, actor: User, employee: AppearingEmployee, decision: str, reasons: str
) -> AppearingEmployee:
    """R6: the organiser's decision on an objection, with reasons. ``withdraw`` withdraws the
    recording in the same transaction; ``restrict`` records the decision, the grants are then
    removed with :func:`grant_remove` (each audited)."""
    recording = employee.recording
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.objection_decide", obj=recording, rule="R6")
    if not reasons.strip():
        raise ValidationError(MSG_REASONS_REQUIRED, code="reasons_required")
    if decision not in ObjectionDecision.values or decision == ObjectionDecision.PENDING:
        raise ValidationError(_("Kies een beslissing."), code="invalid_decision")
    with transaction.atomic():
        recording = _locked(recording)
        employee = AppearingEmployee.objects.select_for_update().get(pk=employee.pk)
        employee.decision = decision
        employee.decision_reasons = reasons
        employee.decided_at = timezone.now()
        employee.decided_by = actor
        employee.full_clean()
        employee.save()
        if decision == ObjectionDecision.WITHDRAW:
            recording.status = RecordingStatus.WITHDRAWN
            recording.save(update_fields=["status", "updated_at"])
        audit_record(
            action="recording.objection_decide",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={"employee": str(employee.uuid), "decision": decision, "reasons": reasons},
        )
    return employee


# --- the file (R7) -------------------------------------------------------------------------------

MSG_TOO_LARGE = _("Het bestand is groter dan %(max)s MB (R7). Er is niets opgeslagen.")
MSG_WRONG_TYPE = _(
    "Dit bestand is geen opname: alleen MP4, M4A, WebM, MP3, Ogg en WAV worden aanvaard, "
    "herkend aan de inhoud en niet aan de naam (R7). Er is niets opgeslagen."
)
MSG_EMPTY = _("Kies een bestand met de opname (R7). Er is niets opgeslagen.")
MSG_TOO_MANY = _("Upload één bestand per keer (R7). Er is niets opgeslagen.")
MSG_POLYGLOT = _(
    "Dit bestand is niet alleen een opname: het bevat ook een webpagina of een ZIP-archief "
    "(R7). Er is niets opgeslagen. Exporteer de opname opnieuw uit het opnameprogramma."
)
MSG_MALFORMED = _(
    "Dit bestand is geen volledige opname: het is afgebroken of beschadigd, of er staan na het "
    "einde van de opname nog andere gegevens in. Er is niets opgeslagen. Exporteer de opname "
    "opnieuw uit het opnameprogramma."
)
MSG_HAS_FILE = _(
    "Een gepubliceerde opname krijgt geen ander bestand: trek hem in en maak een nieuwe (R7)."
)
MSG_STORAGE_FAILED = _(
    "De opname kon niet worden opgeslagen (de opslag is vol of onbereikbaar). Er is niets "
    "bewaard; probeer het later opnieuw of meld het de beheerder (R7)."
)
UPLOAD_MESSAGES = {
    "too_large": MSG_TOO_LARGE,
    "wrong_type": MSG_WRONG_TYPE,
    "empty": MSG_EMPTY,
    "too_many": MSG_TOO_MANY,
    "polyglot": MSG_POLYGLOT,
    "malformed": MSG_MALFORMED,
}


def upload_refused(*, actor: User, recording: Recording, code: str, detail: str = "") -> None:
    """R7: an upload the handler stopped (too large, not a recording, empty, several files, a
    recording that is something else too, a container that does not end where the file
    ends). Nothing was stored; the refusal is audited (with ``detail``: where the file went
    wrong) and the organiser told why."""
    _refuse_with_reason(
        actor=actor,
        action="recording.upload",
        obj=recording,
        rule="R7",
        message=UPLOAD_MESSAGES[code] % {"max": max_upload_bytes() // (1024 * 1024)},
        code=code,
        details={"detail": detail} if detail else None,
    )


def recording_file_attach(*, actor: User, recording: Recording, upload) -> Recording:
    """R7: store the checked upload (from :class:`recordings.media.RecordingUploadHandler`:
    streamed to a temporary file, typed by content, with its SHA-256) under a generated name,
    and record it. A draft's earlier file is replaced and deleted after commit. If anything
    fails, the stored file is deleted again: no file without a row, no row without a file."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.upload", obj=recording, rule="R7")
    if recording.status != RecordingStatus.DRAFT:
        _refuse_with_reason(
            actor=actor,
            action="recording.upload",
            obj=recording,
            rule="R7",
            message=MSG_HAS_FILE,
            code="not_draft",
        )
    if upload.size > max_upload_bytes():
        upload_refused(actor=actor, recording=recording, code="too_large")
    storage = viewing_storage()
    name = (
        f"recordings/{recording.municipality.uuid}/{uuid.uuid4().hex}{upload.media_type.extension}"
    )
    try:
        # A failed write (disk full, storage unreachable: F7) leaves no partial file.
        stored = save_upload(storage, name, upload, max_length=300)
    except ValidationError as exc:
        audit_record(
            action="recording.upload",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            result=AuditResult.FAILURE,
            details={"rule": "R7", "reason": "storage", "error": exc.__cause__.__class__.__name__},
        )
        raise ValidationError(MSG_STORAGE_FAILED, code="storage") from exc
    try:
        with transaction.atomic():
            recording = _locked(recording)
            previous = recording.file.name
            recording.file.name = stored
            recording.file_type = upload.media_type.content_type
            recording.file_size = upload.size
            recording.file_sha256 = upload.sha256
            recording.file_uploaded_at = timezone.now()
            recording.file_deleted_at = None
            recording.full_clean()
            recording.save()
            audit_record(
                action="recording.upload",
                actor=actor,
                obj=recording,
                municipality=recording.municipality,
                details={
                    "name": stored,
                    "type": recording.file_type,
                    "size": recording.file_size,
                    "sha256": recording.file_sha256,
                    "replaced": previous or "",
                },
            )
            if previous:
                transaction.on_commit(lambda: storage.delete(previous))
    except BaseException:
        storage.delete(stored)
        raise
    return recording


def playback_start(*, actor: User, recording: Recording, link_nonce: str, download: bool):
    """R4: every playback start is audited — the player page hands out a signed link, and
    that is when watching starts. A read, not a write: one event, no row changes."""
    audit_record(
        action="recording.download" if download else "recording.play",
        actor=actor,
        obj=recording,
        municipality=recording.municipality,
        details={"link": link_nonce, "sha256": recording.file_sha256},
    )


def stream_refused(*, actor: User, recording: Recording, code: str) -> None:
    """R4: an expired, tampered or someone else's link. Audited; the caller answers 403."""
    audit_record(
        action="recording.stream",
        actor=actor,
        obj=recording,
        municipality=recording.municipality,
        result=AuditResult.DENIED,
        details={"rule": "R4", "reason": code},
    )


# --- test invitation (R3) ------------------------------------------------------------------------


def invitation_test_send(*, actor: User, recording: Recording, invitee: User):
    """R3: before the session, send one person (a council member, say) a test invitation and
    see whether it would work: the same policy answers as on the evening — same municipality,
    trust into their domain, a grant that reaches them, a way to sign in. The person gets a
    notification with the link either way (so the organiser learns whether it arrives), and
    the outcome is audited."""
    from .policy import invitation_check

    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.test_invitation", obj=recording, rule="R3")
    if invitee.municipality_id != recording.municipality_id:
        _refuse_with_reason(
            actor=actor,
            action="recording.test_invitation",
            obj=recording,
            rule="T1",
            message=MSG_OTHER_MUNICIPALITY,
            code="other_municipality",
        )
    check = invitation_check(recording, invitee)
    now = timezone.now()
    with transaction.atomic():
        notify_users(
            users=[invitee],
            kind="recording.test_invitation",
            title=gettext_noop("Testuitnodiging: kunt u deze opname straks bekijken?"),
            text=gettext_noop(
                "De organisator test of u de opname kunt bekijken. Open de link; u hoeft verder "
                "niets te doen."
            ),
            link=reverse("recordings:play", kwargs={"uuid": recording.uuid}),
            key=f"recording.test_invitation:{recording.uuid}:{invitee.uuid}:{now.isoformat()}",
            municipality=recording.municipality,
        )
        audit_record(
            action="recording.test_invitation",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            details={
                "invitee": str(invitee.uuid),
                "would_work": check.would_work,
                "issues": [str(code) for code, _message in check.issues],
            },
        )
    return check
