"""The secrecy register's permissions on the roles (confidentiality/roles.py)."""

from django.db import migrations

from confidentiality.roles import ROLE_PERMISSIONS
from portal.roles import grant_role_permissions


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("confidentiality", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
