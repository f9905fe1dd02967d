"""R6: employees who appear in a recording, their objections and the decisions on them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import User
from portal.notifications import notify_users
from portal.refusals import refuse, refuse_with_reason

from ..constants import ObjectionDecision, RecordingStatus
from ..models import AppearingEmployee, Recording
from ..permissions import can_manage
from .common import MSG_OTHER_MUNICIPALITY, MSG_REASONS_REQUIRED, locked


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
        refuse_with_reason(
            actor=actor,
            action="recording.employee_add",
            obj=recording,
            rule="T1",
            message=MSG_OTHER_MUNICIPALITY,
            code="other_municipality",
        )
    with transaction.atomic():
        recording = locked(recording)
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
        recording = locked(recording)
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
        recording = locked(recording)
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
