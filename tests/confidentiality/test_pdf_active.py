"""D1, C8, issue 14 finding 7: PDFs are read with a full parser (pikepdf/qpdf), object streams
included. Active content at any level is refused at upload with nothing stored; a copy for a
recipient is written from the cleaned document, never with the source's actions; and the
watermark prints the recipient's name in Noto Sans, embedded, so "Łukasz Żółć" stays readable.
"""

import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from confidentiality import services
from confidentiality.copies import copy_make, watermark_pdf
from confidentiality.documents import pdf_check
from confidentiality.models import DocumentVersion
from portal.roles import Role
from tests.confidentiality.factories import DocumentVersionFactory, SecrecyItemFactory
from tests.confidentiality.pdfs import ACTIVE, CLEAN, TEXT, active, clean

NAME = "Łukasz Żółć"
RUNS = {
    "/JavaScript",
    "/Launch",
    "/ImportData",
    "/SubmitForm",
    "/GoToR",
    "/GoToE",
    "/RichMediaExecute",
    "/Rendition",
}


def test_the_corpus_hides_its_active_parts_in_object_streams():
    """No byte scan can find them: the names live only inside compressed object streams."""
    for name in ("page-aa-javascript", "annotation-javascript", "form-field-aa", "xfa"):
        data = active(name)
        assert b"/ObjStm" in data
        assert b"JavaScript" not in data and b"/AA" not in data and b"/XFA" not in data, name
    assert len(PdfReader(io.BytesIO(active("page-aa-javascript"))).pages) == 1


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_d1_14_7_active_content_at_every_level_is_refused_at_upload(name):
    with pytest.raises(ValidationError) as exc:
        pdf_check(SimpleUploadedFile("stuk.pdf", active(name)))
    assert exc.value.code == "active_content"
    assert "Dit PDF-bestand bevat actieve inhoud" in exc.value.messages[0]


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_d1_14_7_an_ordinary_pdf_with_object_streams_passes(name):
    pdf_check(SimpleUploadedFile("stuk.pdf", clean(name)))


@pytest.mark.django_db
def test_d1_14_7_the_refused_upload_leaves_no_row_and_no_file(world, private_storage):
    item = SecrecyItemFactory(imposing_body=world.a.college)
    with pytest.raises(ValidationError):
        services.document_version_add(
            actor=world.a.users[Role.CLERK],
            item=item,
            title="Met paginascript",
            file=SimpleUploadedFile("stuk.pdf", active("page-aa-javascript")),
        )
    assert not DocumentVersion.objects.exists()
    assert [p for p in private_storage.rglob("*") if p.is_file()] == []


def _runs_something(obj, seen=None) -> list[str]:
    """What in a PDF object graph could run or carry something: read here independently of
    the portal's own scan."""
    seen = set() if seen is None else seen
    found = []
    if isinstance(obj, pikepdf.Stream):
        obj = obj.stream_dict
    if isinstance(obj, pikepdf.Dictionary):
        for key in ("/JS", "/AA", "/XFA", "/EF", "/EmbeddedFiles", "/JavaScript"):
            if key in obj:
                found.append(key)
        if str(obj.get("/S", "")) in RUNS:
            found.append(str(obj.S))
        if str(obj.get("/Subtype", "")) in ("/FileAttachment", "/RichMedia", "/Screen"):
            found.append(str(obj.Subtype))
        children = list(obj.values())
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return found
    for child in children:
        if not isinstance(child, pikepdf.Object):
            continue
        if child.is_indirect:
            if child.objgen in seen:
                continue
            seen.add(child.objgen)
        found += _runs_something(child, seen)
    return found


def runs_something(content: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        found = _runs_something(pdf.trailer)
        uri = [
            str(a.A.URI)
            for page in pdf.pages
            for a in page.obj.get("/Annots", [])
            if "/A" in a and str(a.A.get("/S", "")) == "/URI"
        ]
    return found + [u for u in uri if not u.startswith(("https:", "http:", "mailto:"))]


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_c8_14_7_a_copy_is_written_from_the_cleaned_document(name):
    """A file stored before the check (or one the check missed) still reaches no recipient
    with its scripts, launch actions, attachments or forms: the copy holds the pages' content,
    nothing that runs."""
    assert runs_something(active(name)), "the corpus file must have something active"
    copy = watermark_pdf(io.BytesIO(active(name)), lines=[f"Voor {NAME}"], diagonal=NAME)
    assert runs_something(copy) == []
    assert TEXT in text_of(copy) and NAME in text_of(copy)


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_c8_14_7_a_clean_pdf_gives_a_copy_without_actions(name):
    copy = watermark_pdf(io.BytesIO(clean(name)), lines=[f"Voor {NAME}"], diagonal=NAME)
    assert runs_something(copy) == []
    assert len(PdfReader(io.BytesIO(copy)).pages) == 1


def test_c8_14_7_the_watermark_prints_names_in_embedded_noto_sans():
    copy = watermark_pdf(
        io.BytesIO(clean("plain")),
        lines=[f"Persoonlijk exemplaar van {NAME}, traceercode ABCD-EFGH-IJKL"],
        diagonal=f"{NAME} ABCD-EFGH-IJKL",
    )
    text = text_of(copy)
    assert f"Persoonlijk exemplaar van {NAME}" in text
    assert "?ukasz" not in text
    with pikepdf.open(io.BytesIO(copy)) as pdf:
        fonts = [
            obj
            for obj in pdf.objects
            if isinstance(obj, pikepdf.Dictionary)
            and str(obj.get("/Subtype", "")) == "/Type0"
            and str(obj.get("/BaseFont", "")).endswith("NotoSans-Regular")
        ]
        assert fonts, "the watermark's font is Noto Sans"
        descendant = fonts[0].DescendantFonts[0]
        assert "/FontFile2" in descendant.FontDescriptor  # embedded, not named
        assert "/ToUnicode" in fonts[0]  # so the name can be copied and searched


@pytest.mark.django_db
def test_c8_14_7_a_recipient_called_lukasz_zolc_gets_his_name_on_the_copy(world, private_storage):
    member = world.a.users[Role.COUNCIL_MEMBER]
    member.first_name, member.last_name = "Łukasz", "Żółć"
    member.save()
    version = DocumentVersionFactory(
        document__item=SecrecyItemFactory(imposing_body=world.a.college),
        content=active("annotation-javascript"),
    )
    copy = copy_make(user=member, item=version.document.item, version=version)
    assert f"Persoonlijk exemplaar van {NAME}" in text_of(copy.content)
    assert runs_something(copy.content) == []
