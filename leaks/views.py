"""Thin views: parse, call a selector or service, render. A case outside the user's need-to-
know is a 404 (audited by the selector); a write by someone who may read but not work the case
is a 403 (audited by the service)."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.audit import audit_record
from portal.downloads import protect_download
from portal.services import refuse

from . import selectors, services
from .constants import TRANSITIONS, CaseStatus, TrackKind
from .forms import (
    BreachForm,
    BreachNotifyForm,
    BreachOpenForm,
    CaseReportForm,
    FactsForm,
    LinkForm,
    TeamAddForm,
    TraceCodeForm,
    TrackDecisionForm,
    TransitionForm,
    WeighForm,
)
from .permissions import can_oversee, can_report, can_work, may_see_cases

PAGE_SIZE = 25


def _add_errors(form, exc: ValidationError) -> None:
    """The service's rule-named refusal, on its field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _form_page(request, *, case, form, template, title, save, done: str, extra=None):
    """GET shows the form; a valid POST calls ``save`` (a service) and goes back to the case
    with ``done``; a refusal comes back on the form with the rule named (400)."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("leaks:case_detail", uuid=case.uuid)
    return render(
        request,
        template,
        {"case": case, "form": form, "page_title": title, **(extra or {})},
        status=400 if form.errors else 200,
    )


def _workable_case(request, uuid, *, action):
    """The case (404 outside need-to-know) for someone who may work it (403 otherwise)."""
    case = selectors.case_get(request.user, uuid)
    if not can_work(request.user, case):
        refuse(actor=request.user, action=action, obj=case, rule="L3")
    return case


def _data(request):
    return request.POST if request.method == "POST" else None


# --- lists -------------------------------------------------------------------------------------


@require_GET
def case_list(request):
    """L3: only the cases the user may see; search and counts never reach beyond them."""
    if not may_see_cases(request.user):
        return render(request, "403.html", status=403)
    status = request.GET.get("status", "").strip()[:20]
    query = request.GET.get("q", "").strip()[:100]
    cases = selectors.case_list(request.user, status=status, query=query)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "leaks/case_list.html",
        {
            "page_obj": page,
            "cases": page.object_list,
            "status": status,
            "query": query,
            "statuses": CaseStatus.choices,
            "can_report": can_report(request.user),
        },
    )


@require_GET
def dashboard(request):
    """L5/L8: open cases by status, running breach clocks, overdue decisions."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    now = timezone.now()
    return render(
        request,
        "leaks/dashboard.html",
        {**selectors.dashboard(request.user, now=now), "now": now},
    )


@require_GET
def breach_register(request):
    """L5, AVG art. 33(5): every breach, notified or not, of the cases the user may see."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    return render(
        request,
        "leaks/breach_register.html",
        {"breaches": list(selectors.breach_register(request.user)), "now": timezone.now()},
    )


@require_GET
def breach_register_export(request):
    """The art. 33(5) register as CSV (audited: it is a confidential read)."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    breaches = list(selectors.breach_register(request.user))
    audit_record(
        action="leaks.breach_register_export", actor=request.user, details={"rows": len(breaches)}
    )
    response = protect_download(
        HttpResponse(content_type="text/csv; charset=utf-8"), filename="datalekregister.csv"
    )
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _("Kenmerk"),
            _("Bekend geworden op"),
            _("Meldtermijn"),
            _("Aard (art. 33 lid 3 sub a)"),
            _("Betrokkenen"),
            _("Gevolgen (sub c)"),
            _("Maatregelen (sub d)"),
            _("Risico"),
            _("Gemeld aan de AP op"),
            _("Meldnummer"),
            _("Te laat, redenen"),
            _("Betrokkenen informeren (art. 34)"),
        ]
    )
    for breach in breaches:
        first = breach.notification_list[0] if breach.notification_list else None
        writer.writerow(
            [
                _csv_safe(breach.case.reference),
                timezone.localtime(breach.aware_at).strftime("%d-%m-%Y %H:%M"),
                timezone.localtime(breach.deadline).strftime("%d-%m-%Y %H:%M"),
                _csv_safe(breach.nature),
                _csv_safe(f"{breach.subject_categories} ({breach.subjects_approx or '?'})"),
                _csv_safe(breach.consequences),
                _csv_safe(breach.measures),
                breach.get_risk_display(),
                timezone.localtime(first.notified_at).strftime("%d-%m-%Y %H:%M") if first else "",
                _csv_safe(first.reference) if first else "",
                _csv_safe(first.late_reasons) if first else "",
                breach.get_subjects_decision_display(),
            ]
        )
    return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection)."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# --- reporting ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_report(request):
    """L2: anyone on the staff reports a leak; the report is all they see of it (L3)."""
    if not can_report(request.user):
        refuse(actor=request.user, action="leaks.report", obj=None, rule="L2")
    form = CaseReportForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_report(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
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
    return render(
        request, "leaks/case_report.html", {"form": form}, status=400 if form.errors else 200
    )


# --- one case ----------------------------------------------------------------------------------


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
            "notifications": list(selectors.breach_notifications(breach)) if breach else [],
            "transition_form": TransitionForm(allowed=allowed) if workable and allowed else None,
            "now": timezone.now(),
        },
    )


@require_POST
def case_transition(request, uuid):
    case = _workable_case(request, uuid, action="leaks.transition")
    form = TransitionForm(request.POST, allowed=TRANSITIONS[CaseStatus(case.status)])
    if form.is_valid():
        try:
            services.case_transition(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De status is gewijzigd."))
    else:
        messages.error(request, _("Deze statuswijziging is niet toegestaan (L2)."))
    return redirect("leaks:case_detail", uuid=case.uuid)


@require_http_methods(["GET", "POST"])
def case_facts(request, uuid):
    case = _workable_case(request, uuid, action="leaks.facts_update")
    initial = {"leaked_at": case.leaked_at, "suspected_source": case.suspected_source}
    return _form_page(
        request,
        case=case,
        form=FactsForm(_data(request), initial=initial),
        template="leaks/facts_form.html",
        title=_("Feiten bijwerken"),
        save=lambda data: services.case_facts_update(actor=request.user, case=case, **data),
        done=_("De feiten zijn bijgewerkt."),
    )


@require_http_methods(["GET", "POST"])
def case_weigh(request, uuid):
    """L4: the considerations of the case's own framework version (L1), with their guidance."""
    case = _workable_case(request, uuid, action="leaks.weigh")
    form = WeighForm(_data(request), steps=selectors.framework_with_answers(case))
    return _form_page(
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
    case = _workable_case(request, uuid, action="leaks.decide")
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
    return _form_page(
        request,
        case=case,
        form=TrackDecisionForm(_data(request), kind=kind, initial=initial),
        template="leaks/track_form.html",
        title=TrackKind(kind).label,
        save=lambda data: services.track_decide(actor=request.user, case=case, kind=kind, **data),
        done=_("Het besluit is vastgelegd."),
        extra={
            "track_label": TrackKind(kind).label,
            "guidance": selectors.framework_track_guidance(case).get(kind, ""),
        },
    )


@require_http_methods(["GET", "POST"])
def breach_edit(request, uuid):
    """L5: open the breach track (the 72-hour clock starts), or record art. 33(3) and 34."""
    case = _workable_case(request, uuid, action="leaks.breach_update")
    breach = selectors.breach_of(case)
    if breach is None:
        return _form_page(
            request,
            case=case,
            form=BreachOpenForm(_data(request)),
            template="leaks/breach_open.html",
            title=_("Datalekspoor openen"),
            save=lambda data: services.breach_open(actor=request.user, case=case, **data),
            done=_("Het datalekspoor is geopend; de termijn van 72 uur loopt."),
        )
    return _form_page(
        request,
        case=case,
        form=BreachForm(_data(request), instance=breach),
        template="leaks/breach_form.html",
        title=_("Datalek"),
        save=lambda data: services.breach_update(actor=request.user, breach=breach, **data),
        done=_("Het datalek is bijgewerkt."),
        extra={"breach": breach},
    )


@require_http_methods(["GET", "POST"])
def breach_notify(request, uuid):
    case = _workable_case(request, uuid, action="leaks.breach_notify")
    breach = selectors.breach_of(case)
    if breach is None:
        raise Http404
    return _form_page(
        request,
        case=case,
        form=BreachNotifyForm(_data(request)),
        template="leaks/breach_notify.html",
        title=_("Melding aan de AP vastleggen"),
        save=lambda data: services.breach_notify(actor=request.user, breach=breach, **data),
        done=_("De melding aan de Autoriteit Persoonsgegevens is vastgelegd."),
        extra={"breach": breach, "now": timezone.now()},
    )


@require_http_methods(["GET", "POST"])
def team(request, uuid):
    case = _workable_case(request, uuid, action="leaks.team_add")
    return _form_page(
        request,
        case=case,
        form=TeamAddForm(_data(request), candidates=selectors.team_candidates(case)),
        template="leaks/team_form.html",
        title=_("Zaakteam"),
        save=lambda data: services.team_add(actor=request.user, case=case, user=data["user"]),
        done=_("De persoon is aan het zaakteam toegevoegd."),
        extra={"team": list(selectors.case_team(case))},
    )


@require_POST
def team_remove(request, uuid, user_uuid):
    case = _workable_case(request, uuid, action="leaks.team_remove")
    member = selectors.municipality_person(case, user_uuid)
    if member is None:
        raise Http404
    services.team_remove(actor=request.user, case=case, user=member)
    messages.success(request, _("De persoon is uit het zaakteam gehaald."))
    return redirect("leaks:team", uuid=case.uuid)


@require_http_methods(["GET", "POST"])
def link_add(request, uuid):
    case = _workable_case(request, uuid, action="leaks.link_add")
    return _form_page(
        request,
        case=case,
        form=LinkForm(_data(request)),
        template="leaks/link_form.html",
        title=_("Koppelen wat is gelekt"),
        save=lambda data: services.link_add(actor=request.user, case=case, **data),
        done=_("De koppeling is toegevoegd."),
    )


@require_GET
def access_trace(request, uuid, link_uuid):
    """L6: who had access to a linked secret item and who opened it before the leak."""
    case = _workable_case(request, uuid, action="leaks.access_trace")
    link = selectors.case_links(case).filter(uuid=link_uuid, secrecy_item__isnull=False).first()
    if link is None:
        raise Http404
    trace = services.access_trace_view(actor=request.user, case=case, link=link)
    return render(request, "leaks/access_trace.html", {"case": case, "link": link, "trace": trace})


@require_http_methods(["GET", "POST"])
def trace_code(request, uuid):
    """L6/C8: from a trace code on a leaked copy to its recipient (audited by the core)."""
    case = _workable_case(request, uuid, action="leaks.trace_code")
    form = TraceCodeForm(_data(request))
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
        status=400 if form.errors else 200,
    )


@require_POST
def weighing_record(request, uuid):
    """L4/X3: ask the worker for the afwegingsverslag; its status page shows the progress."""
    case = _workable_case(request, uuid, action="leaks.weighing_record")
    job = services.weighing_record_request(actor=request.user, case=case)
    return redirect("portal:report_detail", uuid=job.uuid)
