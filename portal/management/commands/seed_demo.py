import json
from dataclasses import asdict

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo import seed_demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo municipalities, domains, bodies and accounts."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the accounts as JSON")

    def handle(self, *args, **options):
        if not settings.PORTAL_DEMO:
            # The demo's accounts, a superuser among them, share the password the README
            # prints: never in a real installation (issue 14).
            raise CommandError(
                "seed_demo only runs in the demo: bin/demo sets PORTAL_DEMO=true. It never runs "
                "under portal.settings.production, and it creates accounts whose password is "
                "public, so do not set the flag on a real installation."
            )
        accounts = seed_demo()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(a) for a in accounts], indent=2))
            return
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(accounts)} accounts."))
        for a in accounts:
            self.stdout.write(f"  {a.email:<40} {a.role:<28} {a.municipality}")
        self.stdout.write(f"Password for every demo account: {accounts[0].password}")
