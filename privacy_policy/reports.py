"""The half-yearly progress report on motions and commitments as a PDF (P4, X3), rendered by
the core's PDF worker (portal.reports). Requested from the overview page by whoever may follow
motions and write (the griffie, owners); council members read the list itself (X4)."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.permissions import holds_role_flag
from portal.registry import ReportKind, register_report_kind

from .constants import ItemStatus
from .models import Assignment, Commitment, ExecutionLetter, ProgressUpdate

KIND = "privacy_policy_progress"


class ProgressReportForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    half = forms.TypedChoiceField(
        label=_("Halfjaar"),
        coerce=int,
        choices=[
            (1, _("eerste halfjaar (januari–juni)")),
            (2, _("tweede halfjaar (juli–december)")),
        ],
    )

    @classmethod
    def initial_for(cls, today: datetime.date) -> dict:
        return {"year": today.year, "half": 1 if today.month <= 6 else 2}


def period(parameters: dict) -> tuple[datetime.date, datetime.date]:
    year, half = int(parameters["year"]), int(parameters["half"])
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def _history(qs):
    return qs.select_related("owner").prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        Prefetch("letters", queryset=ExecutionLetter.objects.all()),
    )


def _rows(model, municipality_id, start, end, today):
    qs = model.objects.filter(municipality_id=municipality_id, created_at__date__lte=end).filter(
        ~Q(status=ItemStatus.DONE) | Q(accepted_on__gte=start, accepted_on__lte=end)
    )
    if model is Assignment:
        qs = qs.select_related("motion")
    rows = []
    for item in _history(qs).order_by("deadline", "pk"):
        item.shown_status = item.display_status(today)
        item.label = str(item) if model is Assignment else item.number
        item.heading = item.motion.title if model is Assignment else item.title
        rows.append(item)
    return rows


def build_context(job) -> dict:
    """Every open item (overdue ones first), with its history; and what was done in the
    period. Runs in the worker."""
    start, end = period(job.parameters)
    today = timezone.localdate()
    items = [
        *_rows(Assignment, job.municipality_id, start, end, today),
        *_rows(Commitment, job.municipality_id, start, end, today),
    ]
    open_items = [i for i in items if i.status != ItemStatus.DONE]
    open_items.sort(key=lambda i: (i.shown_status != "overdue", i.deadline))
    return {
        "start": start,
        "end": end,
        "today": today,
        "open_items": open_items,
        "overdue_count": sum(1 for i in open_items if i.shown_status == "overdue"),
        "done_items": [i for i in items if i.status == ItemStatus.DONE],
    }


def may_view(user, job) -> bool:
    return (
        user.is_active
        and user.has_perm("privacy_policy.view_motions")
        and not holds_role_flag(user, "portal.read_only_access")
        and user.municipality_id is not None
        and user.municipality_id == job.municipality_id
    )


PROGRESS_REPORT = ReportKind(
    key=KIND,
    title=_("Voortgangsrapportage moties en toezeggingen"),
    template="privacy_policy/pdf/progress.html",
    build_context=build_context,
    may_view=may_view,
    description=_("Alle open en te late opdrachten en toezeggingen met hun geschiedenis."),
    filename_stem="voortgang-moties",
)


def register() -> None:
    register_report_kind(PROGRESS_REPORT)
