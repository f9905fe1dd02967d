"""Policy documents with versions (P5), norm frameworks, audits and coverage (P6), action plans
(P8): read by whoever works with policy, kept by the privacy officer."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.form_flow import form_page, posted
from portal.refusals import refuse
from portal.selectors import bodies_for

from .. import selectors, services
from ..constants import RESULT_BADGE, RESULT_FILL, FindingResult
from ..diff import word_diff
from ..forms import (
    AuditPlanForm,
    EvaluationForm,
    FindingForm,
    FrameworkForm,
    MeasureForm,
    PlanActionForm,
    PlanForm,
    PolicyDocumentForm,
    PolicyVersionForm,
)
from ..permissions import can_manage_policy, can_view_policy

TEMPLATE = "privacy_policy/form.html"


def _require_view(request, action):
    if not can_view_policy(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="P5")


@require_GET
def policy_overview(request):
    _require_view(request, "policy.list")
    return render(
        request,
        "privacy_policy/policy_overview.html",
        {
            "documents": selectors.policy_documents_for(request.user),
            "frameworks": selectors.frameworks_for(request.user),
            "plans": selectors.plans_for(request.user),
            "can_manage": can_manage_policy(request.user),
        },
    )


@require_GET
def document_detail(request, uuid):
    """P5: every version with its adoption, and what changed from the one before."""
    document = selectors.policy_document_get(request.user, uuid)
    versions = list(document.versions.all())
    previous = None
    for version in versions:
        version.changes = word_diff(previous.text, version.text) if previous else None
        previous = version
    return render(
        request,
        "privacy_policy/document_detail.html",
        {
            "document": document,
            "versions": list(reversed(versions)),
            "can_manage": can_manage_policy(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def document_version_add(request, uuid):
    document = selectors.policy_document_get(request.user, uuid)
    if not can_manage_policy(request.user):
        refuse(actor=request.user, action="policy.version_add", obj=document, rule="P5")
    latest = document.versions.order_by("-number").first()
    form = PolicyVersionForm(
        posted(request),
        bodies=bodies_for(request.user).order_by("name"),
        initial={"text": latest.text if latest else ""},
    )
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Nieuwe versie van %(title)s") % {"title": document.title},
            "submit": _("Versie vastleggen"),
        },
        save=lambda data: services.policy_version_add(
            actor=request.user, document=document, **data
        ),
        success_message=_("De nieuwe versie is vastgelegd."),
        success_url=reverse("privacy_policy:document_detail", kwargs={"uuid": document.uuid}),
    )


def coverage_picture(years, rows) -> dict:
    """P6: the coverage as a grid of squares (norm × year), coloured by result; drawn on the
    server as SVG, with the same data in the table (WCAG 1.1.1)."""
    cell, left, top = 28, 90, 24
    labels = dict(FindingResult.choices)
    squares = []
    for r, row in enumerate(rows):
        for c, entry in enumerate(row["cells"]):
            if not (entry["result"] or entry["planned"]):
                continue
            squares.append(
                {
                    "x": left + c * cell,
                    "y": top + r * cell,
                    "fill": RESULT_FILL.get(entry["result"], "#ffffff"),
                    "label": f"{row['norm'].code} {entry['year']}: "
                    f"{labels.get(entry['result'], _('gepland'))}",
                }
            )
    return {
        "squares": squares,
        "size": cell - 4,
        "width": left + cell * max(len(years), 1),
        "height": top + cell * max(len(rows), 1),
        "years": [{"x": left + i * cell + cell // 2 - 2, "year": y} for i, y in enumerate(years)],
        "norms": [
            {"y": top + i * cell + cell // 2 + 2, "code": r["norm"].code}
            for i, r in enumerate(rows)
        ],
        "legend": [(labels[k], v) for k, v in RESULT_FILL.items()],
    }


@require_GET
def framework_detail(request, uuid):
    """P6: norms, audits per year with findings and measures, and the coverage view."""
    framework = selectors.framework_get(request.user, uuid)
    audits = list(selectors.audits_for_framework(framework))
    years, rows = selectors.coverage(framework, audits)
    for row in rows:
        for entry in row["cells"]:
            entry["badge"] = RESULT_BADGE.get(entry["result"], "neutral")
    return render(
        request,
        "privacy_policy/framework_detail.html",
        {
            "framework": framework,
            "audits": audits,
            "years": years,
            "rows": rows,
            "picture": coverage_picture(years, rows),
            "can_manage": can_manage_policy(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def finding_add(request, uuid):
    audit = selectors.audit_get(request.user, uuid)
    if not can_manage_policy(request.user):
        refuse(actor=request.user, action="norms.finding", obj=audit, rule="P6")
    form = FindingForm(posted(request), norms=audit.norms.all())
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Bevinding bij %(audit)s") % {"audit": audit},
            "submit": _("Bevinding vastleggen"),
        },
        save=lambda data: services.finding_record(actor=request.user, audit=audit, **data),
        success_message=_("De bevinding is vastgelegd."),
        success_url=lambda _finding: reverse(
            "privacy_policy:framework_detail", kwargs={"uuid": audit.framework.uuid}
        ),
    )


@require_GET
def plan_detail(request, uuid):
    plan = selectors.plan_get(request.user, uuid)
    return render(
        request,
        "privacy_policy/plan_detail.html",
        {"plan": plan, "can_manage": can_manage_policy(request.user)},
    )


@require_http_methods(["GET", "POST"])
def plan_action_add(request, uuid):
    plan = selectors.plan_get(request.user, uuid)
    if not can_manage_policy(request.user):
        refuse(actor=request.user, action="plan.action_add", obj=plan, rule="P8")
    form = PlanActionForm(posted(request))
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Actie toevoegen aan %(title)s") % {"title": plan.title},
            "submit": _("Actie toevoegen"),
        },
        save=lambda data: services.action_add(actor=request.user, plan=plan, **data),
        success_message=_("De actie is toegevoegd."),
        success_url=reverse("privacy_policy:plan_detail", kwargs={"uuid": plan.uuid}),
    )


def _require_manage(request, action, obj, rule):
    if not can_manage_policy(request.user):
        refuse(actor=request.user, action=action, obj=obj, rule=rule)


@require_http_methods(["GET", "POST"])
def document_create(request):
    """P5: a new policy document with its first adopted version."""
    _require_manage(request, "policy.version_add", None, "P5")
    form = PolicyDocumentForm(posted(request), bodies=bodies_for(request.user).order_by("name"))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Nieuw beleidsstuk"), "submit": _("Vastleggen")},
        save=lambda data: services.policy_version_add(actor=request.user, **data),
        success_message=_("Het beleidsstuk is vastgelegd."),
        success_url=lambda v: reverse(
            "privacy_policy:document_detail", kwargs={"uuid": v.document.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def framework_create(request):
    """P6: a norm framework with its norms."""
    _require_manage(request, "norms.framework_create", None, "P6")
    form = FrameworkForm(posted(request))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Nieuw normenkader"), "submit": _("Vastleggen")},
        save=lambda data: services.framework_create(actor=request.user, **data),
        success_message=_("Het normenkader is vastgelegd."),
        success_url=lambda f: reverse("privacy_policy:framework_detail", kwargs={"uuid": f.uuid}),
    )


@require_http_methods(["GET", "POST"])
def audit_plan(request, uuid):
    """P6: plan an audit in a year against norms of this framework."""
    framework = selectors.framework_get(request.user, uuid)
    _require_manage(request, "norms.audit_plan", framework, "P6")
    form = AuditPlanForm(posted(request), norms=framework.norms.all())
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Audit plannen"), "submit": _("Plannen")},
        save=lambda data: services.audit_plan(
            actor=request.user,
            framework=framework,
            year=data["year"],
            title=data["title"],
            norms=list(data["norms"]),
        ),
        success_message=_("De audit is gepland."),
        success_url=lambda a: reverse(
            "privacy_policy:framework_detail", kwargs={"uuid": framework.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def measure_add(request, uuid):
    """P6: a measure on a finding, with its owner and deadline."""
    finding = selectors.finding_get(request.user, uuid)
    _require_manage(request, "norms.measure", finding.audit, "P6")
    form = MeasureForm(posted(request))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Maatregel vastleggen"), "submit": _("Vastleggen")},
        save=lambda data: services.measure_add(actor=request.user, finding=finding, **data),
        success_message=_("De maatregel is vastgelegd."),
        success_url=lambda m: reverse(
            "privacy_policy:framework_detail", kwargs={"uuid": finding.audit.framework.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def plan_create(request):
    """P8: a new plan of approach."""
    _require_manage(request, "plan.create", None, "P8")
    form = PlanForm(posted(request))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Nieuw plan van aanpak"), "submit": _("Vastleggen")},
        save=lambda data: services.plan_create(actor=request.user, **data),
        success_message=_("Het plan is vastgelegd."),
        success_url=lambda p: reverse("privacy_policy:plan_detail", kwargs={"uuid": p.uuid}),
    )


@require_http_methods(["GET", "POST"])
def evaluation_add(request, uuid):
    """P8: a dated evaluation of the plan."""
    plan = selectors.plan_get(request.user, uuid)
    _require_manage(request, "plan.evaluation_add", plan, "P8")
    form = EvaluationForm(posted(request))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        context={"title": _("Evaluatie vastleggen"), "submit": _("Vastleggen")},
        save=lambda data: services.evaluation_add(actor=request.user, plan=plan, **data),
        success_message=_("De evaluatie is vastgelegd."),
        success_url=lambda e: reverse("privacy_policy:plan_detail", kwargs={"uuid": plan.uuid}),
    )
