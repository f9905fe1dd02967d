"""Writes of the secrecy register. Each: keyword-only, atomic, full_clean, one audit event.

A refusal stores nothing and is audited: a missing permission through
``portal.refusals.refuse`` (403), a refusal by law (wrong ground, a person as recipient, an
exclusion that is too long, an incompetent body) as a ``ValidationError`` whose translated
message names the rule, recorded as a denied event after the write rolled back.

``items`` (register, review, lift), ``sharing`` (bodies, exclusions), ``documents`` (versions,
passages); the checks on an uploaded PDF are in :mod:`confidentiality.documents`.
"""

from .documents import document_version_add, passage_add
from .items import closed_session_register, item_lift, item_register, review_record
from .sharing import exclusion_notify, item_share_with_body, member_exclude

__all__ = [
    "closed_session_register",
    "document_version_add",
    "exclusion_notify",
    "item_lift",
    "item_register",
    "item_share_with_body",
    "member_exclude",
    "passage_add",
    "review_record",
]
