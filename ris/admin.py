"""The connection to a council information system is the service centre's alone (T5): a
municipality's administrator does not see it. The credential is a secret reference (the name
of an environment variable), so nothing secret is ever shown. The rest is for looking things
up; it changes through the sync and the griffie's pages."""

from django.contrib import admin

from portal.admin import AuditedAdminMixin
from portal.admin_service_centre import ServiceCentreOnlyMixin

from .models import AgendaItem, Connection, Meeting, SyncRun


class SyncRunInline(admin.TabularInline):
    model = SyncRun
    extra = 0
    fields = ("created_at", "status", "created", "changed", "ended", "error")
    readonly_fields = fields
    can_delete = False
    max_num = 0
    ordering = ["-created_at"]


@admin.register(Connection)
class ConnectionAdmin(ServiceCentreOnlyMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("municipality", "base_url", "is_active", "last_success_at")
    fields = ("municipality", "base_url", "secret_reference", "is_active", "last_success_at")
    readonly_fields = ("last_success_at",)
    inlines = [SyncRunInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("label", "title", "closed", "proposal", "starts_at", "ends_at")
    readonly_fields = fields
    can_delete = False
    max_num = 0


@admin.register(Meeting)
class MeetingAdmin(ServiceCentreOnlyMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "date", "body", "municipality")
    list_filter = ("municipality",)
    fields = ("municipality", "body", "ris_id", "name", "date", "starts_at", "status", "location")
    readonly_fields = fields
    inlines = [AgendaItemInline]

    def has_add_permission(self, request, *args):
        return False
