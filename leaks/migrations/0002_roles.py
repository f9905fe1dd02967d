"""Leak cases' permissions on the roles, as leaks/roles.py defined them when this migration was
written (frozen here: later permissions, such as the destruction list's of migration 0005, do
not exist yet at this point of the history)."""

from django.db import migrations

from portal.roles import Role, grant_role_permissions

_FRAMEWORK_ADMIN = [
    f"leaks.{verb}_{model}"
    for model in ("frameworkversion", "frameworkstep", "consideration", "frameworktrack")
    for verb in ("view", "add", "change")
]

ROLE_PERMISSIONS = {
    Role.CLERK: ["leaks.report_leak"],
    Role.CIVIL_SERVANT: ["leaks.report_leak"],
    Role.INTEGRITY_OFFICER: ["leaks.report_leak"],
    Role.PRIVACY_OFFICER: ["leaks.report_leak", "leaks.view_all_cases", "leaks.manage_cases"],
    Role.MANAGEMENT: ["leaks.report_leak", "leaks.view_all_cases"],
    Role.ADMINISTRATOR: ["leaks.manage_framework", *_FRAMEWORK_ADMIN],
}


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("leaks", "0001_initial"),
        ("portal", "0003_roles"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
