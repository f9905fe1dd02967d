"""L4: the weighing, the decisions per track and the afwegingsverslag."""

from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from portal.form_flow import posted

from .. import selectors, services
from ..constants import TrackKind
from ..forms import TrackDecisionForm, WeighForm
from .common import form_page, workable_case


@require_http_methods(["GET", "POST"])
def case_weigh(request, uuid):
    """L4: the considerations of the case's own framework version (L1), with their guidance."""
    case = workable_case(request, uuid, action="leaks.weigh")
    form = WeighForm(posted(request), steps=selectors.framework_with_answers(case))
    return form_page(
        request,
        case=case,
        form=form,
        template="leaks/weigh_form.html",
        title=_("Afweging"),
        save=lambda data: services.answers_save(
            actor=request.user, case=case, answers=form.answers()
        ),
        done=_("De afweging is opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
def track_decide(request, uuid, kind):
    case = workable_case(request, uuid, action="leaks.decide")
    if kind not in TrackKind.values:
        raise Http404
    decision = selectors.case_decisions(case).get(kind)
    initial = {}
    if decision is not None:
        initial = {
            name: getattr(decision, name)
            for name in (
                "choice",
                "decided_on",
                "decision_maker",
                "reasons",
                "police_filed_on",
                "police_reference",
                "police_outcome",
                "police_outcome_reason",
                "council_mode",
            )
        }
        if decision.council_secrecy_item_id:
            initial["council_item_reference"] = decision.council_secrecy_item.reference
    return form_page(
        request,
        case=case,
        form=TrackDecisionForm(posted(request), kind=kind, initial=initial),
        template="leaks/track_form.html",
        title=TrackKind(kind).label,
        save=lambda data: services.track_decide(actor=request.user, case=case, kind=kind, **data),
        done=_("Het besluit is vastgelegd."),
        extra={
            "track_label": TrackKind(kind).label,
            "guidance": selectors.framework_track_guidance(case).get(kind, ""),
        },
    )


@require_POST
def weighing_record(request, uuid):
    """L4/X3: ask the worker for the afwegingsverslag; its status page shows the progress."""
    case = workable_case(request, uuid, action="leaks.weighing_record")
    job = services.weighing_record_request(actor=request.user, case=case)
    return redirect("portal:report_detail", uuid=job.uuid)
