"""QUALITY F3 and F5 with real processes: a Celery worker, a Redis server, PostgreSQL."""

from datetime import timedelta

import pytest
from django.utils import timezone

from portal.background import dispatch, enqueue, relay
from portal.models import AuditEvent, OutboxStatus
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
