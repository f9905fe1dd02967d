"""Verifying the audit trail (X1, E2): every chain, walked in parallel.

Each chain (one per municipality, one for installation-wide events; see ``portal.audit``) is
walked in order of its positions and checked against its signed head. Kinds of break:

- ``modified``: an event's content no longer matches its hash;
- ``deleted``: a position is missing from the chain;
- ``link``: an event does not follow the one before it in its chain (swapped, replaced or moved
  rows);
- ``tail``: events are missing after the last one: the head points further;
- ``head``: the head's signature is wrong, or the head is gone while its chain has events.

``manage.py verify_audit`` splits the work into spans (a whole small chain, or a part of a long
one) that a pool of forked processes walks, each with its own connection, and stitches the
spans of each chain together: a span's first event must follow the previous span's last.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.db import connection, connections, transaction

from portal.audit import GENESIS, HASHED_FIELDS, INSTALLATION_CHAIN, compute_hash, sign_head
from portal.models import AuditEvent, AuditHead, Municipality


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    first_break_seq: int | None = None  # the position in the chain (chain_seq)
    kind: str = ""
    message: str = ""
    chain: int | None = None
    chain_label: str = ""
    chains: int = 0
    # Every broken chain, when more than one is (the fields above describe the first).
    broken: list[VerifyResult] = field(default_factory=list)


@dataclass
class _Span:
    """What one walk over positions [lo, hi] of one chain found: the first row's prev_hash (to
    stitch to the span before), the last row's hash, and the first break inside the span."""

    chain: int
    lo: int
    first_prev: str | None = None
    last_hash: str | None = None
    last_seq: int = 0
    checked: int = 0
    broken: VerifyResult | None = None


_COLUMNS = [*HASHED_FIELDS, "hash", "chain_seq"]


def _rows(chain: int, lo: int, hi: int, chunk_size: int):
    """The hashed columns of the chain's events at positions [lo, hi], in order, through a
    server-side cursor without the ORM's row objects (about three times faster)."""
    table = AuditEvent._meta.db_table
    columns = ", ".join(connection.ops.quote_name(n) for n in _COLUMNS)
    with transaction.atomic():
        connection.ensure_connection()
        cursor = connection.connection.cursor(name=f"audit_verify_{chain}_{lo}")
        try:
            cursor.itersize = chunk_size
            # Only names from the model's own metadata are formatted in; values are parameters.
            cursor.execute(  # nosemgrep: raw-sql-with-formatting
                f"SELECT {columns} FROM {table} "  # noqa: S608 # nosec B608
                "WHERE chain = %s AND chain_seq BETWEEN %s AND %s ORDER BY chain_seq",
                [chain, lo, hi],
            )
            for row in cursor:
                values = dict(zip(_COLUMNS, row, strict=True))
                # Django reads jsonb as text here; hash it as the ORM would return it.
                if isinstance(values["details"], str):
                    values["details"] = json.loads(values["details"])
                yield values
        finally:
            cursor.close()


def _break(span: _Span, position: int, kind: str, message: str) -> _Span:
    span.broken = VerifyResult(False, span.checked, position, kind, message, chain=span.chain)
    return span


def _verify_span(chain: int, lo: int, hi: int, chunk_size: int = 5000) -> _Span:
    span = _Span(chain=chain, lo=lo)
    expected, prev_hash = lo, None
    for values in _rows(chain, lo, hi, chunk_size):
        position = values["chain_seq"]
        if position != expected:
            return _break(
                span,
                expected,
                "deleted",
                f"event #{expected} is missing (next present is #{position})",
            )
        if compute_hash(values) != values["hash"]:
            return _break(
                span, position, "modified", f"event #{position} was modified after it was written"
            )
        if chain != INSTALLATION_CHAIN and values["municipality_id"] != chain:
            return _break(
                span, position, "link", f"event #{position} belongs to another municipality"
            )
        if prev_hash is None:
            span.first_prev = values["prev_hash"]
        elif values["prev_hash"] != prev_hash:
            return _break(
                span,
                position,
                "link",
                f"event #{position} does not follow event #{position - 1} "
                "(rows swapped or replaced)",
            )
        prev_hash = values["hash"]
        expected += 1
        span.checked += 1
    span.last_hash, span.last_seq = prev_hash, expected - 1
    return span


def _verify_span_in_child(bounds):
    connections.close_all()  # never share the parent's connection
    try:
        return _verify_span(*bounds)
    finally:
        connections.close_all()


def _chain_result(head: AuditHead, bounds: list, spans: list[_Span]) -> VerifyResult:
    """Stitch one chain's spans together and hold the result against the chain's head."""
    chain = head.chain
    checked, prev_hash, last_seq = 0, GENESIS, 0
    for index, span in enumerate(spans):
        if span.checked and span.first_prev != prev_hash:
            return VerifyResult(
                False,
                checked,
                span.lo,
                "link",
                f"event #{span.lo} does not follow event #{span.lo - 1} (rows swapped or replaced)",
                chain=chain,
            )
        if span.broken is not None:
            span.broken.checked += checked
            return span.broken
        checked += span.checked
        if span.checked:
            prev_hash, last_seq = span.last_hash, span.last_seq
        if last_seq < bounds[index][2]:
            # This span ended early: a gap if a later span has rows, else a cut tail (below).
            if any(later.checked for later in spans[index + 1 :]):
                return VerifyResult(
                    False,
                    checked,
                    last_seq + 1,
                    "deleted",
                    f"event #{last_seq + 1} is missing",
                    chain=chain,
                )
            break
    if head.signature != sign_head(chain, head.last_seq, head.last_hash):
        return VerifyResult(
            False,
            checked,
            head.last_seq,
            "head",
            "the chain head's signature does not match",
            chain=chain,
        )
    if head.last_seq != last_seq or head.last_hash != prev_hash:
        return VerifyResult(
            False,
            checked,
            last_seq + 1,
            "tail",
            f"the chain ends at #{last_seq} but its head says "
            f"#{head.last_seq}: events were cut from the end",
            chain=chain,
        )
    return VerifyResult(True, checked, chain=chain)


def chain_labels(chains) -> dict[int, str]:
    """A readable name per chain, for messages: the municipality's name and id."""
    names = dict(
        Municipality.objects.filter(pk__in=[c for c in chains if c]).values_list("pk", "name")
    )
    return {
        chain: "installation-wide events (chain 0)"
        if chain == INSTALLATION_CHAIN
        else f"{names.get(chain, 'municipality')} (chain {chain})"
        for chain in chains
    }


def verify_chains(
    *, chunk_size: int = 5000, workers: int = 1, parallel: bool = True
) -> list[VerifyResult]:
    """The result of every chain, in chain order (see the module docstring).

    ``workers`` > 1 walks spans in that many forked processes, each with its own connection:
    only for committed data (manage.py verify_audit). Inside a transaction (a test, a caller's
    atomic block) or with ``parallel=False`` the spans are walked one after the other here.
    """
    # The heads first: events appended while the walk runs (the portal keeps working) are
    # after them and are checked next time, instead of looking like a cut tail.
    heads = {head.chain: head for head in AuditHead.objects.order_by("chain")}
    with connection.cursor() as cursor:
        table = AuditEvent._meta.db_table  # the model's own table name, no value
        cursor.execute(f"SELECT DISTINCT chain FROM {table}")  # noqa: S608 # nosec B608 # nosemgrep
        event_chains = {row[0] for row in cursor.fetchall()}
    results: dict[int, VerifyResult] = {}
    for chain in sorted(event_chains - heads.keys()):
        last = (
            AuditEvent.objects.filter(chain=chain)
            .order_by("-chain_seq")
            .values_list("chain_seq", flat=True)
            .first()
        )
        results[chain] = VerifyResult(
            False, 0, last, "head", "the signed chain head is gone", chain=chain
        )
    total = sum(head.last_seq for head in heads.values())
    step = max(1, -(-total // max(1, workers)))
    bounds = {
        chain: [
            (chain, lo, min(head.last_seq, lo + step - 1), chunk_size)
            for lo in range(1, head.last_seq + 1, step)
        ]
        for chain, head in heads.items()
    }
    work = [b for chain_bounds in bounds.values() for b in chain_bounds]
    # Forked workers need committed rows and the parent's connection closed.
    if parallel and workers > 1 and len(work) > 1 and not connection.in_atomic_block:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        connections.close_all()
        with ProcessPoolExecutor(
            min(workers, len(work)), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            walked = list(pool.map(_verify_span_in_child, work))
    else:
        walked = [_verify_span(*b) for b in work]
    spans_of: dict[int, list[_Span]] = {chain: [] for chain in heads}
    for span in walked:
        spans_of[span.chain].append(span)
    for chain, head in heads.items():
        results[chain] = _chain_result(head, bounds[chain], spans_of[chain])
    labels = chain_labels(results)
    ordered = [results[chain] for chain in sorted(results)]
    for result in ordered:
        result.chain_label = labels[result.chain]
        result.chains = 1
    return ordered


def audit_verify(
    *, chunk_size: int = 5000, workers: int = 1, parallel: bool = True
) -> VerifyResult:
    """Every chain verified; the first break found (by chain), with every broken chain in
    ``broken``. See :func:`verify_chains`."""
    results = verify_chains(chunk_size=chunk_size, workers=workers, parallel=parallel)
    checked = sum(r.checked for r in results)
    broken = [r for r in results if not r.ok]
    if not broken:
        return VerifyResult(True, checked, chains=len(results))
    first = broken[0]
    return VerifyResult(
        False,
        checked,
        first.first_break_seq,
        first.kind,
        f"{first.chain_label}: {first.message}",
        chain=first.chain,
        chain_label=first.chain_label,
        chains=len(results),
        broken=broken,
    )
