"""L4/X3: the afwegingsverslag (weighing record) as a report kind of the core's PDF reports,
rendered by the PDF worker with the recipient's watermark (C8)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.reports import ReportKind

from .constants import CouncilMode, PoliceOutcome, TrackChoice, TrackKind


def _case(job):
    from .models import LeakCase

    return (
        LeakCase.objects.select_related("framework_version", "reported_by", "municipality")
        .filter(pk=job.subject_id, municipality_id=job.municipality_id)
        .first()
    )


def _local(value):
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def build_context(job) -> dict:
    """Plain values for the template, read in the worker: every answer and every decision with
    its reasons, the breach track and the timeline, under the case's own framework version."""
    from .notification import span
    from .selectors import (
        breach_notifications,
        breach_of,
        case_decisions,
        case_timeline,
        framework_with_answers,
    )
    from .templatetags.leak_cases import event_summary

    case = _case(job)
    if case is None:
        from portal.reports import ReportError

        raise ReportError(_("Deze leksituatie bestaat niet meer."))
    decisions = case_decisions(case)
    tracks = []
    for kind, label in TrackKind.choices:
        d = decisions.get(kind)
        tracks.append(
            {
                "label": label,
                "decided": d is not None,
                "choice": TrackChoice(d.choice).label if d else "",
                "decided_on": d.decided_on.strftime("%d-%m-%Y") if d else "",
                "decision_maker": d.decision_maker if d else "",
                "reasons": d.reasons if d else "",
                "police_filed_on": d.police_filed_on.strftime("%d-%m-%Y")
                if d and d.police_filed_on
                else "",
                "police_reference": d.police_reference if d else "",
                "police_outcome": PoliceOutcome(d.police_outcome).label
                if d and d.police_outcome
                else "",
                "police_outcome_reason": d.police_outcome_reason if d else "",
                "council_mode": CouncilMode(d.council_mode).label if d and d.council_mode else "",
                "council_item": d.council_secrecy_item.reference
                if d and d.council_secrecy_item
                else "",
            }
        )
    steps = [
        {
            "title": f"{step.order}. {step.title}",
            "considerations": [
                {
                    "question": c.question,
                    "answer": c.answer.answer if c.answer else "",
                    "reasons": c.answer.reasons if c.answer else "",
                }
                for c in step.considerations.all()
            ],
        }
        for step in framework_with_answers(case)
    ]
    breach = breach_of(case)
    breach_context = None
    if breach is not None:
        breach_context = {
            "aware_at": _local(breach.aware_at),
            "deadline": _local(breach.deadline),
            "nature": breach.nature,
            "subjects": f"{breach.subject_categories} "
            f"({span(breach.people_min, breach.people_max)})",
            "records": f"{breach.record_categories} "
            f"({span(breach.records_min, breach.records_max)})",
            "contact": breach.contact,
            "consequences": breach.consequences,
            "measures": breach.measures,
            "risk": breach.get_risk_display(),
            "risk_reasons": breach.risk_reasons,
            "subjects_decision": breach.get_subjects_decision_display(),
            "subjects_reasons": breach.subjects_reasons,
            "notifications": [
                {
                    "at": _local(n.notified_at),
                    "phase": n.get_phase_display(),
                    "reference": n.reference,
                    "late_reasons": n.late_reasons,
                }
                for n in breach_notifications(breach)
            ],
        }
    return {
        "case": {
            "reference": case.reference,
            "title": case.title,
            "status": case.get_status_display(),
            "what_leaked": case.what_leaked,
            "leaked_to": case.get_leaked_to_display(),
            "discovered_at": _local(case.discovered_at),
            "discovered_how": case.discovered_how,
            "leaked_at": _local(case.leaked_at),
            "framework": str(case.framework_version),
        },
        "steps": steps,
        "tracks": tracks,
        "breach": breach_context,
        "timeline": [
            {"at": _local(e.at), "who": str(e.actor) if e.actor else "", "what": event_summary(e)}
            for e in case_timeline(case)
        ],
    }


def may_view(user, job) -> bool:
    """The case team and the designated roles of the case (L3), at request and at download."""
    from .selectors import cases_visible_to

    if not job.subject_id:
        return False
    return cases_visible_to(user).filter(pk=job.subject_id).exists()


WEIGHING_RECORD = ReportKind(
    key="leaks.weighing_record",
    title=_("Afwegingsverslag informatielek"),
    template="leaks/pdf/weighing_record.html",
    build_context=build_context,
    may_view=may_view,
    description=_("Elke afweging en elk besluit van een leksituatie met de motivering."),
    filename_stem="afwegingsverslag",
)
