"""Writing and verifying the audit trail (X1).

``audit_record`` is called by services for every write, every confidential read or download,
every permission change and every sign-in. It joins the caller's transaction, so a write that
rolls back leaves no event; a refusal (outside any write) is committed on its own.

Each municipality has its own chain, and installation-wide events one more (issue 20): a writer
locks only its own chain's head until it commits, so writers of different municipalities never
wait for each other. ``portal.audit_verify`` checks every chain.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import hmac
import json
import uuid
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction

from portal.constants import AuditChannel, AuditResult
from portal.models import AuditEvent, AuditHead

GENESIS = "0" * 64
# The chain of events that belong to no municipality (sign-ins of unknown accounts, the service
# centre's work); every other chain is numbered by its municipality's id.
INSTALLATION_CHAIN = 0
# The installation-wide event number (AuditEvent.seq), made in migration 0012.
SEQUENCE = "portal_audit_seq"


@dataclass(frozen=True)
class Origin:
    channel: str = AuditChannel.CLI
    ip_address: str | None = None
    user_agent: str = ""
    request_id: str = ""


_origin: contextvars.ContextVar[Origin] = contextvars.ContextVar(
    "audit_origin",
    default=Origin(),  # noqa: B039 - Origin is frozen
)
# The request's user, looked up lazily: for events raised where the actor is not passed on
# (permission changes in the admin, signal-driven audit).
_actor_getter: contextvars.ContextVar = contextvars.ContextVar("audit_actor", default=None)


def set_actor_getter(getter) -> contextvars.Token:
    return _actor_getter.set(getter)


def reset_actor_getter(token: contextvars.Token) -> None:
    _actor_getter.reset(token)


def current_actor():
    """The signed-in user of the request being handled, or None (a command, a task)."""
    getter = _actor_getter.get()
    actor = getter() if getter is not None else None
    return actor if getattr(actor, "is_authenticated", False) else None


def set_origin(origin: Origin) -> contextvars.Token:
    return _origin.set(origin)


def reset_origin(token: contextvars.Token) -> None:
    _origin.reset(token)


def current_origin() -> Origin:
    return _origin.get()


def _key() -> bytes:
    return settings.AUDIT_HMAC_KEY.encode()


def _canonical(values: dict) -> bytes:
    return json.dumps(
        values, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    ).encode()


HASHED_FIELDS = (
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
)
# Stored with every event but not hashed (ADR 0004): a chain and a position are fixed by the
# chain's signed head and the links back to the genesis value; the hash itself.
UNHASHED_FIELDS = ("chain", "chain_seq", "hash")
# Every column an event is written with (all but the id), in one list: audit_record's insert
# and seed_scale's COPY both write these, so a field added to the hash reaches both or the
# seeder fails (issue 20 step 4; tests/portal/test_audit_fields.py holds it to the model).
STORED_FIELDS = (*HASHED_FIELDS, *UNHASHED_FIELDS)


def compute_hash(values: dict) -> str:
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["uuid"] = str(payload["uuid"])
    created = payload["created_at"]
    payload["created_at"] = created.astimezone(UTC).isoformat() if created else None
    return hmac.new(_key(), _canonical(payload), hashlib.sha256).hexdigest()


def sign_head(chain: int, last_seq: int, last_hash: str) -> str:
    """The signature of a chain's head: which chain, how long, and its last event's hash."""
    return hmac.new(
        _key(), f"head:{chain}:{last_seq}:{last_hash}".encode(), hashlib.sha256
    ).hexdigest()


def chain_of(municipality_id: int | None) -> int:
    """The chain an event of this municipality goes into (0: installation-wide events)."""
    return municipality_id or INSTALLATION_CHAIN


def _object_fields(obj) -> dict:
    if obj is None:
        return {"object_type": "", "object_id": "", "object_repr": ""}
    meta = obj._meta
    ident = getattr(obj, "uuid", None) or obj.pk
    return {
        "object_type": meta.label_lower,
        "object_id": str(ident),
        "object_repr": str(obj)[:300],
    }


def audit_record(
    *,
    action: str,
    actor=None,
    obj=None,
    result: str = AuditResult.SUCCESS,
    municipality=None,
    details: dict | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain. Joins the surrounding transaction if there is one."""
    origin = current_origin()
    fields = _object_fields(obj)
    if object_type:
        fields.update(object_type=object_type, object_id=object_id, object_repr=object_repr[:300])
    if actor is None and _actor_getter.get() is not None:
        actor = _actor_getter.get()()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if municipality is None:
        municipality_id = _municipality_of(obj) or (actor.municipality_id if actor else None)
    else:
        municipality_id = municipality.pk
    # Round-trip details through JSON so the stored value hashes the same when read back.
    clean_details = json.loads(json.dumps(details or {}, default=str))
    # No savepoint of its own (B7): inside a caller's transaction the event commits or rolls
    # back with the write it describes, and a failure here fails that write, as it should.
    chain = chain_of(municipality_id)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        chain_seq, prev_hash, seq = _reserve(cursor, chain)
        event = AuditEvent(
            seq=seq,
            chain=chain,
            chain_seq=chain_seq,
            uuid=uuid.uuid4(),
            created_at=datetime.now(UTC),
            actor_id=actor.pk if actor else None,
            actor_label=(actor_label or (actor.email if actor else ""))[:254],
            municipality_id=municipality_id,
            action=action,
            result=str(result),
            channel=str(origin.channel),
            ip_address=origin.ip_address,
            user_agent=origin.user_agent[:300],
            request_id=origin.request_id,
            details=clean_details,
            prev_hash=prev_hash,
            **fields,
        )
        event.hash = compute_hash({name: getattr(event, name) for name in HASHED_FIELDS})
        _append(cursor, event)
    return event


_HEAD = AuditHead._meta.db_table
# The two statements of an event, prepared once per database connection (B7: planning an
# insert into the partitioned table cost more than running it). A connection the statements
# were prepared on is kept here until it closes; a prepared statement lives as long as its
# session, survives a rolled-back transaction, and is planned again by PostgreSQL itself when
# the table changes (a new month's partition).
_RESERVE = "portal_audit_reserve"
_APPEND = "portal_audit_append"
_EXECUTE_RESERVE = "EXECUTE " + _RESERVE + " (%s)"
_prepared_on: weakref.WeakSet = weakref.WeakSet()


def _prepared(cursor) -> None:
    raw = connection.connection
    if raw in _prepared_on:
        return
    fields = _stored_fields()
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    n = len(fields)
    placeholders = ", ".join(f"${i}" for i in range(1, n + 1))
    statements = {
        _RESERVE: (
            f"PREPARE {_RESERVE} (bigint) AS SELECT last_seq + 1, last_hash, "  # noqa: S608 # nosec B608
            f"nextval('{SEQUENCE}') FROM {_HEAD} WHERE chain = $1 FOR UPDATE"
        ),
        _APPEND: (
            f"PREPARE {_APPEND} AS WITH event AS (INSERT INTO {AuditEvent._meta.db_table} "  # noqa: S608 # nosec B608
            f"({columns}) VALUES ({placeholders}) RETURNING id) "
            f"UPDATE {_HEAD} SET last_seq = ${n + 1}, last_hash = ${n + 2}, "
            f"signature = ${n + 3} FROM event WHERE {_HEAD}.chain = ${n + 4} RETURNING event.id"
        ),
    }
    # A connection this process did not see prepare them (none in practice) may hold them.
    cursor.execute(
        "SELECT name FROM pg_prepared_statements WHERE name = ANY(%s)", [list(statements)]
    )
    held = {name for (name,) in cursor.fetchall()}
    for name, sql in statements.items():
        if name not in held:
            # Only names from the models' own metadata are formatted in; values are parameters.
            cursor.execute(sql)  # nosemgrep: raw-sql-with-formatting - the model's own names
    _prepared_on.add(raw)


def _reserve(cursor, chain: int) -> tuple[int, str, int]:
    """Lock the chain's head and take the next position in it, with the installation-wide
    number: one statement (SELECT … FOR UPDATE). Writers of the same chain queue on this row
    lock until the holder commits, so the chain never forks; writers of other chains take
    other rows. The sequence never waits. The very first event of a chain makes its head."""
    _prepared(cursor)
    for _attempt in range(2):
        cursor.execute(_EXECUTE_RESERVE, [chain])
        row = cursor.fetchone()
        if row is not None:
            return row
        cursor.execute(  # nosemgrep: raw-sql-with-formatting - the model's own table name
            f"INSERT INTO {_HEAD} (chain, last_seq, last_hash, signature) "  # noqa: S608 # nosec B608
            "VALUES (%s, 0, %s, %s) ON CONFLICT (chain) DO NOTHING",
            [chain, GENESIS, sign_head(chain, 0, GENESIS)],
        )
    raise RuntimeError(f"the head of audit chain {chain} could not be locked")


@functools.cache
def _stored_fields() -> list:
    """The event's fields in STORED_FIELDS order."""
    return [AuditEvent._meta.get_field(name) for name in STORED_FIELDS]


@functools.cache
def _converters() -> list:
    """For each stored field, how its value reaches the database: the field's own conversion
    where the driver needs one (JSON, addresses, UUIDs), else the value as it is (B7: calling
    every field's conversion was a sixth of an event's cost)."""
    from django.db import models

    needs = (models.JSONField, models.GenericIPAddressField, models.UUIDField)
    return [
        (f.attname, f.get_db_prep_save if isinstance(f, needs) else None) for f in _stored_fields()
    ]


@functools.cache
def _execute_append() -> str:
    """``EXECUTE portal_audit_append (%s, …)``: one parameter per stored field, then the head's
    position, hash, signature and chain."""
    return "EXECUTE " + _APPEND + " (" + ", ".join(["%s"] * (len(STORED_FIELDS) + 4)) + ")"


def _append(cursor, event: AuditEvent) -> None:
    """Insert the event and move its chain's signed head to it, in one statement (B7: each
    round trip to the database is most of an audited request's overhead)."""
    signature = sign_head(event.chain, event.chain_seq, event.hash)
    values = []
    for attname, convert in _converters():
        value = getattr(event, attname)
        values.append(convert(value, connection) if convert is not None else value)
    cursor.execute(
        _execute_append(), [*values, event.chain_seq, event.hash, signature, event.chain]
    )
    event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias


def _municipality_of(obj):
    if obj is None:
        return None
    for attr in ("municipality_id",):
        value = getattr(obj, attr, None)
        if value:
            return value
    if obj._meta.label_lower == "portal.municipality":
        return obj.pk
    return None


def details_shown(details: dict | None) -> str:
    """X7: an event's details as people read them (the audit pages, the admin): everything but
    the rule id, which stays in the stored details for the auditors' tools and the tests."""
    shown = {key: value for key, value in (details or {}).items() if key != "rule"}
    return json.dumps(shown, indent=2, ensure_ascii=False, sort_keys=True)
