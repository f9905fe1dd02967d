"""Reads, always scoped to the user's municipality (T1): out of scope is a 404. The only
objects shared between municipalities are model policies and their versions (P7); adoptions
and deviations are scoped like everything else."""

from .model_policies import (
    adopted_versions,
    adoption_for,
    adoption_get,
    comparison,
    may_see_model_policies,
    model_policies_for,
    model_policy_get,
)
from .motions import (
    assignment_get,
    commitment_get,
    commitments_for,
    display_status_expression,
    motion_get,
    motions_for,
    motions_with_assignments,
    owner_choices,
    status_counts,
    status_timeline,
    tracked_rows,
)
from .policy import (
    audit_get,
    audits_for_framework,
    coverage,
    finding_get,
    framework_get,
    frameworks_for,
    plan_get,
    plans_for,
    policy_document_get,
    policy_documents_for,
)

__all__ = [
    "adopted_versions",
    "adoption_for",
    "adoption_get",
    "assignment_get",
    "audit_get",
    "audits_for_framework",
    "commitment_get",
    "commitments_for",
    "comparison",
    "coverage",
    "display_status_expression",
    "finding_get",
    "framework_get",
    "frameworks_for",
    "may_see_model_policies",
    "model_policies_for",
    "model_policy_get",
    "motion_get",
    "motions_for",
    "motions_with_assignments",
    "owner_choices",
    "plan_get",
    "plans_for",
    "policy_document_get",
    "policy_documents_for",
    "status_counts",
    "status_timeline",
    "tracked_rows",
]
