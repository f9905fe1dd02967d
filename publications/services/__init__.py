"""Writes of Woo publication and Woo requests. Each: keyword-only, atomic, full_clean, one
audit event; a refusal by the law is a ValidationError with a message in words, recorded as a
denied event after the write rolled back (``portal.refusals.refusal_audited``).

``releases`` (C11: the task "publiceren?", publish, withdraw, decide not to publish) and
``requests`` (C12: Woo requests for secret items); the clean copies are made by
:mod:`publications.cleaning`.
"""

from .releases import (
    publication_publish,
    publication_update,
    publication_withdraw,
    release_decline,
    release_prepare,
)
from .requests import (
    decision_deadline,
    woo_request_decide,
    woo_request_extend,
    woo_request_register,
)

__all__ = [
    "decision_deadline",
    "publication_publish",
    "publication_update",
    "publication_withdraw",
    "release_decline",
    "release_prepare",
    "woo_request_decide",
    "woo_request_extend",
    "woo_request_register",
]
