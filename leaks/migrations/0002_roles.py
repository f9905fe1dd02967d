"""Leak cases' permissions on the roles (leaks/roles.py)."""

from django.db import migrations

from leaks.roles import ROLE_PERMISSIONS
from portal.roles import grant_role_permissions


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("leaks", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
