"""Reads, always scoped to the user's municipality (T1): out of scope is a 404. The only
objects shared between municipalities are model policies and their versions (P7); adoptions
and deviations are scoped like everything else."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Min,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from portal.selectors import get_in_scope_or_404, scope_to_municipality

from .constants import DisplayStatus, ItemKind, ItemStatus
from .models import (
    ActionPlan,
    Adoption,
    Assignment,
    Audit,
    Commitment,
    Deviation,
    ExecutionLetter,
    Finding,
    ModelPolicy,
    ModelPolicyVersion,
    Motion,
    NormFramework,
    PolicyDocument,
    PolicyVersion,
    ProgressUpdate,
)
from .permissions import (
    can_edit_model_policy,
    can_manage_adoptions,
    can_view_motions,
    can_view_policy,
)

# --- motions and commitments (P1–P4) ----------------------------------------------------------


def motions_for(user) -> QuerySet:
    if not can_view_motions(user):
        return Motion.objects.none()
    return (
        scope_to_municipality(Motion.objects.all(), user)
        .annotate(
            n_assignments=Count("assignments"),
            n_done=Count("assignments", filter=Q(assignments__status=ItemStatus.DONE)),
        )
        .order_by("-meeting_date", "number")
    )


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
    assignments = _filtered(
        _items(Assignment, user).annotate(
            kind=Value(ItemKind.ASSIGNMENT.value, output_field=CharField()),
            ref=Concat(F("motion__number"), Value("."), Cast("number", CharField())),
            title=F("motion__title"),
        ),
        status=status,
        q=q,
        on=on,
    ).values(*ROW_FIELDS)
    commitments = _filtered(
        _items(Commitment, user).annotate(
            kind=Value(ItemKind.COMMITMENT.value, output_field=CharField()),
            ref=F("number"),
        ),
        status=status,
        q=q,
        on=on,
    ).values(*ROW_FIELDS)
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


# --- policy documents, norms and audits, plans (P5, P6, P8) ----------------------------------


def _policy(model, user) -> QuerySet:
    if not can_view_policy(user):
        return model.objects.none()
    return scope_to_municipality(model.objects.all(), user)


def policy_documents_for(user) -> QuerySet:
    return _policy(PolicyDocument, user).annotate(n_versions=Count("versions"))


def policy_document_get(user, uuid) -> PolicyDocument:
    qs = _policy(PolicyDocument, user).prefetch_related(
        Prefetch(
            "versions",
            queryset=PolicyVersion.objects.select_related("adopted_by").order_by("number"),
        )
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def frameworks_for(user) -> QuerySet:
    return _policy(NormFramework, user).annotate(n_norms=Count("norms"))


def framework_get(user, uuid) -> NormFramework:
    return get_in_scope_or_404(
        _policy(NormFramework, user).prefetch_related("norms"), user, uuid=uuid
    )


def coverage(framework: NormFramework, audits) -> tuple[list[int], list[dict]]:
    """P6: per norm, per year, the audit result (or "planned"), from the framework's prefetched
    norms and the audits of :func:`audits_for_framework` (no queries of its own)."""
    norms = list(framework.norms.all())
    years = sorted({a.year for a in audits})
    findings = {(f.norm_id, a.year): f for a in audits for f in a.findings.all()}
    planned = {(n.pk, a.year) for a in audits for n in a.norms.all()}
    rows = []
    for norm in norms:
        cells = []
        for year in years:
            finding = findings.get((norm.pk, year))
            cells.append(
                {
                    "year": year,
                    "result": finding.result if finding else "",
                    "label": finding.get_result_display() if finding else "",
                    "planned": (norm.pk, year) in planned,
                }
            )
        rows.append({"norm": norm, "cells": cells})
    return years, rows


def audits_for_framework(framework: NormFramework) -> QuerySet:
    return (
        Audit.objects.filter(framework=framework)
        .prefetch_related("norms")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("norm").prefetch_related("measures"),
            )
        )
        .order_by("-year")
    )


def audit_get(user, uuid) -> Audit:
    return get_in_scope_or_404(_policy(Audit, user).select_related("framework"), user, uuid=uuid)


def finding_get(user, uuid) -> Finding:
    qs = Finding.objects.filter(audit__in=_policy(Audit, user)).select_related(
        "audit__framework", "norm"
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def plans_for(user) -> QuerySet:
    return _policy(ActionPlan, user).annotate(n_actions=Count("actions"))


def plan_get(user, uuid) -> ActionPlan:
    return get_in_scope_or_404(
        _policy(ActionPlan, user).prefetch_related("actions", "evaluations"), user, uuid=uuid
    )


# --- model policies (P7) -----------------------------------------------------------------------


def may_see_model_policies(user) -> bool:
    return user.is_authenticated and (can_view_policy(user) or can_manage_adoptions(user))


def model_policies_for(user) -> QuerySet:
    """Shared across municipalities (the only shared objects, T1): every person who works
    with policy sees the list; who adopted them is not part of it."""
    if not may_see_model_policies(user):
        return ModelPolicy.objects.none()
    return ModelPolicy.objects.annotate(n_versions=Count("versions"))


def model_policy_get(user, uuid) -> ModelPolicy:
    qs = model_policies_for(user).prefetch_related(
        Prefetch(
            "versions",
            queryset=ModelPolicyVersion.objects.prefetch_related("sections").order_by("number"),
        )
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def adoption_for(user, model_policy) -> Adoption | None:
    """The user's own municipality's adoption, never another's (T1)."""
    if user.municipality_id is None:
        return None
    return (
        Adoption.objects.filter(municipality_id=user.municipality_id, model_policy=model_policy)
        .select_related("version", "adopted_by")
        .prefetch_related("deviations")
        .first()
    )


def adoption_get(user, uuid) -> Adoption:
    qs = scope_to_municipality(Adoption.objects.select_related("version", "model_policy"), user)
    if not can_manage_adoptions(user):
        qs = qs.none()
    return get_in_scope_or_404(qs, user, uuid=uuid)


def comparison(user, model_policy, *, editor: bool | None = None) -> list[dict]:
    """P7: who deviates where. An editor of the model policy (the object grant) sees every
    adopting municipality and the sections it deviates in — not the text or the reasons; anyone
    else sees only their own municipality (T1)."""
    adoptions = Adoption.objects.filter(model_policy=model_policy).select_related(
        "municipality", "version"
    )
    if editor is None:
        editor = can_edit_model_policy(user, model_policy)
    if not editor:
        adoptions = adoptions.filter(municipality_id=user.municipality_id or -1)
    keys = {}
    for adoption_id, key in Deviation.objects.filter(
        adoption__in=adoptions.values("pk")
    ).values_list("adoption_id", "section_key"):
        keys.setdefault(adoption_id, set()).add(key)
    return [
        {
            "municipality": a.municipality.name,
            "version": a.version.number,
            "adopted_on": a.adopted_on,
            "deviating": keys.get(a.pk, set()),
        }
        for a in adoptions.order_by("municipality__name")
    ]


def adopted_versions(user) -> dict[int, int]:
    """model policy id → the version number the user's municipality adopted."""
    if user.municipality_id is None:
        return {}
    return dict(
        Adoption.objects.filter(municipality_id=user.municipality_id).values_list(
            "model_policy_id", "version__number"
        )
    )
