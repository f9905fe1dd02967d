"""L3, L5, L8: the lists — cases, the overview, the breach register and its export."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from portal.audit import audit_record
from portal.downloads import protect_download

from .. import selectors
from ..constants import CaseStatus
from ..permissions import can_oversee, can_report, may_see_cases
from .common import PAGE_SIZE


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
