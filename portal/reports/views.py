"""Views for PDF reports (X3): the user's own list, a request form per kind, a status page that
shows progress, and the permission-checked download (QUALITY D3)."""

from __future__ import annotations

import logging
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.audit import audit_record
from portal.models import ReportStatus
from portal.refusals import refuse
from portal.reports import get_report_kind, report_kinds
from portal.reports.selectors import report_job_get, report_jobs_own
from portal.reports.services import may_request, report_request

log = logging.getLogger(__name__)

PAGE_SIZE = 25


@require_GET
def report_list(request):
    page = Paginator(report_jobs_own(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    titles = {kind.key: kind.title for kind in report_kinds()}
    for job in page:
        job.kind_title = titles.get(job.kind, job.kind)
    requestable = [
        kind for kind in report_kinds() if kind.form_class and may_request(request.user, kind)
    ]
    return render(
        request,
        "portal/reports/list.html",
        {"page_obj": page, "requestable": requestable},
    )


@require_http_methods(["GET", "POST"])
def report_new(request, kind):
    report_kind = get_report_kind(kind)
    if report_kind is None or report_kind.form_class is None:
        raise Http404
    if not may_request(request.user, report_kind):
        refuse(actor=request.user, action="report.request", obj=None, rule="X3")
    if request.method == "POST":
        form = report_kind.form_class(request.POST)
        if form.is_valid():
            try:
                job = report_request(
                    user=request.user, kind=report_kind.key, parameters=request.POST.dict()
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Uw rapport wordt gemaakt. Deze pagina toont de voortgang.")
                )
                return redirect("portal:report_detail", uuid=job.uuid)
        status = 400
    else:
        # Filters carried over from the page the request started on (e.g. the audit trail).
        form = report_kind.form_class(initial=request.GET.dict())
        status = 200
    return render(
        request, "portal/reports/new.html", {"form": form, "kind": report_kind}, status=status
    )


@require_GET
def report_detail(request, uuid):
    job = report_job_get(request.user, uuid)
    return render(
        request,
        "portal/reports/detail.html",
        {
            "job": job,
            "kind": get_report_kind(job.kind),
            "is_requester": job.requested_by_id == request.user.pk,
        },
    )


@never_cache
@require_GET
def report_status(request, uuid):
    """For the status page's script (static/portal/report-status.js): polled while rendering."""
    job = report_job_get(request.user, uuid)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "message": job.error_message or job.progress_message,
            "finished": job.is_finished,
            "download_url": (
                reverse("portal:report_download", kwargs={"uuid": job.uuid})
                if job.status == ReportStatus.DONE
                else ""
            ),
        }
    )


@never_cache
@require_GET
def report_download(request, uuid):
    """D3: permission-checked, attachment, PDF only, nosniff, sandboxed; C8: audited with the
    trace code that is on every page of the file."""
    job = report_job_get(request.user, uuid)
    if job.status != ReportStatus.DONE or not job.file:
        raise Http404
    kind = get_report_kind(job.kind)
    made = timezone.localtime(job.finished_at or job.created_at)
    # Generated from safe parts only: nothing a user typed reaches the header.
    filename = f"{kind.stem}-{made:%Y%m%d-%H%M}-{job.trace_code}.pdf"
    accel = settings.PORTAL_X_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type="application/pdf")
        # nginx serves the file from the private volume (deploy/nginx.conf, location /protected/).
        response["X-Accel-Redirect"] = "/protected/" + quote(job.file.name)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        try:
            handle = job.file.open("rb")
        except FileNotFoundError:
            log.error("report %s: file %s is missing from storage", job.uuid, job.file.name)
            raise Http404 from None
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type="application/pdf"
        )
    audit_record(
        action="report.downloaded",
        actor=request.user,
        obj=job,
        municipality=job.municipality,
        details={
            "trace_code": job.trace_code,
            "recipient": str(job.requested_by.uuid),
            "sha256": job.sha256,
            "kind": job.kind,
            "served_by": "nginx" if accel else "django",
        },
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
