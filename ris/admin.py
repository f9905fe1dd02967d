"""The connection to a council information system is the service centre's alone (T5): a
municipality's administrator does not see it. The credential is a secret reference (the name
of an environment variable), so nothing secret is ever shown. What the sync brings is not in
the admin: it changes only through the sync, and the griffie sees it on /ris/."""

from django.contrib import admin
from django.db import models

from portal.admin import AuditedAdminMixin
from portal.admin_service_centre import ServiceCentreOnlyMixin

from .models import Connection, SyncRun


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
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
