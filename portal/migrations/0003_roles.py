"""Roles are groups with permissions (data). Code checks permissions, never these names."""

from django.db import migrations

from portal.roles import ROLE_PERMISSIONS, grant_role_permissions


def forward(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_audit_append_only"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("socialaccount", "0006_alter_socialaccount_extra_data"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
