import signal
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.background import PERIODIC, run_open_messages, sync_schedule


class Command(BaseCommand):
    help = (
        "The embedded worker: runs background work from the outbox table in this process, "
        "and the periodic jobs, without Redis or Celery (the embedded default; bin/demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="one pass, then exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between passes")

    def handle(self, *args, once=False, interval=1.0, **options):
        from portal.celery import app

        sync_schedule()
        stop = {"now": False}
        signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
        last_run: dict[str, float] = {}
        self.stdout.write("embedded worker: running background work from the database")
        while True:
            ran = run_open_messages()
            now = time.monotonic()
            local = timezone.localtime()
            for job in PERIODIC.values():
                due = False
                if job.every is not None:
                    due = now - last_run.get(job.name, 0) >= job.every.total_seconds()
                else:
                    key = f"{job.name}@{local.date()}"
                    due = (local.hour, local.minute) >= (job.at_hour, job.at_minute) and (
                        key not in last_run
                    )
                    if due:
                        last_run[key] = now
                if due:
                    last_run[job.name] = now
                    app.tasks[job.name]()  # the task's body, called in this process
            if ran:
                self.stdout.write(f"embedded worker: {ran} task(s) done")
            if once or stop["now"]:
                return
            time.sleep(interval)
