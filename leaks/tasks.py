"""Background work of leak cases: the breach deadline reminders (L8) and the retention of
breach records (flagging, a beat job; destruction after approval, an outbox task)."""

from datetime import timedelta

from celery import shared_task

from portal.registry import PeriodicJob, background_task, register_periodic

from .services.reminders import breach_deadline_reminders, decision_overdue_reminders
from .services.retention import breach_destroy, breach_retention_flag

register_periodic(
    PeriodicJob(
        name="leaks.breach_reminders",
        every=timedelta(minutes=10),
        description=(
            "Herinnert het zaakteam 48, 24 en 4 uur vóór de meldtermijn van een datalek, en "
            "eenmaal aan een besluit dat te laat is."
        ),
    )
)


@shared_task(name="leaks.breach_reminders", acks_late=True, ignore_result=True)
def breach_reminders():
    return breach_deadline_reminders() + decision_overdue_reminders()


register_periodic(
    PeriodicJob(
        name="leaks.breach_retention",
        at_hour=3,
        at_minute=15,
        description=(
            "Zet datalekdossiers waarvan de bewaartermijn is verstreken op de "
            "vernietigingslijst; vernietigen gebeurt pas na goedkeuring."
        ),
    )
)


@shared_task(name="leaks.breach_retention", acks_late=True, ignore_result=True)
def breach_retention():
    return breach_retention_flag()


@background_task("leaks.breach_destroy")
def destroy_breaches(*, list_id: int):
    """Destroy what an approved destruction list holds (idempotent: destroyed items are
    skipped, an unapproved list destroys nothing)."""
    return breach_destroy(list_id=list_id)
