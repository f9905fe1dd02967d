"""Policy documents and versions (P5), audits against norms (P6), action plans (P8)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import Body, User
from portal.refusals import audited_write, refuse

from ..models import (
    ActionPlan,
    Audit,
    Evaluation,
    Finding,
    Measure,
    Norm,
    NormFramework,
    PlanAction,
    PolicyDocument,
    PolicyVersion,
)
from ..permissions import can_manage_policy

MSG_BODY_ELSEWHERE = _("Kies een orgaan van uw eigen gemeente.")  # P5, T1
MSG_NORM_NOT_AUDITED = _(
    "Deze norm hoort niet bij de audit. Een bevinding gaat over een norm waartegen is "
    "geauditeerd."  # P6
)
MSG_NORMS_OTHER_FRAMEWORK = _("Kies normen uit het normenkader van deze audit.")  # P6


def _require(actor, obj, action: str, rule: str) -> None:
    """The privacy officer of the object's own municipality (T1, X4)."""
    municipality_id = getattr(obj, "municipality_id", actor.municipality_id)
    if not can_manage_policy(actor) or municipality_id != actor.municipality_id:
        refuse(actor=actor, action=action, obj=obj, rule=rule)


def policy_version_add(
    *,
    actor: User,
    document: PolicyDocument | None = None,
    kind: str = "",
    title: str = "",
    text: str,
    adopted_by: Body,
    adopted_on: datetime.date,
    decision_reference: str,
) -> PolicyVersion:
    """P5: a new version with its adoption (body, date, decision); a new document when none
    is given."""
    _require(actor, document, "policy.version_add", "P5")
    with audited_write(actor=actor, action="policy.version_add", rule="P5", obj=document):
        if adopted_by.municipality_id != actor.municipality_id:
            raise ValidationError(MSG_BODY_ELSEWHERE, code="other_municipality")
        if document is None:
            document = PolicyDocument(municipality_id=actor.municipality_id, kind=kind, title=title)
            document.full_clean()
            document.save()
        else:
            document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = PolicyVersion(
            document=document,
            number=number,
            text=text,
            adopted_by=adopted_by,
            adopted_on=adopted_on,
            decision_reference=decision_reference,
            created_by=actor,
        )
        version.full_clean()
        version.save()
        audit_record(
            action="policy.version_add",
            actor=actor,
            obj=document,
            details={"version": number, "adopted_on": adopted_on, "body": str(adopted_by.uuid)},
        )
    return version


def framework_create(
    *, actor: User, title: str, norms: list[tuple[str, str]], document=None
) -> NormFramework:
    """P6: a norm framework with its norms (code, text)."""
    _require(actor, None, "norms.framework_create", "P6")
    with audited_write(actor=actor, action="norms.framework_create", rule="P6"):
        framework = NormFramework(
            municipality_id=actor.municipality_id, title=title, document=document
        )
        framework.full_clean()
        framework.save()
        for code, norm_title in norms:
            norm = Norm(framework=framework, code=code, title=norm_title)
            norm.full_clean()
            norm.save()
        audit_record(
            action="norms.framework_create",
            actor=actor,
            obj=framework,
            details={"norms": len(norms)},
        )
    return framework


def audit_plan(
    *, actor: User, framework: NormFramework, year: int, title: str, norms: list[Norm]
) -> Audit:
    """P6: an audit planned in a year against norms of one framework."""
    _require(actor, framework, "norms.audit_plan", "P6")
    with audited_write(actor=actor, action="norms.audit_plan", rule="P6", obj=framework):
        if not norms or any(n.framework_id != framework.pk for n in norms):
            raise ValidationError(MSG_NORMS_OTHER_FRAMEWORK, code="norms")
        audit = Audit(
            municipality_id=framework.municipality_id, framework=framework, year=year, title=title
        )
        audit.full_clean()
        audit.save()
        audit.norms.set(norms)
        audit_record(
            action="norms.audit_plan",
            actor=actor,
            obj=audit,
            details={"year": year, "norms": [n.code for n in norms]},
        )
    return audit


def finding_record(
    *, actor: User, audit: Audit, norm: Norm, result: str, text: str = ""
) -> Finding:
    """P6: the result for one norm of the audit (recorded again: the result is replaced)."""
    _require(actor, audit, "norms.finding", "P6")
    with audited_write(actor=actor, action="norms.finding", rule="P6", obj=audit):
        if not audit.norms.filter(pk=norm.pk).exists():
            raise ValidationError(MSG_NORM_NOT_AUDITED, code="norm_not_audited")
        finding = Finding.objects.filter(audit=audit, norm=norm).first() or Finding(
            audit=audit, norm=norm
        )
        finding.result, finding.text = result, text
        finding.full_clean()
        finding.save()
        audit_record(
            action="norms.finding",
            actor=actor,
            obj=audit,
            details={"norm": norm.code, "result": result},
        )
    return finding


def measure_add(
    *,
    actor: User,
    finding: Finding,
    description: str,
    owner_department: str,
    deadline: datetime.date,
) -> Measure:
    """P6: a measure on a finding with its owner and deadline."""
    _require(actor, finding.audit, "norms.measure", "P6")
    with audited_write(actor=actor, action="norms.measure", rule="P6", obj=finding.audit):
        measure = Measure(
            finding=finding,
            description=description,
            owner_department=owner_department,
            deadline=deadline,
        )
        measure.full_clean()
        measure.save()
        audit_record(
            action="norms.measure",
            actor=actor,
            obj=finding.audit,
            details={"norm": finding.norm.code, "deadline": deadline},
        )
    return measure


def plan_create(*, actor: User, title: str, description: str = "") -> ActionPlan:
    """P8: a plan of approach."""
    _require(actor, None, "plan.create", "P8")
    with audited_write(actor=actor, action="plan.create", rule="P8"):
        plan = ActionPlan(
            municipality_id=actor.municipality_id, title=title, description=description
        )
        plan.full_clean()
        plan.save()
        audit_record(action="plan.create", actor=actor, obj=plan)
    return plan


def action_add(
    *,
    actor: User,
    plan: ActionPlan,
    title: str,
    target_kind: str,
    target: str,
    owner_department: str,
    status: str = "new",
) -> PlanAction:
    """P8: an action for a target group or a product, with its owner and status."""
    _require(actor, plan, "plan.action_add", "P8")
    with audited_write(actor=actor, action="plan.action_add", rule="P8", obj=plan):
        action = PlanAction(
            plan=plan,
            title=title,
            target_kind=target_kind,
            target=target,
            owner_department=owner_department,
            status=status,
        )
        action.full_clean()
        action.save()
        audit_record(
            action="plan.action_add",
            actor=actor,
            obj=plan,
            details={"action": str(action.uuid), "target_kind": target_kind},
        )
    return action


def evaluation_add(
    *, actor: User, plan: ActionPlan, evaluated_on: datetime.date, text: str
) -> Evaluation:
    """P8: a dated evaluation of the plan."""
    _require(actor, plan, "plan.evaluation_add", "P8")
    with audited_write(actor=actor, action="plan.evaluation_add", rule="P8", obj=plan):
        evaluation = Evaluation(plan=plan, evaluated_on=evaluated_on, text=text)
        evaluation.full_clean()
        evaluation.save()
        audit_record(
            action="plan.evaluation_add",
            actor=actor,
            obj=plan,
            details={"evaluated_on": evaluated_on},
        )
    return evaluation
