"""QUALITY F3 and F5 with real processes: a Celery worker, a Redis server, PostgreSQL."""

import re
import time
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from portal.background import FINAL, PERIODIC, dispatch, enqueue, relay
from portal.models import AuditEvent, OutboxMessage, OutboxStatus
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.integration]


def effects(token):
    return AuditEvent.objects.filter(action="background.selftest", details__token=token).count()


def done(message):
    message.refresh_from_db()
    return message.status == OutboxStatus.DONE


def test_f3_work_committed_while_redis_is_down_runs_exactly_once_after_it_returns(real_stack):
    redis, worker = real_stack
    message = enqueue("portal.background_selftest", token="f3")  # autocommit: sent at once
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING  # Redis is down: kept, not lost
    assert "broker" in message.last_error

    redis.start()
    worker()
    later = timezone.now() + timedelta(minutes=1)
    assert relay(now=later) == 1
    assert wait_until(lambda: done(message), 60)
    assert effects("f3") == 1

    # A duplicate delivery (the relay racing a slow worker) changes nothing.
    from portal.celery import app

    app.send_task("portal.background_selftest", args=[message.pk], queue="default")
    assert relay(now=later + timedelta(minutes=5)) == 0
    assert dispatch(message.pk) is False
    marker = enqueue("portal.background_selftest", token="f3-after")
    assert wait_until(lambda: done(marker), 60)  # the worker has handled the duplicate by now
    assert effects("f3") == 1
    print(f"F3 outbox: pending_while_down=1 runs_after_return={effects('f3')}")


def test_f5_a_worker_killed_mid_task_loses_nothing_and_duplicates_nothing(real_stack):
    redis, worker = real_stack
    redis.start()
    first = worker()
    message = enqueue("portal.background_selftest", token="f5", sleep_seconds=4)
    assert wait_until(
        lambda: b"Task portal.background_selftest[" in first.log_path.read_bytes(), 60
    ), "the worker never received the task"
    first.kill()  # SIGKILL mid-task: its transaction dies with it
    assert not done(message)
    assert effects("f5") == 0

    worker()
    # The relay sends it again (the broker may also redeliver the unacknowledged message:
    # either way the body runs to completion once).
    resent = relay(now=timezone.now() + timedelta(minutes=2))
    assert wait_until(lambda: done(message), 60)
    assert effects("f5") == 1
    print(f"F5 worker-killed: lost=0 effects={effects('f5')} resent_by_relay={resent}")


# The worker logs "Task <name>[<task id>] received" and then one line when it has finished; the
# task id is the message's uuid and its attempt (portal.background.dispatch).
TASK_LINE = re.compile(
    rb"Task portal\.background_selftest\[([0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12})-\d+\] "
    rb"(received|succeeded|raised|failed|retry)"
)


def running(worker):
    """The uuid of the message the (solo) worker is executing now, by its log, or None."""
    current = None
    for uuid, event in TASK_LINE.findall(worker.log_path.read_bytes()):
        current = uuid.decode() if event == b"received" else None
    return current


class Beat:
    """Production's beat on a clock of its own: each tick moves the portal's clock on by the
    relay's schedule (30 s) and runs the relay, as beat would half a minute later."""

    def __init__(self, monkeypatch):
        self.every = PERIODIC["portal.outbox_relay"].every
        self.ahead = timedelta(0)
        self.ticks = self.resent = 0
        real_now = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.ahead)

    def tick(self):
        self.ahead += self.every
        self.ticks += 1
        self.resent += relay()


def until(check, worker, beat, deadline, hopeless=lambda: False):
    """Wait for ``check()`` to return something (None if ``hopeless()`` or past the deadline).
    Whenever the worker has been idle for a second, beat ticks: time that passes with nothing
    to do is only waiting for the relay."""
    idle_since = None
    while time.monotonic() < deadline and not hopeless():
        if found := check():
            return found
        if running(worker) is not None:
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since > 1:
            beat.tick()
            idle_since = None
        time.sleep(0.05)
    return None


def idle(worker):
    """The worker has run out of messages: nothing running, and its log quiet for a second."""
    size = worker.log_path.stat().st_size
    time.sleep(1)
    return running(worker) is None and worker.log_path.stat().st_size == size


def test_f5_workers_killed_mid_task_again_and_again_lose_nothing_and_duplicate_nothing(
    real_stack, monkeypatch, tmp_path
):
    """QUALITY F5, repeated: a batch of tasks, a third of them holding their transaction open
    for a while; the worker is killed with SIGKILL in the middle of one of those, again and
    again, and a new one started while beat relays. Once the new one comes only half an hour
    later (a supervisor that gave up restarting it). Every message ends done, with exactly
    one effect."""
    tasks, kills_wanted, sleep_seconds = 24, 6, 1.5
    outage_after_kill, outage = 3, timedelta(minutes=30)
    began = time.monotonic()
    deadline = began + 80
    redis, worker = real_stack
    redis.start()
    beat = Beat(monkeypatch)
    messages = {}
    for i in range(tasks):
        message = enqueue(
            "portal.background_selftest",
            token=f"f5r-{i:02}",
            sleep_seconds=sleep_seconds if i % 3 == 2 else 0,
        )
        messages[str(message.uuid)] = message
    ids = [m.pk for m in messages.values()]
    sleepers = OutboxMessage.objects.filter(pk__in=ids, kwargs__sleep_seconds__gt=0)
    runs_killed = dict.fromkeys(messages, 0)

    def sleeper_in_its_body():
        """A sleeper the worker runs now (its log) and has counted a run of, which it does
        right before the body's transaction: the kill lands inside that transaction."""
        uuid = running(current)
        message = messages.get(uuid)
        if message is None or not message.kwargs["sleep_seconds"]:
            return None
        message.refresh_from_db()
        if message.status in FINAL or message.runs <= runs_killed[uuid]:
            return None
        return message

    current = worker()
    kills = 0
    while kills < kills_wanted:
        victim = until(
            sleeper_in_its_body,
            current,
            beat,
            deadline,
            hopeless=lambda: not sleepers.exclude(status__in=FINAL).exists(),
        )
        if victim is None:
            break  # nothing left to kill: the counts below say why
        current.kill()
        kills += 1
        # Killed mid-task: the effect it had written rolled back with its transaction, the
        # run it had counted did not.
        assert not done(victim), "the kill came after the task had finished"
        assert effects(victim.kwargs["token"]) == 0
        runs_killed[str(victim.uuid)] = victim.runs
        if kills == outage_after_kill:
            for _ in range(outage // beat.every):
                beat.tick()
        current = worker()
        beat.tick()

    all_done = until(
        lambda: not OutboxMessage.objects.filter(pk__in=ids).exclude(status__in=FINAL).exists(),
        current,
        beat,
        deadline,
    )
    # Copies the relay sent of work that was only waiting may still be queued: let the worker
    # run out of them before counting effects.
    assert wait_until(lambda: idle(current), 15)
    counts = dict(
        AuditEvent.objects.filter(action="background.selftest", details__token__startswith="f5r-")
        .values_list("details__token")
        .annotate(n=Count("pk"))
    )
    tokens = [m.kwargs["token"] for m in messages.values()]
    lost = sum(1 for token in tokens if not counts.get(token))
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    statuses = dict(
        OutboxMessage.objects.filter(pk__in=ids).values_list("status").annotate(n=Count("pk"))
    )
    skipped = sum(log.read_bytes().count(b": 'skipped'") for log in tmp_path.glob("worker*.log"))
    print(
        f"F5 worker-killed-repeated: tasks={tasks} kills={kills} lost={lost} "
        f"duplicate_effects={duplicates} resent_by_relay={beat.resent} "
        f"duplicate_deliveries_skipped={skipped} relay_ticks={beat.ticks} "
        f"outage_minutes={outage.total_seconds() / 60:.0f} seconds={time.monotonic() - began:.1f}"
    )
    assert kills == kills_wanted, f"nothing left to kill after {kills} kills: {statuses}"
    assert lost == 0 and duplicates == 0, statuses
    assert all_done and statuses == {OutboxStatus.DONE: tasks}, statuses
    assert sorted(counts) == sorted(tokens)
