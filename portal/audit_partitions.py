"""The audit table's monthly partitions (issue 20 step 3; migration 0015).

The audit table is partitioned by month of ``created_at``. ``ensure_partitions`` makes the
partitions from a month (this one by default) up to ``AHEAD`` months ahead, through the
database function ``portal_audit_partition`` of migration 0015; the periodic job
``portal.audit_partitions_ensure`` runs it daily, and ``seed_scale`` for the months it fills.
An event of a month without a partition is kept by the default partition, never refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.db import connection

from portal.models import AuditEvent

logger = logging.getLogger(__name__)

# Months made ahead of the current one: a daily job that stops for weeks still leaves room.
AHEAD = 2


@dataclass
class PartitionResult:
    created: list[str] = field(default_factory=list)
    # Months whose events already sit in the default partition (no partition is made for them).
    in_default: list[date] = field(default_factory=list)


def _months(first: date, last: date):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def ensure_partitions(*, since: date | None = None, ahead: int = AHEAD) -> PartitionResult:
    """Make the partitions of every month from ``since`` (default: this month, UTC) to
    ``ahead`` months after this one; months that have one are left alone."""
    today = datetime.now(UTC).date()
    last = date(today.year + (today.month - 1 + ahead) // 12, (today.month - 1 + ahead) % 12 + 1, 1)
    result = PartitionResult()
    with connection.cursor() as cursor:
        for month in _months(since or today, last):
            cursor.execute("SELECT portal_audit_partition(%s)", [month])
            made = cursor.fetchone()[0]
            if made == "default":
                result.in_default.append(month)
            elif made:
                result.created.append(made)
    if result.created:
        logger.info("audit partitions created: %s", ", ".join(result.created))
    if result.in_default:
        logger.warning("audit events of months without a partition: %s", result.in_default)
    return result


def partitions() -> list[tuple[str, str]]:
    """(name, bounds) of every partition of the audit table, in the order of their bounds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass "
            "ORDER BY c.relname",
            [AuditEvent._meta.db_table],
        )
        return cursor.fetchall()
