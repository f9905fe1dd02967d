"""Motions and privacy policy permissions on the roles (privacy_policy/roles.py)."""

from django.db import migrations

from portal.roles import grant_role_permissions
from privacy_policy.roles import ROLE_PERMISSIONS


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy_policy", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
