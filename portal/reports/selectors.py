"""Reads for PDF reports, scoped to the user (T1): a job outside the user's reach is a 404."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from portal.audit import audit_record
from portal.models import AuditEvent, ReportJob, User
from portal.reports import get_report_kind
from portal.selectors import get_in_scope_or_404, scope_to_municipality


def report_jobs_own(user) -> QuerySet:
    """The user's own report jobs, newest first."""
    if not user.is_authenticated:
        return ReportJob.objects.none()
    return scope_to_municipality(ReportJob.objects.filter(requested_by=user), user).order_by(
        "-created_at"
    )


def may_download(user, job: ReportJob) -> bool:
    """The requester, or (for a report about a subject) whoever may see that subject — and in
    both cases only while the kind's ``may_view`` still holds: access that ends (a role taken
    away, an exclusion under C6) ends the download too."""
    kind = get_report_kind(job.kind)
    if kind is None or not user.is_authenticated or not user.is_active:
        return False
    if user.municipality_id is None or user.municipality_id != job.municipality_id:
        return False
    if job.requested_by_id != user.pk and job.subject_type_id is None:
        return False
    return kind.may_view(user, job)


def report_job_get(user, uuid) -> ReportJob:
    """The job if the user may see it (status page, download); otherwise a 404, audited."""
    candidates = scope_to_municipality(
        ReportJob.objects.select_related("municipality", "requested_by", "subject_type"), user
    ).filter(Q(requested_by_id=user.pk) | Q(subject_type__isnull=False))
    job = candidates.filter(uuid=uuid).first()
    if job is not None and may_download(user, job):
        return job
    # Not found, or found but not for this user: the same answer, and the miss audited (A3).
    return get_in_scope_or_404(ReportJob.objects.none(), user, uuid=uuid)


# --- C8: from a trace code on a leaked page back to its recipient ------------------------

_TRACE_CLEAN = re.compile(r"[^0-9A-Z]")
# What people misread on a photo of a page: Crockford's base32 has no I, L, O or U.
_TRACE_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_trace_code(code: str) -> str:
    raw = _TRACE_CLEAN.sub("", (code or "").upper().translate(_TRACE_CONFUSABLE))[:12]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@dataclass
class TraceCodeMatch:
    trace_code: str
    recipient: User | None  # None if the account no longer exists
    recipient_label: str  # the name as printed, from the audit trail
    job: ReportJob | None  # None if the job row is gone (the audit trail outlives it)
    watermarked: AuditEvent | None
    downloads: list[AuditEvent] = field(default_factory=list)


def trace_code_lookup(code: str, *, actor) -> TraceCodeMatch | None:
    """C8/L6: who received the copy that carries ``code``, and who downloaded it, within the
    actor's municipality. The audit trail is the source (``report.watermarked`` names the
    recipient; it outlives the job row); the job row adds what is still there.

    The caller decides who is an authorised investigator (in the core: ``portal.view_audit
    _trail``; for leak cases, the case team under L6). Every lookup is itself audited."""
    normalised = normalise_trace_code(code)
    municipality_id = actor.municipality_id
    match = None
    if municipality_id is not None and len(normalised) == 14:
        stamped = (
            AuditEvent.objects.filter(
                municipality_id=municipality_id,
                action="report.watermarked",
                details__trace_code=normalised,
            )
            .order_by("seq")
            .first()
        )
        job = (
            ReportJob.objects.select_related("requested_by")
            .filter(municipality_id=municipality_id, trace_code=normalised)
            .first()
        )
        if stamped is not None or job is not None:
            recipient = job.requested_by if job else None
            if recipient is None and stamped is not None:
                recipient = User.objects.filter(uuid=stamped.details.get("recipient")).first()
            job_uuid = str(job.uuid) if job else (stamped.object_id if stamped else "")
            match = TraceCodeMatch(
                trace_code=normalised,
                recipient=recipient,
                recipient_label=(
                    stamped.details.get("recipient_label", "")
                    if stamped
                    else (recipient.get_full_name() or recipient.email if recipient else "")
                ),
                job=job,
                watermarked=stamped,
                downloads=list(
                    AuditEvent.objects.filter(
                        municipality_id=municipality_id,
                        action="report.downloaded",
                        object_type="portal.reportjob",
                        object_id=job_uuid,
                    ).order_by("seq")
                ),
            )
    audit_record(
        action="report.trace_resolved",
        actor=actor,
        details={
            "trace_code": normalised,
            "found": match is not None,
            "recipient": str(match.recipient.uuid) if match and match.recipient else "",
        },
    )
    return match
