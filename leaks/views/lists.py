"""L3, L5, L8: the lists — cases, the overview, the breach register and its export."""

import csv

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from portal.audit import audit_record
from portal.downloads import protect_download
from portal.form_flow import form_status

from .. import selectors
from ..constants import CaseStatus
from ..figures import YearForm, breach_figures
from ..permissions import can_oversee, can_report, may_see_cases
from ..register import COLUMNS, PAGE_COLUMNS, RegisterFilterForm, apply_filters, row
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
    """L5/L8: open cases by status, running breach clocks, overdue decisions; L9: the
    register's figures of a year (breaches per month, share notified, share late)."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    now = timezone.now()
    year_form = YearForm(request.GET or None)
    year = year_form.cleaned_data.get("jaar") if year_form.is_valid() else None
    return render(
        request,
        "leaks/dashboard.html",
        {
            **selectors.dashboard(request.user, now=now),
            "now": now,
            "year_form": year_form,
            "figures": breach_figures(request.user, year=year, now=now),
        },
        status=form_status(year_form),
    )


def _register(request):
    """The visible breaches, filtered by the valid filters (an invalid one is shown on the form
    and left out)."""
    form = RegisterFilterForm(request.GET or None)
    data = {}
    if form.is_bound:
        form.is_valid()
        data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    return form, apply_filters(selectors.breach_register(request.user), data)


@require_GET
def breach_register(request):
    """L5/L9, AVG art. 33(5): every breach, notified or not, of the cases the user may see,
    with the structured columns and filters."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    form, breaches = _register(request)
    page = Paginator(breaches, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "leaks/breach_register.html",
        {
            "form": form,
            "page_obj": page,
            "columns": PAGE_COLUMNS,
            "rows": [row(b) for b in page.object_list],
            "query": request.GET.urlencode(),
        },
        status=form_status(form),
    )


@require_GET
def breach_register_export(request):
    """The art. 33(5) register as CSV, with the page's filters (audited: a confidential
    read)."""
    if not can_oversee(request.user):
        return render(request, "403.html", status=403)
    _form, breaches = _register(request)
    rows = [row(b) for b in breaches]
    audit_record(
        action="leaks.breach_register_export",
        actor=request.user,
        details={"rows": len(rows), "filters": request.GET.dict()},
    )
    response = protect_download(
        HttpResponse(content_type="text/csv; charset=utf-8"), filename="datalekregister.csv"
    )
    response.write("\ufeff")  # Excel reads UTF-8 with a byte-order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(c.header) for c in COLUMNS])
    for values in rows:
        writer.writerow([_csv_safe(values[c.key]) for c in COLUMNS])
    return response


def _csv_safe(value: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with a quote (CSV injection)."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
