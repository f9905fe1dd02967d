"""B5 (QUALITY.md): recording playback with 10 slow viewers, against the floor — nginx serving the
same file as a plain static file.

    .venv/bin/python benchmarks/recordings_playback.py [--mb 64] [--seconds 8] [--rounds 5]

Starts the production topology on loopback the way the stack test does (deploy/nginx.conf with
this machine's paths, gunicorn with the production settings and X-Accel-Redirect, PostgreSQL
database ``portal_bench_b5``, the demo data), then measures:

- throughput: 10 viewers fetch the whole recording at once, through the portal (permission
  check, signed link, X-Accel-Redirect) and from nginx's static location (the floor); rounds
  alternate between the two and the medians are compared;
- a page request meanwhile: while 10 slow viewers (64 KiB every 20 ms each) stream the recording
  through the portal, the median time of another signed-in page (/opnames/beschikbaar/);
- Range: a request for 1,000 bytes in the middle gets 206 with exactly those bytes.

Prints one ``B5 …`` line per figure; asserts nothing (machines are shared and noisy). Needs
nginx, openssl and PostgreSQL on 127.0.0.1:5432.
"""

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "portal_bench_b5"
VIEWER = "raadslid1@raadoosterbroek.example"
LOGIN_PAGE = "/accounts/login/"


def free_port():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(argv, env, **kw):
    return subprocess.run(argv, cwd=ROOT, env=env, check=True, capture_output=True, **kw)  # noqa: S603


def create_database():
    import psycopg2
    from psycopg2 import sql

    conn = psycopg2.connect(host="127.0.0.1", user="postgres", dbname="postgres")
    conn.autocommit = True
    name = sql.Identifier(DB_NAME)
    with conn.cursor() as cur:
        cur.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        cur.execute(sql.SQL("CREATE DATABASE {}").format(name))
    conn.close()


def loopback_session():
    """Our own self-signed certificate, on loopback only."""
    import requests

    session = requests.Session()
    session.verify, session.trust_env = False, False
    return session


def wait(url, seconds=60):
    import requests

    session = loopback_session()
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if session.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def sign_in(base, email):
    from portal.demo import DEMO_PASSWORD

    session = loopback_session()
    page = session.get(base + LOGIN_PAGE, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    session.post(
        base + LOGIN_PAGE,
        data={"csrfmiddlewaretoken": token, "login": email, "password": DEMO_PASSWORD},
        headers={"Referer": base + LOGIN_PAGE},
        timeout=10,
    )
    return session


def fetch_all(session, url, n):
    """n viewers fetch the whole file at once; MB/s over all of them."""

    def one(_):
        total = 0
        with session.get(url, stream=True, timeout=120) as response:
            if response.status_code != 200:
                raise SystemExit(f"B5: the stream answered {response.status_code}")
            for chunk in response.iter_content(256 * 1024):
                total += len(chunk)
        return total

    started = time.perf_counter()
    with ThreadPoolExecutor(n) as pool:
        sizes = list(pool.map(one, range(n)))
    elapsed = time.perf_counter() - started
    return sum(sizes) / elapsed / 1e6, sizes


def page_times_while_slow_viewers(session, url, page_url, seconds):
    stop = threading.Event()
    received = [0] * 10

    def slow(i):
        with session.get(url, stream=True, timeout=120) as response:
            for chunk in response.iter_content(64 * 1024):
                received[i] += len(chunk)
                if stop.is_set():
                    return
                time.sleep(0.02)

    threads = [threading.Thread(target=slow, args=(i,), daemon=True) for i in range(10)]
    for t in threads:
        t.start()
    time.sleep(1)
    timings = []
    deadline = time.time() + seconds
    while time.time() < deadline:
        started = time.perf_counter()
        if session.get(page_url, timeout=10).status_code != 200:
            raise SystemExit("B5: the page did not answer 200")
        timings.append((time.perf_counter() - started) * 1000)
        time.sleep(0.05)
    alive = sum(t.is_alive() for t in threads)
    stop.set()
    for t in threads:
        t.join(30)
    return timings, alive, sum(received)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=64, help="size of the recording in MB")
    parser.add_argument("--seconds", type=int, default=8, help="how long pages are measured")
    parser.add_argument("--rounds", type=int, default=5, help="throughput rounds (median)")
    args = parser.parse_args()
    missing = [b for b in ("nginx", "openssl") if not shutil.which(b)]
    if missing:
        raise SystemExit(f"B5 needs {missing} (apt-get install nginx openssl)")
    import urllib3

    urllib3.disable_warnings()
    tmp = Path(tempfile.mkdtemp(prefix="b5-"))
    from tests.stack.conftest import self_signed_certificate

    self_signed_certificate(tmp / "tls")
    static_root, private_root = tmp / "static", tmp / "private"
    private_root.mkdir()
    web_port, http_port, https_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "b5-benchmark-secret-" + "x" * 50,
        "PORTAL_AUDIT_HMAC_KEY": "b5-benchmark-audit-key",
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "PORTAL_SITE_URL": f"https://localhost:{https_port}",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
        "PORTAL_BACKGROUND": "embedded",
        "PORTAL_PRIVATE_MEDIA_ROOT": str(private_root),
        "DJANGO_STATIC_ROOT": str(static_root),
        "PORTAL_X_ACCEL_REDIRECT": "true",
        "PORTAL_REQUIRE_MFA": "false",
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "WEB_CONCURRENCY": "2",
    }
    os.environ.update({k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    create_database()
    run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    # Demo data as the stack test seeds it: seed_demo refuses under the production settings
    # (its passwords are public), so it runs under the base settings with the demo flag.
    run(
        [sys.executable, "manage.py", "seed_demo"],
        {**env, "DJANGO_SETTINGS_MODULE": "portal.settings.base", "PORTAL_DEMO": "true"},
    )

    import django

    django.setup()
    from recordings.demo import TITLE as DEMO_TITLE
    from recordings.models import Recording
    from tests.stack.conftest import nginx_conf

    recording = Recording.objects.select_related("municipality").get(
        municipality__slug="oosterbroek", title=DEMO_TITLE
    )
    head = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2"
    data = head + os.urandom(args.mb * 1024 * 1024 - len(head))
    name = f"recordings/{recording.municipality.uuid}/b5.mp4"
    (private_root / name).parent.mkdir(parents=True, exist_ok=True)
    (private_root / name).write_bytes(data)
    Recording.objects.filter(pk=recording.pk).update(
        file=name, file_type="video/mp4", file_size=len(data)
    )
    recording.file_sha256 = hashlib.sha256(data).hexdigest()
    # The floor: the same file as a plain static file of nginx.
    (static_root / "b5.mp4").write_bytes(data)

    conf = nginx_conf(
        tmp,
        http_port=http_port,
        https_port=https_port,
        web_ports=[web_port],
        static_root=static_root,
        private_root=private_root,
    )
    procs = []
    try:
        procs.append(
            subprocess.Popen(  # noqa: S603
                [
                    *(sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py"),
                    *("--worker-tmp-dir", str(tmp), "portal.wsgi:application"),
                ],
                cwd=ROOT,
                env=env,
                stdout=open(tmp / "web.log", "wb"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
            )
        )
        procs.append(
            subprocess.Popen(  # noqa: S603
                [shutil.which("nginx"), "-c", str(conf), "-e", str(tmp / "nginx-error.log")],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.STDOUT,
            )
        )
        base = f"https://localhost:{https_port}"
        wait(f"{base}/healthz")
        viewer = sign_in(base, VIEWER)
        page = viewer.get(f"{base}/opnames/{recording.uuid}/bekijken/", timeout=10)
        link = base + re.search(r'src="(/opnames/[^"]+/stream/[^"]+/)"', page.text).group(1)
        floor_url = f"{base}/static/b5.mp4"

        fetch_all(viewer, floor_url, 2)  # warm the page cache
        ours_runs, floor_runs = [], []
        for round_ in range(args.rounds):  # alternated, so a burst of load hits both
            order = [(link, ours_runs), (floor_url, floor_runs)]
            for url, runs in order if round_ % 2 == 0 else reversed(order):
                rate, sizes = fetch_all(viewer, url, 10)
                if any(s != len(data) for s in sizes):
                    raise SystemExit(f"B5: incomplete downloads {sizes}")
                runs.append(rate)
        ours, floor = statistics.median(ours_runs), statistics.median(floor_runs)
        print(
            f"B5 throughput-10-viewers: ours={ours:.0f} MB/s floor={floor:.0f} MB/s "
            f"ratio={ours / floor:.2f} (target >= 0.9) file={args.mb} MB rounds={args.rounds} "
            f"ours-runs={[round(r) for r in ours_runs]} floor-runs={[round(r) for r in floor_runs]}"
        )

        timings, alive, received = page_times_while_slow_viewers(
            viewer, link, f"{base}/opnames/beschikbaar/", args.seconds
        )
        quiet = []
        for _ in range(20):
            started = time.perf_counter()
            viewer.get(f"{base}/opnames/beschikbaar/", timeout=10)
            quiet.append((time.perf_counter() - started) * 1000)
        print(
            f"B5 page-during-10-slow-viewers: median={statistics.median(timings):.1f} ms "
            f"p95={sorted(timings)[int(len(timings) * 0.95) - 1]:.1f} ms n={len(timings)} "
            f"quiet-median={statistics.median(quiet):.1f} ms viewers-streaming={alive}/10 "
            f"received={received / 1e6:.1f} MB (target <= 20 ms)"
        )

        part = viewer.get(link, headers={"Range": "bytes=1000000-1000999"}, timeout=10)
        ok = part.status_code == 206 and part.content == data[1_000_000:1_001_000]
        print(
            f"B5 range: status={part.status_code} bytes={len(part.content)} "
            f"content-range={part.headers.get('Content-Range')} correct={ok}"
        )
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
