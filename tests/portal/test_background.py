"""X2/X3 and QUALITY F3/F6: background work is queued after commit, never lost, done once.
Task bodies are called directly here (no eager mode); tests/integration runs a real worker."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from portal import background
from portal.background import enqueue, relay, run_message, run_open_messages
from portal.models import AuditEvent, OutboxMessage, OutboxStatus
from tests.integration.conftest import point_app_at

pytestmark = pytest.mark.django_db


def effects(token):
    return AuditEvent.objects.filter(action="background.selftest", details__token=token).count()


def test_x2_task_queued_in_a_rolled_back_transaction_never_runs():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue("portal.background_selftest", token="rolled-back")
        raise RuntimeError
    assert not OutboxMessage.objects.exists()
    assert run_open_messages() == 0
    assert effects("rolled-back") == 0


def test_x2_task_is_dispatched_only_after_commit(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_BACKGROUND = "celery"
    sent = []
    monkeypatch.setattr("portal.celery.app.send_task", lambda *a, **k: sent.append((a, k)))
    with django_capture_on_commit_callbacks(execute=True):
        message = enqueue("portal.background_selftest", token="after-commit")
        assert sent == []  # inside the transaction nothing reaches the broker
    assert sent and sent[0][0] == ("portal.background_selftest",)
    assert sent[0][1]["args"] == [message.pk]
    message.refresh_from_db()
    assert message.status == OutboxStatus.DISPATCHED and message.attempts == 1


def test_f6_a_task_run_twice_has_one_effect():
    message = enqueue("portal.background_selftest", token="twice")
    assert run_message(message.pk) == "done"
    assert run_message(message.pk) == "skipped"
    assert effects("twice") == 1
    message.refresh_from_db()
    assert message.status == OutboxStatus.DONE and message.finished_at is not None


def test_f3_broker_down_at_commit_keeps_the_message_for_the_relay(settings):
    settings.PORTAL_BACKGROUND = "celery"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    from portal.celery import app

    point_app_at(app, settings.CELERY_BROKER_URL)
    try:
        message = enqueue("portal.background_selftest", token="down")
        assert background.dispatch(message.pk) is False
        message.refresh_from_db()
        assert message.status == OutboxStatus.PENDING and "broker" in message.last_error
        assert relay(now=timezone.now() + timedelta(minutes=1)) == 0  # still down: kept
        message.refresh_from_db()
        assert message.status == OutboxStatus.PENDING
    finally:
        point_app_at(app, "memory://")
    assert run_message(message.pk) == "done" and effects("down") == 1


def test_f6_a_failing_task_stays_open_then_fails_after_its_attempts(monkeypatch):
    def boom(**kwargs):
        raise ValueError("kapot")

    task = background.REGISTRY["portal.background_selftest"]
    monkeypatch.setitem(
        background.REGISTRY,
        task.name,
        task.__class__(task.name, boom, task.queue, task.atomic, task.lease, max_attempts=2),
    )
    message = enqueue("portal.background_selftest", token="fails")
    with pytest.raises(ValueError):
        run_message(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.DISPATCHED and "kapot" in message.last_error
    assert message.runs == 1
    with pytest.raises(ValueError):
        run_message(message.pk)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and message.runs == 2


def test_f5_relay_sends_again_what_a_dead_worker_left_and_respects_backoff(monkeypatch, settings):
    settings.PORTAL_BACKGROUND = "celery"
    sent = []
    monkeypatch.setattr("portal.celery.app.send_task", lambda *a, **k: sent.append(k["args"]))
    message = enqueue("portal.background_selftest", token="lost")
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.DISPATCHED, dispatched_at=now, attempts=1
    )
    assert relay(now=now + timedelta(seconds=5)) == 0  # within the backoff: wait
    assert relay(now=now + timedelta(seconds=31)) == 1
    assert sent == [[message.pk]]


def test_f5_work_only_waiting_in_the_queue_is_sent_again_but_never_given_up(monkeypatch, settings):
    """A stopped worker, or a backlog: the relay sends the waiting message again and again, but
    it never ran, so nothing gives it up; it runs once the worker is back. It used to be
    marked failed after five sends, a quarter of an hour, without ever having been started."""
    settings.PORTAL_BACKGROUND = "celery"
    sent = []
    monkeypatch.setattr("portal.celery.app.send_task", lambda *a, **k: sent.append(k["args"]))
    message = enqueue("portal.background_selftest", token="waiting")
    assert background.dispatch(message.pk)
    start = timezone.now()
    for tick in range(1, 2 * 60 * 3):  # beat's relay every 30 s for three hours
        monkeypatch.setattr(timezone, "now", lambda tick=tick: start + tick * timedelta(seconds=30))
        relay()
    message.refresh_from_db()
    assert message.status == OutboxStatus.DISPATCHED and message.runs == 0
    assert 5 < len(sent) < 15  # sent again with a growing backoff, not every tick
    monkeypatch.undo()
    assert run_message(message.pk) == "done" and effects("waiting") == 1


def test_f5_work_started_max_attempts_times_without_finishing_is_given_up(monkeypatch, settings):
    """A worker killed mid-task every time (say the task runs it out of memory): the run is
    counted before the body, so the killed runs count, and the relay gives up after five."""
    settings.PORTAL_BACKGROUND = "celery"
    monkeypatch.setattr("portal.celery.app.send_task", lambda *a, **k: None)
    message = enqueue("portal.background_selftest", token="killed")
    task = background.REGISTRY[message.task_name]
    assert background._count_run(message.pk)  # what a worker commits before the body
    message.refresh_from_db()
    assert message.runs == 1
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.DISPATCHED,
        dispatched_at=timezone.now() - timedelta(days=1),
        runs=task.max_attempts - 1,
    )
    assert relay() == 1  # four killed runs: once more
    OutboxMessage.objects.filter(pk=message.pk).update(
        dispatched_at=timezone.now() - timedelta(days=1), runs=task.max_attempts
    )
    assert relay() == 0
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED and "5 runs" in message.last_error
    assert effects("killed") == 0


def test_f5_leased_work_is_reclaimed_only_after_its_lease(monkeypatch):
    calls = []
    original = background.REGISTRY["portal.background_selftest"]
    leased = original.__class__(
        original.name,
        lambda **kw: calls.append(kw),
        original.queue,
        False,
        timedelta(minutes=5),
        original.max_attempts,
    )
    monkeypatch.setitem(background.REGISTRY, original.name, leased)
    message = enqueue("portal.background_selftest", token="leased")
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.RUNNING, started_at=timezone.now()
    )
    assert run_message(message.pk) == "skipped"  # someone holds the lease
    OutboxMessage.objects.filter(pk=message.pk).update(
        started_at=timezone.now() - timedelta(minutes=6)
    )
    assert run_message(message.pk) == "done"
    assert run_message(message.pk) == "skipped"
    assert calls == [{"token": "leased"}]


@pytest.mark.django_db(transaction=True)
def test_f6_a_task_run_twice_concurrently_has_one_effect():
    message = enqueue("portal.background_selftest", token="concurrent", sleep_seconds=0.5)
    results = []

    def worker():
        try:
            results.append(run_message(message.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["done", "skipped"]
    assert effects("concurrent") == 1


def test_embedded_worker_runs_open_messages_and_periodic_jobs():
    from django.core.management import call_command

    enqueue("portal.background_selftest", token="embedded")
    call_command("run_background", "--once")
    assert effects("embedded") == 1
    from django_celery_beat.models import PeriodicTask

    assert PeriodicTask.objects.filter(name="portal.outbox_relay", enabled=True).exists()


def test_x3_a_render_given_up_by_the_outbox_fails_its_job_instead_of_rendering_for_ever(
    monkeypatch, settings
):
    """A PDF render killed by the hard time limit on every attempt: the relay gives the
    message up, and the job says so (not 'rendering' for ever)."""
    from portal.models import ReportJob
    from tests.factories import ReportJobFactory

    settings.PORTAL_BACKGROUND = "celery"
    monkeypatch.setattr("portal.celery.app.send_task", lambda *a, **k: None)
    job = ReportJobFactory(rendering=True)
    message = enqueue("portal.render_report", job_id=job.pk)
    long_ago = timezone.now() - timedelta(days=1)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.RUNNING,
        started_at=long_ago,
        dispatched_at=long_ago,
        attempts=5,
        runs=5,
    )
    relay()
    message.refresh_from_db()
    job = ReportJob.objects.get(pk=job.pk)
    assert message.status == OutboxStatus.FAILED
    assert job.status == "failed" and "opgegeven" in job.error_message
    assert AuditEvent.objects.filter(action="report.failed", details__reason="given_up").exists()
    relay()  # giving up again changes nothing
    assert AuditEvent.objects.filter(action="report.failed").count() == 1


def test_embedded_worker_backs_off_and_gives_up_on_a_task_that_keeps_failing(monkeypatch):
    """Without a broker nothing counted attempts: a failing task ran every second for ever."""
    calls = []

    def boom(**kwargs):
        calls.append(kwargs)
        raise ValueError("kapot")

    task = background.REGISTRY["portal.background_selftest"]
    monkeypatch.setitem(
        background.REGISTRY,
        task.name,
        task.__class__(task.name, boom, task.queue, task.atomic, task.lease, max_attempts=2),
    )
    message = enqueue("portal.background_selftest", token="embedded-fails")
    assert run_open_messages() == 0
    assert run_open_messages() == 0  # within the backoff: not tried again
    assert len(calls) == 1
    OutboxMessage.objects.filter(pk=message.pk).update(
        dispatched_at=timezone.now() - timedelta(minutes=5)
    )
    run_open_messages()
    message.refresh_from_db()
    assert len(calls) == 2 and message.status == OutboxStatus.FAILED
    run_open_messages()
    assert len(calls) == 2
