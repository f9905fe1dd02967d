"""Background work of leak cases: the breach deadline reminders (L8), a beat job."""

from datetime import timedelta

from celery import shared_task

from portal.background import PeriodicJob, register_periodic

from .services.reminders import breach_deadline_reminders, decision_overdue_reminders

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
