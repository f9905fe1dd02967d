"""B8 (QUALITY.md, issue 20): audited transactions per second against the same transactions
without the audit event, at 1, 2, 4 and 8 concurrent writers across 8 municipalities, with and
without 5 ms of work after the event in the same transaction. Next to each, "row-only": the
same transactions writing an event's row with no chain at all, the bound of any design that
writes its event inside the transaction it describes.

Each writer is a process of its own (spawned, not forked: a fork of a benchmark process that
earlier figures left with threads can hang in the child) with its own connection, writing for
its own municipality (writer i for the i-th of 8), as a web worker serving one municipality's
request does; each transaction inserts one row into a table of the benchmark's own, then
(audited) one audit event, then (with work) sleeps 5 ms with the transaction open, and commits.
Plain and audited runs alternate for each setting, so a slower stretch of a shared machine
costs both alike. While the audited writers run, their backends are sampled for lock waits (a
figure the machine's load does not change).

    .venv/bin/python benchmarks/run.py --only B8 [--b8-seconds 3]
"""

from __future__ import annotations

import multiprocessing
import os
import time

WRITERS = (1, 2, 4, 8)
WORK_SECONDS = 0.005
GOAL = 0.8


def _municipalities() -> list[int]:
    from portal.models import Municipality

    return list(
        Municipality.objects.filter(slug__startswith="schaal")
        .order_by("slug")
        .values_list("pk", flat=True)[:8]
    )


# The least an event can cost: one row of the audit table's width into a table with the audit
# table's indexes, with no chain, no hash and no head (the "row only" figure). A design that
# writes its event in the transaction it describes cannot cost less than this.
ROW_ONLY_SQL = (
    "INSERT INTO benchmark_b8_events (seq, uuid, created_at, actor_label, municipality_id, "
    "action, object_type, object_id, object_repr, result, channel, user_agent, request_id, "
    "details, prev_hash, hash, chain, chain_seq) VALUES (%s, gen_random_uuid(), now(), '', %s, "
    "'benchmark.b8', '', '', '', 'success', 'cli', '', '', '{}', repeat('0', 64), "
    "repeat('0', 64), %s, %s)"
)


def _transaction(municipality, audited, work: bool, n: int) -> None:
    from django.db import connection, transaction

    from portal.audit import audit_record

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO benchmark_b8_write (municipality_id, payload) VALUES (%s, %s)",
                [municipality.pk, "b8"],
            )
            if audited == "row":
                cursor.execute(ROW_ONLY_SQL, [n, municipality.pk, municipality.pk, n])
        if audited is True:
            audit_record(action="benchmark.b8", municipality=municipality, details={"n": n})
        if work:
            time.sleep(WORK_SECONDS)


def _writer(municipality_id, audited, work, seconds, ready, results) -> None:
    """One writer: connect and warm up, wait for the others, then count the transactions it
    commits in ``seconds``."""
    import django
    from django.apps import apps

    if not apps.ready:  # a spawned process starts without Django
        django.setup()
    from django.db import connections

    from portal.models import Municipality

    try:
        municipality = Municipality.objects.get(pk=municipality_id)
        _transaction(municipality, audited, work, 0)
        ready.wait()
        stop, done = time.monotonic() + seconds, 0
        while time.monotonic() < stop:
            _transaction(municipality, audited, work, done)
            done += 1
        results.put(done)
    finally:
        connections.close_all()


def _rate(municipalities, writers: int, *, audited, work: bool, seconds: float) -> float:
    """``audited``: False (plain), True (audit_record) or \"row\" (the row-only bound)."""
    from django.db import connections

    connections.close_all()
    context = multiprocessing.get_context("spawn")
    ready, results = context.Barrier(writers), context.Queue()
    processes = [
        context.Process(
            target=_writer,
            args=(municipalities[i % len(municipalities)], audited, work, seconds, ready, results),
        )
        for i in range(writers)
    ]
    for process in processes:
        process.start()
    counts = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    return sum(counts) / seconds


class LockSampler:
    """Samples, every 20 ms on a connection of its own, what the writers' backends wait for:
    the share of samples waiting for a lock says whether writers queue on each other, whatever
    the load of the machine (which the rates depend on)."""

    def __init__(self):
        import threading

        self.samples = self.locked = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        from django.db import connections

        connection = connections.create_connection("default")
        try:
            with connection.cursor() as cursor:
                while not self.stopped.is_set():
                    cursor.execute(
                        "SELECT count(*) FILTER (WHERE wait_event_type = 'Lock'), count(*) "
                        "FROM pg_stat_activity WHERE datname = current_database() "
                        "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                        "AND state <> 'idle'"
                    )
                    locked, busy = cursor.fetchone()
                    self.locked += locked
                    self.samples += busy
                    time.sleep(0.02)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join()


def measure(seconds: float, figure_type) -> list:
    from django.db import connection

    municipalities = _municipalities()
    if len(municipalities) < 8:
        return [
            figure_type(
                "B8", "audit-concurrency", "skipped: fewer than 8 scale municipalities", "-", None
            )
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS benchmark_b8_write "
            "(id bigserial PRIMARY KEY, municipality_id bigint, payload text)"
        )
        # LIKE copies the columns and the indexes, not the partitioning nor the trigger.
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS benchmark_b8_events "
            "(LIKE portal_auditevent INCLUDING DEFAULTS INCLUDING INDEXES)"
        )
    figures = []
    alone: dict[tuple[bool, bool], float] = {}  # one writer's rate: the scaling's base
    try:
        for work in (False, True):
            for writers in WRITERS:
                plain = _rate(municipalities, writers, audited=False, work=work, seconds=seconds)
                with LockSampler() as waits:
                    audited = _rate(
                        municipalities, writers, audited=True, work=work, seconds=seconds
                    )
                row_only = _rate(municipalities, writers, audited="row", work=work, seconds=seconds)
                ratio = audited / plain
                load = os.getloadavg()[0]
                alone.setdefault((work, False), plain)
                alone.setdefault((work, True), audited)
                scaling = (
                    f"scaling audited x{audited / alone[(work, True)]:.1f} "
                    f"plain x{plain / alone[(work, False)]:.1f}"
                )
                label = f"writers={writers}" + (" +5ms work" if work else "")
                goal = writers == max(WRITERS)
                figures.append(
                    figure_type(
                        "B8",
                        f"audit-concurrency {label}",
                        f"audited={audited:.0f} tx/s plain={plain:.0f} tx/s ratio={ratio:.2f} "
                        f"row-only={row_only:.0f} tx/s ({row_only / plain:.2f}) "
                        f"({scaling} of 1 writer) lock waits {waits.locked}/{waits.samples} "
                        f"samples load={load:.1f}",
                        f">= {GOAL} x plain at 8 writers" if goal else "-",
                        ratio >= GOAL if goal else None,
                    )
                )
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS benchmark_b8_write, benchmark_b8_events")
    return figures
