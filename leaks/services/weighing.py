"""L4: the weighing — answers to the framework's considerations, decisions per track, and
the afwegingsverslag."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.models import User
from portal.refusals import refusal_audited

from .. import links
from ..constants import CouncilMode, PoliceOutcome, TrackChoice, TrackKind
from ..models import Consideration, ConsiderationAnswer, LeakCase, TrackDecision
from .common import case_record, locked, not_closed, require_worker


def answers_save(*, actor: User, case: LeakCase, answers: dict[int, tuple[str, str]], now=None):
    """L4: per consideration of the case's own framework version an answer and reasons. An
    answer without reasons is refused. One audit event for the page."""
    require_worker(actor, case, action="leaks.weigh")
    now = now or timezone.now()
    with (
        refusal_audited(actor=actor, action="leaks.weigh", obj=case, rule="L4"),
        transaction.atomic(),
    ):
        case = locked(case)
        not_closed(case)
        allowed = set(
            Consideration.objects.filter(step__version_id=case.framework_version_id).values_list(
                "pk", flat=True
            )
        )
        changed = []
        for consideration_id, (answer, reasons) in answers.items():
            answer, reasons = answer.strip(), reasons.strip()
            if consideration_id not in allowed:
                raise ValidationError(
                    _("Deze afweging hoort niet bij de versie van deze leksituatie."),  # L1
                    code="foreign",
                )
            if not answer:
                continue
            if not reasons:
                raise ValidationError(
                    _("Geef bij elk antwoord de motivering."),
                    code="reasons",  # L4
                )
            row, created = ConsiderationAnswer.objects.get_or_create(
                case=case,
                consideration_id=consideration_id,
                defaults={"answer": answer, "reasons": reasons, "answered_by": actor},
            )
            if not created and (row.answer, row.reasons) != (answer, reasons):
                row.answer, row.reasons, row.answered_by = answer, reasons, actor
                row.full_clean()
                row.save()
            elif not created:
                continue
            changed.append(consideration_id)
        if not changed:
            return 0
        case_record(
            case,
            actor=actor,
            kind="weigh",
            summary=gettext_noop("Afwegingen beantwoord: %(count)s"),
            params={"count": len(changed)},
            at=now,
            action="leaks.weigh",
            details={"considerations": changed},
        )
    return len(changed)


def track_decide(
    *,
    actor: User,
    case: LeakCase,
    kind: str,
    choice: str,
    decided_on: datetime.date,
    decision_maker: str,
    reasons: str,
    police_filed_on: datetime.date | None = None,
    police_reference: str = "",
    police_outcome: str = "",
    police_outcome_reason: str = "",
    council_mode: str = "",
    council_item_reference: str = "",
    now=None,
) -> TrackDecision:
    """L4: the decision on one track with date, decision-maker and reasons. A police report
    (art. 272 Sr) that was made has its filing date and reference, and an outcome other than
    'pending' its reason (e.g. seponering). Informing the raad under secrecy names the secrecy
    item it was done with (Gemeentewet art. 25/86)."""
    require_worker(actor, case, action="leaks.decide")
    now = now or timezone.now()
    with refusal_audited(actor=actor, action="leaks.decide", obj=case, rule="L4"):
        errors = {}
        if not reasons.strip():
            errors["reasons"] = _("Motiveer het besluit.")  # L4
        if not decision_maker.strip():
            errors["decision_maker"] = _("Noem wie het besluit nam.")  # L4
        if decided_on and decided_on > timezone.localdate(now):
            errors["decided_on"] = _("De datum van het besluit ligt in de toekomst.")
        item = None
        taken = choice == TrackChoice.TAKE
        if kind == TrackKind.POLICE_REPORT and taken:
            if not police_filed_on:
                errors["police_filed_on"] = _(
                    "Vul de datum van de aangifte in (art. 272 Wetboek van Strafrecht)."  # L4
                )
            if (
                police_outcome
                and police_outcome != PoliceOutcome.PENDING
                and not (police_outcome_reason.strip())
            ):
                errors["police_outcome_reason"] = _(
                    "Geef de reden van de uitkomst, bijvoorbeeld van het sepot."  # L4
                )
        if kind == TrackKind.INFORM_COUNCIL and taken:
            if council_mode not in CouncilMode.values:
                errors["council_mode"] = _(
                    "Kies of de raad openbaar of onder geheimhouding is geïnformeerd."  # L4
                )
            elif council_mode == CouncilMode.SECRET:
                item = links.item_find(
                    municipality_id=case.municipality_id, reference=council_item_reference
                )
                if item is None:
                    errors["council_item_reference"] = _(  # L4
                        "Noem het kenmerk van het geheime stuk waarmee de raad is geïnformeerd."
                    )
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            case = locked(case)
            not_closed(case)
            decision = TrackDecision.objects.filter(case=case, kind=kind).first() or TrackDecision(
                case=case, kind=kind
            )
            is_police = kind == TrackKind.POLICE_REPORT and taken
            is_council = kind == TrackKind.INFORM_COUNCIL and taken
            decision.choice = choice
            decision.decided_on = decided_on
            decision.decision_maker = decision_maker.strip()
            decision.reasons = reasons.strip()
            decision.police_filed_on = police_filed_on if is_police else None
            decision.police_reference = police_reference.strip() if is_police else ""
            decision.police_outcome = police_outcome if is_police else ""
            decision.police_outcome_reason = police_outcome_reason.strip() if is_police else ""
            decision.council_mode = council_mode if is_council else ""
            decision.council_secrecy_item = item
            decision.decided_by = actor
            decision.full_clean()
            decision.save()
            case_record(
                case,
                actor=actor,
                kind="decision",
                summary=gettext_noop("Besluit over spoor '%(track)s': %(choice)s"),
                params={"track": kind, "choice": choice},
                at=now,
                action="leaks.decide",
                details={
                    "track": kind,
                    "choice": choice,
                    "decided_on": decided_on,
                    "police_outcome": decision.police_outcome,
                    "council_mode": decision.council_mode,
                },
            )
    return decision


def weighing_record_request(*, actor: User, case: LeakCase):
    """L4/X3: ask for the afwegingsverslag; a worker renders it (portal.reports)."""
    from portal.reports.services import report_request

    require_worker(actor, case, action="leaks.weighing_record")
    return report_request(user=actor, kind="leaks.weighing_record", parameters={}, subject=case)
