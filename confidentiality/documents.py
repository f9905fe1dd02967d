"""The secret documents' files: what a PDF must be before the register takes it (C8, D1, R7).

By content, never by the name or the browser's content type: the PDF magic bytes, the size, no
second format hidden inside or appended, readable and unencrypted (so a per-recipient watermark
can be stamped, C8), no active content. Beside ``recordings/media.py``, which does the same for
recordings."""

import io
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.uploads import hidden_content

from .conf import max_upload_bytes

PDF_MAGIC = b"%PDF-"


def pdf_check(file) -> None:
    """R7-style upload checks: the type by content (PDF magic bytes, never the name or the
    browser's content type) and the size."""
    if file.size > max_upload_bytes():
        raise ValidationError(
            _("Het bestand is groter dan %(max)s MB."),
            code="too_large",
            params={"max": max_upload_bytes() // (1024 * 1024)},
        )
    file.seek(0)
    head = file.read(len(PDF_MAGIC))
    file.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(
            _("Alleen PDF-bestanden worden aanvaard; dit bestand is geen PDF."), code="not_pdf"
        )
    if hidden_content(file) or _data_after_end(file):
        raise ValidationError(
            _(
                "Dit bestand is niet alleen een PDF: het bevat ook een webpagina of een "
                "ZIP-archief, of er staat iets achter het einde van de PDF. Sla het op als gewoon "
                "PDF-document, bijvoorbeeld met 'Afdrukken naar PDF', en upload het opnieuw."
            ),
            code="polyglot",
        )
    _check_readable(file)


def _data_after_end(file) -> bool:
    """D1: bytes after the last ``%%EOF`` other than line ends and padding: something was
    appended to the PDF (a web page, an archive). Without any ``%%EOF`` the readability check
    has its say."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    end = data.rfind(b"%%EOF")
    return end >= 0 and bool(data[end + 5 :].strip(b"\r\n\t\x0c \x00"))


def _check_readable(file) -> None:
    """C8: every version must be readable for the viewer and stampable per recipient, so a
    damaged or password-protected PDF is refused at the door, not at a member's download.
    Issue 14: read with a full parser (pikepdf/qpdf), compressed object streams included, and
    refused when anything in it runs or carries something (:mod:`confidentiality.pdf_active`)."""
    import pikepdf

    from .pdf_active import active_content

    file.seek(0)
    data = file.read()
    file.seek(0)
    encrypted, pages, found = False, 0, []
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        encrypted, pdf = True, None
    except Exception:  # qpdf raises many kinds of errors on damaged input
        pdf = None
    if pdf is not None:
        with pdf:
            encrypted = pdf.is_encrypted
            try:
                pages = 0 if encrypted else len(pdf.pages)
            except Exception:  # a page tree qpdf cannot make sense of
                pages = 0
            found = active_content(pdf) if pages else []
    if encrypted:
        raise ValidationError(
            _(
                "Dit PDF-bestand is met een wachtwoord beveiligd; het portaal kan er geen "
                "persoonlijk watermerk op zetten. Upload het zonder beveiliging."  # C8
            ),
            code="encrypted",
        )
    if not pages:
        raise ValidationError(
            _("Dit PDF-bestand is beschadigd of heeft geen pagina's; het kan niet worden gelezen."),
            code="unreadable",
        )
    if found or _names_in_the_clear(data):
        raise ValidationError(
            _(
                "Dit PDF-bestand bevat actieve inhoud (JavaScript, startopdrachten of "
                "ingesloten bestanden). Sla het op als gewoon PDF-document, bijvoorbeeld met "
                "'Afdrukken naar PDF', en upload het opnieuw."
            ),
            code="active_content",
            params={"found": "; ".join(found[:10])},
        )


# D1: PDF features that run or carry something (names may be written with #xx escapes). The
# parser above reads every object; this scan of the bytes stays as a second opinion for files
# a viewer might read differently from qpdf (a damaged cross-reference table).
_ACTIVE_NAMES = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia", b"/XFA")


def _names_in_the_clear(data: bytes) -> bool:
    raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
    return any(re.search(re.escape(name) + rb"(?![A-Za-z])", raw) for name in _ACTIVE_NAMES)
