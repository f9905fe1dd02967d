"""C8: per-recipient copies of secret documents, and the way back from a trace code.

A download is made for one person at the moment they ask: every page of the stored PDF gets
their name, the date and time and a trace code in its margins, a faint diagonal line with the
same, and the body competent to lift the secrecy (C2: every rendered copy states it). The copy
is not stored; the audit event of the download is the record that ties the trace code to its
recipient and to the document version, and the trace-code lookup reads it back (audited too).

The copy is written by :func:`confidentiality.watermark.watermark_pdf` (pikepdf, no WeasyPrint in
the web process) from the cleaned document: nothing of the source that runs or carries a file
reaches the recipient, and the names print in embedded Noto Sans (issue 14).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.models import AuditEvent, User
from portal.models.reports import new_trace_code
from portal.reports.selectors import normalise_trace_code, trace_code_lookup

from .models import DocumentVersion, SecrecyItem
from .watermark import watermark_pdf

DOWNLOADED = "secrecy.downloaded"
OPENED = "secrecy.document_opened"

log = logging.getLogger(__name__)


class CopyError(Exception):
    """The stored PDF could not be read or stamped (uploads are checked, so this is a file
    stored before the check, or damaged on disk). Nothing is handed out and nothing audited as
    opened or downloaded."""


def recipient_label(user) -> str:
    return user.get_full_name() or user.email


@dataclass
class Copy:
    content: bytes
    trace_code: str
    filename: str


def copy_make(*, user: User, item: SecrecyItem, version: DocumentVersion) -> Copy:
    """C8: the recipient's watermarked copy of ``version``, audited once with the version and
    the trace code (who and from where are in the event itself)."""
    made_at = timezone.localtime()
    trace_code = new_trace_code()
    name = recipient_label(user)
    lines = [
        _("Persoonlijk exemplaar van %(name)s, %(when)s, traceercode %(code)s")
        % {"name": name, "when": made_at.strftime("%d-%m-%Y %H:%M"), "code": trace_code},
        _("Geheim. Alleen %(body)s kan de geheimhouding opheffen (Gemeentewet art. 89).")
        % {"body": item.lifting_body.name},
    ]
    try:
        with version.file.open("rb") as handle:
            content = watermark_pdf(handle, lines=lines, diagonal=f"{name} {trace_code}")
    except Exception as exc:
        log.exception("copy of %s v%s failed", version.document.uuid, version.number)
        raise CopyError(str(version.uuid)) from exc
    audit_record(
        action=DOWNLOADED,
        actor=user,
        obj=item,
        details={
            "trace_code": trace_code,
            "recipient": str(user.uuid),
            "recipient_label": name,
            "document": str(version.document.uuid),
            "document_title": version.document.title,
            "version": version.number,
            "version_uuid": str(version.uuid),
            "source_sha256": version.sha256,
            "sha256": hashlib.sha256(content).hexdigest(),
        },
    )
    filename = f"geheim-{made_at:%Y%m%d-%H%M}-{trace_code}.pdf"
    return Copy(content=content, trace_code=trace_code, filename=filename)


@dataclass
class ViewerPage:
    number: int  # 1-based, clamped to the document
    count: int
    text: str


def version_opened(
    *, user: User, item: SecrecyItem, version: DocumentVersion, page: int = 1
) -> ViewerPage:
    """C8: open one page of a version in the viewer — audited with the version and the page —
    and return its text to show under the name overlay. One page per request: extracting text
    is slow (about 0.2 s for a full page), so a long document is read page by page."""
    from pypdf import PdfReader

    try:
        with version.file.open("rb") as handle:
            reader = PdfReader(handle)
            count = len(reader.pages)
            number = min(max(page, 1), count)
            text = (reader.pages[number - 1].extract_text() or "").strip()
    except Exception as exc:
        log.exception("viewer of %s v%s failed", version.document.uuid, version.number)
        raise CopyError(str(version.uuid)) from exc
    audit_record(
        action=OPENED,
        actor=user,
        obj=item,
        details={
            "document": str(version.document.uuid),
            "version": version.number,
            "version_uuid": str(version.uuid),
            "page": number,
        },
    )
    return ViewerPage(number=number, count=count, text=text)


# --- the way back: trace code → recipient (C8, L6) -----------------------------------------


@dataclass
class CopyTrace:
    trace_code: str
    recipient: User | None
    recipient_label: str
    item: SecrecyItem | None
    details: dict
    event: AuditEvent


def copy_downloads(municipality_id, trace_code: str) -> QuerySet:
    return AuditEvent.objects.filter(
        municipality_id=municipality_id, action=DOWNLOADED, details__trace_code=trace_code
    ).select_related("actor")


def trace_resolve(*, actor: User, code: str):
    """C8: who received the copy carrying ``code`` in the actor's municipality. A copy of a
    secret document resolves from its download event; any other code is handed to the core's
    lookup of watermarked reports. Either way the lookup is audited exactly once. The caller
    decides who is an authorised investigator (``confidentiality.trace_copies``)."""
    normalised = normalise_trace_code(code)
    event = None
    if actor.municipality_id is not None and len(normalised) == 14:
        event = copy_downloads(actor.municipality_id, normalised).order_by("seq").first()
    if event is None:
        return trace_code_lookup(code, actor=actor)
    item = SecrecyItem.objects.filter(
        municipality_id=actor.municipality_id, uuid=event.object_id
    ).first()
    audit_record(
        action="secrecy.trace_resolved",
        actor=actor,
        obj=item,
        details={"trace_code": normalised, "recipient": event.details.get("recipient", "")},
    )
    return CopyTrace(
        trace_code=normalised,
        recipient=event.actor,
        recipient_label=event.details.get("recipient_label", ""),
        item=item,
        details=event.details,
        event=event,
    )
