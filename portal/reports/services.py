"""Writes for PDF reports: request one (web process), render one (PDF worker)."""

from __future__ import annotations

import hashlib
import json
import logging
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.audit import Origin, audit_record, reset_origin, set_origin
from portal.background import enqueue
from portal.constants import AuditChannel, AuditResult
from portal.models import ReportJob, ReportStatus, User
from portal.models.reports import report_file_name
from portal.refusals import refuse
from portal.reports import ReportError, ReportKind, get_report_kind
from portal.reports.pdf import html_to_pdf, watermark_pdf_context

log = logging.getLogger(__name__)

# How long a rendering may run before another worker may take the job over (the worker died).
# The same lease guards the outbox message (portal.reports.tasks); it is longer than the task's
# hard time limit, so a live render is never taken over.
RENDER_LEASE = timedelta(minutes=15)


class StillRendering(Exception):
    """Another run holds the job and its lease has not run out: try again later."""


class LeaseLost(Exception):
    """This run's claim was taken over (it outlived its lease): stop without effect."""


def unsaved_job(*, user, kind: ReportKind, parameters: dict, subject=None) -> ReportJob:
    job = ReportJob(
        requested_by=user,
        municipality_id=user.municipality_id,
        kind=kind.key,
        parameters=parameters,
    )
    if subject is not None:
        job.subject_type = ContentType.objects.get_for_model(subject)
        job.subject_id = str(subject.pk)
    return job


def may_request(user, kind: ReportKind, subject=None) -> bool:
    """Whoever may see what the report is about may ask for it: the kind's ``may_view`` on the
    job that would be made. Only people of a municipality (T1): the service centre's own
    accounts have none, so there is nothing for them to report on."""
    if not user.is_authenticated or not user.is_active or user.municipality_id is None:
        return False
    return kind.may_view(user, unsaved_job(user=user, kind=kind, parameters={}, subject=subject))


def clean_parameters(kind: ReportKind, parameters: dict) -> dict:
    """Validate with the kind's form and keep plain JSON (dates as ISO strings)."""
    if kind.form_class is not None:
        form = kind.form_class(data=parameters)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data(), code="invalid")
        parameters = form.cleaned_data
    return json.loads(json.dumps(parameters, cls=DjangoJSONEncoder))


def report_request(*, user: User, kind: str, parameters: dict, subject=None) -> ReportJob:
    """X3: ask for a PDF report. The job and the message that renders it are written in one
    transaction: a rolled-back request leaves neither."""
    report_kind = get_report_kind(kind)
    if report_kind is None:
        raise ValidationError(_("Dit soort rapport bestaat niet."), code="unknown_kind")
    if not may_request(user, report_kind, subject):
        refuse(actor=user, action="report.request", obj=subject, rule="X3")
    cleaned = clean_parameters(report_kind, parameters)
    with transaction.atomic():
        job = unsaved_job(user=user, kind=report_kind, parameters=cleaned, subject=subject)
        job.full_clean()
        job.save()
        enqueue("portal.render_report", job_id=job.pk)
        audit_record(
            action="report.requested",
            actor=user,
            obj=job,
            details={
                "kind": job.kind,
                "parameters": cleaned,
                "subject_type": job.subject_type.model if job.subject_type else "",
                "subject_id": job.subject_id,
                "trace_code": job.trace_code,
            },
        )
    return job


# --- the PDF worker ------------------------------------------------------------------------


def report_render(*, job_id: int) -> str:
    """Render one job (the body of ``portal.render_report``). Idempotent: a job that is done or
    failed is left alone; a rendering is taken over only when its lease ran out. Progress is
    committed as it goes, for the status page."""
    claimed_at = timezone.now()
    claimed = (
        ReportJob.objects.filter(pk=job_id)
        .filter(
            Q(status=ReportStatus.QUEUED)
            | Q(status=ReportStatus.RENDERING, started_at__lt=claimed_at - RENDER_LEASE)
        )
        .update(
            status=ReportStatus.RENDERING,
            started_at=claimed_at,
            progress=0,
            progress_message=_("Gestart"),
            error_message="",
        )
    )
    if not claimed:
        status = ReportJob.objects.filter(pk=job_id).values_list("status", flat=True).first()
        if status == ReportStatus.RENDERING:
            # Another run holds it (or died recently): let the outbox try again after its lease.
            raise StillRendering(job_id)
        return "skipped"
    job = ReportJob.objects.select_related("requested_by", "municipality").get(pk=job_id)
    token = set_origin(Origin(channel=AuditChannel.TASK))
    try:
        with translation.override(job.requested_by.language or "nl"):
            return _render(job, claimed_at)
    except LeaseLost:
        return "lease-lost"
    except Exception as exc:
        log.exception("report %s (%s) failed", job.uuid, job.kind)
        _fail(job, claimed_at, exc)
        return "failed"
    finally:
        reset_origin(token)


def _progress(job: ReportJob, claimed_at, percent: int, message: str) -> None:
    updated = ReportJob.objects.filter(
        pk=job.pk, status=ReportStatus.RENDERING, started_at=claimed_at
    ).update(progress=percent, progress_message=message[:200])
    if not updated:
        raise LeaseLost(job.pk)


def _render(job: ReportJob, claimed_at) -> str:
    kind = get_report_kind(job.kind)
    if kind is None:
        raise ReportError(_("Dit soort rapport bestaat niet meer."))
    job.started_at = claimed_at
    _progress(job, claimed_at, 5, _("Gegevens verzamelen"))
    context = kind.build_context(job)
    _progress(job, claimed_at, 10, _("Gegevens verzameld"))
    recipient = job.requested_by
    html = render_to_string(
        kind.template,
        {
            **context,
            "job": job,
            "report_title": kind.title,
            "watermark": watermark_pdf_context(recipient, job),
            "language_code": translation.get_language(),
        },
    )
    _progress(job, claimed_at, 30, _("Opmaak voorbereid"))

    def laid_out(pages):
        _progress(job, claimed_at, 60, _("%(pages)d pagina's opgemaakt") % {"pages": pages})

    rendered = html_to_pdf(html, on_layout=laid_out)
    _progress(job, claimed_at, 90, _("PDF gemaakt, opslaan"))
    storage = job.file.storage
    name = storage.save(report_file_name(job, ""), ContentFile(rendered.content))
    sha256 = hashlib.sha256(rendered.content).hexdigest()
    with transaction.atomic():
        done = ReportJob.objects.filter(
            pk=job.pk, status=ReportStatus.RENDERING, started_at=claimed_at
        ).update(
            status=ReportStatus.DONE,
            file=name,
            size=len(rendered.content),
            sha256=sha256,
            progress=100,
            progress_message=_("Klaar"),
            finished_at=timezone.now(),
        )
        if done:
            # C8: the trace code on every page resolves to its recipient through this event.
            audit_record(
                action="report.watermarked",
                actor=recipient,
                obj=job,
                municipality=job.municipality,
                details={
                    "trace_code": job.trace_code,
                    "recipient": str(recipient.uuid),
                    "recipient_label": recipient.get_full_name() or recipient.email,
                    "kind": job.kind,
                    "sha256": sha256,
                    "pages": rendered.pages,
                    "refused_urls": rendered.refused[:20],
                },
            )
    if not done:
        storage.delete(name)  # another run took over; its file is the one that counts
        raise LeaseLost(job.pk)
    return "done"


def report_give_up(*, job_id: int) -> None:
    """The outbox gave the render up (every attempt died, e.g. on the hard time limit): the job
    must say so instead of showing 'rendering' for ever."""
    message = _(
        "Het maken van dit rapport is na herhaalde pogingen opgegeven. Kies een kleinere "
        "selectie en vraag het opnieuw aan."
    )
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return
        ReportJob.objects.filter(pk=job.pk).update(
            status=ReportStatus.FAILED, error_message=message, finished_at=timezone.now()
        )
        audit_record(
            action="report.failed",
            actor=job.requested_by,
            obj=job,
            municipality=job.municipality,
            details={"reason": "given_up"},
        )


def _fail(job: ReportJob, claimed_at, exc: Exception) -> None:
    from celery.exceptions import SoftTimeLimitExceeded

    if isinstance(exc, ReportError):
        message = str(exc)
    elif isinstance(exc, SoftTimeLimitExceeded):
        message = _(
            "Het maken van dit rapport duurde te lang. Kies een kleinere selectie en vraag "
            "het opnieuw aan."
        )
    else:
        message = _(
            "Het rapport kon niet worden gemaakt. Vraag het opnieuw aan; lukt het weer niet, "
            "meld dan traceercode %(code)s bij de beheerder."
        ) % {"code": job.trace_code}
    with transaction.atomic():
        failed = ReportJob.objects.filter(
            pk=job.pk, status=ReportStatus.RENDERING, started_at=claimed_at
        ).update(status=ReportStatus.FAILED, error_message=message, finished_at=timezone.now())
        if failed:
            audit_record(
                action="report.failed",
                actor=job.requested_by,
                obj=job,
                municipality=job.municipality,
                result=AuditResult.FAILURE,
                details={"kind": job.kind, "error": type(exc).__name__},
            )
