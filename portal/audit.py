"""Writing and verifying the audit trail (X1).

``audit_record`` is called by services for every write, every confidential read or download,
every permission change and every sign-in. It joins the caller's transaction, so a write that
rolls back leaves no event; a refusal (outside any write) is committed on its own.
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection, transaction

from portal.constants import AuditChannel, AuditResult
from portal.models import AuditEvent, AuditHead

GENESIS = "0" * 64


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


def compute_hash(values: dict) -> str:
    payload = {name: values[name] for name in HASHED_FIELDS}
    payload["uuid"] = str(payload["uuid"])
    created = payload["created_at"]
    payload["created_at"] = created.astimezone(UTC).isoformat() if created else None
    return hmac.new(_key(), _canonical(payload), hashlib.sha256).hexdigest()


def sign_head(last_seq: int, last_hash: str) -> str:
    return hmac.new(_key(), f"head:{last_seq}:{last_hash}".encode(), hashlib.sha256).hexdigest()


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
    with transaction.atomic(savepoint=False):
        last_seq, prev_hash = _reserve_seq()
        event = AuditEvent(
            seq=last_seq,
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
        _append(event)
    return event


_HEAD = AuditHead._meta.db_table


def _reserve_seq() -> tuple[int, str]:
    """Lock the chain head and take the next number: one statement (UPDATE … RETURNING), where
    SELECT … FOR UPDATE and a save were two. Concurrent writers queue on this row lock until
    the holder commits, so the chain never forks."""
    with connection.cursor() as cursor:
        for _attempt in range(2):
            cursor.execute(  # nosemgrep: raw-sql-with-formatting - the model's own table name
                f"UPDATE {_HEAD} SET last_seq = last_seq + 1 WHERE id = 1 "  # noqa: S608 # nosec B608 - the model's own table name
                "RETURNING last_seq, last_hash"
            )
            row = cursor.fetchone()
            if row is not None:
                return row
            AuditHead.objects.get_or_create(pk=1)  # the very first event of a new database
    raise RuntimeError("the audit chain head could not be locked")


@functools.cache
def _append_statement() -> tuple[list, str]:
    """The event's columns and the insert-and-move-the-head statement, made once per process.
    Only names from the models' own metadata are formatted in; values are parameters."""
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    sql = (
        f"WITH event AS (INSERT INTO {AuditEvent._meta.db_table} ({columns}) "  # noqa: S608 # nosec B608
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING id) "
        f"UPDATE {_HEAD} SET last_hash = %s, signature = %s FROM event WHERE {_HEAD}.id = 1 "
        "RETURNING event.id"
    )
    return fields, sql


def _append(event: AuditEvent) -> None:
    """Insert the event and move the signed head to it. On PostgreSQL both in one statement
    (B7: each round trip to the database is most of an audited request's overhead)."""
    signature = sign_head(event.seq, event.hash)
    if connection.vendor != "postgresql":
        event.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(last_hash=event.hash, signature=signature)
        return
    fields, sql = _append_statement()
    values = [f.get_db_prep_save(getattr(event, f.attname), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, event.hash, signature])
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


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_break_seq: int | None = None
    kind: str = ""
    message: str = ""


@dataclass
class _Span:
    """What one walk over ``seq`` in [lo, hi] found: the first row's prev_hash (to stitch to
    the span before), the last row's hash, and the first break inside the span."""

    lo: int
    first_prev: str | None = None
    last_hash: str | None = None
    last_seq: int = 0
    checked: int = 0
    broken: VerifyResult | None = None


def _rows(lo: int, hi: int, chunk_size: int):
    """The hashed columns of the events in [lo, hi], in order. On PostgreSQL a server-side
    cursor without the ORM's row objects (about three times faster over a million rows)."""
    names = [*HASHED_FIELDS, "hash"]
    if connection.vendor != "postgresql":
        rows = AuditEvent.objects.filter(seq__gte=lo, seq__lte=hi).order_by("seq")
        for row in rows.values_list(*names).iterator(chunk_size=chunk_size):
            yield dict(zip(names, row, strict=True))
        return
    table = AuditEvent._meta.db_table
    columns = ", ".join(connection.ops.quote_name(n) for n in names)
    with transaction.atomic():
        connection.ensure_connection()
        cursor = connection.connection.cursor(name=f"audit_verify_{lo}")
        try:
            cursor.itersize = chunk_size
            # Only names from the model's own metadata are formatted in; values are parameters.
            cursor.execute(  # nosemgrep: raw-sql-with-formatting
                f"SELECT {columns} FROM {table} WHERE seq BETWEEN %s AND %s ORDER BY seq",  # noqa: S608 # nosec B608
                [lo, hi],
            )
            for row in cursor:
                values = dict(zip(names, row, strict=True))
                # Django reads jsonb as text on PostgreSQL; hash it as the ORM would return it.
                if isinstance(values["details"], str):
                    values["details"] = json.loads(values["details"])
                yield values
        finally:
            cursor.close()


def _verify_span(lo: int, hi: int, chunk_size: int = 5000) -> _Span:
    span = _Span(lo=lo)
    expected_seq, prev_hash = lo, None
    for values in _rows(lo, hi, chunk_size):
        seq = values["seq"]
        if seq != expected_seq:
            span.broken = VerifyResult(
                False,
                span.checked,
                expected_seq,
                "deleted",
                f"event #{expected_seq} is missing (next present is #{seq})",
            )
            return span
        if compute_hash(values) != values["hash"]:
            span.broken = VerifyResult(
                False,
                span.checked,
                seq,
                "modified",
                f"event #{seq} was modified after it was written",
            )
            return span
        if prev_hash is None:
            span.first_prev = values["prev_hash"]
        elif values["prev_hash"] != prev_hash:
            span.broken = VerifyResult(
                False,
                span.checked,
                seq,
                "link",
                f"event #{seq} does not follow event #{seq - 1} (rows swapped or replaced)",
            )
            return span
        prev_hash = values["hash"]
        expected_seq += 1
        span.checked += 1
    span.last_hash, span.last_seq = prev_hash, expected_seq - 1
    return span


def _verify_span_in_child(bounds):
    from django.db import connections

    connections.close_all()  # never share the parent's connection
    try:
        return _verify_span(*bounds)
    finally:
        connections.close_all()


def audit_verify(
    *, chunk_size: int = 5000, workers: int = 1, parallel: bool = True
) -> VerifyResult:
    """Walk the chain in order and report the first broken link.

    Kinds: ``modified`` (a row's content no longer matches its hash), ``deleted`` (a gap in
    the sequence), ``link`` (a row does not follow the one before it: swapped or replaced rows),
    ``tail`` (rows missing after the last one: the head points further), ``head`` (the head's
    signature is wrong).

    ``workers`` > 1 splits the sequence into spans walked by that many processes (forked, each
    with its own connection) and stitches them: each span's first event must follow the
    previous span's last. Only for committed data (manage.py verify_audit); ``parallel=False``
    walks the spans one after the other in this process (the stitching, inside a transaction).
    """
    # The head first: events appended while the walk runs (the portal keeps working) are
    # after it and are checked next time, instead of looking like a cut tail.
    head = AuditHead.objects.filter(pk=1).first()
    if head is None:
        if AuditEvent.objects.exists():
            last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
            return VerifyResult(False, 0, last, "head", "the signed chain head is gone")
        return VerifyResult(True, 0)
    end = head.last_seq
    step = max(1, -(-end // max(1, workers)))
    bounds = [(lo, min(end, lo + step - 1), chunk_size) for lo in range(1, end + 1, step)]
    # Forked workers need committed rows and the parent's connection closed: not inside a
    # transaction (a test, a caller's atomic block), where the spans are walked here instead.
    if parallel and len(bounds) > 1 and not connection.in_atomic_block:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from django.db import connections

        connections.close_all()
        with ProcessPoolExecutor(
            len(bounds), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            spans = list(pool.map(_verify_span_in_child, bounds))
    else:
        spans = [_verify_span(*b) for b in bounds] or [_Span(lo=1, last_hash=GENESIS)]
    checked, prev_hash, last_seq = 0, GENESIS, 0
    for index, span in enumerate(spans):
        if span.checked and span.first_prev != prev_hash:
            return VerifyResult(
                False,
                checked,
                span.lo,
                "link",
                f"event #{span.lo} does not follow event #{span.lo - 1} (rows swapped or replaced)",
            )
        if span.broken is not None:
            span.broken.checked += checked
            return span.broken
        checked += span.checked
        if span.checked:
            prev_hash, last_seq = span.last_hash, span.last_seq
        if index < len(bounds) and last_seq < bounds[index][1]:
            # This span ended early: a gap if a later span has rows, else a cut tail (below).
            if any(later.checked for later in spans[index + 1 :]):
                return VerifyResult(
                    False, checked, last_seq + 1, "deleted", f"event #{last_seq + 1} is missing"
                )
            break
    if head.signature != sign_head(head.last_seq, head.last_hash):
        return VerifyResult(
            False, checked, head.last_seq, "head", "the chain head's signature does not match"
        )
    if head.last_seq != last_seq or head.last_hash != prev_hash:
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            "tail",
            f"the chain ends at #{last_seq} but its head says "
            f"#{head.last_seq}: events were cut from the end",
        )
    return VerifyResult(True, checked)
