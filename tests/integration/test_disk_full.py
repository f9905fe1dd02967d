"""F7 (QUALITY.md): the disk fills up during an upload. The private storage is put on a tmpfs
of 256 KiB that is nearly full; an upload larger than what is left must end in a clear
message, leave no partial file and no row, and the database must stay consistent.

Needs root to mount the tmpfs (CI runs as root; elsewhere the test is skipped)."""

import os
import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from confidentiality import services
from confidentiality.demo import minimal_pdf
from confidentiality.models import Document, DocumentVersion
from portal.models import AuditEvent
from tests.confidentiality.test_services import clerk, register

pytestmark = [pytest.mark.django_db, pytest.mark.disk_full]


@pytest.fixture
def full_disk(tmp_path, settings):
    mount = tmp_path / "private"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        if os.environ.get("CI") == "true":
            pytest.fail(f"F7 needs a tmpfs in CI: {done.stderr.decode()}")
        pytest.skip("mounting a tmpfs needs root")
    (mount / "filler").write_bytes(b"\0" * 190 * 1024)  # about 60 KiB left
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "location": str(mount)},
        },
    }
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_f7_a_pdf_upload_on_a_full_disk_is_refused_clearly_and_leaves_nothing(world, full_disk):
    item = register(world)
    big = minimal_pdf([f"Regel {n}: " + "taxatie " * 6 for n in range(3000)])
    assert len(big) > 100 * 1024  # more than is left on the disk
    events_before = AuditEvent.objects.count()

    with pytest.raises(ValidationError) as refused:
        services.document_version_add(
            actor=clerk(world),
            item=item,
            title="Taxatierapport",
            file=SimpleUploadedFile("t.pdf", big),
        )

    assert refused.value.code == "storage_failed"
    assert "opslag is vol" in refused.value.messages[0]
    partial_files = [p.name for p in full_disk.rglob("*") if p.is_file() and p.name != "filler"]
    rows = Document.objects.filter(item=item).count() + DocumentVersion.objects.count()
    assert partial_files == [] and (full_disk / "filler").exists()
    assert rows == 0
    # The refusal is audited once, as a failure of the upload (nothing else was written).
    new = AuditEvent.objects.order_by("seq")[events_before:]
    assert [e.action for e in new] == ["secrecy.document_upload"]
    assert new[0].result != "success"

    # The disk has room again: the same upload now works.
    (full_disk / "filler").unlink()
    version = services.document_version_add(
        actor=clerk(world), item=item, title="Taxatierapport", file=SimpleUploadedFile("t.pdf", big)
    )
    assert (full_disk / version.file.name).stat().st_size == len(big)
    print(
        f"F7 disk-full: upload_bytes={len(big)} refused={refused.value.code} "
        f"partial_files={len(partial_files)} rows={rows} audit_events={len(new)} "
        f"retry_after_space_bytes={version.file.size}"
    )
