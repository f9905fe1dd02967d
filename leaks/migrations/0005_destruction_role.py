"""Retention of breach records: the administrator's role approves the destruction list
(leaks/roles.py; groups are data, a municipality may give it to its archivist's group)."""

from django.db import migrations

from portal.roles import Role, grant_role_permissions


def forward(apps, schema_editor):
    grant_role_permissions(apps, {Role.ADMINISTRATOR: ["leaks.approve_breach_destruction"]})


class Migration(migrations.Migration):
    dependencies = [("leaks", "0004_breach_notification_form")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
