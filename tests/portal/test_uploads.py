"""D1: what every upload is checked for, whatever its type (portal.uploads)."""

import io

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.datastructures import MultiValueDict

from portal.uploads import SNIFF_WINDOW, SingleFileField, hidden_content
from tests.uploads import JAR


def test_d1_hidden_content_finds_a_web_page_where_a_browser_sniffs():
    head = b"%PDF-1.7\n%"
    assert hidden_content(io.BytesIO(head + b"<HTML><body>x" + b"\x00" * 5000)) == "markup"
    assert hidden_content(io.BytesIO(head + b"<script src=x>")) == "markup"
    # Past the sniffing window no browser looks; SVG is markup itself.
    late = head + b"\x00" * SNIFF_WINDOW + b"<html>"
    assert hidden_content(io.BytesIO(late)) is None
    assert hidden_content(io.BytesIO(b"<svg xmlns='x'/>"), markup=False) is None
    # Binary that merely has a "<" is not markup.
    assert hidden_content(io.BytesIO(bytes(range(256)) * 8)) is None


def test_d1_hidden_content_finds_an_archive_at_the_end_and_rewinds():
    file = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100 + JAR)
    file.seek(50)
    assert hidden_content(file) == "archive"
    assert file.tell() == 0
    assert hidden_content(io.BytesIO(b"PK\x05\x06 not really an archive")) is None


class OneFile(forms.Form):
    file = SingleFileField()


def test_d1_single_file_field_refuses_several_files_under_its_name():
    files = MultiValueDict(
        {"file": [SimpleUploadedFile("a.pdf", b"a"), SimpleUploadedFile("b.pdf", b"b")]}
    )
    form = OneFile({}, files)
    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "too_many"
    assert "er zijn er 2 tegelijk" in form.errors["file"][0]

    form = OneFile({}, MultiValueDict({"file": [SimpleUploadedFile("a.pdf", b"a")]}))
    assert form.is_valid() and form.cleaned_data["file"].name == "a.pdf"
