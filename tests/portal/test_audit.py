"""X1 / E2: the audit trail is append-only and tampering is detected."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit import audit_record, audit_verify
from portal.constants import AuditResult
from portal.models import AuditEvent, AuditHead
from portal.roles import Role

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the append-only trigger is PostgreSQL's"
)


# One walk, or the chain in spans stitched together (what verify_audit's workers do).
SPANS = pytest.mark.parametrize("workers", [1, 3], ids=["one-walk", "three-spans"])


def _events(n):
    return [audit_record(action=f"test.event{i}", details={"i": i}) for i in range(n)]


class tampering:
    """What an attacker with the database owner's rights does: switch triggers off, then
    write. On SQLite there is no trigger to switch off."""

    def __enter__(self):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = replica")
        return connection.cursor()

    def __exit__(self, *exc):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")


def test_x1_chain_of_new_events_verifies():
    _events(5)
    result = audit_verify()
    assert result.ok and result.checked == 5


def test_x1_event_holds_the_six_bio_fields_from_a_request(world, login):
    client = login(world.a.users[Role.PRIVACY_OFFICER])
    client.get("/audit/", HTTP_USER_AGENT="pytest-browser", REMOTE_ADDR="192.0.2.7")
    event = AuditEvent.objects.filter(action="audit.viewed").latest("seq")
    assert event.actor == world.a.users[Role.PRIVACY_OFFICER]
    assert event.action == "audit.viewed"
    assert event.result == AuditResult.SUCCESS
    assert event.channel == "web" and event.ip_address == "192.0.2.7"
    assert event.user_agent == "pytest-browser" and len(event.request_id) == 32
    assert event.created_at.utcoffset().total_seconds() == 0
    assert event.municipality_id == world.a.municipality.pk


@on_postgres
def test_x1_database_refuses_update_and_delete_of_audit_rows():
    event = _events(1)[0]
    for statement in (
        "UPDATE portal_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM portal_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event0"


@SPANS
def test_x1_verify_detects_a_modified_row(workers):
    events = _events(5)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET details = %s WHERE id = %s",
            [json.dumps({"i": 99}), events[2].pk],
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "modified" and result.first_break_seq == 3


@SPANS
def test_x1_verify_detects_a_deleted_row(workers):
    events = _events(5)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id = %s", [events[1].pk])
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "deleted" and result.first_break_seq == 2


@SPANS
def test_x1_verify_detects_swapped_rows(workers):
    events = _events(5)
    a, b = events[1], events[3]
    with tampering() as cursor:
        # Swap the sequence numbers: the rows keep their own hashes but change places.
        cursor.execute("UPDATE portal_auditevent SET seq = -1 WHERE id = %s", [a.pk])
        cursor.execute("UPDATE portal_auditevent SET seq = %s WHERE id = %s", [a.seq, b.pk])
        cursor.execute("UPDATE portal_auditevent SET seq = %s WHERE id = %s", [b.seq, a.pk])
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind in {"modified", "link"} and result.first_break_seq == 2


@SPANS
def test_x1_verify_detects_a_cut_tail(workers):
    events = _events(5)
    with tampering() as cursor:
        cursor.execute(
            "DELETE FROM portal_auditevent WHERE id IN (%s, %s)", [events[3].pk, events[4].pk]
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "tail" and result.first_break_seq == 4


@SPANS
def test_x1_verify_detects_a_forged_head(workers):
    events = _events(3)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id = %s", [events[2].pk])
        cursor.execute(
            "UPDATE portal_audithead SET last_seq = %s, last_hash = %s",
            [events[1].seq, events[1].hash],
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "head"


def test_x1_verify_audit_command_reports_the_first_broken_link():
    events = _events(4)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "4 events verified" in out.getvalue()
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET actor_label = 'someone else' WHERE id = %s",
            [events[1].pk],
        )
    with pytest.raises(CommandError, match=r"BROKEN at event #2 \(modified\)"):
        call_command("verify_audit")


def test_x1_a_rolled_back_write_leaves_no_event_and_no_gap():
    _events(2)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="test.rolled_back")
        raise RuntimeError
    _events(1)
    assert not AuditEvent.objects.filter(action="test.rolled_back").exists()
    assert audit_verify().ok
    assert AuditHead.objects.get().last_seq == 3


@pytest.mark.django_db(transaction=True)
def test_x1_verify_in_parallel_processes_checks_every_event_and_finds_a_break():
    """B7: verify_audit walks spans of the chain in forked processes, each with its own
    connection (committed data: a transactional test)."""
    events = _events(40)
    result = audit_verify(workers=4)
    assert result.ok and result.checked == 40
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET action = 'forged' WHERE id = %s", [events[25].pk]
        )
    result = audit_verify(workers=4)
    assert not result.ok and result.kind == "modified" and result.first_break_seq == 26
    assert result.checked == 25


@pytest.mark.django_db(transaction=True)
def test_x1_concurrent_writers_queue_on_the_head_and_never_fork_the_chain():
    """Writers in parallel transactions each take the head's row lock (UPDATE … RETURNING):
    every event gets its own number, each follows the one before, and the chain verifies."""
    import threading

    from django.db import connections

    per_thread, threads = 15, 4
    errors = []

    def writer(n):
        try:
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(action=f"test.concurrent.{n}", details={"i": i})
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=writer, args=(n,)) for n in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert errors == []
    seqs = list(AuditEvent.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, per_thread * threads + 1))
    result = audit_verify()
    assert result.ok and result.checked == per_thread * threads


@on_postgres
def test_b7_an_event_costs_two_statements_inside_a_write():
    """B7: lock-and-number the head, then insert the event and move the head in one statement;
    no savepoint of its own. The overhead of an audited request is these round trips."""
    from django.test.utils import CaptureQueriesContext

    _events(1)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        event = audit_record(action="test.counted", details={"n": 1})
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 2, statements
    assert statements[0].startswith("UPDATE") and "RETURNING" in statements[0]
    assert statements[1].startswith("WITH event AS (INSERT")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.hash, stored.uuid) == (event.seq, event.hash, event.uuid)
    assert AuditHead.objects.get().last_hash == event.hash
    assert audit_verify().ok


def test_x1_events_appended_by_the_portable_path_chain_with_the_rest(monkeypatch):
    """The embedded default (SQLite) inserts and moves the head in two statements; on
    PostgreSQL the same chain continues in one. Both paths make one verifiable chain."""
    _events(2)
    monkeypatch.setattr(connection, "vendor", "sqlite")
    _events(2)
    monkeypatch.undo()
    _events(2)
    result = audit_verify()
    assert result.ok and result.checked == 6
    assert AuditHead.objects.get().last_seq == 6
