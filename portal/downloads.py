"""D3: what every file the portal hands out carries, whatever view serves it.

A download must never act as a page of the portal: it is an attachment (or, for media a player
streams and images shown in a page, explicitly inline), its type is not sniffed, it runs no
script and loads nothing (``default-src 'none'; sandbox``), and no shared cache keeps it.
"""

import unicodedata

from django.utils.http import content_disposition_header

DOWNLOAD_CSP = "default-src 'none'; sandbox"


def _printable(filename: str) -> str:
    """C: no control or format characters in a download's name — CR/LF cannot split the header
    anyway (Django encodes them), but a right-to-left override would make ``xyz\u202efdp.exe``
    look like ``xyzexe.pdf`` in the browser's download bar."""
    return "".join(c for c in filename if unicodedata.category(c)[0] != "C")


def protect_download(response, *, filename: str | None = None, inline: bool = False):
    """Set the D3 headers on ``response`` and return it. ``filename`` (made by the view from
    safe parts, never from user input alone) sets the Content-Disposition; without it an
    existing disposition is kept."""
    if filename is not None:
        response["Content-Disposition"] = content_disposition_header(
            not inline, _printable(filename)
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = DOWNLOAD_CSP
    response["Cache-Control"] = "private, no-store"
    return response
