"""Tiny valid recordings generated in the test: enough for sniffing by content (R7) and for the
walk of each container to its end (issue 14); the WAV a browser plays and seeks (R4). Beside
them the files that look like recordings and are not: ISO BMFF pictures and movies of other
brands, and each container with something after its end."""

import struct

from recordings.demo import tone_wav


def box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", 8 + len(payload)) + kind + payload


def ftyp(major: bytes = b"isom", compatible=(b"isom", b"iso2", b"avc1", b"mp41")) -> bytes:
    return box(b"ftyp", major + struct.pack(">I", 512) + b"".join(compatible))


MOOV = box(b"moov", box(b"mvhd", bytes(100)))


def mp4_head(size: int, *, major=b"isom", compatible=(b"isom", b"iso2", b"avc1", b"mp41")):
    """ftyp, moov and the header of an ``mdat`` box that makes the file ``size`` bytes long."""
    head = ftyp(major, compatible) + MOOV
    return head + struct.pack(">I", size - len(head)) + b"mdat"


def mp4(size: int = 4096, **brands) -> bytes:
    """An MP4 of exactly ``size`` bytes: ftyp, moov and an mdat box of filler bytes."""
    head = mp4_head(size, **brands)
    return head + (bytes(range(256)) * (size // 256 + 1))[: size - len(head)]


def iso_bmff(major: bytes, compatible, *boxes: bytes) -> bytes:
    return ftyp(major, compatible) + b"".join(boxes) + box(b"mdat", bytes(range(256)) * 8)


# ISO BMFF files that are not MP4 recordings: pictures, a QuickTime movie, a 3GP phone clip,
# and an MP4 brand that lists a picture brand as compatible.
NOT_MP4 = {
    "heic": iso_bmff(b"heic", (b"mif1", b"heic"), box(b"meta", bytes(64))),
    "heif-sequence": iso_bmff(b"msf1", (b"iso8", b"msf1", b"hevc"), MOOV),
    "avif": iso_bmff(b"avif", (b"avif", b"mif1", b"miaf", b"MA1B"), box(b"meta", bytes(64))),
    "quicktime": iso_bmff(b"qt  ", (b"qt  ",), MOOV),
    "3gp": iso_bmff(b"3gp4", (b"3gp4", b"isom"), MOOV),
    "isom-heic": iso_bmff(b"isom", (b"isom", b"mif1", b"heic"), MOOV),
    "isom-without-moov": iso_bmff(b"isom", (b"isom",), box(b"meta", bytes(64))),
}


def _ebml(ident: int, payload: bytes, *, unknown_size: bool = False) -> bytes:
    ident_bytes = ident.to_bytes((ident.bit_length() + 7) // 8, "big")
    size = (
        b"\x01\xff\xff\xff\xff\xff\xff\xff"
        if unknown_size
        else ((1 << 56 | len(payload)).to_bytes(8, "big"))
    )
    return ident_bytes + size + payload


EBML_HEADER = bytes.fromhex("1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84")
EBML_HEADER += b"webm" + bytes.fromhex("4287 81 04 4285 81 02")


def _clusters(size: int, *, unknown_size: bool) -> bytes:
    """Clusters of SimpleBlocks holding ``size`` filler bytes or a little more."""
    out, timecode = b"", 0
    while len(out) < size:
        blocks = b"".join(_ebml(0xA3, b"\x81\x00\x00\x80" + bytes(500)) for _ in range(4))
        out += _ebml(0x1F43B675, _ebml(0xE7, bytes([timecode])) + blocks, unknown_size=unknown_size)
        timecode = (timecode + 1) % 256
    return out


def webm(size: int = 2048, *, unknown_size: bool = False) -> bytes:
    """An EBML header naming DocType webm and a Segment with Info, Tracks and Clusters, about
    ``size`` bytes long. ``unknown_size``: Segment and Clusters without their size, as a
    browser's MediaRecorder writes them."""
    info = _ebml(0x1549A966, _ebml(0x2AD7B1, b"\x0f\x42\x40"))
    tracks = _ebml(0x1654AE6B, _ebml(0xAE, _ebml(0xD7, b"\x01") + _ebml(0x86, b"A_OPUS")))
    body = info + tracks + _clusters(max(0, size - 200), unknown_size=unknown_size)
    return EBML_HEADER + _ebml(0x18538067, body, unknown_size=unknown_size)


def mp3(frames: int = 40, *, id3v1: bool = True) -> bytes:
    """An ID3v2 tag, MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each) and an
    ID3v1 tag."""
    tag = b"ID3\x04\x00\x00" + bytes([0, 0, 0, 20]) + b"TIT2" + struct.pack(">I", 10) + bytes(12)
    frame = b"\xff\xfb\x90\x64" + bytes(413)
    tail = b"TAG" + b"Vergadering".ljust(30, b"\x00") + bytes(95) if id3v1 else b""
    return tag + frame * frames + tail


def _ogg_crc(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = (crc << 1) ^ 0x04C11DB7 if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg_page(body: bytes, *, sequence: int, flags: int = 0, granule: int = 0) -> bytes:
    segments = [255] * (len(body) // 255) + [len(body) % 255]
    header = b"OggS\x00" + bytes([flags]) + struct.pack("<qII", granule, 0x4F504953, sequence)
    page = header + b"\x00\x00\x00\x00" + bytes([len(segments)]) + bytes(segments) + body
    return page[:22] + struct.pack("<I", _ogg_crc(page)) + page[26:]


def ogg(pages: int = 6) -> bytes:
    """An Ogg Opus stream: OpusHead, OpusTags, audio pages, the last marked end of stream."""
    head = b"OpusHead\x01\x01\x38\x01\x80\xbb\x00\x00\x00\x00\x00"
    out = ogg_page(head, sequence=0, flags=0x02)
    out += ogg_page(b"OpusTags" + struct.pack("<I", 0) + struct.pack("<I", 0), sequence=1)
    for n in range(pages):
        last = n == pages - 1
        out += ogg_page(bytes(600), sequence=2 + n, flags=0x04 if last else 0, granule=960 * n)
    return out


def wav(seconds: int = 2) -> bytes:
    return tone_wav(seconds=seconds)


# Not recordings: a PDF, an HTML page, an executable, a Matroska file that is not WebM.
NOT_RECORDINGS = {
    "pdf": b"%PDF-1.7\n" + b"x" * 100,
    "html": b"<!doctype html><script>alert(1)</script>" + b" " * 100,
    "exe": b"MZ" + b"\x90" * 200,
    "matroska": bytes.fromhex("1a45dfa3 9f 4286 81 01") + b"matroska" + b"\x00" * 100,
}
