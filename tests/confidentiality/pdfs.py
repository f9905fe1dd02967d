"""PDFs with active content, generated in the test with pikepdf (issue 14, finding 7).

Each starts from the same one-page document and adds one thing that runs or carries something:
an action on the page, an annotation, a form field, the catalogue, the names tree, an outline
item, an embedded file, XFA. Saved with compressed object streams (``object_stream_mode=
generate``), as Word and most PDF writers do, so that no name of the active part appears in the
file's bytes: only a parser that reads the object streams can see it.
"""

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from confidentiality.demo import minimal_pdf

TEXT = "D1: een gewoon document"
EXE = b"MZ\x90\x00\x03" + bytes(55) + b"PE\x00\x00" + bytes(200)


def _js(script: str = "app.alert('hx-14-7')") -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(script))


def saved(pdf: pikepdf.Pdf, *, object_streams: bool = True) -> bytes:
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode
    pdf.save(
        out,
        object_stream_mode=mode.generate if object_streams else mode.preserve,
        compress_streams=True,
    )
    return out.getvalue()


def pdf_with(change, *, object_streams: bool = True) -> bytes:
    pdf = pikepdf.open(io.BytesIO(minimal_pdf([TEXT])))
    change(pdf)
    return saved(pdf, object_streams=object_streams)


def _annotation(pdf, **entries) -> None:
    annotation = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Rect=Array([72, 700, 300, 720]), **entries)
    )
    pdf.pages[0].obj.Annots = Array([annotation])


def _page_aa(pdf):
    pdf.pages[0].obj.AA = Dictionary(O=_js())  # runs when the page is opened


def _link(action):
    return lambda pdf: _annotation(pdf, Subtype=Name.Link, A=action)


def _field_aa(pdf):
    widget = pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Tx,
            T=String("naam"),
            Rect=Array([72, 650, 300, 670]),
            AA=Dictionary(K=_js("event.value = 'x'")),  # runs on every keystroke
        )
    )
    widget.P = pdf.pages[0].obj
    pdf.pages[0].obj.Annots = Array([widget])
    pdf.Root.AcroForm = Dictionary(Fields=Array([widget]))


def _names_js(pdf):
    script = pdf.make_indirect(_js())
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("hx"), script])))


def _embedded_file(pdf):
    pdf.attachments["hx-14-7.exe"] = pikepdf.AttachedFileSpec(pdf, EXE, mime_type="application/x")


def _file_attachment_annotation(pdf):
    spec = pikepdf.AttachedFileSpec(pdf, EXE, filename="hx-14-7.exe")
    _annotation(pdf, Subtype=Name.FileAttachment, FS=spec.obj, Contents=String("bijlage"))


def _xfa(pdf):
    xfa = pdf.make_stream(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script/></xdp:xdp>")
    pdf.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)


def _outline_js(pdf):
    with pdf.open_outline() as outline:
        item = pikepdf.OutlineItem("Inhoud")
        outline.root.append(item)
    pdf.Root.Outlines.First.A = _js()


def _catalogue(key, action):
    def change(pdf):
        pdf.Root[Name("/" + key)] = action

    return change


# Each: active content at one level of the document.
ACTIVE = {
    "page-aa-javascript": _page_aa,
    "annotation-javascript": _link(_js()),
    "annotation-launch": _link(Dictionary(S=Name.Launch, F=String("cmd.exe"))),
    "annotation-uri-javascript": _link(Dictionary(S=Name.URI, URI=String("javascript:alert(1)"))),
    "annotation-uri-javascript-spaced": _link(
        Dictionary(S=Name.URI, URI=String(" JavaScript\t:alert(1)"))
    ),
    "annotation-submit-form": _link(
        Dictionary(S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("https://e.example/")))
    ),
    "annotation-import-data": _link(Dictionary(S=Name.ImportData, F=String("data.fdf"))),
    "annotation-aa": lambda pdf: _annotation(
        pdf,
        Subtype=Name.Link,
        AA=Dictionary(E=_js()),  # runs when the mouse enters
    ),
    "form-field-aa": _field_aa,
    "catalogue-open-action": _catalogue("OpenAction", _js()),
    "catalogue-aa": _catalogue("AA", Dictionary(WC=_js())),
    "names-javascript": _names_js,
    "outline-javascript": _outline_js,
    "embedded-file": _embedded_file,
    "file-attachment-annotation": _file_attachment_annotation,
    "xfa": _xfa,
}


def _harmless(pdf):
    """What ordinary PDFs have: open at page 1, a link to a web page, an outline to a page."""
    pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.Fit])
    _annotation(pdf, Subtype=Name.Link, A=Dictionary(S=Name.URI, URI=String("https://e.example/")))
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Inhoud", 0))


CLEAN = {
    "plain": lambda pdf: None,
    "harmless-links-and-outline": _harmless,
}


def active(name: str) -> bytes:
    return pdf_with(ACTIVE[name])


def clean(name: str) -> bytes:
    return pdf_with(CLEAN[name])
