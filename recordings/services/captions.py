"""R8: the captions of a recording (WebVTT), checked by content and size, stored privately
under a generated name like the recording's file, one audit event per write or refusal."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.models import User
from portal.refusals import refuse, refuse_with_reason
from portal.storage import save_upload

from ..captions import check_webvtt, max_captions_bytes
from ..conf import viewing_storage
from ..constants import RecordingStatus
from ..models import Recording
from ..permissions import can_manage
from .common import MSG_WITHDRAWN, locked

ACTION = "recording.captions"
CAPTIONS_MESSAGES = {
    "empty": _("Kies een WebVTT-bestand met de ondertiteling. Er is niets opgeslagen."),
    "too_large": _(
        "Het bestand met de ondertiteling is groter dan %(max)s MB. Er is niets opgeslagen."
    ),
    "wrong_type": _(
        "Dit bestand is geen WebVTT-ondertiteling: de eerste regel moet WEBVTT zijn. Sla de "
        "ondertiteling op als WebVTT (.vtt) en probeer het opnieuw. Er is niets opgeslagen."
    ),
    "encoding": _(
        "De ondertiteling is niet in UTF-8 opgeslagen. Sla het bestand op als UTF-8 en probeer "
        "het opnieuw. Er is niets opgeslagen."
    ),
    "polyglot": _(
        "Dit bestand is niet alleen ondertiteling: het bevat ook een webpagina, een archief, "
        "stijlregels of andere opmaak. Er is niets opgeslagen."
    ),
    "malformed": _(
        "De tijden in de ondertiteling kloppen niet (regel %(line)s): elke ondertitel heeft een "
        "regel als 00:01:02.000 --> 00:01:05.000, met het einde na het begin. Er is niets "
        "opgeslagen."
    ),
    "too_many": _("Upload één bestand met ondertiteling per keer. Er is niets opgeslagen."),
    "no_cues": _("Het bestand bevat geen enkele ondertitel. Er is niets opgeslagen."),
}


def _refused(*, actor: User, recording: Recording, code: str, line: int = 0):
    message = CAPTIONS_MESSAGES[code] % {
        "max": max_captions_bytes() // (1024 * 1024),
        "line": line,
    }
    refuse_with_reason(
        actor=actor, action=ACTION, obj=recording, rule="R8", message=message, code=code
    )


def captions_refused(*, actor: User, recording: Recording, code: str) -> None:
    """R8: a captions upload the form already stopped (no file, several files). Audited."""
    _refused(actor=actor, recording=recording, code=code)


def captions_attach(*, actor: User, recording: Recording, upload) -> Recording:
    """R8: check the upload (:func:`recordings.captions.check_webvtt`), store it under a
    generated name and record it; earlier captions are replaced and deleted after commit. A
    refusal stores nothing and is audited once, with the reason the organiser reads."""
    if not can_manage(actor, recording):
        refuse(actor=actor, action=ACTION, obj=recording, rule="R8")
    if recording.status == RecordingStatus.WITHDRAWN:
        refuse_with_reason(
            actor=actor,
            action=ACTION,
            obj=recording,
            rule="R8",
            message=MSG_WITHDRAWN,
            code="withdrawn",
        )
    if upload.size > max_captions_bytes():  # not read into memory at all
        _refused(actor=actor, recording=recording, code="too_large")
    upload.seek(0)
    data = upload.read()
    problem = check_webvtt(data)
    if problem is not None:
        _refused(actor=actor, recording=recording, code=problem.code, line=problem.line)
    storage = viewing_storage()
    name = f"recordings/{recording.municipality.uuid}/{uuid.uuid4().hex}.vtt"
    stored = save_upload(storage, name, ContentFile(data), max_length=300)
    try:
        with transaction.atomic():
            recording = locked(recording)
            previous = recording.captions.name
            recording.captions.name = stored
            recording.captions_uploaded_at = timezone.now()
            recording.full_clean()
            recording.save(update_fields=["captions", "captions_uploaded_at", "updated_at"])
            audit_record(
                action=ACTION,
                actor=actor,
                obj=recording,
                municipality=recording.municipality,
                details={"name": stored, "size": len(data), "replaced": previous or ""},
            )
            if previous:
                transaction.on_commit(lambda: storage.delete(previous))
    except BaseException:
        storage.delete(stored)
        raise
    return recording
