"""The recording's file: what it is (by content, R7), how it arrives (streamed to a temporary
file while its checksum is computed, never held in memory), and how parts of it are sent
(HTTP Range, R4).

The upload handler is the only way a recording reaches the portal. It sees the bytes once, in
chunks of :attr:`RecordingUploadHandler.chunk_size`: it writes them to a temporary file on
disk, feeds them to SHA-256, counts them against the size limit and sniffs the type from the
first bytes. Anything wrong stops the upload at once; the temporary file is deleted when the
upload stops, fails or is aborted by the client, so nothing is left behind.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.files.uploadedfile import TemporaryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from portal.uploads import hidden_content

from . import containers
from .conf import max_upload_bytes

SNIFF_BYTES = 64


@dataclass(frozen=True)
class MediaType:
    content_type: str
    extension: str
    label: str


MP4 = MediaType("video/mp4", ".mp4", "MP4")
M4A = MediaType("audio/mp4", ".m4a", "M4A")
WEBM = MediaType("video/webm", ".webm", "WebM")
MP3 = MediaType("audio/mpeg", ".mp3", "MP3")
OGG = MediaType("audio/ogg", ".ogg", "Ogg")
WAV = MediaType("audio/wav", ".wav", "WAV")
ACCEPTED = (MP4, M4A, WEBM, MP3, OGG, WAV)
BY_CONTENT_TYPE = {t.content_type: t for t in ACCEPTED}

_MP3_FRAME = re.compile(rb"\A\xff[\xe2-\xe7\xf2-\xf7\xfa-\xff]")


def sniff(head: bytes) -> MediaType | None:
    """R7: the type from the file's first bytes, never from its name or the browser's word.
    An ISO BMFF file is MP4 only with an MP4 brand (:data:`recordings.containers.MP4_BRANDS`);
    the brands past these bytes are checked with the rest of the file."""
    if len(head) >= 12 and head[4:8] == b"ftyp":
        box = head[8 : min(len(head), int.from_bytes(head[:4], "big"))]
        brands = [box[i : i + 4] for i in range(8, len(box) - 3, 4)]
        if containers.mp4_brand_problem(head[8:12], brands):
            return None
        return M4A if head[8:12] in containers.AUDIO_BRANDS else MP4
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        # EBML; WebM names itself in the DocType element near the start (Matroska is refused:
        # browsers do not promise to play it).
        return WEBM if b"webm" in head[:SNIFF_BYTES] else None
    if head.startswith(b"ID3") or _MP3_FRAME.match(head):
        return MP3
    if head.startswith(b"OggS"):
        return OGG
    if len(head) >= 12 and head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAV
    return None


class UploadRefused(Exception):
    """Why the handler stopped an upload: ``too_large``, ``wrong_type``, ``empty``,
    ``too_many``, ``polyglot``, ``malformed``; ``detail`` says where, for the audit trail."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code)
        self.code = code
        self.detail = detail


class RecordingUploadHandler(FileUploadHandler):
    """R7: stream one file to a temporary file on disk, computing its SHA-256 and sniffing its
    type on the way; stop at once when it is too large or not a recording. The view reads
    :attr:`refused` after parsing; the finished file carries ``sha256`` and ``media_type``."""

    chunk_size = 1024 * 1024

    def __init__(self, request=None, *, limit: int | None = None):
        super().__init__(request)
        self.limit = max_upload_bytes() if limit is None else limit
        self.refused: UploadRefused | None = None
        # Not named ``file``: Django's parser closes ``handler.file`` when an upload stops,
        # and the handler discards its own files.
        self.upload = None
        self.produced: list = []

    def new_file(self, field_name, file_name, content_type, content_length, charset=None, *a):
        super().new_file(field_name, file_name, content_type, content_length, charset, *a)
        if self.produced or self.upload is not None:  # one recording per request
            self._stop("too_many", reset=False)
        self.upload = TemporaryUploadedFile("upload", "application/octet-stream", 0, None)
        self.digest = hashlib.sha256()
        self.size = 0
        self.head = b""
        self.media_type = None

    def _stop(self, code: str, *, reset: bool):
        self.refused = UploadRefused(code)
        self._discard()
        raise StopUpload(connection_reset=reset)

    def receive_data_chunk(self, raw_data, start):
        self.size += len(raw_data)
        if self.size > self.limit:
            # Stop reading: the rest of an oversized body is not worth receiving.
            self._stop("too_large", reset=True)
        if self.media_type is None:
            self.head = (self.head + raw_data)[:SNIFF_BYTES]
            if len(self.head) >= min(SNIFF_BYTES, self.size) and len(self.head) >= 12:
                self.media_type = sniff(self.head)
                if self.media_type is None:
                    self._stop("wrong_type", reset=False)
        self.digest.update(raw_data)
        self.upload.write(raw_data)
        return None

    def file_complete(self, file_size):
        if self.upload is None or self.refused is not None:
            return None
        if self.media_type is None:  # fewer than 12 bytes: not a recording
            self.refused = UploadRefused("empty" if file_size == 0 else "wrong_type")
            self._discard()
            return None
        # D1: a recording that is also a web page (for a browser sniffing its start) or an
        # archive (for a ZIP reader, which reads from the end) is refused.
        if hidden_content(self.upload):
            self.refused = UploadRefused("polyglot")
            self._discard()
            return None
        # Issue 14: the container walked to its end, so nothing rides along after it.
        self.upload.flush()
        try:
            containers.check(self.upload, self.media_type.extension)
        except containers.Malformed as exc:
            self.refused = UploadRefused(exc.code, str(exc))
            self._discard()
            return None
        upload, self.upload = self.upload, None
        upload.seek(0)
        upload.size = file_size
        upload.sha256 = self.digest.hexdigest()
        upload.media_type = self.media_type
        upload.content_type = self.media_type.content_type
        self.produced.append(upload)
        return upload

    def upload_interrupted(self):
        """The client went away mid-upload: nothing stays behind."""
        self._discard()

    def upload_complete(self):
        if self.refused is not None:
            self._discard()

    def _discard(self):
        """Close (and so delete: they are NamedTemporaryFiles) every file of this request."""
        for upload in [self.upload, *self.produced]:
            if upload is not None:
                upload.close()
        self.upload = None
        self.produced = []


# --- HTTP Range (R4) ---------------------------------------------------------------------------

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class RangeNotSatisfiable(Exception):
    pass


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """The one byte range asked for in a ``Range`` header as ``(first, last)`` inclusive, or
    None to send the whole file (no header, a unit other than bytes, several ranges: RFC 9110
    lets a server ignore those). Raises :class:`RangeNotSatisfiable` for a range that lies
    outside the file."""
    header = (header or "").strip()
    if not header or "," in header:
        return None
    match = _RANGE.match(header)
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or (last and end < start):
        raise RangeNotSatisfiable
    return start, min(end, size - 1)


def iter_range(handle, first: int, last: int, chunk_size: int = 256 * 1024):
    """The bytes ``first``..``last`` of an open file, in chunks; closes the file at the end."""
    try:
        handle.seek(first)
        remaining = last - first + 1
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()
