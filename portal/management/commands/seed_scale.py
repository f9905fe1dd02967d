import os

from django.core.management.base import BaseCommand

from portal.progress import Progress
from portal.scale import SCALE_PASSWORD, Size, seed_scale


class Command(BaseCommand):
    help = (
        "Seed the municipal-scale data set of QUALITY.md (10 municipalities, 1,000,000 audit "
        "events, the domain apps' items) for the benchmark and load tests. Adds what is "
        "missing; never for a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--fraction",
            type=float,
            default=1.0,
            help="a smaller set of the same shape, e.g. 0.01 for a quick try",
        )
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="B9's growth curve: 3 or 10 times the municipalities and audit events",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes that seed at once (default: one per CPU)",
        )
        parser.add_argument("--quiet", action="store_true", help="no progress bar")

    def handle(self, *args, fraction, scale, workers, quiet, **options):
        size = Size().times(scale) if fraction >= 1 else Size().scaled(fraction)
        added = seed_scale(size, progress=Progress(enabled=not quiet), workers=max(1, workers))
        for kind, count in added.items():
            self.stdout.write(f"  {kind:<24} +{count:,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Scale data ready ({size.municipalities} municipalities). Accounts such as "
                f"raadslid0000@raadschaal01.example sign in with {SCALE_PASSWORD}."
            )
        )
