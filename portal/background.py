"""Background work that is never lost and never done twice (X2, X3; QUALITY F3, F5, F6).

Write side — in a service, inside its transaction::

    enqueue("portal.example", thing_id=thing.pk)

stores an :class:`OutboxMessage` in the same transaction. After commit it is sent to Celery
(Redis); a rolled-back transaction leaves nothing to send. If Redis is down the message waits
and the relay (a periodic task, and the embedded worker) sends it once Redis is back.

Run side — a task body takes only ids and plain values, and is registered with::

    @background_task("portal.example")
    def example(*, thing_id): ...

``atomic=True`` (the default) runs the body and marks the message done in one transaction with
the message row locked: a worker that dies mid-task leaves no effect and the message open, a
second delivery finds the message done (or locked) and does nothing. ``atomic=False`` is for
long work that shows progress (PDF rendering): the message is claimed with a conditional update
and a lease, and the body keeps its own job row idempotent.

The outbox gives up on a message after ``max_attempts`` *runs*: a worker counts a run, in a
commit of its own, before the body starts, so a worker killed mid-task still counts it. Sends do
not count: the relay cannot tell a copy that waits in the queue behind a backlog or a stopped
worker from one that was lost, and work that was never started is never given up (F5).

In the embedded run (no Redis: ``PORTAL_BACKGROUND=embedded``), ``manage.py run_background``
polls the outbox and runs the same bodies in-process; ``bin/demo`` starts it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from portal.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)

OPEN = (OutboxStatus.PENDING, OutboxStatus.DISPATCHED)
FINAL = (OutboxStatus.DONE, OutboxStatus.FAILED)


@dataclass(frozen=True)
class BackgroundTask:
    name: str
    body: Callable
    queue: str
    atomic: bool
    lease: timedelta
    max_attempts: int
    on_failed: Callable | None = None  # called with the kwargs when the work is given up


REGISTRY: dict[str, BackgroundTask] = {}


def background_task(
    name: str,
    *,
    queue: str = "default",
    atomic: bool = True,
    lease: timedelta = timedelta(minutes=15),
    max_attempts: int = 5,
    on_failed: Callable | None = None,
    soft_time_limit: int | None = None,
    time_limit: int | None = None,
):
    """Register ``fn`` as the body of background task ``name`` (see the module docstring)."""

    def decorate(fn):
        options = {"name": name, "acks_late": True, "reject_on_worker_lost": True}
        if soft_time_limit:
            options["soft_time_limit"] = soft_time_limit
        if time_limit:
            options["time_limit"] = time_limit

        @shared_task(**options)
        def celery_entry(outbox_id):
            return run_message(outbox_id)

        REGISTRY[name] = BackgroundTask(name, fn, queue, atomic, lease, max_attempts, on_failed)
        fn.celery_task = celery_entry
        return fn

    return decorate


def route_task(name, args, kwargs, options, task=None, **kw):
    """Celery router (CELERY_TASK_ROUTES): registered tasks go to their queue."""
    registered = REGISTRY.get(name)
    return {"queue": registered.queue} if registered else None


def enqueue(task_name: str, **kwargs) -> OutboxMessage:
    """Queue background work as part of the current transaction (ids and plain values only)."""
    task = REGISTRY[task_name]
    message = OutboxMessage.objects.create(task_name=task.name, kwargs=kwargs, queue=task.queue)
    transaction.on_commit(lambda: dispatch(message.pk), robust=True)
    return message


def embedded() -> bool:
    return settings.PORTAL_BACKGROUND == "embedded"


def dispatch(message_id: int) -> bool:
    """Send an open message to the broker. False (and the message stays open) if the broker
    cannot be reached; the relay tries again."""
    if embedded():
        return False
    message = OutboxMessage.objects.filter(pk=message_id, status__in=OPEN).first()
    if message is None:
        return False
    from portal.celery import app

    try:
        app.send_task(
            message.task_name,
            args=[message.pk],
            queue=message.queue,
            task_id=f"{message.uuid}-{message.attempts}",
            retry=False,
        )
    except Exception as exc:
        log.warning("outbox: broker unreachable for %s: %s", message.uuid, exc)
        OutboxMessage.objects.filter(pk=message.pk).update(last_error=f"broker: {exc}"[:2000])
        return False
    OutboxMessage.objects.filter(pk=message.pk, status__in=OPEN).update(
        status=OutboxStatus.DISPATCHED, dispatched_at=timezone.now(), attempts=F("attempts") + 1
    )
    return True


def run_message(message_id: int) -> str:
    """Run one outbox message (the worker's entry point). Safe to call twice, concurrently."""
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None or message.status in FINAL:
        return "skipped"
    task = REGISTRY.get(message.task_name)
    if task is None:
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxStatus.FAILED, last_error=f"unknown task {message.task_name}"
        )
        return "failed"
    try:
        if task.atomic:
            return _run_atomic(task, message_id)
        return _run_leased(task, message)
    except Exception:
        _record_failure(task, message_id, traceback.format_exc())
        raise


def _count_run(message_id: int) -> bool:
    """Count a run of an open message that no other worker holds; False if there is none.
    Its own transaction: the body's rolls back when the worker dies, this one does not."""
    with transaction.atomic():
        locked = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .exclude(status__in=FINAL)
            .values_list("pk", flat=True)
            .first()
        )
        if locked is None:
            return False
        OutboxMessage.objects.filter(pk=message_id).update(runs=F("runs") + 1)
    return True


def _run_atomic(task: BackgroundTask, message_id: int) -> str:
    if not _count_run(message_id):
        return "skipped"  # done already, or another worker holds it
    with transaction.atomic():
        locked = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id)
            .exclude(status__in=FINAL)
            .first()
        )
        if locked is None:
            return "skipped"  # done already, or another worker holds it
        task.body(**locked.kwargs)
        now = timezone.now()
        OutboxMessage.objects.filter(pk=message_id).update(
            status=OutboxStatus.DONE, started_at=now, finished_at=now, last_error=""
        )
    return "done"


def _run_leased(task: BackgroundTask, message: OutboxMessage) -> str:
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message.pk)
        .filter(
            Q(status__in=OPEN) | Q(status=OutboxStatus.RUNNING, started_at__lt=now - task.lease)
        )
        .update(status=OutboxStatus.RUNNING, started_at=now, runs=F("runs") + 1)
    )
    if not claimed:
        return "skipped"
    task.body(**message.kwargs)
    OutboxMessage.objects.filter(pk=message.pk, status=OutboxStatus.RUNNING).update(
        status=OutboxStatus.DONE, finished_at=timezone.now(), last_error=""
    )
    return "done"


def _record_failure(task: BackgroundTask, message_id: int, error: str) -> None:
    message = OutboxMessage.objects.filter(pk=message_id).first()
    if message is None:
        return
    if message.runs >= task.max_attempts:
        _give_up(task, message, error)
        return
    OutboxMessage.objects.filter(pk=message_id).exclude(status__in=FINAL).update(
        status=OutboxStatus.DISPATCHED, last_error=error[-2000:]
    )


def _give_up(task: BackgroundTask | None, message: OutboxMessage, error: str = "") -> None:
    """Mark the message failed, once, and let the task's owner record it on its own rows
    (a report job that a hard time limit killed every time must not stay 'rendering')."""
    changes = {"status": OutboxStatus.FAILED, "finished_at": timezone.now()}
    if error:
        changes["last_error"] = error[-2000:]
    given_up = (
        OutboxMessage.objects.filter(pk=message.pk).exclude(status__in=FINAL).update(**changes)
    )
    if given_up and task is not None and task.on_failed is not None:
        try:
            task.on_failed(**message.kwargs)
        except Exception:
            log.exception("outbox: on_failed of %s raised", task.name)


def backoff(attempts: int) -> timedelta:
    """Wait before sending a message again: 30 s, 1, 2, 4, … minutes, at most an hour."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 3600))


def relay(*, now=None, min_age: timedelta = timedelta(seconds=10)) -> int:
    """Send again what has not been done: messages never dispatched (the broker was down at
    commit), dispatched long ago without result (lost, or the worker died), and leased work
    whose lease ran out. Gives up on a message that was run ``max_attempts`` times without
    finishing; one only sent, however often, is sent again. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    candidates = OutboxMessage.objects.filter(
        Q(status=OutboxStatus.PENDING, created_at__lt=now - min_age)
        | Q(status=OutboxStatus.DISPATCHED)
        | Q(status=OutboxStatus.RUNNING)
    ).order_by("created_at")[:500]
    for message in candidates:
        task = REGISTRY.get(message.task_name)
        if message.status == OutboxStatus.RUNNING:
            if task is None or message.started_at > now - task.lease:
                continue
        elif message.dispatched_at and message.dispatched_at > now - backoff(message.attempts):
            continue
        if task is not None and message.runs >= task.max_attempts:
            _give_up(task, message, f"given up after {message.runs} runs")
            continue
        if message.status == OutboxStatus.RUNNING:
            OutboxMessage.objects.filter(pk=message.pk).update(status=OutboxStatus.DISPATCHED)
        sent += dispatch(message.pk)
    return sent


def run_open_messages(limit: int = 100) -> int:
    """The embedded worker's step: run open messages in this process, oldest first. Each run
    counts as an attempt with the same backoff as the relay's, so a task that keeps failing
    is tried again later and given up after its attempts, not every second for ever."""
    ran = 0
    now = timezone.now()
    rows = list(
        OutboxMessage.objects.filter(Q(status__in=OPEN) | Q(status=OutboxStatus.RUNNING))
        .order_by("created_at")
        .values_list("pk", "status", "started_at", "dispatched_at", "attempts", "task_name")[:limit]
    )
    for pk, status, started_at, tried_at, attempts, task_name in rows:
        task = REGISTRY.get(task_name)
        if status == OutboxStatus.RUNNING and task and started_at > now - task.lease:
            continue
        if status != OutboxStatus.RUNNING and tried_at and tried_at > now - backoff(attempts):
            continue
        OutboxMessage.objects.filter(pk=pk).update(dispatched_at=now, attempts=F("attempts") + 1)
        try:
            if run_message(pk) == "done":
                ran += 1
        except Exception:
            log.exception("embedded worker: %s failed", pk)
    return ran


# --- periodic jobs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodicJob:
    name: str  # the Celery task name
    every: timedelta | None = None
    at_hour: int | None = None  # daily at this local hour (with at_minute)
    at_minute: int = 0
    description: str = ""


PERIODIC: dict[str, PeriodicJob] = {}


def register_periodic(job: PeriodicJob) -> None:
    """Apps register their schedules here (in ``ready()``); ``sync_schedule`` writes them to
    django-celery-beat's tables, where beat reads them and the admin shows them."""
    PERIODIC[job.name] = job


def sync_schedule() -> None:
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    for job in PERIODIC.values():
        defaults = {"task": job.name, "description": job.description, "enabled": True}
        if job.every is not None:
            interval, _ = IntervalSchedule.objects.get_or_create(
                every=int(job.every.total_seconds()), period=IntervalSchedule.SECONDS
            )
            defaults.update(interval=interval, crontab=None)
        else:
            crontab, _ = CrontabSchedule.objects.get_or_create(
                minute=str(job.at_minute),
                hour=str(job.at_hour),
                day_of_week="*",
                day_of_month="*",
                month_of_year="*",
                timezone=settings.TIME_ZONE,
            )
            defaults.update(crontab=crontab, interval=None)
        PeriodicTask.objects.update_or_create(name=job.name, defaults=defaults)
