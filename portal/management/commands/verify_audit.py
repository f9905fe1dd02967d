import os
import time

from django.core.management.base import BaseCommand, CommandError

from portal.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and report the first broken link (X1)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes walking parts of the chain side by side (default: one per CPU)",
        )

    def handle(self, *args, workers, **options):
        started = time.monotonic()
        result = audit_verify(workers=max(1, workers))
        elapsed = time.monotonic() - started
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"audit chain intact: {result.checked} events verified "
                    f"in {elapsed:.1f} s ({max(1, workers)} workers)"
                )
            )
            return
        raise CommandError(
            f"audit chain BROKEN at event #{result.first_break_seq} ({result.kind}): "
            f"{result.message}; {result.checked} events verified before it"
        )
