"""F7 at unit level: a storage that fails halfway leaves no file and says so clearly. The real
disk-full run (a full tmpfs under the upload services) is tests/integration/test_disk_full.py."""

import errno

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from portal.storage import save_upload


class FillsUpHalfway(FileSystemStorage):
    """Writes the first chunk, then fails the way a full disk does."""

    def _save(self, name, content):
        with open(self.path(name), "wb") as handle:
            handle.write(b"%PDF-1.7 partial")
        raise OSError(errno.ENOSPC, "No space left on device")


def test_f7_a_failed_save_leaves_no_partial_file_and_a_clear_message(tmp_path):
    storage = FillsUpHalfway(location=tmp_path)
    with pytest.raises(ValidationError) as exc:
        save_upload(storage, "stukken/upload.pdf", ContentFile(b"%PDF-1.7 x" * 1000))
    assert exc.value.code == "storage_failed"
    assert "niets bewaard" in exc.value.messages[0]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_f7_a_good_save_returns_the_stored_name(tmp_path):
    storage = FileSystemStorage(location=tmp_path)
    name = save_upload(storage, "stukken/upload.pdf", ContentFile(b"%PDF-1.7 ok"))
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7 ok"
