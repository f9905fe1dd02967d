"""R7: an accepted recording is read from its first byte to its last, in its container's own
structure, before it is stored (issue 14, finding 8).

The first bytes name the container (:func:`recordings.media.sniff`); here the rest must agree.
Each container says how long its parts are, so a walk from part to part must land exactly on
the file's last byte. Bytes after the end (a web page, a script, a second file) or a part that
runs past it (a cut-off or forged file) refuse the upload. Only headers are read, through a
window of :data:`WINDOW` bytes: a recording of gigabytes costs a few thousand reads, never its
size in memory.

- **MP4/M4A** (ISO base media file format): ``ftyp`` first, with a brand of
  :data:`MP4_BRANDS` as its major brand and none of :data:`REFUSED_BRANDS` among its compatible
  brands (an HEIC, HEIF or AVIF picture, a QuickTime movie and a 3GP phone clip are ISO BMFF
  files too, with another brand); then top-level boxes to the end, a ``moov`` among them (the
  movie; a picture has none).
- **WebM** (EBML): the EBML header with DocType ``webm``, then one Segment to the end of the
  file, holding only the top-level elements WebM allows (no Matroska attachments). A Segment
  or Cluster of unknown size, as a browser's MediaRecorder writes, is walked element by element.
- **MP3**: an optional ID3v2 tag, then MPEG audio frames, each as long as its header says,
  all of one MPEG version, layer and sample rate, to the end; an ID3v1 and an APEv2 tag may
  close the file.
- **Ogg**: pages to the end (``OggS``, version 0, as long as the segment table says); each
  stream starts with Opus, Vorbis, FLAC or Speex (audio; the file is served as audio/ogg).
  Page checksums are not verified: a wrong one makes a page unplayable, not dangerous.
- **WAV** (RIFF): the RIFF size is the file's size less 8, and the chunks fill it exactly,
  with ``fmt `` before ``data``.
"""

from __future__ import annotations

import os
import struct

WINDOW = 256 * 1024

# Brands of the ftyp box (ISO/IEC 14496-12, -14, -15; the MP4 registration authority's list)
# accepted as the major brand: MP4 files a browser plays as video/mp4 or audio/mp4.
# iso7 and later are left out on purpose: in practice they announce HEIF and AVIF pictures.
MP4_BRANDS = frozenset(
    {
        b"isom",  # ISO base media file, the most common
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",  # DASH and CMAF segments
        b"iso6",
        b"mp41",  # MP4 version 1
        b"mp42",  # MP4 version 2 (most encoders)
        b"avc1",  # H.264 in MP4
        b"dash",  # MPEG-DASH
        b"M4V ",  # Apple's MP4 video
        b"M4A ",  # Apple's MP4 audio (served as audio/mp4)
        b"M4B ",  # audio book, idem
    }
)
AUDIO_BRANDS = frozenset({b"M4A ", b"M4B "})
# Not recordings, wherever they stand in the list: still pictures and picture sequences
# (HEIF/HEIC, AVIF, MIAF, JPEG in ISO BMFF), QuickTime movies and 3GPP/3GPP2 phone clips.
REFUSED_BRANDS = frozenset(
    {
        b"mif1",
        b"mif2",
        b"msf1",
        b"miaf",
        b"heic",
        b"heix",
        b"heim",
        b"heis",
        b"hevc",
        b"hevx",
        b"hevm",
        b"hevs",
        b"avif",
        b"avis",
        b"avio",
        b"MA1A",
        b"MA1B",
        b"jpeg",
        b"jpgs",
        b"qt  ",
    }
)
REFUSED_BRAND_PREFIXES = (b"3gp", b"3g2", b"3ge", b"3gg", b"3gr", b"3gs")


class Malformed(Exception):
    """The container's structure does not hold or does not end where the file ends. The
    message (for the audit trail, never for the user) says where."""

    code = "malformed"


class WrongType(Malformed):
    """Well formed, but not a kind of file the portal accepts as a recording."""

    code = "wrong_type"


class _Reader:
    """Random reads of a file through one window, so that walking small headers does not
    become one system call each."""

    def __init__(self, file):
        self.file = file
        file.seek(0, os.SEEK_END)
        self.size = file.tell()
        self.start = 0
        self.data = b""

    def read(self, pos: int, length: int) -> bytes:
        """Exactly ``length`` bytes at ``pos``, or fewer at the end of the file."""
        end = pos + length
        if not (self.start <= pos and end <= self.start + len(self.data)):
            self.file.seek(pos)
            self.start = pos
            self.data = self.file.read(max(WINDOW, length))
        return self.data[pos - self.start : end - self.start]

    def need(self, pos: int, length: int, what: str) -> bytes:
        data = self.read(pos, length)
        if len(data) < length:
            raise Malformed(f"{what} at {pos} runs past the end of the file")
        return data


def check(file, kind: str) -> None:
    """Raise :class:`Malformed` (or :class:`WrongType`) unless ``file`` is a whole, well
    formed container of ``kind`` (a :class:`recordings.media.MediaType` extension) and
    nothing more. The file's position is back at the start afterwards."""
    try:
        reader = _Reader(file)
        {
            ".mp4": _mp4,
            ".m4a": _mp4,
            ".webm": _webm,
            ".mp3": _mp3,
            ".ogg": _ogg,
            ".wav": _wav,
        }[kind](reader)
    finally:
        file.seek(0)


# --- MP4 -----------------------------------------------------------------------------------------


def mp4_brand_problem(major: bytes, compatible: list[bytes]) -> str | None:
    """Why an ftyp box with these brands is not a recording, or None."""
    if major not in MP4_BRANDS:
        return f"major brand {major!r} is not an MP4 recording's"
    refused = [
        b for b in [major, *compatible] if b in REFUSED_BRANDS or b[:3] in REFUSED_BRAND_PREFIXES
    ]
    if refused:
        return f"brand {refused[0]!r} announces a picture, QuickTime or 3GP file"
    return None


def _mp4(reader: _Reader) -> None:
    pos, top = 0, []
    while pos < reader.size:
        size, kind = struct.unpack(">I4s", reader.need(pos, 8, "box header"))
        header = 8
        if size == 1:
            size = struct.unpack(">Q", reader.need(pos + 8, 8, "box size"))[0]
            header = 16
        elif size == 0:  # the last box runs to the end of the file
            size = reader.size - pos
        if not all(0x20 <= c < 0x7F for c in kind):
            raise Malformed(f"no box at {pos} (type {kind!r})")
        if size < header or pos + size > reader.size:
            raise Malformed(f"box {kind!r} at {pos} runs past the end of the file")
        if not top and kind != b"ftyp":
            raise Malformed("the file does not start with an ftyp box")
        if kind == b"ftyp":
            body = reader.need(pos + header, min(size - header, 4096), "ftyp")
            if len(body) < 8 or len(body) % 4:
                raise Malformed("the ftyp box is not a list of brands")
            brands = [body[i : i + 4] for i in range(8, len(body), 4)]
            problem = mp4_brand_problem(body[:4], brands)
            if problem:
                raise WrongType(problem)
        top.append(kind)
        pos += size
    if b"moov" not in top:
        raise WrongType("no moov box: not a movie")


# --- WebM (EBML) ---------------------------------------------------------------------------------

EBML_HEADER, SEGMENT, CLUSTER, DOCTYPE = 0x1A45DFA3, 0x18538067, 0x1F43B675, 0x4282
VOID, CRC32 = 0xEC, 0xBF
# The Segment's children WebM allows (webmproject.org, container guidelines); no Attachments.
WEBM_LEVEL1 = frozenset(
    {
        0x114D9B74,  # SeekHead
        0x1549A966,  # Info
        0x1654AE6B,  # Tracks
        CLUSTER,
        0x1C53BB6B,  # Cues
        0x1043A770,  # Chapters
        0x1254C367,  # Tags
        VOID,
        CRC32,
    }
)
# A Cluster's children: what ends a Cluster of unknown size is any other element.
CLUSTER_CHILDREN = frozenset({0xE7, 0x5854, 0xA7, 0xAB, 0xA3, 0xA0, 0xAF, VOID, CRC32})


def _vint(reader: _Reader, pos: int, *, keep_marker: bool) -> tuple[int, int, bool]:
    """An EBML variable-length integer at ``pos``: (value, its length, all value bits set)."""
    first = reader.need(pos, 1, "EBML number")[0]
    if first == 0:
        raise Malformed(f"no EBML number at {pos}")
    length = 9 - first.bit_length()
    raw = int.from_bytes(reader.need(pos, length, "EBML number"), "big")
    value = raw if keep_marker else raw & ((1 << (7 * length)) - 1)
    return value, length, (raw & ((1 << (7 * length)) - 1)) == (1 << (7 * length)) - 1


def _element(reader: _Reader, pos: int) -> tuple[int, int, int | None]:
    """(id, offset of the data, size or None when unknown) of the element at ``pos``."""
    ident, id_length, _ = _vint(reader, pos, keep_marker=True)
    if id_length > 4:
        raise Malformed(f"no EBML element at {pos}")
    size, size_length, unknown = _vint(reader, pos + id_length, keep_marker=False)
    return ident, pos + id_length + size_length, None if unknown else size


def _webm(reader: _Reader) -> None:
    ident, data, size = _element(reader, 0)
    if ident != EBML_HEADER or size is None:
        raise Malformed("the file does not start with an EBML header")
    end, pos, doctype = data + size, data, None
    while pos < end:
        child, child_data, child_size = _element(reader, pos)
        if child_size is None or child_data + child_size > end:
            raise Malformed(f"EBML header element at {pos} runs past the header")
        if child == DOCTYPE:
            doctype = reader.need(child_data, child_size, "DocType").rstrip(b"\x00")
        pos = child_data + child_size
    if doctype != b"webm":
        raise WrongType(f"DocType {doctype!r}, not webm")
    ident, data, size = _element(reader, end)
    if ident != SEGMENT:
        raise Malformed(f"no Segment after the EBML header (element {ident:#x})")
    segment_end = reader.size if size is None else data + size
    if segment_end != reader.size:
        raise Malformed(f"the Segment ends at {segment_end}, the file at {reader.size}")
    pos = data
    while pos < segment_end:
        ident, data, size = _element(reader, pos)
        if ident not in WEBM_LEVEL1:
            raise Malformed(f"element {ident:#x} at {pos} has no place in a WebM Segment")
        if size is None:
            if ident != CLUSTER:
                raise Malformed(f"element {ident:#x} at {pos} has an unknown size")
            pos = _cluster_of_unknown_size(reader, data, segment_end)
            continue
        if data + size > segment_end:
            raise Malformed(f"element {ident:#x} at {pos} runs past the end of the Segment")
        pos = data + size


def _cluster_of_unknown_size(reader: _Reader, pos: int, end: int) -> int:
    """Where a Cluster written without its size (live recording) ends: at the first element
    that cannot be its child, or the end of the Segment."""
    while pos < end:
        ident, data, size = _element(reader, pos)
        if ident not in CLUSTER_CHILDREN:
            return pos
        if size is None or data + size > end:
            raise Malformed(f"Cluster element {ident:#x} at {pos} runs past the end")
        pos = data + size
    return pos


# --- MP3 -----------------------------------------------------------------------------------------

_KBPS = {
    (1, 1): (0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (1, 2): (0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (1, 3): (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (2, 1): (0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (2, 2): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
    (2, 3): (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_frame(header: bytes) -> tuple[tuple[int, int, int], int] | None:
    """((version bits, layer, sample rate), frame length) of an MPEG audio frame header, or
    None when these four bytes are not one. Free-format bitrates are not accepted."""
    if len(header) < 4 or header[0] != 0xFF or header[1] & 0xE0 != 0xE0:
        return None
    version, layer_bits = (header[1] >> 3) & 3, (header[1] >> 1) & 3
    bitrate_index, rate_index = header[2] >> 4, (header[2] >> 2) & 3
    if version == 1 or layer_bits == 0 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    layer = 4 - layer_bits
    kbps = _KBPS[(1 if version == 3 else 2, layer)][bitrate_index] * 1000
    rate = _RATES[version][rate_index]
    padding = (header[2] >> 1) & 1
    if layer == 1:
        length = (12 * kbps // rate + padding) * 4
    elif layer == 3 and version != 3:
        length = 72 * kbps // rate + padding
    else:
        length = 144 * kbps // rate + padding
    return (version, layer, rate), length


def _mp3(reader: _Reader) -> None:
    pos, end = 0, reader.size
    head = reader.read(0, 10)
    if head.startswith(b"ID3"):
        if len(head) < 10 or any(b & 0x80 for b in head[6:10]):
            raise Malformed("the ID3v2 tag's size is not a synchsafe number")
        size = head[6] << 21 | head[7] << 14 | head[8] << 7 | head[9]
        pos = 10 + size + (10 if head[5] & 0x10 else 0)  # a footer follows the tag
    if end - pos >= 128 and reader.read(end - 128, 3) == b"TAG":  # ID3v1, the last 128 bytes
        end -= 128
    if end - pos >= 32 and reader.read(end - 32, 8) == b"APETAGEX":  # APEv2 footer
        ape_size, flags = struct.unpack("<II", reader.read(end - 20, 8))
        end -= ape_size + (32 if flags & 0x80000000 else 0)
        if end < pos:
            raise Malformed("the APE tag is larger than the file")
    stream, frames = None, 0
    while pos < end:
        frame = mp3_frame(reader.read(pos, 4))
        if frame is None:
            raise Malformed(f"no MPEG audio frame at {pos}")
        kind, length = frame
        if stream is None:
            stream = kind
        elif kind != stream:
            raise Malformed(f"the frame at {pos} is of another MPEG version, layer or rate")
        if pos + length > end:
            raise Malformed(f"the MPEG audio frame at {pos} runs past the end of the file")
        pos += length
        frames += 1
    if not frames:
        raise Malformed("no MPEG audio frames")


# --- Ogg -----------------------------------------------------------------------------------------

OGG_AUDIO = (b"OpusHead", b"\x01vorbis", b"\x7fFLAC", b"Speex   ")


def _ogg(reader: _Reader) -> None:
    pos = 0
    while pos < reader.size:
        header = reader.need(pos, 27, "Ogg page")
        if header[:4] != b"OggS" or header[4] != 0 or header[5] & ~0x07:
            raise Malformed(f"no Ogg page at {pos}")
        segments = reader.need(pos + 27, header[26], "Ogg segment table")
        body = pos + 27 + len(segments)
        length = sum(segments)
        if body + length > reader.size:
            raise Malformed(f"the Ogg page at {pos} runs past the end of the file")
        if header[5] & 0x02 and not reader.read(body, 8).startswith(OGG_AUDIO):
            raise WrongType(f"the stream starting at {pos} is not Opus, Vorbis, FLAC or Speex")
        if pos == 0 and not header[5] & 0x02:
            raise Malformed("the first Ogg page does not start a stream")
        pos = body + length


# --- WAV -----------------------------------------------------------------------------------------


def _wav(reader: _Reader) -> None:
    riff, size, wave = struct.unpack("<4sI4s", reader.need(0, 12, "RIFF header"))
    if riff != b"RIFF" or wave != b"WAVE":
        raise Malformed("not a RIFF WAVE file")
    end = 8 + size
    if end != reader.size:
        raise Malformed(f"the RIFF size says {end} bytes, the file has {reader.size}")
    pos, chunks = 12, []
    while pos < end:
        ident, length = struct.unpack("<4sI", reader.need(pos, 8, "RIFF chunk"))
        if not all(0x20 <= c < 0x7F for c in ident):
            raise Malformed(f"no RIFF chunk at {pos}")
        following = pos + 8 + length + (length & 1)
        # Some writers leave out the pad byte of an odd last chunk.
        if following > end and not (following == end + 1 and length & 1):
            raise Malformed(f"the RIFF chunk {ident!r} at {pos} runs past the end")
        chunks.append(ident)
        pos = following
    if b"fmt " not in chunks or b"data" not in chunks[chunks.index(b"fmt ") :]:
        raise Malformed("no fmt chunk followed by a data chunk")
