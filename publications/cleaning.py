"""C11: the clean copy of a document for publication, made with pikepdf (qpdf).

What a published PDF must not carry, whatever the stored version held:

- document metadata: the information dictionary (author, creator, producer, title, dates, and
  any custom key) and XMP metadata streams, on the document and on any object (pages, images);
- embedded files and file attachment annotations;
- active content: JavaScript (document-level names and every action), launch, submit and
  import actions, open actions, additional actions (``/AA``), forms (``/AcroForm``, XFA);
- earlier revisions: saving writes a new file holding only the objects still reachable, so
  text removed by an incremental update does not survive in an old revision.

The watermark is not a concern here: it is stamped on a recipient's copy at download (C8) and
never stored, so the stored version is clean of it. Which version is used (the public one
where secret passages remain, C10) is decided by :func:`publications.sources.documents_to_publish`.
"""

from __future__ import annotations

import io

# Keys removed from every dictionary in the file.
_DROP_EVERYWHERE = ("/Metadata", "/PieceInfo", "/AA", "/JS", "/JavaScript")
# Keys removed from the document catalogue.
_DROP_FROM_ROOT = ("/OpenAction", "/AcroForm", "/Names", "/Perms", "/Collection", "/URI")
# Action types that run or fetch something.
_ACTIVE_ACTIONS = ("/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/ResetForm", "/GoToE")
_ATTACHMENT_ANNOTATIONS = ("/FileAttachment", "/Sound", "/Movie", "/Screen", "/RichMedia")


class CleaningError(Exception):
    """The stored version could not be read or rewritten; nothing is published from it."""


def clean_pdf(data: bytes) -> bytes:
    """``data`` without metadata, attachments, scripts and old revisions (see the module)."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            _clean(pdf, pikepdf)
            output = io.BytesIO()
            # deterministic_id: the same source gives the same copy (a retried task changes
            # nothing), and the file identifier says nothing about when or where it was made.
            pdf.save(output, deterministic_id=True, fix_metadata_version=False)
            return output.getvalue()
    except pikepdf.PdfError as exc:
        raise CleaningError(str(exc)) from exc


def _clean(pdf, pikepdf) -> None:
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    root = pdf.Root
    names = root.get("/Names")
    dests = names.get("/Dests") if isinstance(names, pikepdf.Dictionary) else None
    for key in _DROP_FROM_ROOT:
        if key in root:
            del root[key]
    if dests is not None:
        # Named destinations are the document's own bookmarks: keep them, nothing else of /Names.
        root.Names = pikepdf.Dictionary(Dests=dests)
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [a for a in annotations if not _is_attachment(a, pikepdf)]
            if kept:
                page.obj.Annots = pikepdf.Array(kept)
            else:
                del page.obj["/Annots"]
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            _strip(obj, pikepdf)


def _is_attachment(annotation, pikepdf) -> bool:
    return isinstance(annotation, pikepdf.Dictionary) and (
        annotation.get("/Subtype") in _ATTACHMENT_ANNOTATIONS
    )


def _strip(obj, pikepdf) -> None:
    for key in _DROP_EVERYWHERE:
        if key in obj:
            del obj[key]
    action = obj.get("/A")
    if isinstance(action, pikepdf.Dictionary) and action.get("/S") in _ACTIVE_ACTIONS:
        del obj["/A"]
    if obj.get("/S") in _ACTIVE_ACTIONS and obj.get("/Type", pikepdf.Name("/Action")) == "/Action":
        # An action object itself (reachable from an outline, say): make it do nothing.
        for key in list(obj.keys()):
            if key not in ("/Type", "/S"):
                del obj[key]
        obj.S = pikepdf.Name("/Named")
        obj.N = pikepdf.Name("/NextPage")
    if obj.get("/Type") in ("/EmbeddedFile", "/Filespec") or obj.get("/EF") is not None:
        for key in ("/EF", "/RF"):
            if key in obj:
                del obj[key]


def pdf_text(data: bytes) -> str:
    """The text of every page (for the tests and the clerk's check of a copy)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join((page.extract_text() or "") for page in reader.pages)
