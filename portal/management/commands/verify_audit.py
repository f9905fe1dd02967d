from django.core.management.base import BaseCommand, CommandError

from portal.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain and report the first broken link (X1)."

    def handle(self, *args, **options):
        result = audit_verify()
        if result.ok:
            self.stdout.write(
                self.style.SUCCESS(f"audit chain intact: {result.checked} events verified")
            )
            return
        raise CommandError(
            f"audit chain BROKEN at event #{result.first_break_seq} ({result.kind}): "
            f"{result.message}; {result.checked} events verified before it"
        )
