"""What every upload is checked for, whatever its type (D1).

Each app checks its own type by content (a PDF, a recording, a logo). Two things are the same
for all of them and live here:

- **one file per field**: a form field for one file takes one. Django's ``FileField`` quietly
  keeps the last of several files sent under one name; :class:`SingleFileField` refuses them.
- **polyglots**: a file that is a valid PDF (or recording, or PNG) *and* something else. Two
  readers matter: a browser guessing the type from the first bytes (the WHATWG MIME Sniffing
  standard reads at most 1445 bytes), and an archive reader (ZIP, and so JAR, DOCX, APK), which
  reads a ZIP from its end. :func:`hidden_content` looks where they look.
"""

import re
import zipfile

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# WHATWG MIME Sniffing, "resource header": the most bytes a browser reads to guess a type.
SNIFF_WINDOW = 1445
# Tags that make a browser (or an old one, which looked past the first byte) take the bytes
# for a web page or an image with script. Names of four letters or more and a tag end, so
# that binary data does not match by chance.
_MARKUP = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|script|iframe|frameset|object|embed|applet|svg"
    rb"|meta|link|base|form|style|title)[\s/>]",
    re.IGNORECASE,
)

TOO_MANY_FILES = _(
    "Kies één bestand; er zijn er %(count)s tegelijk meegestuurd. Er is niets opgeslagen."
)


def hidden_content(file, *, markup: bool = True) -> str | None:
    """``"markup"`` when the bytes a browser sniffs hold HTML or script, ``"archive"`` when a
    ZIP reader finds an archive at the end, else None. ``markup=False`` for types that are
    markup themselves (SVG). Reads the head and the end only; never unpacks anything. The
    file's position is back at the start afterwards."""
    try:
        file.seek(0)
        if markup and _MARKUP.search(file.read(SNIFF_WINDOW)):
            return "markup"
        file.seek(0)
        try:
            # Only the central directory is read: a zip bomb costs nothing here.
            with zipfile.ZipFile(file) as archive:
                if archive.infolist():
                    return "archive"
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            pass
        return None
    finally:
        file.seek(0)


class _TooMany:
    """What a single-file widget returns when several files came under its name."""

    def __init__(self, count: int):
        self.count = count


class SingleFileInputMixin:
    def value_from_datadict(self, data, files, name):
        count = len(files.getlist(name)) if hasattr(files, "getlist") else 0
        if count > 1:
            return _TooMany(count)
        return super().value_from_datadict(data, files, name)


class SingleFileInput(SingleFileInputMixin, forms.ClearableFileInput):
    pass


class SingleFileField(forms.FileField):
    """A ``FileField`` that refuses several files under its name instead of keeping the last
    (D1: too many files are refused with a clear message)."""

    widget = SingleFileInput
    default_error_messages = {"too_many": TOO_MANY_FILES}

    def clean(self, data, initial=None):
        if isinstance(data, _TooMany):
            raise ValidationError(
                self.error_messages["too_many"], code="too_many", params={"count": data.count}
            )
        return super().clean(data, initial)

    def bound_data(self, data, initial):
        return initial if isinstance(data, _TooMany) else super().bound_data(data, initial)
