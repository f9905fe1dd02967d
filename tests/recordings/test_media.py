"""R7: the type by content; R4: HTTP Range parsing. Pure functions, no database."""

import contextlib

import pytest
from django.core.files.uploadhandler import StopUpload

from recordings.media import (
    M4A,
    MP3,
    MP4,
    OGG,
    WAV,
    WEBM,
    RangeNotSatisfiable,
    RecordingUploadHandler,
    UploadRefused,
    parse_range,
    sniff,
)
from tests.recordings.media import (
    EBML_HEADER,
    NOT_MP4,
    NOT_RECORDINGS,
    _ebml,
    box,
    mp3,
    mp4,
    mp4_head,
    ogg,
    ogg_page,
    wav,
    webm,
)
from tests.uploads import JAR


def test_r7_sniff_recognises_recordings_by_content():
    assert sniff(mp4()[:64]) is MP4
    assert sniff(webm()[:64]) is WEBM
    assert sniff(wav()[:64]) is WAV
    assert sniff(b"ID3\x04\x00" + b"\x00" * 60) is MP3
    assert sniff(mp3()[:64]) is MP3
    assert sniff(ogg()[:64]) is OGG
    assert sniff(mp4(major=b"M4A ", compatible=(b"M4A ", b"mp42", b"isom"))[:64]) is M4A


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


# --- issue 14, finding 8: each container by its brand and to its end --------------------------

WHOLE = {
    "mp4": mp4(20_000),
    "mp4-mp42": mp4(20_000, major=b"mp42", compatible=(b"mp42", b"isom")),
    "mp4-dash": mp4(20_000, major=b"dash", compatible=(b"iso6", b"dash", b"avc1")),
    "m4a": mp4(20_000, major=b"M4A ", compatible=(b"M4A ", b"mp42", b"isom")),
    "webm": webm(20_000),
    "webm-media-recorder": webm(20_000, unknown_size=True),
    "mp3": mp3(),
    "mp3-without-id3v1": mp3(id3v1=False),
    "ogg-opus": ogg(),
    "wav": wav(1),
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_r7_a_whole_recording_of_each_kind_is_accepted(name):
    data = WHOLE[name]
    handler = RecordingUploadHandler(None, limit=len(data) + 1)
    upload = _feed(handler, data, chunk=4096)
    assert handler.refused is None and upload is not None
    assert upload.read() == data
    upload.close()


@pytest.mark.parametrize("name", sorted(NOT_MP4))
def test_r7_14_8_an_iso_bmff_picture_or_movie_of_another_brand_is_not_a_recording(name):
    """HEIC, HEIF and AVIF pictures, a QuickTime movie and a 3GP clip all start with an ftyp
    box; only MP4's brands are recordings, and a movie has a moov box."""
    data = NOT_MP4[name]
    handler = RecordingUploadHandler(None, limit=len(data) + 1)
    with contextlib.suppress(StopUpload):  # refused by its first bytes already
        assert _feed(handler, data, chunk=4096) is None
    assert handler.refused.code == "wrong_type", handler.refused.detail
    assert handler.upload is None and handler.produced == []


PAGE = b"<html><body><script>alert('hx-14-8')</script></body></html>" * 4


def _refusal(data):
    handler = RecordingUploadHandler(None, limit=len(data) + 1)
    try:
        upload = _feed(handler, data, chunk=4096)
    except StopUpload:
        upload = None
    assert upload is None and handler.upload is None and handler.produced == []
    return handler.refused


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_r7_14_8_anything_after_the_end_of_the_recording_is_refused(name):
    """A web page or any bytes after the container's end (past the bytes a browser sniffs,
    and not a ZIP) are found by walking the container to its end."""
    for tail in (PAGE, b"\x00" * 3, bytes(range(256)) * 40):
        refused = _refusal(WHOLE[name] + tail)
        assert refused.code == "malformed", (name, tail[:8], refused.code, refused.detail)


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_r7_14_8_a_recording_cut_short_is_refused(name):
    refused = _refusal(WHOLE[name][:-7])
    assert refused.code == "malformed", (name, refused.code, refused.detail)


def test_r7_14_8_what_the_containers_themselves_forbid():
    """WebM has no attachments; an Ogg stream of video is not audio/ogg; a WAV's RIFF size is
    its length; an MP4 is a list of boxes, so HTML inside it is not hidden between them."""
    attachment = _ebml(0x1941A469, _ebml(0x61A7, b"evil.exe"))
    segment = webm(4000)[len(EBML_HEADER) :]
    body = segment[9:]  # the Segment's children, after its id and 8-byte size
    cases = {
        "webm-attachment": EBML_HEADER + _ebml(0x18538067, body + attachment),
        "ogg-theora": ogg_page(b"\x80theora" + bytes(40), sequence=0, flags=0x02)
        + ogg()[ogg().index(b"OggS", 4) :],
        "wav-riff-size-too-small": wav(1)[:4]
        + (int.from_bytes(wav(1)[4:8], "little") - 100).to_bytes(4, "little")
        + wav(1)[8:],
        "mp4-html-between-boxes": mp4(5000) + PAGE + box(b"free", bytes(100)),
    }
    for name, data in cases.items():
        refused = _refusal(data)
        assert refused is not None and refused.code in ("malformed", "wrong_type"), name


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
    first = mp4(chunk)
    first = mp4_head(size) + first[len(mp4_head(size)) :]
    piece = mp4(chunk)[-chunk:]
    handler = RecordingUploadHandler(None, limit=size + 1)
    handler.new_file("file", "x", "application/octet-stream", size)
    tracemalloc.start()
    try:
        for start in range(0, size, chunk):
            handler.receive_data_chunk(first if start == 0 else piece, start)
        upload = handler.file_complete(size)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert upload.size == size
    upload.close()
    print(f"R7 upload memory: file={size >> 20} MiB peak={peak / 1024:.0f} KiB")
    assert peak < 2 * chunk
