import json
from dataclasses import asdict

from django.core.management.base import BaseCommand

from portal.demo import seed_demo


class Command(BaseCommand):
    help = "Create (or refresh) the demo municipalities, domains, bodies and accounts."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print the accounts as JSON")

    def handle(self, *args, **options):
        accounts = seed_demo()
        if options["json"]:
            self.stdout.write(json.dumps([asdict(a) for a in accounts], indent=2))
            return
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {len(accounts)} accounts."))
        for a in accounts:
            self.stdout.write(f"  {a.email:<40} {a.role:<28} {a.municipality}")
        self.stdout.write(f"Password for every demo account: {accounts[0].password}")
