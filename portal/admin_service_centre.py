"""Admin pages of the service centre alone: installation-wide rows no municipality owns.

django-celery-beat's schedules run the background jobs of every municipality, and its admin
actions (run, switch off, toggle) ask for no permission beyond seeing the list. A municipality's
administrator saw and could run them (issue 14 finding 10); now only superusers reach these pages,
whatever permissions a role was given.
"""

from django.contrib import admin
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)


class ServiceCentreOnlyMixin:
    """Deny by default: every admin permission is the superuser's, none a role's."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return self.has_module_permission(request)

    def has_change_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_module_permission(request)


def service_centre_only(model, model_admin):
    """Re-register ``model`` with its own admin class behind ServiceCentreOnlyMixin."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(
        model, type(model_admin.__name__, (ServiceCentreOnlyMixin, model_admin), {})
    )


for _model, _model_admin in [
    (PeriodicTask, beat_admin.PeriodicTaskAdmin),
    (CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (IntervalSchedule, beat_admin.IntervalScheduleAdmin),
    (SolarSchedule, beat_admin.SolarScheduleAdmin),
    (ClockedSchedule, beat_admin.ClockedScheduleAdmin),
]:
    service_centre_only(_model, _model_admin)
