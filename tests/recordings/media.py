"""Tiny valid recordings generated in the test: enough for sniffing by content (R7) and, for
the WAV, for a browser to play and seek (R4)."""

import struct

from recordings.demo import tone_wav


def mp4(size: int = 4096) -> bytes:
    """An ISO BMFF ``ftyp`` box (MP4) followed by filler bytes."""
    head = struct.pack(">I", 24) + b"ftypisom" + struct.pack(">I", 512) + b"isomiso2"
    return head + bytes(range(256)) * (max(0, size - len(head)) // 256 + 1)


def webm(size: int = 2048) -> bytes:
    """An EBML header naming DocType webm."""
    head = bytes.fromhex("1a45dfa3 9f 4286 81 01 42f7 81 01 42f2 81 04 42f3 81 08 4282 84")
    head += b"webm" + bytes.fromhex("4287 81 04 4285 81 02")
    return head + b"\x00" * max(0, size - len(head))


def wav(seconds: int = 2) -> bytes:
    return tone_wav(seconds=seconds)


# Not recordings: a PDF, an HTML page, an executable, a Matroska file that is not WebM.
NOT_RECORDINGS = {
    "pdf": b"%PDF-1.7\n" + b"x" * 100,
    "html": b"<!doctype html><script>alert(1)</script>" + b" " * 100,
    "exe": b"MZ" + b"\x90" * 200,
    "matroska": bytes.fromhex("1a45dfa3 9f 4286 81 01") + b"matroska" + b"\x00" * 100,
}
