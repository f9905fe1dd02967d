"""What only the service centre does in the admin: installation-wide rows that no municipality
owns. Issue 14 finding 10: a municipality's administrator could run and switch off the periodic
tasks of every municipality (django-celery-beat's admin actions ask for no permission)."""

import pytest
from django.contrib.auth.models import Permission
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from portal.roles import Role

pytestmark = pytest.mark.django_db

BEAT_PAGES = [
    "/admin/django_celery_beat/periodictask/",
    "/admin/django_celery_beat/crontabschedule/",
    "/admin/django_celery_beat/intervalschedule/",
]
# Not in the admin at all, for nobody (no job runs at a fixed moment or by the sun).
UNUSED_PAGES = [
    "/admin/django_celery_beat/solarschedule/",
    "/admin/django_celery_beat/clockedschedule/",
]


@pytest.fixture
def nightly():
    every_day = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.DAYS)
    return PeriodicTask.objects.create(
        name="Dagelijkse samenvatting", task="portal.send_daily_digests", interval=every_day
    )


@pytest.fixture
def administrator(world):
    admin = world.a.users[Role.ADMINISTRATOR]
    # Even holding every permission on the schedules (a role edited too generously) does not
    # open them: they belong to no municipality.
    admin.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="django_celery_beat")
    )
    return admin


def test_t1_periodic_tasks_are_for_the_service_centre_only(administrator, login, nightly):
    client = login(administrator)

    assert [client.get(page).status_code for page in BEAT_PAGES] == [403] * len(BEAT_PAGES)
    assert [client.get(page).status_code for page in UNUSED_PAGES] == [404, 404]
    assert client.get(
        f"/admin/django_celery_beat/periodictask/{nightly.pk}/change/"
    ).status_code in (
        302,
        403,
    )
    assert "django_celery_beat" not in client.get("/admin/").content.decode()
    assert client.get("/admin/django_celery_beat/").status_code in (403, 404)


@pytest.mark.parametrize("action", ["disable_tasks", "toggle_tasks", "run_tasks"])
def test_t1_administrator_cannot_run_or_switch_off_periodic_tasks(
    administrator, login, nightly, action
):
    response = login(administrator).post(
        "/admin/django_celery_beat/periodictask/",
        {"action": action, "_selected_action": [nightly.pk]},
    )

    assert response.status_code == 403
    nightly.refresh_from_db()
    assert nightly.enabled and nightly.total_run_count == 0


def test_t1_administrator_role_holds_no_schedule_permission(world):
    admin = world.a.users[Role.ADMINISTRATOR]
    assert not any(p.startswith("django_celery_beat.") for p in admin.get_all_permissions())


def test_service_centre_superuser_manages_the_periodic_tasks(world, login, nightly):
    from portal.models import User

    superuser = User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")
    client = login(superuser)
    assert [client.get(page).status_code for page in BEAT_PAGES] == [200] * len(BEAT_PAGES)
    assert [client.get(page).status_code for page in UNUSED_PAGES] == [404, 404]
    response = client.post(
        "/admin/django_celery_beat/periodictask/",
        {"action": "disable_tasks", "_selected_action": [nightly.pk]},
    )
    assert response.status_code == 302
    nightly.refresh_from_db()
    assert not nightly.enabled
