"""Issue 14 finding 10: the periodic tasks (django-celery-beat) run every municipality's jobs;
the administrator role loses its view permissions on them (the admin pages are for the
service centre's superusers only, portal/admin_service_centre.py)."""

from django.db import migrations

from portal.roles import ROLE_GROUP_NAMES, Role

BEAT_PERMISSIONS = [
    "view_periodictask",
    "view_crontabschedule",
    "view_intervalschedule",
]


def forward(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=ROLE_GROUP_NAMES[Role.ADMINISTRATOR]).first()
    if group is None:
        return
    group.permissions.remove(
        *Permission.objects.filter(
            content_type__app_label="django_celery_beat", codename__in=BEAT_PERMISSIONS
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_outbox_runs"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
