"""``manage.py ris_sync <municipality-slug> [--url URL]``: synchronise one municipality with its
council information system now (T5). ``--url`` reads another address than the stored one (tests,
a first run). Prints what was created, changed and ended; exits 1 when the sync failed, having
changed nothing."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from portal.models import Municipality
from portal.progress import Progress

from ...constants import SyncStatus
from ...models import Connection
from ...services import sync_run


class Command(BaseCommand):
    help = "Synchroniseert één gemeente met haar raadsinformatiesysteem (ORI-API)."

    def add_arguments(self, parser):
        parser.add_argument("municipality", help="korte naam (slug) van de gemeente")
        parser.add_argument("--url", default="", help="ander adres van de API dan het opgeslagen")
        parser.add_argument("--quiet", action="store_true", help="geen voortgangsbalk")

    def handle(self, *args, municipality, url, quiet, **options):
        place = Municipality.objects.filter(slug=municipality).first()
        if place is None:
            raise CommandError(f"Onbekende gemeente: {municipality}")
        if url:
            try:
                URLValidator(schemes=["http", "https"])(url)
            except ValidationError:
                raise CommandError(f"Geen geldig adres: {url}") from None
        connection = Connection.objects.filter(municipality=place).first()
        if connection is None:
            if not url:
                raise CommandError(f"{place} heeft geen koppeling met een raadsinformatiesysteem.")
            connection = Connection.objects.create(municipality=place, base_url=url)
        run = sync_run(
            connection=connection, url=url, progress=Progress(self.stderr, enabled=not quiet)
        )
        if run.status != SyncStatus.DONE:
            raise CommandError(f"Mislukt, niets gewijzigd: {run.error}")
        self.stdout.write(
            f"created={run.created} changed={run.changed} ended={run.ended} "
            f"({', '.join(f'{k}: {v}' for k, v in run.summary.items()) or 'niets nieuws'})"
        )
