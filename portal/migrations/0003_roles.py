"""Roles are groups with permissions (data). Code checks permissions, never these names."""

from django.db import migrations

from portal.roles import ROLE_PERMISSIONS, grant_role_permissions

# Permissions added to the roles by later migrations do not exist yet at this point of the
# migration history (0013: portal.download_audit_checkpoints).
LATER = {"portal.download_audit_checkpoints"}


def forward(apps, schema_editor):
    grant_role_permissions(
        apps,
        {role: [p for p in perms if p not in LATER] for role, perms in ROLE_PERMISSIONS.items()},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_audit_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("socialaccount", "0006_alter_socialaccount_extra_data"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
