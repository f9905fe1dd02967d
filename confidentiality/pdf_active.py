"""What in a PDF runs or carries something, read with a full parser (issue 14, finding 7).

A byte scan sees only what is written in the clear; most PDF writers put the objects in
compressed object streams, where a page's ``/AA`` JavaScript action is invisible to it. pikepdf
(qpdf) reads every object, compressed or not, and here every object is looked at, so the level
the content sits at does not matter: the catalogue (``/OpenAction``, ``/AA``), the pages
(``/AA``), annotations (``/A``, ``/AA``), form fields, the outline, the names tree
(``/JavaScript``, ``/EmbeddedFiles``).

:func:`active_content` lists what it finds (the upload check refuses the file);
:func:`strip_active_content` removes it from an open document (the recipients' copies are
written from the cleaned document, whatever was stored).
"""

from __future__ import annotations

import re

import pikepdf
from pikepdf import Array, Dictionary

# Actions that run code, start programs, send or fetch data, or open other documents.
RUNNING_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToR",
        "/GoToE",
        "/RichMediaExecute",
        "/Rendition",
    }
)
# Annotations that carry a file or play media.
CARRYING_ANNOTATIONS = frozenset(
    {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/3D"}
)
SAFE_URI_SCHEMES = frozenset({"http", "https", "mailto"})
# What a copy's catalogue keeps: the pages and how to show them; no names tree, outline, form,
# open action or additional actions.
CATALOGUE_KEPT = frozenset(
    {"/Type", "/Pages", "/Lang", "/MarkInfo", "/StructTreeRoot", "/OCProperties", "/PageLabels"}
)

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")


def _uri_scheme(value) -> str:
    """The scheme of a URI the way a viewer resolves it: control characters and spaces are
    dropped and case does not count, so ``" Java\\tScript:"`` is ``javascript``."""
    match = _SCHEME.match(_INVISIBLE.sub("", str(value)).lower())
    return match.group(1) if match else ""


def _findings(obj: Dictionary) -> list[str]:
    """What this one dictionary (not its children) holds that runs or carries something."""
    found = []
    action = str(obj.get("/S", ""))
    if action in RUNNING_ACTIONS:
        found.append(f"action {action}")
    if action == "/URI" and _uri_scheme(obj.get("/URI", "")) not in SAFE_URI_SCHEMES | {""}:
        found.append(f"URI {_uri_scheme(obj.URI)}:")
    if "/JS" in obj:
        found.append("/JS")
    if "/AA" in obj:
        found.append("/AA")
    if "/XFA" in obj:
        found.append("XFA")
    if "/EF" in obj or str(obj.get("/Type", "")) == "/EmbeddedFile":
        found.append("embedded file")
    if "/EmbeddedFiles" in obj or "/JavaScript" in obj:
        found.append("names tree " + ("/EmbeddedFiles" if "/EmbeddedFiles" in obj else "/JS"))
    if str(obj.get("/Subtype", "")) in CARRYING_ANNOTATIONS:
        found.append(f"annotation {obj.Subtype}")
    return found


def _scan(obj, where: str, found: list[str]) -> None:
    """``obj`` and its direct children; indirect children are scanned as objects of their own."""
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, Dictionary):
        found.extend(f"{f} ({where})" for f in _findings(obj))
        children = obj.values()
    elif isinstance(obj, Array):
        children = obj
    else:
        return
    for child in children:
        # Scalars come back as Python values; containers written in place are scanned here.
        if isinstance(child, Dictionary | Array | pikepdf.Stream) and not child.is_indirect:
            _scan(child, where, found)


def active_content(pdf: pikepdf.Pdf) -> list[str]:
    """Everything in ``pdf`` that runs or carries something, with the object it is in."""
    found: list[str] = []
    _scan(pdf.trailer, "trailer", found)
    for obj in pdf.objects:
        if isinstance(obj, Dictionary | Array | pikepdf.Stream):
            number, generation = obj.objgen
            _scan(obj, f"object {number} {generation}", found)
    return found


def _safe_action(action) -> bool:
    return isinstance(action, Dictionary) and not _findings(action) and "/Next" not in action


def strip_active_content(pdf: pikepdf.Pdf) -> None:
    """Remove from ``pdf`` whatever a recipient's copy must not carry: the catalogue keeps only
    the pages and how to show them, pages lose their additional actions, annotations that
    carry files or media and form fields go, other annotations keep only a plain link. The
    objects cut loose are not written when the document is saved."""
    root = pdf.Root
    for key in list(root.keys()):
        if key not in CATALOGUE_KEPT:
            del root[key]
    for page in pdf.pages:
        page_obj = page.obj
        if "/AA" in page_obj:
            del page_obj["/AA"]
        if "/Annots" not in page_obj:
            continue
        kept = Array()
        for annotation in page_obj.Annots:
            if not isinstance(annotation, Dictionary):
                continue
            subtype = str(annotation.get("/Subtype", ""))
            if subtype in CARRYING_ANNOTATIONS or subtype == "/Widget":
                continue
            for key in ("/AA", "/FS", "/Parent"):
                if key in annotation:
                    del annotation[key]
            if "/A" in annotation and not _safe_action(annotation.A):
                del annotation["/A"]
            kept.append(annotation)
        page_obj.Annots = kept
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
