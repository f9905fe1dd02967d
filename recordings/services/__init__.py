"""Writes of the recordings app. Each: keyword-only, atomic, full_clean, one audit event.

Refusals by policy are audited. A refusal the organiser can act on (a grant across a
boundary, publishing before the pre-flight is clear) is a :class:`ValidationError` whose
message names the rule, so the form shows why; a refusal of the person (no permission) is
``portal.refusals.refuse`` (403).

``lifecycle`` (create, publish, withdraw), ``grants`` (R2), ``objections`` (R6), ``files``
(R7 upload, R4 playback), ``invitations`` (R3), ``captions`` (R8); ``common`` holds what they share.
"""

from .captions import captions_attach, captions_refused
from .files import playback_start, recording_file_attach, stream_refused, upload_refused
from .grants import grant_add, grant_remove
from .invitations import invitation_test_send
from .lifecycle import recording_create, recording_publish, recording_withdraw
from .objections import employee_add, employee_objection_record, objection_decide

__all__ = [
    "captions_attach",
    "captions_refused",
    "employee_add",
    "employee_objection_record",
    "grant_add",
    "grant_remove",
    "invitation_test_send",
    "objection_decide",
    "playback_start",
    "recording_create",
    "recording_file_attach",
    "recording_publish",
    "recording_withdraw",
    "stream_refused",
    "upload_refused",
]
