"""L5/L9: notifications to the Autoriteit Persoonsgegevens — each a frozen version of the
breach's facts (AVG art. 33(1) and (4)): the initial notification, then supplements,
corrections and at most one withdrawal, all under the AP's reference."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.models import User
from portal.refusals import refusal_audited

from ..constants import NotificationPhase
from ..models import Breach, BreachNotification
from ..notification import changes, facts_snapshot
from .common import case_record, locked, require_worker


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def _refusals(breach, earlier, *, notified_at, phase, reference, late_reasons, note, now):
    errors: dict = {}
    if notified_at > now:
        errors["notified_at"] = _(
            "Het moment van melden ligt in de toekomst; leg een melding vast nadat die is gedaan."
        )
    elif notified_at < breach.aware_at.replace(second=0, microsecond=0):
        # (forms give minutes: a notification in the minute of awareness is not before it)
        errors["notified_at"] = _("Het moment van melden ligt vóór het bekend worden.")
    elif earlier and notified_at < earlier[-1].notified_at:
        errors["notified_at"] = _(
            "Het moment van melden ligt vóór de vorige versie (%(previous)s)."
        ) % {"previous": _local(earlier[-1].notified_at)}
    if not earlier and phase != NotificationPhase.INITIAL:
        errors["phase"] = _(
            "De eerste melding is de eerste fase; aanvullen, corrigeren of intrekken kan "
            "daarna (AVG art. 33 lid 4)."
        )
    elif earlier and earlier[-1].phase == NotificationPhase.WITHDRAWAL:
        errors["phase"] = _(
            "De melding is ingetrokken; daarna volgt geen nieuwe versie meer. Is er toch een "
            "datalek, doe dan een nieuwe melding bij de AP en leg die vast bij een nieuwe "
            "leksituatie."
        )
    elif earlier and phase == NotificationPhase.INITIAL:
        errors["phase"] = _(
            "Er is al een eerste melding; kies aanvulling, correctie of intrekking "
            "(AVG art. 33 lid 4)."
        )
    known = next((n.reference for n in earlier if n.reference), "")
    if phase == NotificationPhase.WITHDRAWAL and not reference:
        errors["reference"] = _(
            "Een intrekking noemt het meldnummer van de melding die wordt ingetrokken. Vul het "
            "meldnummer van de Autoriteit Persoonsgegevens in."
        )
    elif phase != NotificationPhase.INITIAL and not reference:
        errors["reference"] = _(
            "Een aanvulling of correctie hoort bij een melding: vul het meldnummer van de "
            "Autoriteit Persoonsgegevens in (AVG art. 33 lid 4)."
        )
    elif known and reference and reference != known:
        errors["reference"] = _(
            "Dit meldnummer wijkt af van het meldnummer van de eerdere melding (%(known)s)."
        ) % {"known": known}
    if phase == NotificationPhase.WITHDRAWAL and not note:
        errors["note"] = _("Geef de reden van de intrekking.")
    if phase == NotificationPhase.INITIAL and notified_at > breach.deadline and not late_reasons:
        errors["late_reasons"] = _(
            "Deze melding is later dan 72 uur na het bekend worden (%(deadline)s): vermeld "
            "de redenen van de vertraging (AVG art. 33 lid 1)."
        ) % {"deadline": _local(breach.deadline)}
    return errors


def breach_notify(
    *,
    actor: User,
    breach: Breach,
    notified_at: datetime.datetime,
    phase: str,
    reference: str = "",
    late_reasons: str = "",
    note: str = "",
    now=None,
) -> BreachNotification:
    """L5/L9: record a notification to the Autoriteit Persoonsgegevens as a frozen version of
    the facts as they are now. The first is the initial one (its reference may follow later);
    a supplement, correction or withdrawal names the AP's reference (the same as before, once
    known), a withdrawal its reason, and nothing follows a withdrawal. An initial notification
    after the 72 hours — elapsed time from the recorded awareness — gives the reasons for the
    delay (art. 33(1)). Earlier versions are never changed. One audit event."""
    case = breach.case
    require_worker(actor, case, action="leaks.breach_notify")
    now = now or timezone.now()
    reference, late_reasons, note = reference.strip(), late_reasons.strip(), note.strip()
    with (
        refusal_audited(actor=actor, action="leaks.breach_notify", obj=case, rule="L9"),
        transaction.atomic(),
    ):
        locked(case)
        breach = (
            Breach.objects.select_for_update(of=("self",))
            .select_related("case__municipality")
            .get(pk=breach.pk)
        )
        earlier = list(BreachNotification.objects.filter(breach=breach).order_by("number"))
        errors = _refusals(
            breach,
            earlier,
            notified_at=notified_at,
            phase=phase,
            reference=reference,
            late_reasons=late_reasons,
            note=note,
            now=now,
        )
        if errors:
            raise ValidationError(errors)
        late = phase == NotificationPhase.INITIAL and notified_at > breach.deadline
        notification = BreachNotification(
            breach=breach,
            number=len(earlier) + 1,
            notified_at=notified_at,
            reference=reference,
            phase=phase,
            late_reasons=late_reasons,
            note=note,
            snapshot=facts_snapshot(breach),
            recorded_by=actor,
        )
        notification.full_clean()
        notification.save()
        changed = (
            [row["label"] for row in changes(earlier[-1].snapshot, notification.snapshot)]
            if earlier and earlier[-1].snapshot
            else []
        )
        case_record(
            case,
            actor=actor,
            kind="breach_notify",
            summary=gettext_noop("Gemeld aan de Autoriteit Persoonsgegevens (%(phase)s)"),
            params={"phase": phase, "late": late, "number": notification.number},
            at=now,
            action="leaks.breach_notify",
            details={
                "number": notification.number,
                "notified_at": notified_at,
                "phase": phase,
                "late": late,
                "reference": reference,
                "changed": changed,
            },
        )
    return notification
