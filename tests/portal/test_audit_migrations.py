"""Issue 20: the audit trail's migrations on a populated database. Events written before the
chains existed (one chain for the whole installation, before migration 0012) still verify after
migrating, as the installation-wide chain, and every chain continues from there."""

import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from portal.audit import GENESIS, audit_record, compute_hash
from portal.audit_verify import audit_verify
from portal.models import AuditEvent, AuditHead
from tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

BEFORE_CHAINS = [("portal", "0011_administrator_without_schedules")]
LEGACY_COLUMNS = [
    "seq",
    "uuid",
    "created_at",
    "actor_id",
    "actor_label",
    "municipality_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "result",
    "channel",
    "ip_address",
    "user_agent",
    "request_id",
    "details",
    "prev_hash",
    "hash",
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _leaf():
    """Every app's latest migration, not only the portal's: going back to portal 0011 also
    unapplies the migrations of other apps that depend on later portal ones (ris, the RIS ids
    of privacy_policy), and migrating forward to the portal's leaf alone left them out for
    every test after this one."""
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


def _legacy_chain(count: int, *, forge_head: bool = False) -> str:
    """``count`` events as the single-chain code wrote them, and their signed head."""
    import json

    prev, start = GENESIS, datetime.now(UTC) - timedelta(days=90)
    rows = []
    for n in range(1, count + 1):
        values = {
            "seq": n,
            "uuid": uuid.uuid4(),
            "created_at": start + timedelta(minutes=n),
            "actor_id": None,
            "actor_label": f"persoon{n % 7}@legacy.example",
            "municipality_id": (n % 3) or None,
            "action": "legacy.event",
            "object_type": "",
            "object_id": "",
            "object_repr": "",
            "result": "success",
            "channel": "web",
            "ip_address": "192.0.2.1",
            "user_agent": "legacy",
            "request_id": "",
            "details": {"n": n},
            "prev_hash": prev,
        }
        values["hash"] = prev = compute_hash(values)
        rows.append(values)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO portal_auditevent ({', '.join(LEGACY_COLUMNS)}) "
            f"VALUES ({', '.join(['%s'] * len(LEGACY_COLUMNS))})",
            [
                [
                    json.dumps(r[c]) if c == "details" else str(r[c]) if c == "uuid" else r[c]
                    for c in LEGACY_COLUMNS
                ]
                for r in rows
            ],
        )
        signed = f"head:{count}:{prev}"
        signature = hmac.new(
            settings.AUDIT_HMAC_KEY.encode(), signed.encode(), hashlib.sha256
        ).hexdigest()
        if forge_head:
            signature = "f" * 64
        cursor.execute(
            "INSERT INTO portal_audithead (id, last_seq, last_hash, signature) "
            "VALUES (1, %s, %s, %s)",
            [count, prev, signature],
        )
    return prev


@pytest.fixture
def before_chains():
    """The database as it was before the chains (portal 0011), emptied of audit rows; put
    back to the latest migration afterwards whatever the test did."""
    leaf = _leaf()
    _migrate(BEFORE_CHAINS)
    yield
    _migrate(leaf)


def test_x1_migrating_a_populated_single_chain_keeps_it_verifiable(before_chains):
    last_hash = _legacy_chain(2_000)
    _migrate(_leaf())

    head = AuditHead.objects.get()
    assert (head.chain, head.last_seq, head.last_hash) == (0, 2_000, last_hash)
    assert list(AuditEvent.objects.order_by("seq").values_list("chain_seq", flat=True)[:3]) == [
        1,
        2,
        3,
    ]
    result = audit_verify()
    assert result.ok and result.checked == 2_000, result.message

    # New events: an installation-wide one continues chain 0, a municipality starts its own,
    # and the installation-wide number goes on after the old ones.
    town = MunicipalityFactory(slug="na-migratie")
    wide = audit_record(action="test.after_migration")
    own = audit_record(action="test.after_migration", municipality=town)
    assert (wide.chain, wide.chain_seq) == (0, 2_001)
    assert (own.chain, own.chain_seq) == (town.pk, 1)
    assert wide.seq > 2_000 and own.seq > wide.seq
    result = audit_verify()
    assert result.ok and result.checked == 2_002 and result.chains == 2, result.message


def test_x1_migrating_does_not_bless_a_forged_head(before_chains):
    """The head is signed again in its new form only if its old signature holds."""
    _legacy_chain(20, forge_head=True)
    _migrate(_leaf())
    result = audit_verify()
    assert not result.ok and result.kind == "head" and result.chain == 0
