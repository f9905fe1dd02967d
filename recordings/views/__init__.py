"""Thin views: parse, call a selector or service, render.

``manage`` (the organiser's pages), ``upload`` (R7), ``watch`` (R4, R5), ``appearances`` (R6),
``captions`` (R8)."""

from .appearances import my_appearances, my_objection
from .captions import recording_captions, recording_captions_track
from .manage import (
    employee_add,
    grant_add,
    grant_remove,
    objection_decide,
    objection_record,
    recording_create,
    recording_detail,
    recording_list,
    recording_publish,
    recording_withdraw,
    test_invitation,
)
from .upload import recording_upload
from .watch import available_list, recording_chapters, recording_play, recording_stream

__all__ = [
    "available_list",
    "employee_add",
    "grant_add",
    "grant_remove",
    "my_appearances",
    "my_objection",
    "objection_decide",
    "objection_record",
    "recording_captions",
    "recording_captions_track",
    "recording_chapters",
    "recording_create",
    "recording_detail",
    "recording_list",
    "recording_play",
    "recording_publish",
    "recording_stream",
    "recording_upload",
    "recording_withdraw",
    "test_invitation",
]
