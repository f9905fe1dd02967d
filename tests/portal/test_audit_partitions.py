"""Issue 20 step 3 (X1, E2): the audit table is partitioned by month. Events land in their
month's partition, partitions are made ahead, every partition is append-only, and the verifier
walks chains across partitions and still finds tampering in an old month."""

from datetime import UTC, date, datetime

import pytest
from django.db import DatabaseError, connection, transaction

from portal import audit
from portal.audit import audit_record
from portal.audit_partitions import AHEAD, ensure_partitions, partitions
from portal.audit_verify import audit_verify
from portal.models import AuditEvent
from portal.scale import seed_audit_events
from portal.tasks import audit_partitions_ensure
from tests.factories import MunicipalityFactory
from tests.portal.audit_tampering import tampering

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _name(day: date) -> str:
    return f"portal_auditevent_p{day:%Y_%m}"


def _partition_of(event: AuditEvent) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tableoid::regclass::text FROM portal_auditevent WHERE id = %s", [event.pk]
        )
        return cursor.fetchone()[0]


def _month_after(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _at(moment: datetime):
    """audit_record's clock set to ``moment``."""

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return moment

    return Clock


def test_x1_the_audit_table_is_partitioned_by_month():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.partstrat, a.attname FROM pg_partitioned_table p "
            "JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] "
            "WHERE p.partrelid = 'portal_auditevent'::regclass"
        )
        assert cursor.fetchone() == ("r", "created_at")
    today = datetime.now(UTC).date()
    names = {name for name, _ in partitions()}
    months = {_name(_month_after(today, n)) for n in range(AHEAD + 1)}
    assert months <= names and "portal_auditevent_default" in names


def test_x1_an_event_lands_in_its_months_partition():
    event = audit_record(action="test.partition", municipality=MunicipalityFactory())
    assert _partition_of(event) == _name(event.created_at.date())
    assert audit_verify().ok


def test_x1_partitions_are_made_ahead_once(monkeypatch):
    today = datetime.now(UTC).date()
    result = ensure_partitions(ahead=AHEAD + 3)
    assert result.created == [_name(_month_after(today, n)) for n in (3, 4, 5)]
    assert ensure_partitions(ahead=AHEAD + 3).created == []
    assert audit_partitions_ensure() == 0  # the daily job: nothing left to make


def test_x1_an_event_of_a_month_without_partition_is_kept_by_the_default(monkeypatch):
    """Never refused: the default partition keeps it, and that month keeps using the default
    (a partition cannot be made over rows the default holds)."""
    later = _month_after(datetime.now(UTC).date(), AHEAD + 6)
    moment = datetime(later.year, later.month, 15, 12, tzinfo=UTC)
    monkeypatch.setattr(audit, "datetime", _at(moment))
    event = audit_record(action="test.far_ahead")
    assert _partition_of(event) == "portal_auditevent_default"
    result = ensure_partitions(since=later, ahead=AHEAD + 6)
    assert result.in_default == [later] and _name(later) not in result.created
    assert audit_verify().ok


def _two_years(town):
    """48 events of one chain, spread by seed_scale's writer over the last 730 days."""
    seed_audit_events(48, [(1, "persoon@partitie.example", town.pk)], lambda *a: None)
    return list(AuditEvent.objects.filter(chain=town.pk).order_by("chain_seq"))


def test_x1_every_partition_refuses_update_and_delete():
    events = _two_years(MunicipalityFactory())
    oldest = events[0]
    table = _partition_of(oldest)
    assert table != _partition_of(events[-1])
    for statement in (
        f"UPDATE {table} SET action = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [oldest.pk])
    assert AuditEvent.objects.get(pk=oldest.pk).action == oldest.action


def test_x1_a_chain_across_partitions_verifies_and_shows_tampering_in_an_old_month():
    town = MunicipalityFactory()
    events = _two_years(town)
    assert len({_partition_of(e) for e in events}) >= 20
    result = audit_verify(workers=4)
    assert result.ok and result.checked == 48, result.message
    audit_record(action="test.after_seed", municipality=town)
    assert audit_verify().ok

    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET actor_label = 'iemand anders' WHERE id = %s",
            [events[3].pk],
        )
    result = audit_verify(workers=4)
    assert not result.ok and (result.kind, result.first_break_seq) == ("modified", 4)
    assert result.chain == town.pk


def test_x1_an_event_moved_to_another_month_is_found():
    """Moving an event's time (and so its partition) changes what its hash covers."""
    town = MunicipalityFactory()
    events = _two_years(town)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE portal_auditevent SET created_at = created_at + interval '40 days' "
            "WHERE id = %s",
            [events[10].pk],
        )
    result = audit_verify(workers=1, parallel=False)
    assert not result.ok and (result.kind, result.first_break_seq) == ("modified", 11)
