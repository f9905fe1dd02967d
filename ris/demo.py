"""Demo content of the council information system (portal.registry.register_demo_seeder): a
connection to the small example RIS (ris/example.py) that the demo itself serves at
``/ris/voorbeeld-api/`` (demo mode only, ``ris.demo_api``), already synchronised once, with the
two demo council members linked, so that ``bin/demo`` shows synced bodies, meetings, a closed
agenda item to confirm, a motion, an amendment and a commitment. The clerk's button syncs again
against the running demo. Idempotent (the sync is)."""

import os

from . import example
from .models import Connection, Person
from .services import sync_run

PATH = "/ris/voorbeeld-api/"
LINKS = {"np-1": "raadslid1", "np-2": "raadslid2"}


class ExampleClient:
    """The example RIS read in-process: while the demo seeds, its web server does not run yet."""

    def __init__(self, base: str):
        self.collections = example.collections(base)

    def collection(self, path: str, params=None) -> list[dict]:
        return self.collections[path]


def seed_demo(municipality, users, bodies) -> None:
    base = f"http://127.0.0.1:{os.environ.get('PORT', '8000')}{PATH}"
    connection, _ = Connection.objects.get_or_create(
        municipality=municipality, defaults={"base_url": base}
    )
    sync_run(connection=connection, client=ExampleClient(base))
    for ris_id, local in LINKS.items():
        user = users.get(local)
        person = Person.objects.filter(municipality=municipality, ris_id=ris_id).first()
        if user is not None and person is not None and person.user_id is None:
            Person.objects.filter(user=user).update(user=None)
            person.user = user
            person.save(update_fields=["user", "updated_at"])
    sync_run(connection=connection, client=ExampleClient(base))  # the linked seats
