"""The secrecy register's permissions on the roles (confidentiality/roles.py)."""

from django.db import migrations

from portal.roles import Role, grant_role_permissions

# Frozen as they were when this migration was written: later permissions (0003) do not exist
# yet at this point of the migration history.
ROLE_PERMISSIONS = {
    Role.CLERK: ["confidentiality.view_register", "confidentiality.manage_register"],
    Role.COUNCIL_MEMBER: ["confidentiality.view_shared_secrets"],
}


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
