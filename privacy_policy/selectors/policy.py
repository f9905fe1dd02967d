"""Reads of policy documents, norms and audits, plans (P5, P6, P8), scoped (T1)."""

from __future__ import annotations

from django.db.models import (
    Count,
    Prefetch,
    QuerySet,
)

from portal.selectors import get_in_scope_or_404, scope_to_municipality

from ..models import (
    ActionPlan,
    Audit,
    Finding,
    NormFramework,
    PolicyDocument,
    PolicyVersion,
)
from ..permissions import (
    can_view_policy,
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
