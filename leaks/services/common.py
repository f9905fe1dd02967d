"""What every write of a leak case shares: who may write (L3/L4), the row lock, the
timeline row (L7) beside the audit event, and the checks on closed cases and future moments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refuse

from ..constants import CaseStatus
from ..models import CaseEvent, LeakCase
from ..permissions import can_work

CLOSED_CASE_REFUSED = _(
    "Een gesloten leksituatie verandert niet meer: zij blijft gewogen zoals zij is gesloten."  # L1
)


def require_worker(actor, case, *, action: str) -> None:
    """L3/L4: only the case team and the case handlers write, and only in their municipality."""
    if not can_work(actor, case):
        refuse(actor=actor, action=action, obj=case, rule="L3")


def locked(case: LeakCase) -> LeakCase:
    return LeakCase.objects.select_for_update(of=("self",)).get(pk=case.pk)


def timeline_event(case, *, actor, kind: str, summary: str, params: dict | None = None, at=None):
    """L7: one row on the case's timeline (append-only)."""
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        kind=kind,
        summary=summary,
        params=params or {},
        at=at or timezone.now(),
    )


def case_record(
    case, *, actor, action: str, kind: str, summary: str, params=None, details=None, at=None
):
    """One write of a case: its timeline row (L7) and its audit event (X1), together."""
    timeline_event(case, actor=actor, kind=kind, summary=summary, params=params, at=at)
    audit_record(action=action, actor=actor, obj=case, details=details)


def case_link(case) -> str:
    return reverse("leaks:case_detail", kwargs={"uuid": case.uuid})


def handlers(municipality_id):
    """The people who handle every case (``leaks.manage_cases``) in the municipality."""
    return User.objects.filter(
        identity_domain__municipality_id=municipality_id,
        is_active=True,
        groups__permissions__codename="manage_cases",
        groups__permissions__content_type__app_label="leaks",
    ).distinct()


def team_and_handlers(case):
    from ..selectors import case_team

    return User.objects.filter(
        Q(pk__in=case_team(case).values("pk"))
        | Q(pk__in=handlers(case.municipality_id).values("pk"))
    )


def not_closed(case) -> None:
    if case.status == CaseStatus.CLOSED:
        raise ValidationError(CLOSED_CASE_REFUSED, code="closed")


def not_future(value, now, label) -> None:
    if value is not None and value > now:
        raise ValidationError(
            _("%(field)s ligt in de toekomst. Vul het moment in waarop het gebeurde.")
            % {"field": label},
            code="future",
        )
