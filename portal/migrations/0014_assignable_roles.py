"""Issue 14 finding 3: which roles a municipality's administrator may give is the service
centre's choice (AssignableRole, superusers only). The default: the roles without special
rights, civil servant and council member; the privacy officer is told of privileged grants
(portal.review_role_grants)."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

from portal.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS_LATER, Role, grant_role_permissions

# Kept in step with portal.role_grants.DEFAULT_ASSIGNABLE (a migration imports no live model).
DEFAULT_ASSIGNABLE = [Role.CIVIL_SERVANT, Role.COUNCIL_MEMBER]


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS_LATER)
    Group = apps.get_model("auth", "Group")
    AssignableRole = apps.get_model("portal", "AssignableRole")
    for role in DEFAULT_ASSIGNABLE:
        group = Group.objects.filter(name=ROLE_GROUP_NAMES[role]).first()
        if group is not None:
            AssignableRole.objects.get_or_create(group=group)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("portal", "0013_audit_checkpoint_permission"),
    ]

    operations = [
        migrations.CreateModel(
            name="AssignableRole",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "uuid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="UUID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, verbose_name="aangemaakt op"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="bijgewerkt op")),
                (
                    "group",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="assignable_role",
                        to="auth.group",
                        verbose_name="rol",
                    ),
                ),
            ],
            options={
                "verbose_name": "rol die gemeentebeheerders mogen toekennen",
                "verbose_name_plural": "rollen die gemeentebeheerders mogen toekennen",
                "ordering": ["group__name"],
                "permissions": [
                    (
                        "review_role_grants",
                        "Wordt ingelicht als iemand in de eigen gemeente een rol met bijzondere rechten krijgt",
                    )
                ],
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
