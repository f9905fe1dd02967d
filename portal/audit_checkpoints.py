"""Checkpoints of the audit chains outside the database (issue 20, X1, E2).

A chain's signed head proves that its events were not changed, but not that it was not cut
back: a database owner who saved an old signed head can truncate the chain behind it and put
the old head back, and the chain verifies. So once a day each chain's head is written to a file
in ``PORTAL_AUDIT_CHECKPOINT_DIR`` (a periodic job, ``portal.audit_export_checkpoints``): one
file per chain per day, signed with the audit key, never overwritten. The directory belongs on
storage the database's owner cannot change (another host, object storage with a retention
lock); the privacy officer downloads their municipality's files and keeps their own copies.

``manage.py verify_audit --checkpoints DIR`` then proves that every chain still holds, at the
position each checkpoint names, the event with the hash it names.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.audit import _canonical, _key, sign_head
from portal.models import AuditEvent, AuditHead

log = logging.getLogger(__name__)

VERSION = 1
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_SIGNED = ("version", "chain", "day", "exported_at", "last_seq", "last_hash", "head_signature")


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD day, or None (never an exception: the text may come from a URL)."""
    if not DAY.fullmatch(text or ""):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def checkpoint_dir() -> Path:
    return Path(settings.PORTAL_AUDIT_CHECKPOINT_DIR)


def checkpoint_path(directory: Path, chain: int, day: date) -> Path:
    return Path(directory) / f"chain-{chain}" / f"{day.isoformat()}.json"


def sign_checkpoint(payload: dict) -> str:
    signed = {name: payload[name] for name in _SIGNED}
    return hmac.new(_key(), b"checkpoint:" + _canonical(signed), hashlib.sha256).hexdigest()


def _write_once(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it exists; True if written. The bytes go to a new file
    (O_EXCL, read-only mode) that is then linked into place: ``link`` fails if the name exists,
    so a checkpoint is never overwritten and never seen half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        return False
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o444)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
    finally:
        temporary.unlink(missing_ok=True)
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return True


@dataclass
class ExportResult:
    day: date
    written: list[Path] = field(default_factory=list)
    existing: int = 0
    refused: list[int] = field(default_factory=list)  # chains whose head did not hold


def _heads_that_hold() -> tuple[list[AuditHead], list[int]]:
    """Every chain's head, and the chains whose head is not signed right or does not point at
    its chain's last event: those are not exported (a checkpoint must never bless a forgery)."""
    heads = list(AuditHead.objects.order_by("chain"))
    table, head_table = AuditEvent._meta.db_table, AuditHead._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(  # nosemgrep: raw-sql-with-formatting - the models' own table names
            f"SELECT h.chain, e.hash FROM {head_table} h "  # noqa: S608 # nosec B608
            f"JOIN {table} e ON e.chain = h.chain AND e.chain_seq = h.last_seq"
        )
        last_hashes = dict(cursor.fetchall())
    holding, refused = [], []
    for head in heads:
        signed = hmac.compare_digest(
            head.signature, sign_head(head.chain, head.last_seq, head.last_hash)
        )
        points = head.last_seq == 0 or last_hashes.get(head.chain) == head.last_hash
        (holding if signed and points else refused).append(head)
    return holding, [head.chain for head in refused]


def export_checkpoints(*, day: date | None = None, directory: Path | None = None) -> ExportResult:
    """Write today's checkpoint of every chain that has none yet (idempotent: run it hourly)."""
    day = day or timezone.localdate()
    directory = Path(directory or checkpoint_dir())
    result = ExportResult(day=day)
    heads, result.refused = _heads_that_hold()
    for chain in result.refused:
        log.error("audit checkpoint: the head of chain %s does not hold; not exported", chain)
    exported_at = datetime.now(UTC).isoformat()
    for head in heads:
        path = checkpoint_path(directory, head.chain, day)
        payload = {
            "version": VERSION,
            "chain": head.chain,
            "day": day.isoformat(),
            "exported_at": exported_at,
            "last_seq": head.last_seq,
            "last_hash": head.last_hash,
            "head_signature": head.signature,
        }
        payload["signature"] = sign_checkpoint(payload)
        data = (json.dumps(payload, indent=2, sort_keys=True) + "\n").encode()
        if _write_once(path, data):
            result.written.append(path)
        else:
            result.existing += 1
    return result


# --- reading them back: the privacy officer's downloads and verify_audit --checkpoints -------


def checkpoint_days(chain: int, directory: Path | None = None) -> list[date]:
    """The days with a checkpoint file of ``chain``, newest first."""
    folder = Path(directory or checkpoint_dir()) / f"chain-{chain}"
    if not folder.is_dir():
        return []
    days = [parse_day(entry.stem) for entry in folder.iterdir() if entry.suffix == ".json"]
    return sorted((day for day in days if day is not None), reverse=True)


@dataclass
class CheckpointProblem:
    chain: int | None
    path: Path
    kind: str  # "unsigned" (not made with the audit key) or "cut" (the chain fell behind it)
    message: str
    chain_label: str = ""


@dataclass
class CheckpointCheck:
    files: int = 0
    chains: int = 0
    problems: list[CheckpointProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _read(path: Path) -> dict | None:
    try:
        payload = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict) or any(name not in payload for name in _SIGNED):
        return None
    return payload


def verify_checkpoints(directory: Path) -> CheckpointCheck:
    """Every checkpoint file under ``directory`` (any depth: the export's folders, or the
    privacy officer's downloads in one folder) against the chains in the database: each must
    be signed with the audit key, and its chain must hold, at the position it names, the
    event with the hash it names. Run after the chains themselves verified (verify_audit)."""
    from portal.audit_verify import chain_labels

    check = CheckpointCheck()
    wanted: dict[int, list[tuple[Path, dict]]] = {}
    for path in sorted(Path(directory).rglob("*.json")):
        check.files += 1
        payload = _read(path)
        if payload is None or not hmac.compare_digest(
            str(payload.get("signature", "")), sign_checkpoint(payload)
        ):
            check.problems.append(
                CheckpointProblem(
                    payload.get("chain") if payload else None,
                    path,
                    "unsigned",
                    f"{path.name} is not a checkpoint signed with the audit key",
                )
            )
            continue
        wanted.setdefault(int(payload["chain"]), []).append((path, payload))
    check.chains = len(wanted)
    heads = {h.chain: h for h in AuditHead.objects.filter(chain__in=list(wanted))}
    for chain, checkpoints in sorted(wanted.items()):
        positions = [p["last_seq"] for _, p in checkpoints if p["last_seq"] > 0]
        stored = dict(
            AuditEvent.objects.filter(chain=chain, chain_seq__in=positions).values_list(
                "chain_seq", "hash"
            )
        )
        head = heads.get(chain)
        end = head.last_seq if head else 0
        for path, payload in sorted(checkpoints, key=lambda item: item[1]["last_seq"]):
            position = payload["last_seq"]
            if position == 0:
                continue
            if stored.get(position) == payload["last_hash"] and end >= position:
                continue
            cause = (
                f"the chain now ends at #{end}"
                if end < position or position not in stored
                else f"event #{position} is another event than the checkpoint's"
            )
            check.problems.append(
                CheckpointProblem(
                    chain,
                    path,
                    "cut",
                    f"cut back behind the checkpoint of {payload['day']} (#{position}): {cause}",
                )
            )
    labels = chain_labels({p.chain for p in check.problems if p.chain is not None})
    for problem in check.problems:
        problem.chain_label = labels.get(problem.chain, "an unknown chain")
    return check


# --- selectors: a person's own municipality's checkpoints ------------------------------------


def checkpoint_days_for(user) -> list[date]:
    """The days with a checkpoint of the user's municipality's chain, for those who may
    download them; none for anyone else (and for users of no municipality)."""
    if not user.has_perm("portal.download_audit_checkpoints") or not user.municipality_id:
        return []
    return checkpoint_days(user.municipality_id)


def checkpoint_file_for(user, day: str) -> tuple[Path, date]:
    """The checkpoint file of ``day`` (YYYY-MM-DD) of the user's municipality's chain, or a
    404, audited as a miss (A3). The path is made from the user's own chain and a parsed date,
    never from the request's text."""
    from django.http import Http404

    from portal.audit import audit_record
    from portal.constants import AuditResult

    parsed = parse_day(day)
    if parsed is not None and parsed in checkpoint_days_for(user):
        return checkpoint_path(checkpoint_dir(), user.municipality_id, parsed), parsed
    audit_record(
        action="access.not_found",
        actor=user,
        result=AuditResult.DENIED,
        object_type="portal.auditcheckpoint",
        object_id=str(day)[:64],
        details={"lookup": {"day": str(day)[:20]}},
    )
    raise Http404
