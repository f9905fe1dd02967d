"""Writes of the privacy_policy app. Each: keyword-only, atomic, full_clean, one audit event.

A refusal the person can act on (closing a motion whose assignment lacks its letter) is a
:class:`ValidationError` whose message names the rule, audited as a denial; a refusal of the
person (no permission) is ``portal.refusals.refuse`` (403)."""

from .model_policies import (
    adoption_record,
    deviation_record,
    model_policy_publish_version,
)
from .motions import (
    assignment_add,
    commitment_register,
    item_accept,
    item_update,
    letter_link,
    motion_close,
    motion_register,
    motion_update,
    progress_report,
)
from .policy import (
    action_add,
    audit_plan,
    evaluation_add,
    finding_record,
    framework_create,
    measure_add,
    plan_create,
    policy_version_add,
)

__all__ = [
    "action_add",
    "adoption_record",
    "assignment_add",
    "audit_plan",
    "commitment_register",
    "deviation_record",
    "evaluation_add",
    "finding_record",
    "framework_create",
    "item_accept",
    "item_update",
    "letter_link",
    "measure_add",
    "model_policy_publish_version",
    "motion_close",
    "motion_register",
    "motion_update",
    "plan_create",
    "policy_version_add",
    "progress_report",
]
