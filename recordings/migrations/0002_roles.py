"""The recordings' permissions on the roles (recordings/roles.py)."""

from django.db import migrations

from portal.roles import grant_role_permissions
from recordings.roles import ROLE_PERMISSIONS


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("recordings", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
