"""Periodic jobs of the shared core."""

import time
from datetime import timedelta

from celery import shared_task

from portal import audit_checkpoints, audit_partitions, notifications
from portal.audit import audit_record
from portal.background import PeriodicJob, background_task, register_periodic, relay
from portal.constants import AuditResult

register_periodic(
    PeriodicJob(
        name="portal.outbox_relay",
        every=timedelta(seconds=30),
        description="Verstuurt achtergrondwerk opnieuw dat (nog) niet is gedaan.",
    )
)


@shared_task(name="portal.outbox_relay", acks_late=True, ignore_result=True)
def outbox_relay():
    return relay()


@background_task("portal.background_selftest")
def background_selftest(*, token: str, sleep_seconds: float = 0):
    """Operations' end-to-end check of the background pipeline (and the tests' probe): leaves
    one audit event carrying ``token``. ``sleep_seconds`` then holds the transaction open with
    the event written but not committed, as a real body is between its writes and the commit,
    so a test that kills the worker mid-task sees the effect roll back with it (F5)."""
    audit_record(action="background.selftest", details={"token": token})
    if sleep_seconds:
        time.sleep(sleep_seconds)


# --- notifications (X2) ------------------------------------------------------------------------

register_periodic(
    PeriodicJob(
        name="portal.send_daily_digests",
        at_hour=7,
        description="Stuurt het dagoverzicht van meldingen aan wie daarvoor heeft gekozen.",
    )
)


@background_task("portal.send_notification_emails")
def send_notification_emails(*, uuids):
    return notifications.send_notification_emails(uuids=uuids)


@shared_task(name="portal.send_daily_digests", acks_late=True, ignore_result=True)
def send_daily_digests():
    return notifications.send_daily_digests()


# --- the audit chains' checkpoints outside the database (issue 20) ----------------------------

register_periodic(
    PeriodicJob(
        name="portal.audit_export_checkpoints",
        every=timedelta(hours=1),
        description=(
            "Schrijft eenmaal per dag het ondertekende einde van elke auditketen naar een "
            "bestand dat niet meer wordt overschreven (controlepunt)."
        ),
    )
)


@shared_task(name="portal.audit_export_checkpoints", acks_late=True, ignore_result=True)
def audit_export_checkpoints():
    """Hourly, so that a missed run (a worker down at night) costs an hour, not a day; each
    chain gets one file per day, the first run of the day writes it, later runs find it."""
    result = audit_checkpoints.export_checkpoints()
    if result.written or result.refused:
        audit_record(
            action="audit.checkpoints_exported",
            result=AuditResult.FAILURE if result.refused else AuditResult.SUCCESS,
            details={
                "day": result.day.isoformat(),
                "written": len(result.written),
                "refused_chains": result.refused,
            },
        )
    return len(result.written)


# --- the audit table's monthly partitions (issue 20) ------------------------------------------

register_periodic(
    PeriodicJob(
        name="portal.audit_partitions_ensure",
        every=timedelta(days=1),
        description="Maakt de maanddelen van de audittrail twee maanden vooruit aan.",
    )
)


@shared_task(name="portal.audit_partitions_ensure", acks_late=True, ignore_result=True)
def audit_partitions_ensure():
    """Daily and idempotent: a month that has its partition is left alone."""
    return len(audit_partitions.ensure_partitions().created)
