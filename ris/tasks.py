"""The nightly sync with every connected RIS, and the sync the griffie asks for (T5). Both
run the same idempotent body: a second run with the same data changes nothing."""

from celery import shared_task

from portal.background import PeriodicJob, background_task, register_periodic
from portal.models import User

from .models import Connection

register_periodic(
    PeriodicJob(
        name="ris.nightly",
        at_hour=2,
        at_minute=15,
        description="Synchroniseert elke nacht met het raadsinformatiesysteem van elke gemeente.",
    )
)


@background_task("ris.sync", atomic=False, max_attempts=3)
def sync(*, connection_id, actor_id=None):
    from .services import sync_run

    connection = Connection.objects.select_related("municipality").get(pk=connection_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    sync_run(connection=connection, actor=actor)


@shared_task(name="ris.nightly", acks_late=True, ignore_result=True)
def nightly():
    from .services import sync_run

    runs = []
    for connection in Connection.objects.filter(is_active=True).select_related("municipality"):
        runs.append(sync_run(connection=connection).status)
    return runs
