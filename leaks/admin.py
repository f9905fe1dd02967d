"""L1: administrators edit the afwegingskader as drafts and publish them as versions. A
published version is read-only here: cases weighed under it must keep seeing what they were
weighed under."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from portal.admin import AuditedAdminMixin, ScopedAdminMixin

from . import services
from .models import Consideration, FrameworkStep, FrameworkTrack, FrameworkVersion


class _FrozenWhenPublished:
    """Nothing of a published version changes (L1)."""

    def _version_of(self, obj):
        return obj

    def has_change_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._version_of(obj).is_published:
            return False
        return super().has_delete_permission(request, obj)


class StepInline(admin.TabularInline):
    model = FrameworkStep
    extra = 0
    fields = ["order", "title", "guidance"]
    show_change_link = True


class TrackInline(admin.TabularInline):
    model = FrameworkTrack
    extra = 0
    fields = ["kind", "guidance"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(
    _FrozenWhenPublished, AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin
):
    list_display = ["title", "number", "dated", "published_at"]
    readonly_fields = ["published_at"]
    inlines = [StepInline, TrackInline]
    actions = ["publish", "new_version"]

    @admin.action(description=_("Publiceren (nieuwe leksituaties worden hieronder gewogen)"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.framework_publish(actor=request.user, version=version)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, f"{version}: {' '.join(getattr(exc, 'messages', []))}")
            else:
                messages.success(request, _("Gepubliceerd: %(v)s") % {"v": version})

    @admin.action(description=_("Nieuwe versie (concept) maken op basis van deze versie"))
    def new_version(self, request, queryset):
        for version in queryset:
            try:
                draft = services.framework_new_version(actor=request.user, source=version)
            except PermissionDenied:
                messages.error(request, f"{version}")
            else:
                messages.success(request, _("Concept gemaakt: %(v)s") % {"v": draft})


class ConsiderationInline(admin.TabularInline):
    model = Consideration
    extra = 0
    fields = ["order", "question", "guidance"]


@admin.register(FrameworkStep)
class FrameworkStepAdmin(
    _FrozenWhenPublished, AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin
):
    municipality_path = "version__municipality"
    list_display = ["title", "order", "version"]
    inlines = [ConsiderationInline]

    def _version_of(self, obj):
        return obj.version

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "version" and not request.user.is_superuser:
            kwargs["queryset"] = FrameworkVersion.objects.filter(
                municipality_id=request.user.municipality_id, published_at__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
