"""L5: the GDPR breach track — opening it, its facts and risk, and notifications to the
Autoriteit Persoonsgegevens (AVG art. 33/34)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import User
from portal.services import refusal_audited

from ..constants import AwarenessBasis, BreachRisk, NotificationPhase, SubjectsDecision
from ..models import Breach, BreachNotification, LeakCase
from .common import case_record, locked, not_closed, not_future, require_worker, timeline_event


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def awareness_refusals(case, aware_at, now) -> None:
    """L5: the moment of awareness lies neither in the future nor before the discovery (an
    organisation becomes aware of a breach once it has been discovered)."""
    not_future(aware_at, now, _("Het moment van bekend worden"))
    if aware_at < case.discovered_at.replace(second=0, microsecond=0):
        raise ValidationError(
            {
                "aware_at": _(
                    "Het moment van bekend worden ligt vóór het moment van ontdekken "
                    "(%(discovered)s). Vul een moment in op of na de ontdekking."
                )
                % {"discovered": _local(case.discovered_at)}
            },
            code="before_discovery",
        )


def _breach_create(case, *, actor, aware_at, now, reason: str = "") -> Breach:
    """L5: the breach of a case, its clock running from ``aware_at``. The discovery moment is
    the default; another moment is recorded with its reason."""
    awareness_refusals(case, aware_at, now)
    at_discovery = aware_at == case.discovered_at
    if not at_discovery and not reason.strip():
        raise ValidationError(
            {
                "aware_reason": AWARENESS_REASON_REQUIRED
                % {"discovered": _local(case.discovered_at)}
            },
            code="reason",
        )
    breach = Breach(
        case=case,
        aware_at=aware_at,
        aware_basis=AwarenessBasis.DISCOVERY if at_discovery else AwarenessBasis.RECORDED,
        aware_reason="" if at_discovery else reason.strip(),
        aware_recorded_by=None if at_discovery else actor,
        aware_recorded_at=None if at_discovery else now,
    )
    breach.full_clean()
    breach.save()
    timeline_event(
        case,
        actor=actor,
        kind="breach_open",
        summary=gettext_noop(
            "Persoonsgegevens betrokken: datalekspoor geopend; 72-uursklok loopt tot %(deadline)s"
        ),
        params={"deadline": breach.deadline.isoformat()},
        at=now,
    )
    return breach


AWARENESS_REASON_REQUIRED = _(
    "Geef de reden waarom de gemeente op een ander moment bekend werd met het datalek dan bij "
    "de ontdekking (%(discovered)s) (AVG art. 33 lid 1)."
)


def breach_open(
    *, actor: User, case: LeakCase, aware_at: datetime.datetime, aware_reason: str = "", now=None
) -> Breach:
    """L5: personal data turn out to be involved — open the breach track; the 72-hour clock of
    AVG art. 33(1) runs from ``aware_at``: the discovery, or another moment with its reason."""
    require_worker(actor, case, action="leaks.breach_open")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.breach_open", obj=case, rule="L5"),
        transaction.atomic(),
    ):
        case = locked(case)
        not_closed(case)
        if Breach.objects.filter(case=case).exists():
            raise ValidationError(_("Het datalekspoor is al geopend."), code="exists")
        case.personal_data = True
        case.save(update_fields=["personal_data", "updated_at"])
        breach = _breach_create(case, actor=actor, aware_at=aware_at, now=now, reason=aware_reason)
        audit_record(
            action="leaks.breach_open",
            actor=actor,
            obj=case,
            details={
                "aware_at": aware_at,
                "aware_basis": breach.aware_basis,
                "deadline": breach.deadline,
            },
        )
    return breach


def breach_awareness_record(
    *,
    actor: User,
    breach: Breach,
    aware_at: datetime.datetime,
    reason: str = "",
    now=None,
) -> Breach:
    """L5, AVG art. 33(1): the privacy officer records the moment the organisation became
    aware — confirming the default (the discovery) needs no reason, a different moment does.
    The deadline, the reminders (L8) and "late" in the register follow from it. One audit
    event with the moment before and after and the reason; one timeline row (L7)."""
    case = breach.case
    require_worker(actor, case, action="leaks.breach_awareness")
    now = now or timezone.now()
    reason = reason.strip()
    with refusal_audited(actor=actor, action="leaks.breach_awareness", obj=case, rule="L5"):
        awareness_refusals(case, aware_at, now)
        with transaction.atomic():
            locked(case)
            not_closed(case)
            breach = Breach.objects.select_for_update().get(pk=breach.pk)
            before = breach.aware_at
            changed = aware_at != before
            if changed and not reason:
                raise ValidationError(
                    {
                        "reason": _(
                            "Geef de reden van de correctie: waarom werd de gemeente op "
                            "%(moment)s bekend met het datalek en niet op %(before)s? "
                            "(AVG art. 33 lid 1)"
                        )
                        % {"moment": _local(aware_at), "before": _local(before)}
                    },
                    code="reason",
                )
            if not changed and breach.aware_basis == AwarenessBasis.RECORDED and not reason:
                return breach  # already recorded as it is: nothing to write
            breach.aware_at = aware_at
            breach.aware_basis = AwarenessBasis.RECORDED
            breach.aware_reason = reason if changed else (reason or breach.aware_reason)
            breach.aware_recorded_by = actor
            breach.aware_recorded_at = now
            breach.full_clean()
            breach.save()
            case_record(
                case,
                actor=actor,
                kind="breach_awareness",
                summary=gettext_noop(
                    "Moment van bekend worden vastgesteld; 72-uursklok loopt tot %(deadline)s"
                ),
                params={"deadline": breach.deadline.isoformat(), "reason": reason},
                at=now,
                action="leaks.breach_awareness",
                details={
                    "before": before,
                    "after": aware_at,
                    "reason": reason,
                    "deadline": breach.deadline,
                },
            )
    return breach


BREACH_FIELDS = (
    "nature",
    "subject_categories",
    "subjects_approx",
    "record_categories",
    "records_approx",
    "contact",
    "consequences",
    "measures",
    "risk",
    "risk_reasons",
    "subjects_decision",
    "subjects_reasons",
    "subjects_decided_on",
)


def breach_update(*, actor: User, breach: Breach, now=None, **fields) -> Breach:
    """L5: the facts of AVG art. 33(3) a–d, the risk, and the art. 34 decision. Not informing
    the data subjects of a high risk needs one of the exemptions of art. 34(3) a–c; every
    decision on art. 34 needs reasons."""
    case = breach.case
    require_worker(actor, case, action="leaks.breach_update")
    now = now or timezone.now()
    unknown = set(fields) - set(BREACH_FIELDS)
    if unknown:
        raise TypeError(f"unknown breach fields: {sorted(unknown)}")
    with refusal_audited(actor=actor, action="leaks.breach_update", obj=case, rule="L5"):
        errors = {}
        decision = fields.get("subjects_decision", breach.subjects_decision)
        risk = fields.get("risk", breach.risk)
        if decision and not (fields.get("subjects_reasons", breach.subjects_reasons) or "").strip():
            errors["subjects_reasons"] = _(
                "Motiveer het besluit over het informeren van betrokkenen (AVG art. 34)."
            )
        if decision and not fields.get("subjects_decided_on", breach.subjects_decided_on):
            errors["subjects_decided_on"] = _("Vul de datum van het besluit in (AVG art. 34).")
        if risk == BreachRisk.HIGH and decision == SubjectsDecision.NO_HIGH_RISK:
            errors["subjects_decision"] = _(
                "Bij een hoog risico worden betrokkenen geïnformeerd, tenzij een uitzondering "
                "van AVG art. 34 lid 3 (a–c) geldt: kies die uitzondering."
            )
        if risk and not (fields.get("risk_reasons", breach.risk_reasons) or "").strip():
            errors["risk_reasons"] = _(
                "Motiveer de inschatting van het risico (AVG art. 33 lid 1)."
            )
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            locked(case)
            not_closed(case)
            breach = Breach.objects.select_for_update().get(pk=breach.pk)
            changed = {}
            for name, value in fields.items():
                if isinstance(value, str):
                    value = value.strip()
                if getattr(breach, name) != value:
                    setattr(breach, name, value)
                    changed[name] = value
            if not changed:
                return breach
            breach.full_clean()
            breach.save()
            case_record(
                case,
                actor=actor,
                kind="breach_update",
                summary=gettext_noop("Datalek bijgewerkt (AVG art. 33 lid 3, art. 34)"),
                params={"fields": sorted(changed)},
                at=now,
                action="leaks.breach_update",
                details={"fields": sorted(changed), "risk": breach.risk},
            )
    return breach


def breach_notify(
    *,
    actor: User,
    breach: Breach,
    notified_at: datetime.datetime,
    reference: str,
    phase: str,
    late_reasons: str = "",
    now=None,
) -> BreachNotification:
    """L5: record a notification to the Autoriteit Persoonsgegevens (AVG art. 33). The first is
    the initial one; later ones supplement, amend or withdraw it (art. 33(4)). An initial
    notification after the 72 hours — measured in elapsed time from awareness, whatever the
    time zone or daylight-saving change — must give the reasons for the delay (art. 33(1))."""
    case = breach.case
    require_worker(actor, case, action="leaks.breach_notify")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.breach_notify", obj=case, rule="L5"):
        errors = {}
        if notified_at > now:
            errors["notified_at"] = _(
                "Het moment van melden ligt in de toekomst; leg een melding vast nadat die is "
                "gedaan."
            )
        elif notified_at < breach.aware_at.replace(second=0, microsecond=0):
            # (forms give minutes: a notification in the minute of awareness is not before it)
            errors["notified_at"] = _("Het moment van melden ligt vóór het bekend worden.")
        if not reference.strip():
            errors["reference"] = _("Vul het meldnummer van de Autoriteit Persoonsgegevens in.")
        earlier = breach.notifications.exists()
        if not earlier and phase != NotificationPhase.INITIAL:
            errors["phase"] = _(
                "De eerste melding is de eerste fase; aanvullen, wijzigen of intrekken kan "
                "daarna (AVG art. 33 lid 4)."
            )
        if earlier and phase == NotificationPhase.INITIAL:
            errors["phase"] = _(
                "Er is al een eerste melding; kies aanvulling, wijziging of intrekking "
                "(AVG art. 33 lid 4)."
            )
        late = phase == NotificationPhase.INITIAL and notified_at > breach.deadline
        if late and not late_reasons.strip():
            errors["late_reasons"] = _(
                "Deze melding is later dan 72 uur na het bekend worden (%(deadline)s): vermeld "
                "de redenen van de vertraging (AVG art. 33 lid 1)."
            ) % {"deadline": timezone.localtime(breach.deadline).strftime("%d-%m-%Y %H:%M")}
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            locked(case)
            notification = BreachNotification(
                breach=breach,
                notified_at=notified_at,
                reference=reference.strip(),
                phase=phase,
                late_reasons=late_reasons.strip(),
                recorded_by=actor,
            )
            notification.full_clean()
            notification.save()
            case_record(
                case,
                actor=actor,
                kind="breach_notify",
                summary=gettext_noop("Gemeld aan de Autoriteit Persoonsgegevens (%(phase)s)"),
                params={"phase": phase, "late": late},
                at=now,
                action="leaks.breach_notify",
                details={
                    "notified_at": notified_at,
                    "phase": phase,
                    "late": late,
                    "reference": notification.reference,
                },
            )
    return notification
