"""Motions, assignments and commitments: registering them, progress, letters, afdoening
(P1–P3)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import User
from portal.refusals import audited_write, refuse

from ..constants import COMMITMENT_RIS_FIELDS, MOTION_RIS_FIELDS, ItemStatus, MotionStatus
from ..models import Assignment, Commitment, ExecutionLetter, Motion, ProgressUpdate
from ..permissions import can_manage_motions, can_report_progress
from .common import refuse_other_municipality
from .notify import item_kind, notify_owner

MSG_NOT_ADOPTED = _(
    "Alleen een aangenomen motie heeft opdrachten aan het college. Zet eerst de status "  # P1
    "op 'aangenomen'."
)
MSG_NO_LETTER = _(
    "Afdoening kan pas als de brief over de uitvoering is gekoppeld, bijvoorbeeld de "
    "raadsinformatiebrief."  # P2
)
MSG_ALREADY_DONE = _("Dit is al afgedaan; er kan niets meer aan worden toegevoegd.")  # P2
MSG_OPEN_ASSIGNMENTS = _(
    "De motie kan niet worden afgedaan: opdracht %(numbers)s mist nog de brief over de "
    "uitvoering of de afdoening door de raad."  # P2
)
MSG_NO_ASSIGNMENTS = _("Een motie zonder opdrachten kan niet worden afgedaan.")  # P1, P2
MSG_FUTURE = _("Een datum in de toekomst kan niet: leg vast wat al is gebeurd.")
MSG_FROM_RIS = _(
    "%(fields)s komt uit het raadsinformatiesysteem en wordt daar gewijzigd; de volgende "
    "synchronisatie neemt het over."
)


def refuse_ris_changes(obj, changes: dict, fields) -> None:
    """T5: fields that come from the council information system are not changed here."""
    if not getattr(obj, "ris_id", ""):
        return
    touched = [f for f in fields if f in changes and str(changes[f]) != str(getattr(obj, f))]
    if touched:
        labels = ", ".join(str(obj._meta.get_field(f).verbose_name) for f in touched)
        raise ValidationError(MSG_FROM_RIS % {"fields": labels.capitalize()}, code="from_ris")


def _locked(item):
    return type(item).objects.select_for_update(of=("self",)).get(pk=item.pk)


def motion_register(
    *,
    actor: User,
    number: str,
    title: str,
    meeting: str,
    meeting_date: datetime.date,
    submitters: str,
    text: str,
    status: str = MotionStatus.ADOPTED,
    college_advice: str = "",
) -> Motion:
    """P1: the griffie registers a motion of its own municipality."""
    if not can_manage_motions(actor):
        refuse(actor=actor, action="motion.register", obj=None, rule="P1")
    with audited_write(actor=actor, action="motion.register", rule="P1"):
        motion = Motion(
            municipality_id=actor.municipality_id,
            number=number,
            title=title,
            meeting=meeting,
            meeting_date=meeting_date,
            submitters=submitters,
            status=status,
            text=text,
            college_advice=college_advice,
            created_by=actor,
        )
        motion.full_clean()
        motion.save()
        audit_record(
            action="motion.register",
            actor=actor,
            obj=motion,
            details={"number": number, "status": status, "meeting_date": meeting_date},
        )
    return motion


MOTION_FIELDS = (
    "number",
    "title",
    "meeting",
    "meeting_date",
    "submitters",
    "status",
    "text",
    "college_advice",
)
MSG_STATUS_WITH_ASSIGNMENTS = _(
    "Een motie met opdrachten blijft aangenomen; haal de status niet terug."  # P1
)


def motion_update(*, actor: User, motion: Motion, **changes) -> Motion:
    """P1: correct a motion or record what the raad did with it (submitted → adopted, …).
    A motion that has assignments stays adopted; a closed motion is not changed."""
    if not can_manage_motions(actor) or motion.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="motion.update", obj=motion, rule="P1")
    with audited_write(actor=actor, action="motion.update", rule="P1", obj=motion):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.closed_on:
            raise ValidationError(MSG_ALREADY_DONE, code="closed")
        refuse_ris_changes(motion, changes, MOTION_RIS_FIELDS)
        before = {f: getattr(motion, f) for f in MOTION_FIELDS}
        for field in MOTION_FIELDS:
            if field in changes:
                setattr(motion, field, changes[field])
        if motion.status != MotionStatus.ADOPTED and motion.assignments.exists():
            raise ValidationError(MSG_STATUS_WITH_ASSIGNMENTS, code="status")
        motion.full_clean()
        motion.save()
        changed = {
            f: [before[f], getattr(motion, f)]
            for f in MOTION_FIELDS
            if before[f] != getattr(motion, f)
        }
        audit_record(action="motion.update", actor=actor, obj=motion, details={"changed": changed})
    return motion


def assignment_add(
    *,
    actor: User,
    motion: Motion,
    description: str,
    deadline: datetime.date,
    owner: User | None = None,
    owner_portfolio_holder: str = "",
    owner_department: str = "",
) -> Assignment:
    """P1: one part of an adopted motion's dictum, with its owner and deadline."""
    if not can_manage_motions(actor) or motion.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="assignment.add", obj=motion, rule="P1")
    with audited_write(actor=actor, action="assignment.add", rule="P1", obj=motion):
        refuse_other_municipality(actor=actor, user=owner)
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.closed_on:
            raise ValidationError(MSG_ALREADY_DONE, code="closed")
        if motion.status != MotionStatus.ADOPTED:
            raise ValidationError(MSG_NOT_ADOPTED, code="not_adopted")
        number = (motion.assignments.aggregate(n=Max("number"))["n"] or 0) + 1
        assignment = Assignment(
            municipality_id=motion.municipality_id,
            motion=motion,
            number=number,
            description=description,
            deadline=deadline,
            owner=owner,
            owner_portfolio_holder=owner_portfolio_holder,
            owner_department=owner_department,
        )
        _save_tracked(assignment, actor, "assignment.add", {"motion": str(motion.uuid)})
    return assignment


def commitment_register(
    *,
    actor: User,
    number: str,
    title: str,
    meeting: str,
    made_on: datetime.date,
    description: str,
    deadline: datetime.date,
    owner: User | None = None,
    owner_portfolio_holder: str = "",
    owner_department: str = "",
) -> Commitment:
    """P3: a toezegging made to the raad, tracked like an assignment."""
    if not can_manage_motions(actor):
        refuse(actor=actor, action="commitment.register", obj=None, rule="P3")
    with audited_write(actor=actor, action="commitment.register", rule="P3"):
        refuse_other_municipality(actor=actor, user=owner)
        commitment = Commitment(
            municipality_id=actor.municipality_id,
            number=number,
            title=title,
            meeting=meeting,
            made_on=made_on,
            description=description,
            deadline=deadline,
            owner=owner,
            owner_portfolio_holder=owner_portfolio_holder,
            owner_department=owner_department,
            created_by=actor,
        )
        _save_tracked(commitment, actor, "commitment.register", {})
    return commitment


ITEM_FIELDS = ("description", "owner_portfolio_holder", "owner_department", "owner", "deadline")


def item_update(*, actor: User, item: Assignment | Commitment, **changes):
    """P1, P3: change an open item's description, owner or deadline. A new owner is told; a
    moved deadline earns its own reminders (P4: the reminder key holds the deadline)."""
    kind_name = item_kind(item)
    action = f"{kind_name}.update"
    if not can_manage_motions(actor) or item.municipality_id != actor.municipality_id:
        refuse(actor=actor, action=action, obj=item, rule="P1")
    with audited_write(actor=actor, action=action, rule="P1", obj=item):
        refuse_other_municipality(actor=actor, user=changes.get("owner"))
        item = _locked(item)
        _refuse_if_done(item)
        if isinstance(item, Commitment):
            refuse_ris_changes(item, changes, COMMITMENT_RIS_FIELDS)
        before = {f: getattr(item, f) for f in ITEM_FIELDS}
        for field in ITEM_FIELDS:
            if field in changes:
                setattr(item, field, changes[field])
        item.full_clean()
        item.save()
        if item.owner is not None and item.owner != before["owner"]:
            notify_owner(item, item.owner, "assigned")
        changed = {
            f: [str(before[f]), str(getattr(item, f))]
            for f in ITEM_FIELDS
            if before[f] != getattr(item, f)
        }
        audit_record(action=action, actor=actor, obj=item, details={"changed": changed})
    return item


def _save_tracked(item, actor: User, action: str, details: dict) -> None:
    """Validate and save a new assignment or commitment, tell its owner, audit once."""
    item.full_clean()
    item.save()
    if item.owner is not None:
        notify_owner(item, item.owner, "assigned")
    audit_record(
        action=action,
        actor=actor,
        obj=item,
        details={
            **details,
            "number": item.number,
            "deadline": item.deadline,
            "owner": str(item.owner.uuid) if item.owner else "",
        },
    )


def _refuse_if_done(item):
    if item.status == ItemStatus.DONE:
        raise ValidationError(MSG_ALREADY_DONE, code="done")


def _refuse_if_future(day):
    if day > timezone.localdate():
        raise ValidationError(MSG_FUTURE, code="future")


def progress_report(
    *, actor: User, item: Assignment | Commitment, reported_on: datetime.date, text: str
) -> ProgressUpdate:
    """P1: a dated progress update by the owner; a new item is then in progress."""
    kind = item_kind(item)
    action = f"{kind}.progress"
    if not can_report_progress(actor, item) or item.municipality_id != actor.municipality_id:
        refuse(actor=actor, action=action, obj=item, rule="P1")
    with audited_write(actor=actor, action=action, rule="P1", obj=item):
        item = _locked(item)
        _refuse_if_done(item)
        _refuse_if_future(reported_on)
        update = ProgressUpdate(**{kind: item}, reported_on=reported_on, text=text, author=actor)
        update.full_clean()
        update.save()
        if item.status == ItemStatus.NEW:
            item.status = ItemStatus.IN_PROGRESS
            item.save(update_fields=["status", "updated_at"])
        audit_record(
            action=action,
            actor=actor,
            obj=item,
            details={"update": str(update.uuid), "reported_on": reported_on},
        )
    return update


def letter_link(
    *,
    actor: User,
    item: Assignment | Commitment,
    kind: str,
    reference: str,
    title: str,
    sent_on: datetime.date,
) -> ExecutionLetter:
    """P2: link the letter reporting execution (e.g. the raadsinformatiebrief)."""
    kind_name = item_kind(item)
    action = f"{kind_name}.letter"
    if not can_manage_motions(actor) or item.municipality_id != actor.municipality_id:
        refuse(actor=actor, action=action, obj=item, rule="P2")
    with audited_write(actor=actor, action=action, rule="P2", obj=item):
        item = _locked(item)
        _refuse_if_done(item)
        letter = ExecutionLetter(
            **{kind_name: item}, kind=kind, reference=reference, title=title, sent_on=sent_on
        )
        letter.full_clean()
        letter.save()
        if item.status == ItemStatus.NEW:
            item.status = ItemStatus.IN_PROGRESS
            item.save(update_fields=["status", "updated_at"])
        audit_record(
            action=action,
            actor=actor,
            obj=item,
            details={"letter": str(letter.uuid), "kind": kind, "reference": reference},
        )
    return letter


def item_accept(
    *,
    actor: User,
    item: Assignment | Commitment,
    accepted_on: datetime.date,
    reference: str,
) -> Assignment | Commitment:
    """P2: the raad accepts the execution (afdoening). Needs a linked letter. The motion is
    done when its last assignment is: that is recorded here too (one event for both)."""
    kind_name = item_kind(item)
    action = f"{kind_name}.accept"
    if not can_manage_motions(actor) or item.municipality_id != actor.municipality_id:
        refuse(actor=actor, action=action, obj=item, rule="P2")
    with audited_write(actor=actor, action=action, rule="P2", obj=item):
        if isinstance(item, Assignment):
            # Lock the motion first: two acceptances at once must agree on closing it.
            Motion.objects.select_for_update().get(pk=item.motion_id)
        item = _locked(item)
        _refuse_if_done(item)
        _refuse_if_future(accepted_on)
        if not item.letters.exists():
            raise ValidationError(MSG_NO_LETTER, code="no_letter")
        item.status = ItemStatus.DONE
        item.accepted_on = accepted_on
        item.acceptance_reference = reference
        item.full_clean()
        item.save(update_fields=["status", "accepted_on", "acceptance_reference", "updated_at"])
        details = {"accepted_on": accepted_on, "reference": reference}
        if isinstance(item, Assignment):
            motion = item.motion
            if not motion.assignments.exclude(status=ItemStatus.DONE).exists():
                motion.closed_on = accepted_on
                motion.save(update_fields=["closed_on", "updated_at"])
                details["motion_closed"] = str(motion.uuid)
        if item.owner_id:
            notify_owner(item, item.owner, "accepted")  # type: ignore[arg-type]
        audit_record(action=action, actor=actor, obj=item, details=details)
    return item


def motion_close(*, actor: User, motion: Motion, closed_on: datetime.date) -> Motion:
    """P2: a motion is done when all its assignments are — never before: an assignment without
    its letter or the raad's acceptance keeps it open."""
    if not can_manage_motions(actor) or motion.municipality_id != actor.municipality_id:
        refuse(actor=actor, action="motion.close", obj=motion, rule="P2")
    with audited_write(actor=actor, action="motion.close", rule="P2", obj=motion):
        motion = Motion.objects.select_for_update().get(pk=motion.pk)
        if motion.closed_on:
            return motion
        numbers = [str(a.number) for a in motion.assignments.all() if a.status != ItemStatus.DONE]
        if numbers:
            raise ValidationError(
                MSG_OPEN_ASSIGNMENTS,
                code="open_assignments",
                params={"numbers": ", ".join(numbers)},
            )
        if not motion.assignments.exists():
            raise ValidationError(MSG_NO_ASSIGNMENTS, code="no_assignments")
        motion.closed_on = closed_on
        motion.full_clean()
        motion.save(update_fields=["closed_on", "updated_at"])
        audit_record(action="motion.close", actor=actor, obj=motion, details={"on": closed_on})
    return motion
