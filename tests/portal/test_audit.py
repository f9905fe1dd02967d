"""X1 / E2: the audit trail is append-only and tampering is detected, in every chain (one per
municipality and one for installation-wide events; issue 20)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from portal.audit import audit_record
from portal.audit_verify import audit_verify, verify_chains
from portal.constants import AuditResult
from portal.models import AuditEvent, AuditHead
from portal.roles import Role
from tests.factories import MunicipalityFactory
from tests.portal.audit_tampering import tampering

pytestmark = pytest.mark.django_db


# One walk per chain, or each chain in spans stitched together (what verify_audit's workers
# do): three chains of five events in spans of at most two.
SPANS = pytest.mark.parametrize("workers", [1, 8], ids=["one-walk", "spans"])
# The chain that is tampered with: the installation-wide one or a municipality's, while the
# events of three chains are interleaved.
CHAINS = pytest.mark.parametrize("target", ["installation", "municipality"])


def _events(n, municipality=None):
    return [
        audit_record(action=f"test.event{i}", details={"i": i}, municipality=municipality)
        for i in range(n)
    ]


def _three_chains(target):
    """Five events in each of three chains, interleaved; returns the target chain's events
    and its chain number."""
    towns = [None, MunicipalityFactory(slug="keten-a"), MunicipalityFactory(slug="keten-b")]
    written = {town: [] for town in towns}
    for i in range(5):
        for town in towns:
            written[town].append(audit_record(action=f"test.event{i}", municipality=town))
    town = None if target == "installation" else towns[1]
    return written[town], (town.pk if town else 0)


def _assert_only_broken(chain, kind, position):
    """The tampered chain is reported, with the kind and position of its first break; the
    other chains verify."""
    result = audit_verify(workers=1, parallel=False)
    assert not result.ok and result.chain == chain, result
    assert result.kind == kind and result.first_break_seq == position, result
    assert [r.chain for r in result.broken] == [chain]
    assert all(r.ok for r in verify_chains() if r.chain != chain)
    return result


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
@CHAINS
def test_x1_verify_detects_a_modified_row(workers, target):
    events, chain = _three_chains(target)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET details = %s WHERE id = %s",
            [json.dumps({"i": 99}), events[2].pk],
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "modified" and result.first_break_seq == 3
    assert result.chain == chain
    _assert_only_broken(chain, "modified", 3)


@SPANS
@CHAINS
def test_x1_verify_detects_a_deleted_row(workers, target):
    events, chain = _three_chains(target)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id = %s", [events[1].pk])
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "deleted" and result.first_break_seq == 2
    _assert_only_broken(chain, "deleted", 2)


@SPANS
@CHAINS
@pytest.mark.parametrize("column", ["seq", "chain_seq"])
def test_x1_verify_detects_swapped_rows(workers, target, column):
    """Rows change places: by their installation-wide number (which each row's hash covers)
    or by their position in the chain (which the link to the row before covers)."""
    events, chain = _three_chains(target)
    a, b = events[1], events[3]
    with tampering() as cursor:
        # Swap the numbers: the rows keep their own hashes but change places.
        update = f"UPDATE portal_auditevent SET {column} = %s WHERE id = %s"
        cursor.execute(update, [-1, a.pk])
        cursor.execute(update, [getattr(a, column), b.pk])
        cursor.execute(update, [getattr(b, column), a.pk])
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind in {"modified", "link"} and result.first_break_seq == 2
    assert result.chain == chain


@SPANS
@CHAINS
def test_x1_verify_detects_a_cut_tail(workers, target):
    events, chain = _three_chains(target)
    with tampering() as cursor:
        cursor.execute(
            "DELETE FROM portal_auditevent WHERE id IN (%s, %s)", [events[3].pk, events[4].pk]
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "tail" and result.first_break_seq == 4
    _assert_only_broken(chain, "tail", 4)


@SPANS
@CHAINS
def test_x1_verify_detects_a_forged_head(workers, target):
    events, chain = _three_chains(target)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id = %s", [events[4].pk])
        cursor.execute(
            "UPDATE portal_audithead SET last_seq = %s, last_hash = %s WHERE chain = %s",
            [events[3].chain_seq, events[3].hash, chain],
        )
    result = audit_verify(workers=workers, parallel=False)
    assert not result.ok and result.kind == "head" and result.chain == chain


@CHAINS
def test_x1_verify_detects_a_head_copied_from_another_chain(target):
    """Each head's signature names its chain: another chain's valid head does not fit."""
    _, chain = _three_chains(target)
    donor = AuditHead.objects.exclude(chain=chain).first()
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_audithead SET last_seq = %s, last_hash = %s, signature = %s "
            "WHERE chain = %s",
            [donor.last_seq, donor.last_hash, donor.signature, chain],
        )
    _assert_only_broken(chain, "head", 5)


@CHAINS
def test_x1_verify_detects_a_deleted_head(target):
    _, chain = _three_chains(target)
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_audithead WHERE chain = %s", [chain])
    result = _assert_only_broken(chain, "head", 5)
    assert "gone" in result.message


@CHAINS
def test_x1_verify_detects_an_event_moved_to_another_chain(target):
    """An event moved into another chain, in the place of that chain's last event, does not
    belong there: its link names another predecessor (and a municipality's chain holds only
    that municipality's events, whose id is part of each hash). Its own chain has a gap."""
    events, chain = _three_chains(target)
    other = AuditEvent.objects.exclude(chain=chain).order_by("seq").first()
    with tampering() as cursor:
        cursor.execute("DELETE FROM portal_auditevent WHERE id = %s", [events[4].pk])
        cursor.execute(
            "UPDATE portal_auditevent SET chain = %s, chain_seq = 5 WHERE id = %s",
            [chain, other.pk],
        )
    result = audit_verify(workers=1, parallel=False)
    kinds = {r.chain: (r.kind, r.first_break_seq) for r in result.broken}
    assert kinds == {chain: ("link", 5), other.chain: ("deleted", 1)}


def test_x1_verify_audit_command_reports_the_first_broken_link():
    events = _events(4)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "4 events verified in 1 chains" in out.getvalue()
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
    assert AuditHead.objects.get(chain=0).last_seq == 3
    positions = AuditEvent.objects.order_by("seq").values_list("chain_seq", flat=True)
    assert list(positions) == [1, 2, 3]


@pytest.mark.django_db(transaction=True)
def test_x1_verify_in_parallel_processes_checks_every_event_and_finds_a_break():
    """B7: verify_audit walks the chains, and spans of long ones, in forked processes, each
    with its own connection (committed data: a transactional test)."""
    town = MunicipalityFactory(slug="parallel")
    events = _events(40)
    _events(10, municipality=town)
    result = audit_verify(workers=4)
    assert result.ok and result.checked == 50 and result.chains == 2
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET action = 'forged' WHERE id = %s", [events[25].pk]
        )
    result = audit_verify(workers=4)
    assert not result.ok and result.kind == "modified" and result.first_break_seq == 26
    assert result.chain == 0 and [r.chain for r in result.broken] == [0]


@pytest.mark.django_db(transaction=True)
def test_x1_concurrent_writers_queue_on_the_head_and_never_fork_the_chain():
    """Writers of the same chain in parallel transactions each take that chain's head (UPDATE
    … RETURNING): every event gets its own position, each follows the one before, and every
    chain verifies. Two writers per chain, two chains."""
    import threading

    from django.db import connections

    towns = [None, MunicipalityFactory(slug="gelijktijdig")]
    per_thread, threads = 15, 4
    errors = []

    def writer(n):
        try:
            for i in range(per_thread):
                with transaction.atomic():
                    audit_record(
                        action=f"test.concurrent.{n}", details={"i": i}, municipality=towns[n % 2]
                    )
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
    for chain in (0, towns[1].pk):
        rows = AuditEvent.objects.filter(chain=chain).order_by("chain_seq")
        positions = list(rows.values_list("chain_seq", flat=True))
        assert positions == list(range(1, per_thread * 2 + 1))
        numbers = list(rows.values_list("seq", flat=True))
        assert numbers == sorted(numbers)  # the installation-wide order follows each chain
    result = audit_verify()
    assert result.ok and result.checked == per_thread * threads


def test_b7_an_event_costs_two_statements_inside_a_write():
    """B7: lock-and-number the chain's head, then insert the event and move the head in one
    statement; no savepoint of its own. Both statements are prepared once per connection, so
    an event is two round trips and no planning."""
    from django.test.utils import CaptureQueriesContext

    _events(1)
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        event = audit_record(action="test.counted", details={"n": 1})
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == 2, statements
    assert statements[0].startswith("EXECUTE portal_audit_reserve")
    assert statements[1].startswith("EXECUTE portal_audit_append")
    stored = AuditEvent.objects.get(pk=event.pk)
    assert (stored.seq, stored.hash, stored.uuid) == (event.seq, event.hash, event.uuid)
    assert (stored.chain, stored.chain_seq) == (0, 2)
    head = AuditHead.objects.get(chain=0)
    assert (head.last_seq, head.last_hash) == (2, event.hash)
    assert audit_verify().ok


@pytest.mark.django_db(transaction=True)
def test_b7_the_statements_survive_a_rolled_back_write_and_a_new_connection():
    """The prepared statements outlive a rolled-back transaction (PostgreSQL keeps them for
    the session), and a new connection prepares them again before its first event."""
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(action="test.rolled_back")
        raise RuntimeError("the write fails")
    assert not AuditEvent.objects.filter(action="test.rolled_back").exists()
    first = audit_record(action="test.after_rollback")
    connection.close()
    second = audit_record(action="test.new_connection")
    assert second.chain_seq == first.chain_seq + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'portal_audit_%%'"
        )
        assert cursor.fetchone()[0] == 2
    assert audit_verify().ok


def test_x1_a_municipality_event_goes_into_its_own_chain():
    """Events of a municipality chain there from position 1; events of no municipality go
    into the installation-wide chain; each chain has its own head."""
    alfa, beta = MunicipalityFactory(slug="eigen-a"), MunicipalityFactory(slug="eigen-b")
    _events(2)
    mine = _events(3, municipality=alfa)
    theirs = _events(1, municipality=beta)
    assert [(e.chain, e.chain_seq) for e in mine] == [(alfa.pk, n) for n in (1, 2, 3)]
    assert (theirs[0].chain, theirs[0].chain_seq) == (beta.pk, 1)
    heads = dict(AuditHead.objects.values_list("chain", "last_seq"))
    assert heads == {0: 2, alfa.pk: 3, beta.pk: 1}
    assert audit_verify().ok
