"""Reads of motions, assignments and commitments (P1–P4), scoped to the user's municipality."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from portal.queries import SubqueryCount
from portal.selectors import get_in_scope_or_404, scope_to_municipality

from ..constants import DisplayStatus, ItemKind, ItemStatus
from ..models import (
    Assignment,
    Commitment,
    ExecutionLetter,
    Motion,
    ProgressUpdate,
)
from ..permissions import (
    can_view_motions,
)

# --- motions and commitments (P1–P4) ----------------------------------------------------------


def motions_for(user) -> QuerySet:
    if not can_view_motions(user):
        return Motion.objects.none()
    return (
        scope_to_municipality(Motion.objects.all(), user)
        .annotate(
            n_assignments=SubqueryCount(Assignment.objects.filter(motion_id=OuterRef("pk"))),
            n_done=SubqueryCount(
                Assignment.objects.filter(motion_id=OuterRef("pk"), status=ItemStatus.DONE)
            ),
        )
        .order_by("-meeting_date", "number")
    )


def motions_with_assignments(user) -> QuerySet:
    """The motions of :func:`motions_for` with their assignments in order (the API)."""
    return motions_for(user).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.order_by("number"))
    )


def _letters() -> Prefetch:
    return Prefetch("letters", queryset=ExecutionLetter.objects.order_by("sent_on"))


def motions_with_follow_up(user) -> QuerySet:
    """X6, T5: the motions with their assignments and each assignment's letters (the ORI API)."""
    return motions_for(user).prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.order_by("number").prefetch_related(_letters()),
        )
    )


def commitments_with_follow_up(user) -> QuerySet:
    return commitments_for(user).prefetch_related(_letters())


def motion_get(user, uuid) -> Motion:
    qs = motions_for(user).prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("owner"))
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def _items(model, user) -> QuerySet:
    if not can_view_motions(user):
        return model.objects.none()
    return scope_to_municipality(model.objects.all(), user)


def _with_history(qs: QuerySet) -> QuerySet:
    return qs.select_related("owner").prefetch_related(
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author")),
        Prefetch("letters", queryset=ExecutionLetter.objects.all()),
    )


def commitments_for(user) -> QuerySet:
    return _items(Commitment, user).order_by("-made_on", "number")


def assignment_get(user, uuid) -> Assignment:
    qs = _with_history(_items(Assignment, user).select_related("motion"))
    return get_in_scope_or_404(qs, user, uuid=uuid)


def commitment_get(user, uuid) -> Commitment:
    return get_in_scope_or_404(_with_history(_items(Commitment, user)), user, uuid=uuid)


def display_status_expression(on: datetime.date):
    """P4 in SQL: done; overdue from the day after the deadline; else the stored status."""
    return Case(
        When(status=ItemStatus.DONE, then=Value(DisplayStatus.DONE.value)),
        When(deadline__lt=on, then=Value(DisplayStatus.OVERDUE.value)),
        default=F("status"),
        output_field=CharField(),
    )


ROW_FIELDS = (
    "kind",
    "uuid",
    "ref",
    "title",
    "description",
    "owner_portfolio_holder",
    "owner_department",
    "deadline",
    "accepted_on",
    "shown_status",
)


def _filtered(qs: QuerySet, *, status: str, q: str, on) -> QuerySet:
    qs = qs.annotate(shown_status=display_status_expression(on))
    if status:
        qs = qs.filter(shown_status=status)
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(description__icontains=q)
            | Q(ref__icontains=q)
            | Q(owner_department__icontains=q)
            | Q(owner_portfolio_holder__icontains=q)
        )
    return qs


def tracked_rows(user, *, kind: str = "", status: str = "", q: str = "", on=None) -> QuerySet:
    """P4: the council-facing list — assignments of motions and commitments in one ordered
    query (a UNION of plain rows), filtered by kind, display status and text."""
    on = on or timezone.localdate()
    assignments = (
        _filtered(
            _items(Assignment, user).annotate(
                kind=Value(ItemKind.ASSIGNMENT.value, output_field=CharField()),
                ref=Concat(F("motion__number"), Value("."), Cast("number", CharField())),
                title=F("motion__title"),
            ),
            status=status,
            q=q,
            on=on,
        )
        .order_by()
        .values(*ROW_FIELDS)
    )
    commitments = (
        _filtered(
            _items(Commitment, user).annotate(
                kind=Value(ItemKind.COMMITMENT.value, output_field=CharField()),
                ref=F("number"),
            ),
            status=status,
            q=q,
            on=on,
        )
        .order_by()
        .values(*ROW_FIELDS)
    )
    if kind == ItemKind.ASSIGNMENT:
        return assignments.order_by("deadline", "ref")
    if kind == ItemKind.COMMITMENT:
        return commitments.order_by("deadline", "ref")
    return assignments.union(commitments, all=True).order_by("deadline", "ref")


def status_counts(user, on=None) -> dict[str, int]:
    """How many items have each display status today (both kinds), in one query each."""
    on = on or timezone.localdate()
    counts = {s.value: 0 for s in DisplayStatus}
    for model in (Assignment, Commitment):
        rows = (
            _items(model, user)
            .annotate(shown_status=display_status_expression(on))
            .values("shown_status")
            .annotate(n=Count("pk"))
        )
        for row in rows:
            counts[row["shown_status"]] += row["n"]
    return counts


def status_timeline(user, *, months: int = 12, on=None) -> list[tuple[datetime.date, dict]]:
    """P4: the status of every item at the end of each of the last ``months`` months (and
    today), derived from dated facts: registered, first progress, deadline, acceptance."""
    on = on or timezone.localdate()
    facts = []
    for model in (Assignment, Commitment):
        facts.extend(
            _items(model, user)
            .annotate(first_progress=Min("updates__reported_on"))
            .values_list("created_at", "deadline", "accepted_on", "first_progress", "status")
        )
    moments = []
    year, month = on.year, on.month
    for _i in range(months - 1):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        moments.append(datetime.date(year, month, 1) + _month_end_offset(year, month))
    moments = [*reversed(moments), on]
    timeline = []
    for moment in moments:
        counts = {s.value: 0 for s in DisplayStatus}
        for created_at, deadline, accepted_on, first_progress, _status in facts:
            registered = timezone.localdate(created_at)
            if registered > moment and not (accepted_on and accepted_on <= moment):
                continue
            counts[_status_at(moment, deadline, accepted_on, first_progress)] += 1
        timeline.append((moment, counts))
    return timeline


def _month_end_offset(year: int, month: int) -> datetime.timedelta:
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return following - datetime.date(year, month, 1) - datetime.timedelta(days=1)


def _status_at(moment, deadline, accepted_on, first_progress) -> str:
    if accepted_on and accepted_on <= moment:
        return DisplayStatus.DONE
    if deadline < moment:
        return DisplayStatus.OVERDUE
    if first_progress and first_progress <= moment:
        return DisplayStatus.IN_PROGRESS
    return DisplayStatus.NEW


def owner_choices(user) -> QuerySet:
    """Owners of an item: active people of the user's municipality who may report progress."""
    from portal.models import User

    if user.municipality_id is None:
        return User.objects.none()
    return (
        User.objects.filter(
            identity_domain__municipality_id=user.municipality_id,
            is_active=True,
        )
        .filter(
            Q(groups__permissions__codename="report_progress")
            | Q(user_permissions__codename="report_progress")
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
