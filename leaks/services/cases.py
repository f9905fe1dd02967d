"""L2: reporting a leak, moving it along its status flow, and its facts."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.models import Municipality, User
from portal.notifications import notify_users
from portal.refusals import refusal_audited, refuse

from ..constants import TRANSITIONS, CaseStatus
from ..models import LeakCase
from ..permissions import can_report
from ..selectors import current_framework
from .breach import _breach_create
from .common import (
    case_link,
    case_record,
    handlers,
    locked,
    not_closed,
    not_future,
    require_worker,
    team_and_handlers,
    timeline_event,
)


def _next_reference(municipality: Municipality, now) -> str:
    year = timezone.localtime(now).year
    prefix = f"LEK-{year}-"
    Municipality.objects.select_for_update().get(pk=municipality.pk)  # serialise numbering
    last = (
        LeakCase.objects.filter(municipality=municipality, reference__startswith=prefix)
        .aggregate(m=Max("reference"))
        .get("m")
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:03d}"


def case_report(
    *,
    actor: User,
    title: str,
    what_leaked: str,
    leaked_to: str,
    discovered_at: datetime.datetime,
    discovered_how: str,
    leaked_at: datetime.datetime | None = None,
    personal_data: bool = False,
    now=None,
) -> LeakCase:
    """L2: report a (suspected) leak. The case is weighed under the framework version current
    now (L1). Personal data involved opens the breach track (L5) with the 72-hour clock of AVG
    art. 33(1) running from the discovery the reporter entered — not from now, the moment the
    case is typed in; the privacy officer records the moment of awareness later (and may
    correct it, with a reason)."""
    if not can_report(actor):
        refuse(actor=actor, action="leaks.report", obj=None, rule="L2")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.report", rule="L1/L2"):
        framework = current_framework(actor.municipality_id)
        if framework is None:
            raise ValidationError(
                _(
                    "Er is nog geen gepubliceerde versie van het afwegingskader; vraag de "
                    "beheerder er een te publiceren."  # L1
                ),
                code="no_framework",
            )
        not_future(discovered_at, now, _("Het moment van ontdekken"))
        not_future(leaked_at, now, _("Het moment van het lek"))
        with transaction.atomic():
            case = LeakCase(
                municipality=actor.municipality,
                reference=_next_reference(actor.municipality, now),
                framework_version=framework,
                title=title,
                what_leaked=what_leaked,
                leaked_to=leaked_to,
                leaked_at=leaked_at,
                discovered_at=discovered_at,
                discovered_how=discovered_how,
                reported_by=actor,
                personal_data=personal_data,
            )
            case.full_clean()
            case.save()
            timeline_event(
                case,
                actor=actor,
                kind="reported",
                summary=gettext_noop("Gemeld; gewogen onder %(framework)s"),
                params={"framework": str(framework)},
                at=now,
            )
            if personal_data:
                _breach_create(case, actor=actor, aware_at=discovered_at, now=now)
            notify_users(
                users=handlers(case.municipality_id),
                kind="leaks.reported",
                title=gettext_noop("Er is een (vermoedelijk) informatielek gemeld: %(reference)s"),
                params={"reference": case.reference},
                link=case_link(case),
                key=f"leaks.reported:{case.uuid}",
                municipality=case.municipality,
                exclude=[actor],
            )
            audit_record(
                action="leaks.report",
                actor=actor,
                obj=case,
                details={
                    "reference": case.reference,
                    "framework_version": framework.number,
                    "leaked_to": leaked_to,
                    "personal_data": personal_data,
                },
            )
    return case


def case_transition(*, actor: User, case: LeakCase, to: str, note: str = "", now=None) -> LeakCase:
    """L2: move the case along reported → weighing → measures → closed; other moves are
    refused with the allowed ones named."""
    require_worker(actor, case, action="leaks.transition")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.transition", obj=case, rule="L2"),
        transaction.atomic(),
    ):
        case = locked(case)
        allowed = TRANSITIONS[CaseStatus(case.status)]
        if to not in allowed:
            raise ValidationError(
                _("Van '%(from)s' kan een leksituatie alleen naar: %(allowed)s.")  # L2
                % {
                    "from": CaseStatus(case.status).label,
                    "allowed": ", ".join(str(CaseStatus(s).label) for s in allowed) or "–",
                },
                code="transition",
            )
        before = case.status
        case.status = to
        case.closed_at = now if to == CaseStatus.CLOSED else None
        case.full_clean()
        case.save(update_fields=["status", "closed_at", "updated_at"])
        notify_users(
            users=team_and_handlers(case),
            kind="leaks.status",
            title=gettext_noop("De status van leksituatie %(reference)s is gewijzigd"),
            params={"reference": case.reference},
            link=case_link(case),
            key=f"leaks.status:{case.uuid}:{to}:{now.isoformat()}",
            municipality=case.municipality,
            exclude=[actor],
        )
        case_record(
            case,
            actor=actor,
            action="leaks.transition",
            kind="status",
            summary=gettext_noop("Status: %(from)s → %(to)s"),
            params={"from": before, "to": to, "note": note},
            details={"from": before, "to": to, "note": note},
            at=now,
        )
    return case


def case_facts_update(
    *,
    actor: User,
    case: LeakCase,
    leaked_at: datetime.datetime | None,
    suspected_source: str,
    now=None,
) -> LeakCase:
    """L2: the moment of the leak and the suspected source, which is unknown by default and
    recorded only by the case team (need-to-know). The audit event says *that* the source was
    recorded, never who it is."""
    require_worker(actor, case, action="leaks.facts_update")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.facts_update", obj=case, rule="L2"),
        transaction.atomic(),
    ):
        case = locked(case)
        not_closed(case)
        not_future(leaked_at, now, _("Het moment van het lek"))
        case.leaked_at = leaked_at
        case.suspected_source = suspected_source.strip()
        case.full_clean()
        case.save(update_fields=["leaked_at", "suspected_source", "updated_at"])
        case_record(
            case,
            actor=actor,
            kind="facts",
            summary=gettext_noop("Feiten bijgewerkt (moment van het lek, vermoedelijke bron)"),
            at=now,
            action="leaks.facts_update",
            details={
                "leaked_at": leaked_at,
                "suspected_source_recorded": bool(case.suspected_source),
            },
        )
    return case
