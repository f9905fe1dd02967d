"""R8: captions (ondertiteling) of a recording, a WebVTT file checked by its content.

WCAG 2.1 SC 1.2.2 asks for captions with prerecorded video. The file is the organiser's and is
served to every viewer through a ``<track>``, so only WebVTT gets in (W3C WebVTT: the
``WEBVTT`` signature, UTF-8, blocks with well-formed cue timings) and nothing that a browser or
an archive reader could take for something else: no web page, no archive, no control bytes,
no ``STYLE`` block (CSS that could load things), and in cue text only WebVTT's own tags.
:func:`check_webvtt` says what is wrong in one code; the service turns it into a message.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from django.conf import settings

from portal.uploads import hidden_content

# W3C WebVTT 4.1: hours optional (two or more digits), minutes and seconds below 60.
_TIME = r"(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
_TAG = re.compile(r"<(/?)([^>\s./]*)[^>]*>")
# The cue text's own tags (WebVTT 4.2.2); a timestamp tag has a digit for a name.
_CUE_TAGS = {"c", "i", "b", "u", "v", "lang", "ruby", "rt"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def max_captions_bytes() -> int:
    """R8: the largest captions file (``RECORDINGS_MAX_CAPTIONS_BYTES``, default 2 MB: a
    four-hour meeting captioned line by line is some 500 kB)."""
    return getattr(settings, "RECORDINGS_MAX_CAPTIONS_BYTES", 2 * 1024 * 1024)


@dataclass(frozen=True)
class CaptionsProblem:
    code: str  # empty, too_large, wrong_type, encoding, polyglot, malformed, no_cues
    line: int = 0


def _seconds(hours, minutes, seconds, millis) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def _markup_problem(text: str) -> bool:
    for closing, name in ((m.group(1), m.group(2)) for m in _TAG.finditer(text)):
        if name.lower() in _CUE_TAGS or (not closing and name[:1].isdigit()):
            continue
        return True
    return "<!" in text or "<?" in text


def _structure_problem(text: str) -> CaptionsProblem | None:
    lines = text.split("\n")
    first = lines[0]
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        return CaptionsProblem("wrong_type", 1)
    cues, n = 0, 1
    while n < len(lines) and lines[n].strip():  # the header's own lines
        n += 1
    while n < len(lines):
        if not lines[n].strip():
            n += 1
            continue
        start = n
        block = []
        while n < len(lines) and lines[n].strip():
            block.append(lines[n])
            n += 1
        head = block[0]
        if head == "NOTE" or head.startswith(("NOTE ", "NOTE\t", "REGION")):
            continue
        if head == "STYLE" or head.startswith(("STYLE ", "STYLE\t")):
            return CaptionsProblem("polyglot", start + 1)
        at = 0 if "-->" in head else 1  # an optional identifier line first
        if at >= len(block) or not (timing := _TIMING.match(block[at])):
            return CaptionsProblem("malformed", start + 1 + min(at, len(block) - 1))
        begin, end = _seconds(*timing.groups()[:4]), _seconds(*timing.groups()[4:])
        if end <= begin or any("-->" in line for line in block[at + 1 :]):
            return CaptionsProblem("malformed", start + 1 + at)
        cues += 1
    return None if cues else CaptionsProblem("no_cues")


def check_webvtt(data: bytes) -> CaptionsProblem | None:
    """None when ``data`` is a WebVTT captions file the portal serves; else what is wrong."""
    if not data:
        return CaptionsProblem("empty")
    if len(data) > max_captions_bytes():
        return CaptionsProblem("too_large")
    body = data.removeprefix(b"\xef\xbb\xbf")
    if not body.startswith(b"WEBVTT"):
        return CaptionsProblem("wrong_type", 1)
    if hidden_content(io.BytesIO(body)) or b"PK\x03\x04" in body or b"\x00" in body:
        return CaptionsProblem("polyglot")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return CaptionsProblem("encoding")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL.search(text) or _markup_problem(text):
        return CaptionsProblem("polyglot")
    return _structure_problem(text)
