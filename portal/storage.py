"""Storing uploaded files so that a failure leaves nothing behind (F7, D1).

``storage.save`` writes the file in place: when the disk fills up halfway (ENOSPC) or the
write fails otherwise, Django leaves the partial file on disk and raises ``OSError``, which
would reach the user as a server error. :func:`save_upload` removes what was written and turns
the failure into a clear message; the caller's transaction then rolls back its row.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

STORAGE_FAILED = _(
    "Het bestand kon niet worden opgeslagen: de opslag is vol of gaf een schrijffout. Er is "
    "niets bewaard. Probeer het later opnieuw of meld het aan de beheerder."
)


def save_upload(storage, name: str, content, *, max_length: int | None = None) -> str:
    """``storage.save(name, content)``; on an I/O failure the partial file is deleted and a
    ValidationError (code ``storage_failed``) is raised instead of the OSError."""
    final = storage.get_available_name(name, max_length=max_length)
    try:
        return storage.save(final, content, max_length=max_length)
    except OSError as exc:
        try:
            if storage.exists(final):
                storage.delete(final)
        except OSError:
            pass  # the disk is in trouble; the name is random and nothing points at it
        raise ValidationError(STORAGE_FAILED, code="storage_failed") from exc
