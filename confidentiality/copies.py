"""C8: per-recipient copies of secret documents, and the way back from a trace code.

A download is made for one person at the moment they ask: every page of the stored PDF gets
their name, the date and time and a trace code in its margins, a faint diagonal line with the
same, and the body competent to lift the secrecy (C2: every rendered copy states it). The copy
is not stored; the audit event of the download is the record that ties the trace code to its
recipient and to the document version, and the trace-code lookup reads it back (audited too).

The stamp is a PDF content stream written with pypdf (no WeasyPrint in the web process): text in
the standard Helvetica font, so nothing is fetched and nothing of the source document runs.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.models import AuditEvent, User
from portal.models.reports import new_trace_code
from portal.reports.selectors import normalise_trace_code, trace_code_lookup

from .models import DocumentVersion, SecrecyItem

DOWNLOADED = "secrecy.downloaded"
OPENED = "secrecy.document_opened"

log = logging.getLogger(__name__)


class CopyError(Exception):
    """The stored PDF could not be read or stamped (uploads are checked, so this is a file
    stored before the check, or damaged on disk). Nothing is handed out and nothing audited as
    opened or downloaded."""


def recipient_label(user) -> str:
    return user.get_full_name() or user.email


def _pdf_text(value: str) -> bytes:
    """A PDF string literal in WinAnsi (Helvetica's encoding); what it cannot hold becomes '?'."""
    raw = value.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _stamp_operations(width: float, height: float, lines: list[str], diagonal: str) -> bytes:
    ops = [b"q", b"/GSwm gs", b"0.35 0.35 0.35 rg"]
    angle = math.atan2(height, width)
    cos, sin = math.cos(angle), math.sin(angle)
    size = max(10.0, min(width, height) / 22)
    matrix = (size, cos, sin, -sin, cos, width * 0.12, height * 0.12)
    ops.append(
        b"BT /FWm %.1f Tf %.4f %.4f %.4f %.4f %.1f %.1f Tm " % matrix
        + _pdf_text(diagonal)
        + b" Tj ET"
    )
    ops.append(b"Q q 0 0 0 rg")
    for index, line in enumerate(lines):
        ops.append(b"BT /FWm 7 Tf 24 %.1f Td " % (10 + 9 * index) + _pdf_text(line) + b" Tj ET")
        ops.append(
            b"BT /FWm 7 Tf 24 %.1f Td " % (height - 14 - 9 * index) + _pdf_text(line) + b" Tj ET"
        )
    ops.append(b"Q")
    return b"\n".join(ops)


def _stamp_page(width: float, height: float, lines: list[str], diagonal: str):
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    stamp = PageObject.create_blank_page(width=width, height=height)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    state = DictionaryObject(
        {NameObject("/Type"): NameObject("/ExtGState"), NameObject("/ca"): FloatObject(0.25)}
    )
    stamp[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject({NameObject("/FWm"): font}),
            NameObject("/ExtGState"): DictionaryObject({NameObject("/GSwm"): state}),
        }
    )
    contents = DecodedStreamObject()
    contents.set_data(_stamp_operations(width, height, lines, diagonal))
    stamp[NameObject("/Contents")] = contents
    return stamp


def watermark_pdf(source, *, lines: list[str], diagonal: str) -> bytes:
    """Every page of ``source`` (a file object) with ``lines`` at its top and bottom margins
    and ``diagonal`` across it. Scripts, forms and attachments of the source are not copied."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(source)
    writer = PdfWriter()
    for page in reader.pages:
        box = page.mediabox
        width, height = float(box.width), float(box.height)
        added = writer.add_page(page)
        added.merge_page(_stamp_page(width, height, lines, diagonal), over=True)
        added.compress_content_streams()
    writer.add_metadata({"/Title": diagonal})
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


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
