"""L5/L9: the GDPR breach track — opening it, the moment of awareness, and its facts and risk
(AVG art. 33/34). The notifications to the AP are in ``versions``."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refusal_audited

from .. import rules
from ..constants import (
    BREACH_FIELDS,
    AwarenessBasis,
    ConsequenceKind,
    DataKind,
    NatureKind,
    ProtectionKind,
    SubjectKind,
)
from ..models import Breach, LeakCase
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


CHECKLISTS = {
    "nature_kinds": NatureKind,
    "data_kinds": DataKind,
    "subject_kinds": SubjectKind,
    "protection_kinds": ProtectionKind,
    "consequence_kinds": ConsequenceKind,
}


def _normal(name, value):
    """Text stripped; a checklist without repeats and in the form's order, so that two
    versions with the same choices compare equal (L9: what changed between versions)."""
    if name in CHECKLISTS:
        order = list(CHECKLISTS[name].values)
        return sorted(set(value or ()), key=lambda v: order.index(v) if v in order else len(order))
    if isinstance(value, str):
        return value.strip()
    return value


def breach_update(*, actor: User, breach: Breach, now=None, **fields) -> Breach:
    """L5/L9: the facts of the AP form (AVG art. 33(3) a–d), the risk, and the art. 34
    decision. Refused by ``leaks.rules`` (minimum ≤ maximum, the timeline in order, reasons
    for every decision on art. 34, an exemption of art. 34(3) when a high risk is not told);
    nothing is stored then. One audit event naming the fields that changed."""
    case = breach.case
    require_worker(actor, case, action="leaks.breach_update")
    now = now or timezone.now()
    unknown = set(fields) - set(BREACH_FIELDS)
    if unknown:
        raise TypeError(f"unknown breach fields: {sorted(unknown)}")
    with (
        refusal_audited(actor=actor, action="leaks.breach_update", obj=case, rule="L9"),
        transaction.atomic(),
    ):
        locked(case)
        not_closed(case)
        breach = Breach.objects.select_for_update().get(pk=breach.pk)
        fields = {name: _normal(name, value) for name, value in fields.items()}
        after = {name: getattr(breach, name) for name in BREACH_FIELDS} | fields
        errors = rules.facts_refusals(after, now=now)
        if errors:
            raise ValidationError(errors)
        changed = {}
        for name, value in fields.items():
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
