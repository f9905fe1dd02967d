"""Issue 6 (R4) in the production topology: a council member plays a recording through nginx
(X-Accel-Redirect to its internal location, which answers Range itself) while ten slow viewers
stream it and other pages stay fast; another municipality and direct requests get nothing."""

import hashlib
import re
import statistics
import threading
import time

import pytest
import requests

from recordings.models import Recording
from tests.stack.test_stack import sign_in

pytestmark = [pytest.mark.integration, pytest.mark.stack]

SIZE = 16 * 1024 * 1024
VIEWER = "raadslid1@raadoosterbroek.example"


def big_file(stack, recording) -> bytes:
    """A larger file than the demo's, so ten viewers are still streaming while we measure."""
    head = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    data = head + bytes(range(256)) * ((SIZE - len(head)) // 256)
    name = f"recordings/{recording.municipality.uuid}/stack-test.mp4"
    path = stack["private_root"] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    Recording.objects.filter(pk=recording.pk).update(
        file=name,
        file_type="video/mp4",
        file_size=len(data),
        file_sha256=hashlib.sha256(data).hexdigest(),
    )
    return data


def stream_link(session, base, recording) -> str:
    page = session.get(f"{base}/opnames/{recording.uuid}/bekijken/", timeout=10)
    assert page.status_code == 200, page.text[:300]
    return base + re.search(r'src="(/opnames/[^"]+/stream/[^"]+/)"', page.text).group(1)


def slow_viewer(session, url, stop, counts, index):
    """Reads the stream in small pieces with pauses, like a player on a slow line."""
    with session.get(url, stream=True, timeout=30) as response:
        assert response.status_code == 200
        for chunk in response.iter_content(64 * 1024):
            counts[index] += len(chunk)
            if stop.is_set():
                return
            time.sleep(0.02)


def test_stack_recording_plays_through_nginx_with_range_while_pages_stay_fast(stack):
    base = stack["base"]
    recording = Recording.objects.select_related("municipality").get(
        municipality__slug="oosterbroek", file__startswith="recordings/"
    )
    data = big_file(stack, recording)
    viewer = sign_in(base, VIEWER)
    link = stream_link(viewer, base, recording)

    # Range through nginx: 206 with exactly those bytes, headers of the portal and of nginx.
    part = viewer.get(link, headers={"Range": "bytes=1000000-1000999"}, timeout=10)
    assert part.status_code == 206, part.text[:300]
    assert part.content == data[1_000_000:1_001_000]
    assert part.headers["Content-Range"] == f"bytes 1000000-1000999/{len(data)}"
    assert part.headers["Content-Type"] == "video/mp4"
    assert part.headers["Content-Disposition"].startswith("inline")
    assert part.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "X-Accel-Redirect" not in part.headers
    beyond = viewer.get(link, headers={"Range": f"bytes={len(data)}-"}, timeout=10)
    assert beyond.status_code == 416

    # No public URL; another municipality gets a 404 for the page and for this very link.
    assert requests.get(f"{base}/protected/{recording.file.name}", verify=False).status_code == 404
    stranger = sign_in(base, "raadslid1@raadwesterdijk.example")
    assert stranger.get(link, timeout=10).status_code == 404
    assert stranger.get(f"{base}/opnames/{recording.uuid}/bekijken/").status_code == 404

    # Ten slow viewers stream while another page is requested again and again.
    stop, counts = threading.Event(), [0] * 10
    viewers = [
        threading.Thread(target=slow_viewer, args=(viewer, link, stop, counts, i), daemon=True)
        for i in range(10)
    ]
    for thread in viewers:
        thread.start()
    time.sleep(1)
    other = sign_in(base, "griffier@raadoosterbroek.example")
    timings = []
    for _ in range(20):
        started = time.perf_counter()
        page = other.get(f"{base}/opnames/beschikbaar/", timeout=10)
        timings.append((time.perf_counter() - started) * 1000)
        assert page.status_code == 200
    still_streaming = sum(1 for thread in viewers if thread.is_alive())
    stop.set()
    for thread in viewers:
        thread.join(30)
    median = statistics.median(timings)
    print(
        f"STACK recording: range 206 via nginx ok; viewers streaming={still_streaming}/10 "
        f"bytes={sum(counts)} page median={median:.1f} ms max={max(timings):.1f} ms"
    )
    assert still_streaming == 10, "the viewers were still streaming while pages were asked"
    # Two gunicorn workers: if Django streamed the file, the slow viewers would hold both and
    # the page would wait for seconds. nginx sends the bytes, so the page stays fast.
    assert median < 500, timings
