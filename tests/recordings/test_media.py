"""R7: the type by content; R4: HTTP Range parsing. Pure functions, no database."""

import pytest

from recordings.media import (
    MP3,
    MP4,
    WAV,
    WEBM,
    RangeNotSatisfiable,
    RecordingUploadHandler,
    UploadRefused,
    parse_range,
    sniff,
)
from tests.recordings.media import NOT_RECORDINGS, mp4, wav, webm
from tests.uploads import JAR


def test_r7_sniff_recognises_recordings_by_content():
    assert sniff(mp4()[:64]) is MP4
    assert sniff(webm()[:64]) is WEBM
    assert sniff(wav()[:64]) is WAV
    assert sniff(b"ID3\x04\x00" + b"\x00" * 60) is MP3


@pytest.mark.parametrize("name", sorted(NOT_RECORDINGS))
def test_r7_sniff_refuses_what_is_not_a_recording(name):
    assert sniff(NOT_RECORDINGS[name][:64]) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=990-5000", (990, 999)),
        ("", None),
        ("bytes=0-1,5-6", None),  # several ranges: the whole file (RFC 9110 allows it)
        ("items=0-1", None),
    ],
)
def test_r4_parse_range(header, expected):
    assert parse_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=2000-3000", "bytes=5-4", "bytes=-0"])
def test_r4_unsatisfiable_range(header):
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, 1000)


def _feed(handler, data, chunk=7):
    handler.new_file("file", "x", "application/octet-stream", len(data))
    for start in range(0, len(data), chunk):
        handler.receive_data_chunk(data[start : start + chunk], start)
    return handler.file_complete(len(data))


def test_r7_handler_streams_to_a_temporary_file_with_checksum():
    import hashlib
    import os

    data = mp4(10_000)
    handler = RecordingUploadHandler(None, limit=20_000)
    upload = _feed(handler, data)
    path = upload.temporary_file_path()
    assert os.path.exists(path)
    assert upload.sha256 == hashlib.sha256(data).hexdigest()
    assert upload.size == len(data) and upload.media_type is MP4
    assert upload.read() == data
    upload.close()
    assert not os.path.exists(path)


def test_r7_handler_stops_too_large_and_wrong_type_leaving_nothing():
    from django.core.files.uploadhandler import StopUpload

    handler = RecordingUploadHandler(None, limit=100)
    with pytest.raises(StopUpload):
        _feed(handler, mp4(1000), chunk=64)
    assert handler.refused.code == "too_large" and handler.upload is None

    handler = RecordingUploadHandler(None, limit=10_000)
    with pytest.raises(StopUpload):
        _feed(handler, NOT_RECORDINGS["pdf"])
    assert isinstance(handler.refused, UploadRefused) and handler.refused.code == "wrong_type"
    assert handler.upload is None and handler.produced == []


@pytest.mark.parametrize(
    "data",
    [
        mp4(4096) + JAR,  # a recording that is also a JAR
        mp4(4096)[:24] + b"<html><script>alert(1)</script></html>" + mp4(4096)[24:],
        wav(1) + JAR,
    ],
    ids=["mp4-plus-jar", "html-after-ftyp", "wav-plus-jar"],
)
def test_r7_d1_handler_refuses_a_recording_that_is_something_else_too(data):
    handler = RecordingUploadHandler(None, limit=len(data) + 1)
    assert _feed(handler, data, chunk=1024) is None
    assert handler.refused.code == "polyglot"
    assert handler.upload is None and handler.produced == []


def test_r7_aborted_upload_leaves_no_temporary_file():
    import os

    handler = RecordingUploadHandler(None, limit=10_000)
    handler.new_file("file", "x", "application/octet-stream", 5000)
    handler.receive_data_chunk(mp4(2000), 0)
    path = handler.upload.temporary_file_path()
    assert os.path.exists(path)
    handler.upload_interrupted()
    assert not os.path.exists(path)


def test_r7_handler_holds_no_more_than_a_chunk_in_memory():
    """50 MiB through the handler in 1 MiB chunks: the memory it allocates stays around one
    chunk, whatever the size of the file (it goes to disk as it arrives)."""
    import tracemalloc

    size, chunk = 50 * 1024 * 1024, RecordingUploadHandler.chunk_size
    piece = mp4(chunk)[:chunk]
    handler = RecordingUploadHandler(None, limit=size + 1)
    handler.new_file("file", "x", "application/octet-stream", size)
    tracemalloc.start()
    try:
        for start in range(0, size, chunk):
            handler.receive_data_chunk(piece, start)
        upload = handler.file_complete(size)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert upload.size == size
    upload.close()
    print(f"R7 upload memory: file={size >> 20} MiB peak={peak / 1024:.0f} KiB")
    assert peak < 2 * chunk
