"""R7, R4: the recording's file — storing a checked upload, refusing a stopped one — and
playback starts and refused streams, each audited."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.constants import AuditResult
from portal.models import User
from portal.refusals import refuse, refuse_with_reason
from portal.storage import save_upload

from ..conf import max_upload_bytes, viewing_storage
from ..constants import RecordingStatus
from ..models import Recording
from ..permissions import can_manage
from .common import locked

MSG_TOO_LARGE = _("Het bestand is groter dan %(max)s MB. Er is niets opgeslagen.")  # R7
MSG_WRONG_TYPE = _(
    "Dit bestand is geen opname: alleen MP4, M4A, WebM, MP3, Ogg en WAV worden aanvaard, "
    "herkend aan de inhoud en niet aan de naam. Er is niets opgeslagen."  # R7
)
MSG_EMPTY = _("Kies een bestand met de opname. Er is niets opgeslagen.")  # R7
MSG_TOO_MANY = _("Upload één bestand per keer. Er is niets opgeslagen.")  # R7
MSG_POLYGLOT = _(
    "Dit bestand is niet alleen een opname: het bevat ook een webpagina of een ZIP-archief. "
    "Er is niets opgeslagen. Exporteer de opname opnieuw uit het opnameprogramma."
)
MSG_MALFORMED = _(
    "Dit bestand is geen volledige opname: het is afgebroken of beschadigd, of er staan na het "
    "einde van de opname nog andere gegevens in. Er is niets opgeslagen. Exporteer de opname "
    "opnieuw uit het opnameprogramma."
)
MSG_HAS_FILE = _(
    "Een gepubliceerde opname krijgt geen ander bestand: trek hem in en maak een nieuwe."  # R7
)
MSG_STORAGE_FAILED = _(
    "De opname kon niet worden opgeslagen (de opslag is vol of onbereikbaar). Er is niets "
    "bewaard; probeer het later opnieuw of meld het de beheerder."  # R7
)
UPLOAD_MESSAGES = {
    "too_large": MSG_TOO_LARGE,
    "wrong_type": MSG_WRONG_TYPE,
    "empty": MSG_EMPTY,
    "too_many": MSG_TOO_MANY,
    "polyglot": MSG_POLYGLOT,
    "malformed": MSG_MALFORMED,
}


def upload_refused(*, actor: User, recording: Recording, code: str, detail: str = "") -> None:
    """R7: an upload the handler stopped (too large, not a recording, empty, several files, a
    recording that is something else too, a container that does not end where the file
    ends). Nothing was stored; the refusal is audited (with ``detail``: where the file went
    wrong) and the organiser told why."""
    refuse_with_reason(
        actor=actor,
        action="recording.upload",
        obj=recording,
        rule="R7",
        message=UPLOAD_MESSAGES[code] % {"max": max_upload_bytes() // (1024 * 1024)},
        code=code,
        details={"detail": detail} if detail else None,
    )


def recording_file_attach(*, actor: User, recording: Recording, upload) -> Recording:
    """R7: store the checked upload (from :class:`recordings.media.RecordingUploadHandler`:
    streamed to a temporary file, typed by content, with its SHA-256) under a generated name,
    and record it. A draft's earlier file is replaced and deleted after commit. If anything
    fails, the stored file is deleted again: no file without a row, no row without a file."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action="recording.upload", obj=recording, rule="R7")
    if recording.status != RecordingStatus.DRAFT:
        refuse_with_reason(
            actor=actor,
            action="recording.upload",
            obj=recording,
            rule="R7",
            message=MSG_HAS_FILE,
            code="not_draft",
        )
    if upload.size > max_upload_bytes():
        upload_refused(actor=actor, recording=recording, code="too_large")
    storage = viewing_storage()
    name = (
        f"recordings/{recording.municipality.uuid}/{uuid.uuid4().hex}{upload.media_type.extension}"
    )
    try:
        # A failed write (disk full, storage unreachable: F7) leaves no partial file.
        stored = save_upload(storage, name, upload, max_length=300)
    except ValidationError as exc:
        audit_record(
            action="recording.upload",
            actor=actor,
            obj=recording,
            municipality=recording.municipality,
            result=AuditResult.FAILURE,
            details={"rule": "R7", "reason": "storage", "error": exc.__cause__.__class__.__name__},
        )
        raise ValidationError(MSG_STORAGE_FAILED, code="storage") from exc
    try:
        with transaction.atomic():
            recording = locked(recording)
            previous = recording.file.name
            recording.file.name = stored
            recording.file_type = upload.media_type.content_type
            recording.file_size = upload.size
            recording.file_sha256 = upload.sha256
            recording.file_uploaded_at = timezone.now()
            recording.file_deleted_at = None
            recording.full_clean()
            recording.save()
            audit_record(
                action="recording.upload",
                actor=actor,
                obj=recording,
                municipality=recording.municipality,
                details={
                    "name": stored,
                    "type": recording.file_type,
                    "size": recording.file_size,
                    "sha256": recording.file_sha256,
                    "replaced": previous or "",
                },
            )
            if previous:
                transaction.on_commit(lambda: storage.delete(previous))
    except BaseException:
        storage.delete(stored)
        raise
    return recording


def playback_start(*, actor: User, recording: Recording, link_nonce: str, download: bool):
    """R4: every playback start is audited — the player page hands out a signed link, and
    that is when watching starts. A read, not a write: one event, no row changes."""
    audit_record(
        action="recording.download" if download else "recording.play",
        actor=actor,
        obj=recording,
        municipality=recording.municipality,
        details={"link": link_nonce, "sha256": recording.file_sha256},
    )


def stream_refused(*, actor: User, recording: Recording, code: str) -> None:
    """R4: an expired, tampered or someone else's link. Audited; the caller answers 403."""
    audit_record(
        action="recording.stream",
        actor=actor,
        obj=recording,
        municipality=recording.municipality,
        result=AuditResult.DENIED,
        details={"rule": "R4", "reason": code},
    )
