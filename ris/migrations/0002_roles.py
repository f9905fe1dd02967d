"""The griffie's permission for the council information system (ris/roles.py)."""

from django.db import migrations

from portal.roles import Role, grant_role_permissions

# Frozen as it was when this migration was written.
ROLE_PERMISSIONS = {Role.CLERK: ["ris.manage_ris"]}


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("ris", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
