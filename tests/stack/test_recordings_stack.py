"""Issue 6 (R4, R7) in the production topology: an organiser uploads a large recording through
nginx without it ever sitting in a worker's memory; a council member plays a recording through
nginx (X-Accel-Redirect to its internal location, which answers Range itself) while ten slow
viewers stream it and other pages stay fast; another municipality and direct requests get
nothing."""

import hashlib
import re
import statistics
import threading
import time

import pytest
import requests

from recordings.demo import TITLE as DEMO_TITLE
from recordings.models import Recording
from tests.recordings.media import mp4_head
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


def test_stack_recording_uploads_and_plays_through_nginx(stack, tmp_path):
    """One stack for both (it takes two minutes to start): the upload, then playback."""
    upload_a_large_recording(stack, tmp_path)
    base = stack["base"]
    recording = Recording.objects.select_related("municipality").get(
        municipality__slug="oosterbroek", title=DEMO_TITLE
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


def worker_peak_rss_kib(stack) -> dict[int, int]:
    """Peak resident memory (VmHWM) of each gunicorn worker, by pid."""
    from pathlib import Path

    master = stack["procs"]["web"].proc.pid
    peaks = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master}$", text, re.M):
            peaks[int(status.parent.name)] = int(re.search(r"^VmHWM:\s+(\d+)", text, re.M)[1])
    return peaks


def upload_a_large_recording(stack, tmp_path):
    """R7 through the production path: a 150 MB file (more than nginx's general 100 MB cap)
    is accepted on the upload address, buffered to nginx's disk, streamed to storage by the
    portal; no gunicorn worker's peak memory grows by anything like the file's size."""
    import datetime

    from django.utils import timezone

    from portal.models import User

    organiser = User.objects.get(email="ambtenaar@oosterbroek.example")
    now = timezone.now()
    recording = Recording.objects.create(
        municipality=organiser.identity_domain.municipality,
        organiser_domain=organiser.identity_domain,
        organiser=organiser,
        meeting_kind="committee",
        meeting_date=timezone.localdate(),
        title="Commissie Ruimte (stack)",
        available_from=now,
        available_until=now + datetime.timedelta(days=7),
    )
    size = 150 * 1024 * 1024
    path = tmp_path / "commissie.mp4"
    with path.open("wb") as out:  # ftyp, moov and one mdat box to the end (issue 14)
        out.write(mp4_head(size))
        block = bytes(range(256)) * 4096
        while out.tell() < size:
            out.write(block[: size - out.tell()])
    base = stack["base"]
    session = sign_in(base, organiser.email)
    upload = f"/opnames/{recording.uuid}/bestand/"
    page = session.get(base + upload, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    before = worker_peak_rss_kib(stack)
    started = time.perf_counter()
    with path.open("rb") as handle:
        response = session.post(
            base + upload,
            data={"csrfmiddlewaretoken": token},
            files={"file": ("commissie.mp4", handle, "video/mp4")},
            headers={"Referer": base + upload},
            timeout=300,
        )
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.text[:300]
    assert response.url.endswith(f"/opnames/{recording.uuid}/"), response.url
    recording.refresh_from_db()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert recording.file_size == path.stat().st_size and recording.file_sha256 == digest
    stored = stack["private_root"] / recording.file.name
    assert stored.stat().st_size == path.stat().st_size
    after = worker_peak_rss_kib(stack)
    growth = max(after[pid] - before.get(pid, after[pid]) for pid in after)
    print(
        f"STACK upload: {size >> 20} MiB through nginx in {elapsed:.1f} s; "
        f"largest growth of a worker's peak memory {growth / 1024:.1f} MiB"
    )
    assert growth < 32 * 1024, (before, after)
