"""L2, L3, L6: reporting a case, the case page, its status and facts, its team and what
leaked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.audit import audit_record
from portal.form_flow import form_status, posted, show_refusal
from portal.refusals import refuse

from .. import selectors, services
from ..constants import TRANSITIONS, CaseStatus, TrackKind
from ..forms import CaseReportForm, FactsForm, LinkForm, TeamAddForm, TraceCodeForm, TransitionForm
from ..permissions import can_report, can_work
from .common import form_page, workable_case


@require_http_methods(["GET", "POST"])
def case_report(request):
    """L2: anyone on the staff reports a leak; the report is all they see of it (L3)."""
    if not can_report(request.user):
        refuse(actor=request.user, action="leaks.report", obj=None, rule="L2")
    form = CaseReportForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_report(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(
                request,
                _(
                    "Uw melding is ontvangen onder kenmerk %(reference)s. De privacyfunctionaris "
                    "neemt haar in behandeling."
                )
                % {"reference": case.reference},
            )
            if selectors.cases_visible_to(request.user).filter(pk=case.pk).exists():
                return redirect("leaks:case_detail", uuid=case.uuid)
            return redirect("leaks:case_report")
    return render(request, "leaks/case_report.html", {"form": form}, status=form_status(form))


@require_GET
def case_detail(request, uuid):
    case = selectors.case_get_for_detail(request.user, uuid)
    audit_record(action="leaks.viewed", actor=request.user, obj=case)
    workable = can_work(request.user, case)
    breach = selectors.breach_of(case)
    allowed = TRANSITIONS[CaseStatus(case.status)]
    decisions = selectors.case_decisions(case)
    return render(
        request,
        "leaks/case_detail.html",
        {
            "case": case,
            "workable": workable,
            "timeline": list(selectors.case_timeline(case)),
            "tracks": [(kind, label, decisions.get(kind)) for kind, label in TrackKind.choices],
            "breach": breach,
            "notifications": selectors.breach_versions(breach) if breach else [],
            "transition_form": TransitionForm(allowed=allowed) if workable and allowed else None,
            "now": timezone.now(),
        },
    )


@require_POST
def case_transition(request, uuid):
    case = workable_case(request, uuid, action="leaks.transition")
    form = TransitionForm(request.POST, allowed=TRANSITIONS[CaseStatus(case.status)])
    if form.is_valid():
        try:
            services.case_transition(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status is gewijzigd."))
    else:
        messages.error(request, _("Deze statuswijziging is niet toegestaan."))  # L2
    return redirect("leaks:case_detail", uuid=case.uuid)


@require_http_methods(["GET", "POST"])
def case_facts(request, uuid):
    case = workable_case(request, uuid, action="leaks.facts_update")
    initial = {"leaked_at": case.leaked_at, "suspected_source": case.suspected_source}
    return form_page(
        request,
        case=case,
        form=FactsForm(posted(request), initial=initial),
        template="leaks/facts_form.html",
        title=_("Feiten bijwerken"),
        save=lambda data: services.case_facts_update(actor=request.user, case=case, **data),
        done=_("De feiten zijn bijgewerkt."),
    )


@require_http_methods(["GET", "POST"])
def team(request, uuid):
    case = workable_case(request, uuid, action="leaks.team_add")
    return form_page(
        request,
        case=case,
        form=TeamAddForm(posted(request), candidates=selectors.team_candidates(case)),
        template="leaks/team_form.html",
        title=_("Zaakteam"),
        save=lambda data: services.team_add(actor=request.user, case=case, user=data["user"]),
        done=_("De persoon is aan het zaakteam toegevoegd."),
        extra={"team": list(selectors.case_team(case))},
    )


@require_POST
def team_remove(request, uuid, user_uuid):
    case = workable_case(request, uuid, action="leaks.team_remove")
    member = selectors.municipality_person(case, user_uuid)
    if member is None:
        raise Http404
    services.team_remove(actor=request.user, case=case, user=member)
    messages.success(request, _("De persoon is uit het zaakteam gehaald."))
    return redirect("leaks:team", uuid=case.uuid)


@require_http_methods(["GET", "POST"])
def link_add(request, uuid):
    case = workable_case(request, uuid, action="leaks.link_add")
    return form_page(
        request,
        case=case,
        form=LinkForm(posted(request)),
        template="leaks/link_form.html",
        title=_("Koppelen wat is gelekt"),
        save=lambda data: services.link_add(actor=request.user, case=case, **data),
        done=_("De koppeling is toegevoegd."),
    )


@require_GET
def access_trace(request, uuid, link_uuid):
    """L6: who had access to a linked secret item and who opened it before the leak."""
    case = workable_case(request, uuid, action="leaks.access_trace")
    link = selectors.case_links(case).filter(uuid=link_uuid, secrecy_item__isnull=False).first()
    if link is None:
        raise Http404
    trace = services.access_trace_view(actor=request.user, case=case, link=link)
    return render(request, "leaks/access_trace.html", {"case": case, "link": link, "trace": trace})


@require_http_methods(["GET", "POST"])
def trace_code(request, uuid):
    """L6/C8: from a trace code on a leaked copy to its recipient (audited by the core)."""
    case = workable_case(request, uuid, action="leaks.trace_code")
    form = TraceCodeForm(posted(request))
    copy = match = None
    searched = False
    if request.method == "POST" and form.is_valid():
        copy, match = services.trace_code_resolve(
            actor=request.user, case=case, code=form.cleaned_data["code"]
        )
        searched = True
    return render(
        request,
        "leaks/trace_code.html",
        {
            "case": case,
            "form": form,
            "match": match,
            "copy": copy,
            "searched": searched,
            "page_title": _("Traceercode opzoeken"),
        },
        status=form_status(form),
    )
