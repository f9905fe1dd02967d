"""Issue 20 / B8: writers of different municipalities never wait for each other in the audit
trail. Two real connections in two threads: one holds its transaction open after writing its
event, the other must commit within a short lock timeout."""

import threading
import time

import pytest
from django.db import OperationalError, connection, connections, transaction

from portal.audit import audit_record
from portal.audit_verify import audit_verify
from portal.models import AuditEvent
from tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class Holder(threading.Thread):
    """Writes one event of ``municipality`` and keeps its transaction (and the chain head's
    row lock) open until released."""

    def __init__(self, municipality):
        super().__init__(daemon=True)
        self.municipality = municipality
        self.holding = threading.Event()
        self.release = threading.Event()
        self.error = None

    def run(self):
        try:
            with transaction.atomic():
                audit_record(action="test.holder", municipality=self.municipality)
                self.holding.set()
                self.release.wait(30)
        except Exception as exc:  # reported by the test
            self.error = exc
            self.holding.set()
        finally:
            connections.close_all()


def _write_in_thread(municipality, lock_timeout_ms):
    """One audited transaction on its own connection; (seconds, error)."""
    outcome = {}

    def run():
        started = time.monotonic()
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT set_config('lock_timeout', %s, true)", [f"{lock_timeout_ms}ms"]
                    )
                audit_record(action="test.other_writer", municipality=municipality)
            outcome["error"] = None
        except OperationalError as exc:
            outcome["error"] = exc
        finally:
            outcome["seconds"] = time.monotonic() - started
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(15)
    assert not thread.is_alive(), "the second writer hung"
    return outcome["seconds"], outcome["error"]


def test_b8_writers_of_different_municipalities_do_not_block_each_other():
    alfa, beta = MunicipalityFactory(slug="alfa-b8"), MunicipalityFactory(slug="beta-b8")
    audit_record(action="test.warm", municipality=beta)  # both chains exist already
    holder = Holder(alfa)
    holder.start()
    try:
        assert holder.holding.wait(10) and holder.error is None, holder.error
        # Another municipality's writer commits while Alfa's transaction is still open.
        seconds, error = _write_in_thread(beta, lock_timeout_ms=2000)
        assert error is None, error
        assert seconds < 2
        assert holder.is_alive() and not holder.release.is_set()
        # The control: a writer of the same municipality does wait for the holder's commit
        # (the chain never forks), so the test above would have seen a lock.
        seconds, error = _write_in_thread(alfa, lock_timeout_ms=300)
        assert error is not None and "lock timeout" in str(error)
        # An installation-wide event does not wait for a municipality's writer either.
        seconds, error = _write_in_thread(None, lock_timeout_ms=2000)
        assert error is None, error
    finally:
        holder.release.set()
        holder.join(10)
    assert holder.error is None
    assert AuditEvent.objects.filter(action="test.other_writer").count() == 2
    assert AuditEvent.objects.filter(action="test.holder").count() == 1
    result = audit_verify()
    assert result.ok and result.chains == 3, result.message


def test_b8_a_new_municipality_starts_its_chain_while_another_holds_its_own():
    """The first event of a municipality makes its chain's head: that too never waits for a
    writer of another municipality."""
    alfa = MunicipalityFactory(slug="alfa-nieuw")
    holder = Holder(alfa)
    holder.start()
    try:
        assert holder.holding.wait(10) and holder.error is None, holder.error
        newcomer = MunicipalityFactory(slug="nieuwkomer")
        _, error = _write_in_thread(newcomer, lock_timeout_ms=2000)
        assert error is None, error
    finally:
        holder.release.set()
        holder.join(10)
    event = AuditEvent.objects.get(action="test.other_writer")
    assert (event.chain, event.chain_seq) == (newcomer.pk, 1)
    assert audit_verify().ok
