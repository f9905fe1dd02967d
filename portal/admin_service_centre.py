"""Admin pages of the service centre alone: installation-wide rows no municipality owns.

django-celery-beat's schedules run the background jobs of every municipality, and its admin
actions (run, switch off, toggle) ask for no permission beyond seeing the list. A municipality's
administrator saw and could run them (issue 14 finding 10); now only superusers reach these pages,
whatever permissions a role was given. The same holds for the list of roles administrators may
give, and for changing a role itself: a role is shared by every municipality (finding 3).

Imported at the end of ``portal/admin.py``, after every app's admin registered its models.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from portal.admin import AuditedAdminMixin
from portal.models import AssignableRole


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


class ServiceCentreWritesMixin(ServiceCentreOnlyMixin):
    """Readable by whoever holds the view permission (administrators see what a role grants);
    added, changed and deleted by the service centre only."""

    def has_module_permission(self, request):
        return admin.ModelAdmin.has_module_permission(self, request)

    def has_view_permission(self, request, obj=None):
        return admin.ModelAdmin.has_view_permission(self, request, obj)

    def has_add_permission(self, request, *args):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return self.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request)


def reregister(model, model_admin, *mixins):
    """Register ``model`` again with its own admin class behind ``mixins``."""
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, type(model_admin.__name__, (*mixins, model_admin), {}))


for _model, _model_admin in [
    (PeriodicTask, beat_admin.PeriodicTaskAdmin),
    (CrontabSchedule, beat_admin.CrontabScheduleAdmin),
    (IntervalSchedule, beat_admin.IntervalScheduleAdmin),
]:  # solar and clocked schedules are not in the admin at all (portal/admin.py)
    reregister(_model, _model_admin, ServiceCentreOnlyMixin)

# A role is shared by every municipality: a permission added to "Beheerder" would reach every
# administrator everywhere.
reregister(Group, GroupAdmin, AuditedAdminMixin, ServiceCentreWritesMixin)


@admin.register(AssignableRole)
class AssignableRoleAdmin(AuditedAdminMixin, ServiceCentreOnlyMixin, admin.ModelAdmin):
    """Which roles a municipality's administrator may give (issue 14). A role holding
    ``portal.require_mfa`` has special rights: giving it is shown to the privacy officer."""

    list_display = ["group", "created_at"]
