"""L8: reminders of the beat jobs — breach deadlines and overdue decisions, each at most once."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.notifications import notify_users

from ..constants import BREACH_REMINDER_HOURS, OPEN_STATUSES, BreachRisk, CaseStatus
from ..models import Breach, CaseEvent, LeakCase
from .common import case_link, case_record, locked, team_and_handlers


def _remind_once(
    case, *, kind, guard, notification_kind, title, summary, params, key, action, details, now
) -> int:
    """L8: one reminder, at most once: under the case's row lock, nothing when the timeline
    already holds it; else the team and the handlers are notified (the notification key is
    unique per person as well) and the reminder is recorded (timeline and audit)."""
    with transaction.atomic():
        locked(case)
        if CaseEvent.objects.filter(case=case, kind=kind, **guard).exists():
            return 0
        notify_users(
            users=team_and_handlers(case),
            kind=notification_kind,
            title=title,
            params={"reference": case.reference, **params},
            link=case_link(case),
            key=key,
            municipality=case.municipality,
        )
        case_record(
            case,
            actor=None,
            action=action,
            kind=kind,
            summary=summary,
            params=params,
            details=details,
            at=now,
        )
    return 1


def breach_deadline_reminders(*, now=None) -> int:
    """L8: at 48, 24 and 4 hours before the breach deadline, tell the case team and the
    handlers. Idempotent: each reminder has a fixed key per case and threshold (the
    notification table skips a key it already has) and one timeline row guarded by a
    conditional check, so a run that repeats, overlaps or comes late sends nothing twice.
    Breaches already notified, judged unlikely to carry risk, or of closed cases get nothing."""
    now = now or timezone.now()
    sent = 0
    longest = max(BREACH_REMINDER_HOURS)
    breaches = (
        Breach.objects.filter(
            case__status__in=OPEN_STATUSES,
            notifications__isnull=True,
            aware_at__gt=now - datetime.timedelta(hours=72),
            aware_at__lte=now - datetime.timedelta(hours=72 - longest),
        )
        .exclude(risk=BreachRisk.UNLIKELY)
        .select_related("case__municipality")
    )
    for breach in breaches:
        left = breach.deadline - now
        due = [h for h in BREACH_REMINDER_HOURS if left <= datetime.timedelta(hours=h)]
        if not due:
            continue
        hours = min(due)  # the closest threshold passed: a late run sends one, not three
        # Keyed by the deadline too: when the privacy officer corrects the moment of awareness
        # (L5), the clock moves and its reminders are due again from the new deadline.
        deadline = breach.deadline.isoformat()
        sent += _remind_once(
            breach.case,
            kind="deadline_reminder",
            guard={"params__hours": hours, "params__deadline": deadline},
            notification_kind="leaks.breach_deadline",
            title=gettext_noop("Datalek %(reference)s: nog %(hours)s uur om te melden bij de AP"),
            summary=gettext_noop("Herinnering: nog %(hours)s uur tot de meldtermijn"),
            params={"hours": hours, "deadline": deadline},
            key=f"leaks.breach_deadline:{breach.case.uuid}:{hours}:{deadline}",
            action="leaks.breach_reminder",
            details={"hours": hours, "deadline": breach.deadline},
            now=now,
        )
    return sent


def decision_overdue_reminders(*, now=None) -> int:
    """L8: a case still reported or being weighed ``LEAKS_DECISION_DAYS`` after discovery
    (the overview's 'besluiten te laat') is brought to the handlers' and the team's attention
    once. Idempotent like the breach reminders: a fixed key and a guarded timeline row."""
    from ..selectors import decision_overdue_days

    now = now or timezone.now()
    days = decision_overdue_days()
    overdue = LeakCase.objects.filter(
        status__in=(CaseStatus.REPORTED, CaseStatus.WEIGHING),
        discovered_at__lt=now - datetime.timedelta(days=days),
    ).select_related("municipality")
    sent = 0
    for case in overdue:
        sent += _remind_once(
            case,
            kind="decision_overdue",
            guard={},
            notification_kind="leaks.decision_overdue",
            title=gettext_noop(
                "Leksituatie %(reference)s wacht al meer dan %(days)s dagen op een besluit"
            ),
            summary=gettext_noop("Herinnering: besluit te laat (%(days)s dagen)"),
            params={"days": days},
            key=f"leaks.decision_overdue:{case.uuid}",
            action="leaks.decision_overdue",
            details={"days": days},
            now=now,
        )
    return sent
