"""D1: every file field of the portal against a corpus of bad uploads generated here.

The file fields are found, not listed: the forms a principal may POST to (the permission
matrix, as in test_hostile_input) and the admin's change pages of every model with a file
field, read as the superuser. Each field is mapped to what it accepts (:data:`FIELD_KINDS`);
an unmapped file field fails the test, so a new upload cannot escape the corpus.

Every field gets a valid file first (the control: accepted, so the rest of the form is right
and a refusal below is the file's), then every bad file of the corpus, built for its kind:
over the limit (the apps' limits lowered to 1 MB for the test), empty, the wrong type by
content, zip bombs and zip-slip archives under a document's name, polyglots (a valid file that
is also a web page where a browser sniffs, or an archive where a ZIP reader looks), SVG with
script, entities or foreign content, PDFs with JavaScript, launch actions or attachments (also
hidden in compressed object streams: a page action, an annotation, a form field, XFA), an
image with absurd dimensions, and several files in the one field. The bytes go out as a browser
would send them (a multipart body written here), names and all.

Passing means, for every bad file: no server error; refused (never a redirect) with the rule's
own message in the page (:data:`MESSAGES`); no file left in storage or the upload directory.

Hostile *names* (traversal, NUL, CRLF, RTL override, 300+ characters, RFC 2231) go with valid
content: Django's parser already drops the path and the unprintable characters, and the portal
stores every upload under a generated name, so a name can do nothing and need not cost the user
the upload. Passing means: refused with a clear message or accepted with exactly one audit
event and no trace of the name in storage, database or page.

"HTML after the end" is a bad file for every kind: the portal checks a PDF's and a PNG's end
(``%%EOF``, ``IEND``) and walks every recording's container (MP4 boxes, WebM elements, MP3
frames, Ogg pages, WAV chunks) to its last byte (issue 14, finding 8); the recording corpus adds
each container with a web page after its end, and ISO BMFF files that are not MP4 (an HEIC
picture, a QuickTime movie). HTML where a browser sniffs (after the ``ftyp`` box) and an
appended ZIP are bad for every kind.

Prints ``D1 bad-uploads: fields=… files=… submissions=… stored=0 kept_on_disk=0
server_errors=0 unclear=0 names_accepted=… name_traces=0 writes_without_one_event=0
by_category={…}`` (``files`` counts bad files, names included; ``submissions`` adds the
controls).
"""

import functools
import html
import io
import re
import struct
import zipfile
from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Max
from django.urls import resolve, reverse

from confidentiality.demo import minimal_pdf
from portal.models import AuditEvent
from portal.theme import LOGO_MAX_BYTES
from recordings.captions import check_webvtt
from tests.confidentiality.pdfs import active as active_pdf
from tests.permission_matrix import load_rules
from tests.portal.test_theme import png, png_chunk
from tests.recordings.media import NOT_MP4, mp3, mp4, ogg, wav, webm
from tests.test_hostile_input import FormParser, _files_in, _stored, postable
from tests.test_permission_matrix import build_context, client_for, session_keys
from tests.uploads import JAR, zip_bytes

pytestmark = pytest.mark.django_db

LIMIT = 1024 * 1024  # CONFIDENTIALITY_ and RECORDINGS_MAX_UPLOAD_BYTES in this test
MIB = 1024 * 1024
NAME_CANARY = "hxn-7d1c"
HTML = b"<html><body><script>alert('hx-d1')</script></body></html>"

# What each file field accepts, by the view that receives it.
FIELD_KINDS = {
    "confidentiality:document_upload": "pdf",
    "recordings:upload": "media",
    "recordings:captions": "captions",  # R8
    "admin:portal_municipality_change": "logo",
}
# The rule's message each refusal must show (a fragment, after unescaping the page).
MESSAGES = {
    "pdf": {
        "too_large": "Het bestand is groter dan 1 MB.",
        "empty": "Het verstuurde bestand is leeg.",
        "wrong_type": "Alleen PDF-bestanden worden aanvaard; dit bestand is geen PDF.",
        "polyglot": "Dit bestand is niet alleen een PDF",
        "active": "Dit PDF-bestand bevat actieve inhoud",
        "too_many": "Kies één bestand; er zijn er 3 tegelijk meegestuurd.",
        "missing": "Dit veld is verplicht.",
    },
    "media": {
        "too_large": "Het bestand is groter dan 1 MB. Er is niets opgeslagen.",
        "empty": "Kies een bestand met de opname. Er is niets opgeslagen.",
        "wrong_type": "Dit bestand is geen opname",
        "polyglot": "Dit bestand is niet alleen een opname",
        "malformed": "Dit bestand is geen volledige opname",
        "too_many": "Upload één bestand per keer. Er is niets opgeslagen.",
        "missing": "Kies een bestand met de opname. Er is niets opgeslagen.",
    },
    "captions": {
        "too_large": "Het bestand met de ondertiteling is groter dan 1 MB.",
        "empty": "Kies een WebVTT-bestand met de ondertiteling.",
        "wrong_type": "Dit bestand is geen WebVTT-ondertiteling",
        "encoding": "De ondertiteling is niet in UTF-8 opgeslagen.",
        "polyglot": "Dit bestand is niet alleen ondertiteling",
        "malformed": "De tijden in de ondertiteling kloppen niet",
        "too_many": "Upload één bestand met ondertiteling per keer.",
    },
    "logo": {
        "too_large": "het mag hoogstens 200 kB zijn",
        "empty": "Het verstuurde bestand is leeg.",
        "wrong_type": "Het logo moet een PNG- of SVG-afbeelding zijn",
        "polyglot": "Dit PNG-bestand is niet alleen een afbeelding",
        "svg_unsafe": "Dit SVG-bestand bevat script",
        "pixels": "pixels breed",
        "too_many": "Kies één bestand; er zijn er 3 tegelijk meegestuurd.",
    },
}
EXTENSION = {"pdf": ".pdf", "media": ".mp4", "logo": ".png", "captions": ".vtt"}
CONTENT_TYPE = {
    "pdf": "application/pdf",
    "media": "video/mp4",
    "logo": "image/png",
    "captions": "text/vtt",
}
VTT = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\n<v Voorzitter>Ik open de vergadering.\n"


# --- the corpus ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class BadUpload:
    key: str
    category: str
    build: object  # (kind) -> list of (file name, content, claimed content type)
    rule: str | dict  # the refusal expected: a key of MESSAGES[kind], or per kind
    kinds: tuple = ("pdf", "media", "logo", "captions")

    def expected(self, kind: str) -> str:
        return self.rule.get(kind, self.rule["*"]) if isinstance(self.rule, dict) else self.rule


def valid(kind: str) -> bytes:
    if kind == "pdf":
        return minimal_pdf(["D1: een gewoon document"])
    if kind == "media":
        return mp4(4096)
    if kind == "captions":
        return VTT
    return png()


def _one(content: bytes, name: str = "", content_type: str = ""):
    return lambda kind: [
        (name or f"bestand{EXTENSION[kind]}", content, content_type or CONTENT_TYPE[kind])
    ]


def _of_kind(make, name="bestand"):
    """A file built from the kind's valid bytes, under the kind's name and type."""
    return lambda kind: [(f"{name}{EXTENSION[kind]}", make(kind), CONTENT_TYPE[kind])]


@functools.cache
def zip_bomb() -> bytes:
    """Three nested layers of four: 512 MiB of zeros when unpacked, a few hundred kB packed."""
    layer = zip_bytes({f"nul-{i}.bin": bytes(8 * MIB) for i in range(4)})
    for depth in range(2):
        layer = zip_bytes({f"laag{depth}-{i}.zip": layer for i in range(4)})
    return layer


def zip_slip() -> bytes:
    """An office document by its name, with members that climb out of any folder."""
    return zip_bytes(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "../../../../etc/cron.d/hx-d1": b"* * * * * root id\n",
            "..\\..\\..\\Windows\\System32\\hx-d1.dll": b"MZ",
            "/tmp/hx-d1-absolute": b"x",
            "word/document.xml": b"<w:document/>",
        }
    )


EXE = b"MZ\x90\x00\x03" + bytes(55) + b"PE\x00\x00" + bytes(200)


def _with_html_where_sniffed(kind: str) -> bytes:
    """The kind's valid bytes with a web page inside the first bytes a browser sniffs."""
    data = valid(kind)
    if kind == "pdf":  # a comment line after the header
        return data.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%" + HTML + b"\n", 1)
    if kind == "media":  # right after the ftyp box
        return data[:24] + HTML + data[24:]
    if kind == "captions":  # in the header, after the signature
        return b"WEBVTT " + HTML + data[6:]
    return data[:33] + png_chunk(b"tEXt", b"Comment\x00" + HTML) + data[33:]  # after IHDR


def _padded(kind: str) -> bytes:
    """The kind's valid bytes, one byte over its limit, still valid inside."""
    if kind == "pdf":
        data = valid(kind)
        at = data.rindex(b"startxref")
        return data[:at] + b"%" + b"x" * (LIMIT - 1 - len(data)) + b"\n" + data[at:]
    if kind == "media":
        return mp4(LIMIT + 1)[: LIMIT + 1]
    if kind == "captions":  # a note block as filler
        return VTT + b"\nNOTE " + b"x" * (LIMIT + 1 - len(VTT) - 7) + b"\n"
    data = valid(kind)
    filler = png_chunk(b"prVt", b"x" * (LOGO_MAX_BYTES + 1 - len(data) - 12))
    return data[:-12] + filler + data[-12:]


def _pdf(change) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(valid("pdf"))))
    change(writer, DictionaryObject, NameObject, TextStringObject)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action(action: dict):
    def change(writer, Dictionary, Name, Text):
        writer._root_object[Name("/OpenAction")] = Dictionary(
            {Name(k): (Name(v) if v.startswith("/") else Text(v)) for k, v in action.items()}
        )

    return change


PDF_OPEN_JS = _pdf(_open_action({"/S": "/JavaScript", "/JS": "app.alert('hx-d1')"}))


def _names_tree_js(writer, Dictionary, Name, Text):
    """Document-level JavaScript, run when the document opens (the catalogue's name tree)."""
    from pypdf.generic import ArrayObject

    script = Dictionary({Name("/S"): Name("/JavaScript"), Name("/JS"): Text("app.alert(1)")})
    tree = Dictionary({Name("/Names"): ArrayObject([Text("hx-d1"), writer._add_object(script)])})
    writer._root_object[Name("/Names")] = Dictionary({Name("/JavaScript"): tree})


PDF_NAMES_JS = _pdf(_names_tree_js)
PDF_LAUNCH = _pdf(_open_action({"/S": "/Launch", "/F": "cmd.exe"}))
PDF_ATTACHMENT = _pdf(lambda w, *_: w.add_attachment("hx-d1.exe", EXE))
# Issue 14: active content where only a parser sees it, inside compressed object streams.
PDF_HIDDEN = {
    "pdf-page-aa-object-streams": active_pdf("page-aa-javascript"),
    "pdf-annotation-js-object-streams": active_pdf("annotation-javascript"),
    "pdf-form-field-aa-object-streams": active_pdf("form-field-aa"),
    "pdf-xfa-object-streams": active_pdf("xfa"),
}

SVG = "http://www.w3.org/2000/svg"
SVGS = {
    "svg-script": f'<svg xmlns="{SVG}"><script>alert(1)</script></svg>',
    "svg-onload": f'<svg xmlns="{SVG}" onload="alert(1)"><rect width="1" height="1"/></svg>',
    "svg-foreign-object": (
        f'<svg xmlns="{SVG}"><foreignObject width="9" height="9"><body '
        'xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body>'
        "</foreignObject></svg>"
    ),
    "svg-external-entity": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<svg xmlns="{SVG}"><text>&x;</text></svg>'
    ),
    "svg-billion-laughs": (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f'<svg xmlns="{SVG}"><text>&c;</text></svg>'
    ),
    "svg-javascript-link": (
        f'<svg xmlns="{SVG}" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="javascript:alert(1)"><rect width="1" height="1"/></a></svg>'
    ),
    "svg-external-image": f'<svg xmlns="{SVG}"><image href="https://evil.example/p.png"/></svg>',
    # Issue 14: what the old deny-list let through.
    "svg-set-href-javascript": (
        f'<svg xmlns="{SVG}"><a><set attributeName="href" to="java&#9;script:alert(1)"/>'
        '<rect width="9" height="9"/></a></svg>'
    ),
    "svg-escaped-import": (
        f"<svg xmlns=\"{SVG}\"><style>@\\69mport 'https://evil.example/x.css';</style></svg>"
    ),
}

PNG_PIXEL_BOMB = (
    b"\x89PNG\r\n\x1a\n"
    + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0))
    + png_chunk(b"IDAT", b"x\x9c\x03\x00\x00\x00\x00\x01")
    + png_chunk(b"IEND", b"")
)

CORPUS = [
    BadUpload("over-the-limit", "over-limit", _of_kind(_padded), "too_large"),
    BadUpload("empty", "empty", _one(b""), "empty"),
    BadUpload("exe-renamed", "wrong-type", _one(EXE), "wrong_type"),
    BadUpload("html-renamed", "wrong-type", _one(b"<!doctype html>" + HTML), "wrong_type"),
    BadUpload("zip-renamed", "zip", _one(JAR), "wrong_type"),
    BadUpload("zip-bomb", "zip", lambda kind: _one(zip_bomb())(kind), "wrong_type"),  # lazy
    BadUpload(
        "zip-slip-docx",
        "zip",
        _one(zip_slip(), "bijlage.docx", "application/vnd.openxmlformats"),
        "wrong_type",
    ),
    BadUpload("zip-slip-renamed", "zip", _one(zip_slip()), "wrong_type"),
    BadUpload("valid-plus-jar", "polyglot", _of_kind(lambda k: valid(k) + JAR), "polyglot"),
    BadUpload("html-where-sniffed", "polyglot", _of_kind(_with_html_where_sniffed), "polyglot"),
    BadUpload(
        "html-after-the-end",
        "polyglot",
        _of_kind(lambda k: valid(k) + HTML),
        {"media": "malformed", "*": "polyglot"},
    ),
    *[
        BadUpload(f"{name}-plus-html", "polyglot", _one(make() + HTML), "malformed", ("media",))
        for name, make in (
            ("webm", lambda: webm(4096)),
            ("mp3", mp3),
            ("ogg", ogg),
            ("wav", lambda: wav(1)),
        )
    ],
    *[
        BadUpload(f"vtt-{key}", "captions", _one(data), rule, ("captions",))
        for key, data, rule in (
            ("latin-1", VTT.replace(b"vergadering", b"caf\xe9"), "encoding"),
            ("end-before-start", VTT.replace(b"00:00:02.000", b"00:00:00.000"), "malformed"),
            ("no-timing", b"WEBVTT\n\nalleen tekst\n", "malformed"),
            ("style-block", VTT.replace(b"\n\n", b"\n\nSTYLE\n::cue{}\n\n"), "polyglot"),
            (
                "script-in-cue",
                VTT + b"\n00:00:03.000 --> 00:00:04.000\n<script>x</script>\n",
                "polyglot",
            ),
        )
    ],
    BadUpload("heic-picture", "wrong-type", _one(NOT_MP4["heic"]), "wrong_type"),
    BadUpload("avif-picture", "wrong-type", _one(NOT_MP4["avif"]), "wrong_type"),
    BadUpload("quicktime-movie", "wrong-type", _one(NOT_MP4["quicktime"]), "wrong_type"),
    BadUpload(
        "pdf-open-action-js", "pdf-active", _one(PDF_OPEN_JS), {"pdf": "active", "*": "wrong_type"}
    ),
    BadUpload(
        "pdf-names-js", "pdf-active", _one(PDF_NAMES_JS), {"pdf": "active", "*": "wrong_type"}
    ),
    BadUpload("pdf-launch", "pdf-active", _one(PDF_LAUNCH), {"pdf": "active", "*": "wrong_type"}),
    BadUpload(
        "pdf-attachment", "pdf-active", _one(PDF_ATTACHMENT), {"pdf": "active", "*": "wrong_type"}
    ),
    *[
        BadUpload(key, "pdf-active", _one(pdf), {"pdf": "active", "*": "wrong_type"})
        for key, pdf in PDF_HIDDEN.items()
    ],
    *[
        BadUpload(
            key,
            "svg",
            _one(svg.encode(), "logo.svg", "image/svg+xml"),
            {"logo": "svg_unsafe", "*": "wrong_type"},
        )
        for key, svg in SVGS.items()
    ],
    BadUpload(
        "png-pixel-bomb", "image-bomb", _one(PNG_PIXEL_BOMB), {"logo": "pixels", "*": "wrong_type"}
    ),
    BadUpload("three-files", "too-many", lambda kind: _of_kind(valid)(kind) * 3, "too_many"),
]


# Names as a browser sends them (HTML: " CR LF percent-encoded) or as a script can.
def _names(kind: str) -> dict:
    ext = EXTENSION[kind]
    return {
        "traversal": f"../../../etc/{NAME_CANARY}-passwd{ext}",
        "windows-traversal": f"..\\..\\Windows\\System32\\{NAME_CANARY}{ext}",
        "absolute": f"/var/lib/portal/private/{NAME_CANARY}{ext}",
        "nul": f"{NAME_CANARY}-rapport{ext}\x00.exe",
        "crlf-encoded": f"{NAME_CANARY}%0D%0AContent-Type: text/html%0D%0A%0D%0A<b>x</b>{ext}",
        # Raw, the part's headers end early and the file starts with the rest of the name.
        "crlf-raw": f"{NAME_CANARY}\r\nContent-Type: text/html\r\n\r\n<b>x</b>{ext}",
        "quote-injection": f'{NAME_CANARY}"; filename="../../{NAME_CANARY}-2{ext}',
        "rtl-override": f"{NAME_CANARY}-rapport\u202e{ext[::-1][:-1]}.exe",
        "html-name": f"<img src=x onerror=alert(1)>{NAME_CANARY}{ext}",
        "very-long": f"{NAME_CANARY}-" + "a" * 300 + ext,
        "rfc2231": f"..%2F..%2F{NAME_CANARY}{ext}",  # sent as filename*=UTF-8''…
        "dots-only": "..",
    }


# --- sending -------------------------------------------------------------------------------------
BOUNDARY = "hx-d1-Gr3nsW44rde"


def multipart(fields: dict, files: list, *, rfc2231: bool = False) -> bytes:
    """The body a browser sends: fields, then each (field, name, content, type) as a file part.
    The name goes out as given (a browser would percent-encode only " CR LF)."""
    out = io.BytesIO()
    for name, value in fields.items():
        out.write(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode())
        out.write(str(value).encode() + b"\r\n")
    for field_name, file_name, content, content_type in files:
        disposition = (
            f"filename*=UTF-8''{file_name}" if rfc2231 else f'filename="{file_name}"'
        ).encode()
        out.write(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{field_name}"; '.encode()
            + disposition
            + f"\r\nContent-Type: {content_type}\r\n\r\n".encode()
        )
        out.write(content + b"\r\n")
    out.write(f"--{BOUNDARY}--\r\n".encode())
    return out.getvalue()


@dataclass
class FileForm:
    principal: str
    target: str
    kind: str
    fields: dict
    text: list
    file_fields: list


@dataclass
class Figures:
    fields: int = 0
    files: int = 0
    submissions: int = 0
    by_category: dict = field(default_factory=dict)
    stored: list = field(default_factory=list)
    kept_on_disk: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)
    unclear: list = field(default_factory=list)
    name_traces: list = field(default_factory=list)
    names_accepted: int = 0
    audit: list = field(default_factory=list)


_ERRORS = re.compile(
    r'<div class="utrecht-alert utrecht-alert--error portal-error-summary".*?</ul>'
    r'|<ul class="errorlist[^"]*"[^>]*>.*?</ul>',
    re.DOTALL,
)


def shown_errors(response) -> str:
    """The form's error messages as the page shows them (the portal's error summary, the
    admin's error lists), as text."""
    body = response.content.decode(errors="replace")
    text = " ".join(re.sub(r"<[^>]+>", " ", m) for m in _ERRORS.findall(body))
    return " ".join(html.unescape(text).split())


def _form_values(form) -> dict:
    """The form as the page offers it: hidden values, checked boxes, a select's first option
    and each text field's current value (a required empty one gets a title)."""
    data = dict(form["fields"])
    for name, _kind in form["text"]:
        data[name] = form["values"].get(name) or ("D1-upload" if name in form["required"] else "")
    return data


def file_forms(ctx, keys):
    """Every form with a file input: the matrix's postable pages and the admin's pages of
    models with a file field."""
    pages = list(postable(ctx, load_rules()))
    for model in admin.site._registry:
        if not any(isinstance(f, models.FileField) for f in model._meta.fields):
            continue
        opts = model._meta
        obj = ctx.admin_object(opts.app_label, opts.model_name)
        if obj is not None:
            path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        else:
            path = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        pages.append(("superuser", path))
    for principal, path in pages:
        page = client_for(keys, principal).get(path)
        if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
            continue
        parser = FormParser()
        parser.feed(page.content.decode())
        for form in parser.forms:
            if not form["files"]:
                continue
            target = form["action"] or path
            view = resolve(target.split("?")[0]).view_name
            yield FileForm(
                principal,
                target,
                FIELD_KINDS.get(view, view),
                _form_values(form),
                form["text"],
                form["files"],
            )


def test_d1_every_file_field_refuses_every_bad_upload_with_a_clear_message(  # noqa: C901 - one crawl over every form, counted in one figure line
    world, settings, private_storage, capsys
):
    settings.CONFIDENTIALITY_MAX_UPLOAD_BYTES = LIMIT
    settings.RECORDINGS_MAX_UPLOAD_BYTES = LIMIT
    settings.RECORDINGS_MAX_CAPTIONS_BYTES = LIMIT
    upload_tmp = private_storage.parent / f"{private_storage.name}-upload-tmp"
    upload_tmp.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(upload_tmp)
    ctx = build_context(world)
    keys = session_keys(ctx)
    figures = Figures()
    forms = list(file_forms(ctx, keys))
    unmapped = [f.kind for f in forms if f.kind not in MESSAGES]
    assert not unmapped, f"file fields without a kind in FIELD_KINDS: {unmapped}"
    # Each upload of the portal is found: the secret documents, the recordings, their captions,
    # the logo.
    assert sorted(f.kind for f in forms) == ["captions", "logo", "media", "pdf"], [
        f.target for f in forms
    ]

    def submit(form, files, *, rfc2231=False):
        cache.clear()
        before = _files_in(private_storage) | _files_in(upload_tmp)
        body = multipart(
            form.fields,
            [(field_name, *f) for f in files for field_name in form.file_fields],
            rfc2231=rfc2231,
        )
        with transaction.atomic():
            seq_before = AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0
            response = client_for(keys, form.principal).post(
                form.target, body, content_type=f"multipart/form-data; boundary={BOUNDARY}"
            )
            events = list(
                AuditEvent.objects.filter(seq__gt=seq_before).values_list("action", "result")
            )
            traces = _stored(NAME_CANARY)
            transaction.set_rollback(True)
        new = (_files_in(private_storage) | _files_in(upload_tmp)) - before
        for path in new:  # an accepted file belonged to the rolled-back row: tidy up
            path.unlink()
        figures.submissions += 1
        return response, events, traces, new

    for form in forms:
        figures.fields += len(form.file_fields)
        kind = form.kind
        # The control: a valid file is accepted, so the form is right and refusals are the file's.
        # A text field the form asks for (an error on it) is filled in once.
        control = [(f"gewoon{EXTENSION[kind]}", valid(kind), CONTENT_TYPE[kind])]
        response, events, _traces, new = submit(form, control)
        asked = set(re.findall(r'id="id_(\w+)-error"', response.content.decode())) & {
            name for name, _kind in form.text
        }
        if response.status_code == 400 and asked:
            form.fields.update({name: "D1-upload" for name in asked})
            response, events, _traces, new = submit(form, control)
        assert response.status_code == 302, (form.target, shown_errors(response))
        assert [r for _a, r in events].count("success") == 1, events
        assert new, "the control upload was stored"

        for bad in CORPUS:
            if kind not in bad.kinds:
                continue
            files = bad.build(kind)
            figures.files += 1
            figures.by_category[bad.category] = figures.by_category.get(bad.category, 0) + 1
            response, _events, _traces, new = submit(form, files)
            cell = (kind, bad.key, response.status_code)
            body = html.unescape(response.content.decode(errors="replace"))
            if response.status_code >= 500:
                figures.server_errors.append(cell)
            if response.status_code in (301, 302, 303):
                figures.stored.append(cell)
            if new:
                figures.kept_on_disk.append((*cell, sorted(p.name for p in new)))
            if response.status_code < 500 and MESSAGES[kind][bad.expected(kind)] not in body:
                figures.unclear.append((*cell, bad.expected(kind), shown_errors(response)))

        for key, name in _names(kind).items():
            figures.files += 1
            figures.by_category["name"] = figures.by_category.get("name", 0) + 1
            response, events, traces, new = submit(
                form,
                [(name, valid(kind), CONTENT_TYPE[kind])],
                rfc2231=key == "rfc2231",
            )
            cell = (kind, key, response.status_code)
            body = response.content.decode(errors="replace")
            if response.status_code >= 500:
                figures.server_errors.append(cell)
            elif response.status_code == 302:
                # Accepted: the name left no trace, and the write was audited once (E1).
                figures.names_accepted += 1
                if traces or any(NAME_CANARY in str(p) for p in new):
                    figures.name_traces.append((*cell, traces, [p.name for p in new]))
                if [r for _a, r in events].count("success") != 1:
                    figures.audit.append((*cell, events))
            elif not any(m in shown_errors(response) for m in MESSAGES[kind].values()):
                # Refused: then with one of the field's own messages.
                figures.unclear.append((*cell, shown_errors(response)))
            if any(c in body for c in ("\u202e", "\x00", "<img src=x")):
                figures.name_traces.append((*cell, "reflected"))

    line = (
        f"D1 bad-uploads: fields={figures.fields} files={figures.files} "
        f"submissions={figures.submissions} stored={len(figures.stored)} "
        f"kept_on_disk={len(figures.kept_on_disk)} server_errors={len(figures.server_errors)} "
        f"unclear={len(figures.unclear)} names_accepted={figures.names_accepted} "
        f"name_traces={len(figures.name_traces)} "
        f"writes_without_one_event={len(figures.audit)} "
        f"by_category={dict(sorted(figures.by_category.items()))}"
    )
    with capsys.disabled():
        print("\n" + line)
    problems = {
        k: getattr(figures, k)
        for k in ("stored", "kept_on_disk", "server_errors", "unclear", "name_traces", "audit")
    }
    assert not any(problems.values()), f"{line}\n{problems}"


def test_the_corpus_builds_what_it_says():
    """The generated files are what their names claim, so a refusal is for the right reason."""
    from pypdf import PdfReader

    assert (
        len(_padded("pdf")) == LIMIT + 1 and len(PdfReader(io.BytesIO(_padded("pdf"))).pages) == 1
    )
    assert len(_padded("media")) == LIMIT + 1
    assert len(_padded("captions")) == LIMIT + 1
    assert check_webvtt(_padded("captions")) is None and check_webvtt(VTT) is None
    assert len(_padded("logo")) == LOGO_MAX_BYTES + 1 and _padded("logo").endswith(png()[-12:])

    def unpacked(data: bytes) -> int:  # what the bomb says it holds, without unpacking the zeros
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(
                unpacked(archive.read(i)) if i.filename.endswith(".zip") else i.file_size
                for i in archive.infolist()
            )

    declared = unpacked(zip_bomb())
    assert declared == 512 * MIB and len(zip_bomb()) < 2 * MIB
    assert any(n.startswith("../") for n in zipfile.ZipFile(io.BytesIO(zip_slip())).namelist())
    for kind in EXTENSION:
        assert zipfile.is_zipfile(io.BytesIO(valid(kind) + JAR))
        assert HTML in _with_html_where_sniffed(kind)[:1445]
    for pdf in (PDF_OPEN_JS, PDF_NAMES_JS, PDF_LAUNCH, PDF_ATTACHMENT, *PDF_HIDDEN.values()):
        assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    body = multipart({"a": "1"}, [("file", "x\u202e.pdf", b"%PDF", "application/pdf")])
    assert 'filename="x\u202e.pdf"'.encode() in body and body.endswith(b"--\r\n")
