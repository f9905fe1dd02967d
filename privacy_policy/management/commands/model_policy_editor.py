"""P7: make someone an editor of one model policy, or take it away. Editing a model policy is
an object grant on that model policy (django-guardian), not a municipality role; the service
centre gives it to the authors (seed 001: Enschede, Hengelo, Deventer, Zwolle). Audited."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm

from portal.audit import audit_record
from portal.models import User
from privacy_policy.models import ModelPolicy

PERM = "privacy_policy.edit_model_policy"


class Command(BaseCommand):
    help = "Grant or revoke the right to edit one model policy (P7)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("title", help="The model policy's exact title.")
        parser.add_argument("--revoke", action="store_true")
        parser.add_argument(
            "--create",
            metavar="AUTHORS",
            help="Create the model policy first (shared by all municipalities), by AUTHORS.",
        )

    def handle(self, *args, email, title, revoke, create=None, **options):
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if create is not None and user is not None and not revoke:
            with transaction.atomic():
                model_policy, created = ModelPolicy.objects.get_or_create(
                    title=title, defaults={"authors": create}
                )
                if created:
                    audit_record(action="model_policy.create", obj=model_policy)
        model_policy = ModelPolicy.objects.filter(title=title).first()
        if user is None or model_policy is None:
            raise CommandError(
                "No active user with that e-mail, or no model policy with that title."
            )
        with transaction.atomic():
            (remove_perm if revoke else assign_perm)(PERM, user, model_policy)
            audit_record(
                action="model_policy.editor_revoked" if revoke else "model_policy.editor_granted",
                obj=model_policy,
                municipality=user.municipality,
                details={"user": str(user.uuid)},
            )
        verb = "revoked from" if revoke else "granted to"
        self.stdout.write(f"Editing '{model_policy.title}' {verb} {user.email}.")
