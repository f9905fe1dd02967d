"""F1 (QUALITY.md, nightly): PostgreSQL restarted under load. Nothing acknowledged may be lost.

    bin/fault pg-restart [--seconds 20] [--writers 4] [--restart-at 6]

Writers in threads do what every service does: a transaction that writes a row and appends its
audit event to the HMAC chain (``audit_record``, which locks the chain head). A write counts as
acknowledged when its transaction committed without an exception. Halfway, the PostgreSQL
cluster is restarted (``pg_ctlcluster … restart``, fast shutdown: connections are cut). Then:

- every acknowledged event must be in the database (lost = 0),
- errors may happen only inside the restart window (from the restart until the server answers
  again, plus the time the writers need to reconnect: CONN_HEALTH_CHECKS),
- the audit chain must still verify end to end.

Restarts the machine's shared PostgreSQL: never run it while other tests use the server. Runs
on its own database (portal_fault). Prints one line with the figures; exit 1 when anything was
lost, an error fell outside the window, or the chain broke.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    import django

    django.setup()


def pg_cluster_restart() -> tuple[float, float]:
    """Restart the cluster; returns (started, answering again) as monotonic times."""
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    started = time.monotonic()
    subprocess.run(  # noqa: S603 - fixed arguments
        ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"],
        check=True,
        capture_output=True,
    )
    while (
        subprocess.run(
            ["/usr/bin/pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False
        ).returncode
        != 0
    ):
        time.sleep(0.05)
    return started, time.monotonic()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--restart-at", type=float, default=6)
    parser.add_argument(
        "--grace", type=float, default=2.0, help="seconds after the server answers again"
    )
    args = parser.parse_args()
    setup_django()
    from django.db import close_old_connections, connection, transaction

    from portal.audit import audit_record
    from portal.audit_verify import audit_verify
    from portal.models import AuditEvent

    if connection.vendor != "postgresql":
        sys.exit("F1 needs PostgreSQL (bin/fault sets DATABASE_URL).")
    acknowledged: list[str] = []
    errors: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()
    begin = time.monotonic()

    def writer(n: int):
        while not stop.is_set():
            # What a request does at its start: drop a connection that is no longer usable.
            close_old_connections()
            try:
                with transaction.atomic():
                    event = audit_record(action="fault.f1.write", details={"writer": n})
                with lock:
                    acknowledged.append(str(event.uuid))
            except Exception:  # any failure counts; it must fall inside the window
                with lock:
                    errors.append(time.monotonic())
                connection.close()
                time.sleep(0.05)
        connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(args.writers)]
    for thread in threads:
        thread.start()
    time.sleep(args.restart_at)
    restart_started, answering = pg_cluster_restart()
    time.sleep(max(0.0, args.seconds - (time.monotonic() - begin)))
    stop.set()
    for thread in threads:
        thread.join(timeout=30)

    close_old_connections()
    connection.close()
    stored = set(
        str(u)
        for u in AuditEvent.objects.filter(action="fault.f1.write").values_list("uuid", flat=True)
    )
    lost = [u for u in acknowledged if u not in stored]
    window_end = answering + args.grace
    outside = [t for t in errors if not (restart_started <= t <= window_end)]
    verify = audit_verify()
    print(
        f"F1 pg-restart: writers={args.writers} acknowledged={len(acknowledged)} "
        f"lost={len(lost)} errors={len(errors)} errors_outside_window={len(outside)} "
        f"restart_s={answering - restart_started:.2f} chain_ok={verify.ok} "
        f"(goal: lost=0, errors only inside the restart window, chain intact)"
    )
    if not verify.ok:
        print(f"   chain: {verify.message}")
    sys.exit(0 if not lost and not outside and verify.ok else 1)


if __name__ == "__main__":
    main()
