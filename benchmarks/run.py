# Stays whole: a script read top to bottom as QUALITY.md B1–B9, one section per figure.
"""The benchmark (QUALITY.md B1–B9): one run, one line per figure, a Markdown table.

    bin/benchmark                      seed the scale data set if needed, then measure
    .venv/bin/python benchmarks/run.py [--only B1,B7] [--requests 40] [--out FILE]

Runs against the database in DATABASE_URL (PostgreSQL; bin/benchmark uses portal_bench), which
must hold the data set of ``manage.py seed_scale``. Every figure is reported next to its goal
and, where QUALITY.md names one, a floor measured in the same run: machines are shared and
noisy, so a ratio says more than a time. Asserts nothing; a figure that misses its goal is
printed as such ("MISS") and the exit code stays 0 — the closing note reports it.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    # The test client's host, and e-mail kept in memory: the benchmark sends nothing.
    setup_test_environment()


@dataclass
class Figure:
    key: str
    name: str
    value: str
    goal: str
    met: bool | None  # None: no goal to meet, or not measurable here

    def line(self) -> str:
        verdict = {True: "ok", False: "MISS", None: "-"}[self.met]
        return f"{self.key} {self.name}: {self.value} (goal: {self.goal}) [{verdict}]"


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# --- people of the first scale municipality ----------------------------------------------------


def scale_user(role: str):
    """The first person with ``role`` in the first scale municipality (seed_scale)."""
    from portal.models import User
    from portal.roles import ROLE_GROUP_NAMES

    return (
        User.objects.select_related("identity_domain")
        .filter(
            identity_domain__municipality__slug="schaal01",
            groups__name=ROLE_GROUP_NAMES[role],
        )
        .order_by("email")
        .first()
    )


def signed_in_client(user):
    from django.test import Client

    from portal.middleware import MFA_VERIFIED_KEY

    client = Client()
    client.force_login(user)
    session = client.session
    session[MFA_VERIFIED_KEY] = True
    session.save()
    return client


# --- B1: server time and queries of the main pages --------------------------------------------


def _first(queryset):
    obj = queryset.first()
    if obj is None:
        raise LookupError("no rows in the scale data set")
    return obj


def main_pages():
    """(label, role, url name, kwargs factory). A page whose app has not built it yet, or whose
    objects the data set lacks, is reported as skipped with the reason."""

    def shared_item(user):
        from confidentiality.selectors import shared_items

        return {"uuid": _first(shared_items(user)).uuid}

    def register_item(user):
        from confidentiality.selectors import register_items

        return {"uuid": _first(register_items(user)).uuid}

    def visible_recording(user):
        from recordings.access import recordings_visible_to

        return {"uuid": _first(recordings_visible_to(user)).uuid}

    return [
        ("home", "civil_servant", "portal:home", None),
        ("council dashboard", "council_member", "council:home", None),
        ("bodies", "clerk", "portal:body_list", None),
        ("audit trail", "privacy_officer", "portal:audit_list", None),
        ("register list", "clerk", "confidentiality:register_list", None),
        ("item detail (register)", "clerk", "confidentiality:register_detail", register_item),
        ("shared items (council)", "council_member", "confidentiality:shared_list", None),
        ("item detail (council)", "council_member", "confidentiality:shared_detail", shared_item),
        ("motion list", "council_member", "privacy_policy:motion_list", None),
        ("case list", "privacy_officer", "leaks:case_list", None),
        ("recordings available", "council_member", "recordings:available", None),
        ("recording page", "council_member", "recordings:play", visible_recording),
    ]


def b1_pages(requests: int) -> list[Figure]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    figures = []
    clients = {}
    for label, role, url_name, kwargs_for in main_pages():
        user = scale_user(role)
        try:
            kwargs = kwargs_for(user) if kwargs_for else {}
            url = reverse(url_name, kwargs=kwargs)
        except (NoReverseMatch, LookupError, ImportError) as exc:
            figures.append(Figure("B1", f"{label} ({role})", f"skipped: {exc}", "-", None))
            continue
        client = clients.setdefault(role, signed_in_client(user))
        warm = client.get(url)
        if warm.status_code != 200:
            figures.append(
                Figure("B1", f"{label} ({role})", f"HTTP {warm.status_code} at {url}", "200", False)
            )
            continue
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        figures.append(
            Figure(
                "B1",
                f"{label} ({role})",
                f"p50={p50:.1f}ms p95={p95:.1f}ms queries={count}",
                "p95 <= 50 ms, queries <= 12",
                p95 <= 50 and count <= 12,
            )
        )
    return figures


# --- B2: throughput of the council dashboard under gunicorn, against a bare view -------------


def _session_cookie(user) -> str:
    """A signed-in session (MFA done) for ``user``, as the cookie wrk sends."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from portal.middleware import MFA_VERIFIED_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[MFA_VERIFIED_KEY] = True
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wrk(url: str, cookie: str, seconds: int) -> tuple[float, int]:
    import shutil

    out = subprocess.run(  # noqa: S603 - wrk with arguments made here
        [shutil.which("wrk"), "-t2", "-c8", f"-d{seconds}s", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(next(line for line in out.splitlines() if "Requests/sec" in line).split()[-1])
    bad = next((line for line in out.splitlines() if "Non-2xx" in line), "")
    return rate, int(bad.split()[-1]) if bad else 0


def b2_throughput(seconds: int) -> list[Figure]:
    import shutil
    import urllib.request

    if not shutil.which("wrk"):
        return [Figure("B2", "dashboard-throughput", "skipped: wrk missing", ">= 0.8", None)]
    from django.conf import settings

    cookie = _session_cookie(scale_user("council_member"))
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings"}
    env["DATABASE_URL"] = os.environ.get("DATABASE_URL", "")
    server = subprocess.Popen(  # noqa: S603 - gunicorn from our venv, arguments made here
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "portal.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)  # noqa: S310 # nosec B310
                break
            except OSError:
                time.sleep(0.2)
        request = urllib.request.Request(  # noqa: S310 # nosec B310
            f"{base}/raad/", headers={"Cookie": cookie}
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 # nosec B310
            if response.status != 200 or "/accounts/login" in response.url:
                raise RuntimeError(f"dashboard answered {response.status} at {response.url}")
        floor, floor_bad = _wrk(f"{base}/_benchmark/floor/", cookie, seconds)
        ours, ours_bad = _wrk(f"{base}/raad/", cookie, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    ratio = ours / floor
    return [
        Figure(
            "B2",
            "dashboard-throughput",
            f"ours={ours:.0f} req/s floor={floor:.0f} req/s ratio={ratio:.2f} "
            f"non_2xx={ours_bad + floor_bad} (gunicorn 2 workers, wrk -c8, {seconds} s, "
            f"{settings.SESSION_ENGINE.rsplit('.', 1)[-1]} sessions)",
            ">= 0.8 x floor",
            ratio >= 0.8 and ours_bad + floor_bad == 0,
        )
    ]


# --- B3: the council member's scoped list against a hand-written join -------------------------

B3_FLOOR_SQL = """
SELECT i.id, i.uuid, i.subject, i.reference, i.decision_date, i.review_date, ib.name, lb.name
FROM confidentiality_secrecyitem i
LEFT JOIN portal_body ib ON ib.id = i.imposing_body_id
JOIN portal_body lb ON lb.id = i.lifting_body_id
WHERE i.municipality_id = %(municipality)s AND i.status = 'active'
  AND (i.expires_on IS NULL OR i.expires_on >= CURRENT_DATE)
  AND EXISTS (
    SELECT 1 FROM confidentiality_share s
    JOIN portal_membership m ON m.body_id = s.body_id
    WHERE s.item_id = i.id AND m.user_id = %(user)s AND m.start <= CURRENT_DATE
      AND (m."end" IS NULL OR m."end" >= CURRENT_DATE))
  AND NOT EXISTS (
    SELECT 1 FROM confidentiality_exclusion e
    WHERE e.member_id = %(user)s AND e.start <= CURRENT_DATE AND e."end" >= CURRENT_DATE)
ORDER BY i.created_at DESC
LIMIT 50
"""


def b3_scoped_list(requests: int) -> list[Figure]:
    from django.db import connection

    try:
        from confidentiality.selectors import shared_list
    except ImportError as exc:
        return [Figure("B3", "scoped-list", f"skipped: {exc}", "ratio <= 1.5", None)]
    user = scale_user("council_member")

    def ours():  # the list page's own selector
        return len(list(shared_list(user)[:50]))

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(B3_FLOOR_SQL, {"user": user.pk, "municipality": user.municipality_id})
            return len(cursor.fetchall())

    rows = ours()
    if rows == 0:
        return [Figure("B3", "scoped-list", "skipped: no shared items", "ratio <= 1.5", None)]
    timings = {}
    for name, fn in (("ours", ours), ("floor", floor)):
        fn()
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            fn()
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = statistics.median(samples)
    ratio = timings["ours"] / timings["floor"]
    return [
        Figure(
            "B3",
            "scoped-list",
            f"rows={rows} ours={timings['ours']:.2f}ms floor={timings['floor']:.2f}ms "
            f"ratio={ratio:.2f}",
            "ratio <= 1.5",
            ratio <= 1.5,
        )
    ]


# --- B4: the PDF renderer (benchmarks/report_render.py) ---------------------------------------


def b4_pdf() -> list[Figure]:
    out = subprocess.run(  # noqa: S603 - our own script, arguments fixed here
        [sys.executable, str(ROOT / "benchmarks" / "report_render.py"), "--repeat", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    summary = [line for line in out.stdout.splitlines() if "audit-extract-pdf" in line]
    if out.returncode or not summary:
        return [Figure("B4", "pdf", f"failed: {out.stderr[-300:]}", "ratio <= 1.1", False)]
    fields = dict(part.split("=", 1) for part in summary[0].split() if "=" in part)
    ratio = float(fields["ratio"])
    seconds = float(fields["ours"].rstrip("s"))
    peak = float(fields["peak_rss_mb"])
    return [
        Figure(
            "B4",
            "audit-extract-pdf (1,000 rows)",
            f"ours={seconds:.2f}s floor={fields['floor']} ratio={ratio:.2f} "
            f"ratio_ua={fields['ratio_ua']} peak={peak:.0f}MB",
            "ratio <= 1.1, <= 10 s, <= 400 MB",
            ratio <= 1.1 and seconds <= 10 and peak <= 400,
        )
    ]


# --- B5: recording playback through nginx (benchmarks/recordings_playback.py) ---------------


def b5_playback() -> list[Figure]:
    out = subprocess.run(  # noqa: S603 - our own script, arguments fixed here
        [sys.executable, str(ROOT / "benchmarks" / "recordings_playback.py"), "--rounds", "3"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = {line.split(":")[0]: line for line in out.stdout.splitlines() if line.startswith("B5")}
    if out.returncode or len(lines) < 3:
        return [Figure("B5", "playback", f"failed: {out.stderr[-300:]}", "-", False)]

    def field(line, name):
        return re.search(rf"{name}=([\d.]+)", line).group(1)

    throughput = lines["B5 throughput-10-viewers"]
    page = lines["B5 page-during-10-slow-viewers"]
    ranged = lines["B5 range"]
    ratio, median = float(field(throughput, "ratio")), float(field(page, "median"))
    return [
        Figure(
            "B5",
            "playback-throughput (10 viewers, nginx X-Accel-Redirect)",
            f"ours={field(throughput, 'ours')} MB/s floor={field(throughput, 'floor')} MB/s "
            f"ratio={ratio:.2f}",
            ">= 0.9 x nginx static",
            ratio >= 0.9,
        ),
        Figure(
            "B5",
            "page during 10 slow viewers",
            f"median={median:.1f} ms quiet-median={field(page, 'quiet-median')} ms",
            "<= 20 ms",
            median <= 20,
        ),
        Figure(
            "B5",
            "range request",
            ranged.split(": ", 1)[1],
            "206 with the right bytes",
            "status=206" in ranged and "correct=True" in ranged,
        ),
    ]


# --- B6: sharing with a 45-member raad writes notifications in bulk ---------------------------


def b6_share_fanout() -> list[Figure]:
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    try:
        from confidentiality import services
        from confidentiality.models import SecrecyItem
    except ImportError as exc:
        return [Figure("B6", "share-fanout", f"skipped: {exc}", "-", None)]
    from portal.models import Body

    clerk = scale_user("clerk")
    counts = {}
    for body_name in ("Commissie Bestuur", "Gemeenteraad"):
        body = Body.objects.get(municipality=clerk.municipality, name=body_name)
        members = body.memberships.current().count()
        item = (
            SecrecyItem.objects.filter(municipality=clerk.municipality, status="active")
            .exclude(shares__body=body)
            .first()
        )
        if item is None:
            return [Figure("B6", "share-fanout", "skipped: no item to share", "-", None)]
        for _run in ("warm-up", "measured"):  # the first run fills the caches (permissions)
            with transaction.atomic():
                with CaptureQueriesContext(connection) as queries:
                    services.item_share_with_body(actor=clerk, item=item, body=body)
                transaction.set_rollback(True)  # leave the data set as it was
        counts[members] = len([q for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]])
    (few, few_q), (many, many_q) = sorted(counts.items())
    return [
        Figure(
            "B6",
            "share-fanout",
            f"members={few}: queries={few_q}; members={many}: queries={many_q}",
            "query count independent of members",
            few_q == many_q,
        )
    ]


# --- B7: audit overhead, and verifying the whole chain ----------------------------------------


def b7_audit(requests: int) -> list[Figure]:
    from django.db import transaction

    from portal.audit import audit_record
    from portal.audit_verify import audit_verify
    from portal.models import AuditEvent

    user = scale_user("clerk")

    def with_audit():
        with transaction.atomic():
            user.refresh_from_db(fields=["last_login"])
            audit_record(action="benchmark.b7", actor=user, details={"n": 1})
            transaction.set_rollback(True)

    def without_audit():
        with transaction.atomic():
            user.refresh_from_db(fields=["last_login"])
            transaction.set_rollback(True)

    # Interleaved, so that a slower stretch of a shared machine costs both sides alike.
    samples = {"with": [], "without": []}
    with_audit(), without_audit()
    for _ in range(requests * 5):
        for name, fn in (("with", with_audit), ("without", without_audit)):
            started = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - started) * 1000)
    medians = {name: statistics.median(values) for name, values in samples.items()}
    overhead = medians["with"] - medians["without"]
    figures = [
        Figure(
            "B7",
            "audit-overhead",
            f"with={medians['with']:.2f}ms without={medians['without']:.2f}ms "
            f"overhead={overhead:.2f}ms",
            "<= +0.5 ms median",
            overhead <= 0.5,
        )
    ]
    events = AuditEvent.objects.count()
    started = time.perf_counter()
    workers = os.cpu_count() or 1
    result = audit_verify(workers=workers)
    seconds = time.perf_counter() - started
    figures.append(
        Figure(
            "B7",
            "audit-verify",
            f"events={events:,} intact={result.ok} seconds={seconds:.1f} workers={workers}",
            "<= 60 s for 1M events, chain intact",
            result.ok and seconds <= 60 * max(1, events / 1_000_000),
        )
    )
    return figures


# --- B8: audit concurrency (benchmarks/audit_concurrency.py) --------------------------------


def b8_audit_concurrency(seconds: float) -> list[Figure]:
    from benchmarks import audit_concurrency

    return audit_concurrency.measure(seconds, Figure)


# --- B9: the growth curve (benchmarks/growth.py) -----------------------------------------------


def b9_growth(args) -> list[Figure]:
    from benchmarks import growth

    path = Path(args.out).parent / "growth.json"
    # B1 and B2 of this run when they were measured already, else measured here.
    measured = args.measured

    def b1(requests):
        return measured.get("B1") or b1_pages(requests)

    def b2(seconds):
        return measured.get("B2") or b2_throughput(seconds)

    return growth.measure(args.scale, args.requests, args.seconds, path, b1, b2, Figure)


MEASURES = {
    "B1": lambda a: b1_pages(a.requests),
    "B2": lambda a: b2_throughput(a.seconds),
    "B3": lambda a: b3_scoped_list(a.requests),
    "B4": lambda a: b4_pdf(),
    "B5": lambda a: b5_playback(),
    "B6": lambda a: b6_share_fanout(),
    "B7": lambda a: b7_audit(a.requests),
    "B8": lambda a: b8_audit_concurrency(a.b8_seconds),
    "B9": b9_growth,
}


def markdown(figures: list[Figure], machine: str) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine}. Generated by `bin/benchmark` ({time.strftime('%Y-%m-%d %H:%M %Z')}).",
        "",
        "| # | What | Measured | Goal | Verdict |",
        "|---|---|---|---|---|",
    ]
    for f in figures:
        verdict = {True: "ok", False: "**miss**", None: "–"}[f.met]
        lines.append(f"| {f.key} | {f.name} | {f.value} | {f.goal} | {verdict} |")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default=",".join(MEASURES), help="e.g. B1,B7")
    parser.add_argument("--requests", type=int, default=40, help="samples per figure")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration (B2)")
    parser.add_argument("--scale", type=int, default=1, help="B9: the data set's size (1, 3, 10)")
    parser.add_argument("--b8-seconds", type=float, default=3, help="per run of B8")
    parser.add_argument("--out", default=str(ROOT / "benchmark-results" / "benchmark.md"))
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("The benchmark runs on PostgreSQL: set DATABASE_URL (bin/benchmark does).")
    figures: list[Figure] = []
    load_before = os.getloadavg()
    args.measured = {}
    for key in [k.strip() for k in args.only.split(",") if k.strip()]:
        args.measured[key] = MEASURES[key](args)
        for figure in args.measured[key]:
            print(figure.line(), flush=True)
            figures.append(figure)
    machine = (
        f"{os.cpu_count()} CPUs, {os.uname().machine}, Python {sys.version.split()[0]}; "
        f"load average {load_before[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
    )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(markdown(figures, machine))
    print(f"Markdown table: {out}")


if __name__ == "__main__":
    main()
