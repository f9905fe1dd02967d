"""Admin for recordings, to look things up (scoped to the municipality, T1; every change is
audited by the core's admin mixin). Files, grants and objections are meant to change on the
organiser's pages, through the services; the file fields are read-only here."""

from django.contrib import admin

from portal.admin import AuditedAdminMixin, ScopedAdminMixin

from .models import AccessGrant, AppearingEmployee, Recording

FILE_FIELDS = (
    "file",
    "file_type",
    "file_size",
    "file_sha256",
    "file_uploaded_at",
    "file_deleted_at",
    "archive_file",
    "archived_at",
    "deletion_notified_at",
    "captions",
    "captions_uploaded_at",
)


class AccessGrantInline(admin.TabularInline):
    model = AccessGrant
    extra = 0
    fields = ("domain", "body", "group", "user", "may_download", "granted_by")
    raw_id_fields = ("user", "granted_by")


class AppearingEmployeeInline(admin.TabularInline):
    model = AppearingEmployee
    extra = 0
    fields = ("name", "user", "informed", "objects_to_recording", "decision", "decision_reasons")
    raw_id_fields = ("user",)


@admin.register(Recording)
class RecordingAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "meeting_date", "municipality", "organiser_domain", "status")
    list_filter = ("status", "meeting_kind", "retention_policy", "municipality")
    search_fields = ("title",)
    date_hierarchy = "meeting_date"
    raw_id_fields = ("organiser",)
    readonly_fields = FILE_FIELDS
    inlines = [AccessGrantInline, AppearingEmployeeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("municipality", "organiser_domain")
