import os
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.audit_checkpoints import verify_checkpoints
from portal.audit_verify import audit_verify


class Command(BaseCommand):
    help = (
        "Verify every chain of the audit trail (one per municipality, one installation-wide) "
        "and report each broken one with its first broken link (X1); with --checkpoints, also "
        "prove that no chain was cut back behind a checkpoint exported outside the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=os.cpu_count() or 1,
            help="processes walking chains (or parts of them) side by side (default: one per CPU)",
        )
        parser.add_argument(
            "--checkpoints",
            metavar="DIR",
            help="a folder of checkpoint files (the export's, or downloaded copies; any depth)",
        )

    def handle(self, *args, workers, checkpoints=None, **options):
        workers = max(1, workers)
        started = time.monotonic()
        result = audit_verify(workers=workers)
        elapsed = time.monotonic() - started
        failures = []
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"audit chains intact: {result.checked} events verified in {result.chains} "
                    f"chains ({elapsed:.1f} s, {workers} workers)"
                )
            )
        else:
            for broken in result.broken:
                self.stderr.write(
                    f"chain {broken.chain_label}: BROKEN at event #{broken.first_break_seq} "
                    f"({broken.kind}): {broken.message}"
                )
            failures.append(
                f"audit chain BROKEN at event #{result.first_break_seq} ({result.kind}) in "
                f"{result.chain_label}: {result.broken[0].message}; {len(result.broken)} of "
                f"{result.chains} chains broken, {result.checked} events verified"
            )
        if checkpoints is not None:
            failures += self._checkpoints(Path(checkpoints))
        if failures:
            raise CommandError("; ".join(failures))

    def _checkpoints(self, directory: Path) -> list[str]:
        if not directory.is_dir():
            return [f"no checkpoint folder at {directory}"]
        check = verify_checkpoints(directory)
        if check.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"checkpoints hold: {check.files} files of {check.chains} chains, no chain "
                    "cut back behind one"
                )
            )
            return []
        for problem in check.problems:
            self.stderr.write(f"chain {problem.chain_label}: {problem.message} ({problem.path})")
        first = check.problems[0]
        return [
            f"audit chain {first.chain_label}: {first.message}; {len(check.problems)} of "
            f"{check.files} checkpoint files do not hold"
        ]
