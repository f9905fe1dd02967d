import os
import time

from django.core.management.base import BaseCommand, CommandError

from portal.audit_verify import audit_verify


class Command(BaseCommand):
    help = (
        "Verify every chain of the audit trail (one per municipality, one installation-wide) "
        "and report each broken one with its first broken link (X1)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes walking chains (or parts of them) side by side (default: one per CPU)",
        )

    def handle(self, *args, workers, **options):
        workers = max(1, workers)
        started = time.monotonic()
        result = audit_verify(workers=workers)
        elapsed = time.monotonic() - started
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"audit chains intact: {result.checked} events verified in {result.chains} "
                    f"chains ({elapsed:.1f} s, {workers} workers)"
                )
            )
            return
        for broken in result.broken:
            self.stderr.write(
                f"chain {broken.chain_label}: BROKEN at event #{broken.first_break_seq} "
                f"({broken.kind}): {broken.message}"
            )
        raise CommandError(
            f"audit chain BROKEN at event #{result.first_break_seq} ({result.kind}) in "
            f"{result.chain_label}: {result.broken[0].message}; {len(result.broken)} of "
            f"{result.chains} "
            f"chains broken, {result.checked} events verified"
        )
