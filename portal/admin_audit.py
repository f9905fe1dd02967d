"""The audit trail in the admin: read-only (the trail is append-only), scoped to the
administrator's municipality, with actions by their names (X7) and the moment in UTC."""

import datetime

from django.contrib import admin
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal import audit_actions
from portal.admin import ScopedAdminMixin
from portal.audit import details_shown
from portal.models import AuditEvent


class AuditActionFilter(admin.SimpleListFilter):
    """X7: filter by an action's label; the stored string stays what the chain covers."""

    title = _("actie")
    parameter_name = "action"

    def lookups(self, request, model_admin):
        return [
            (value, label if value.startswith(audit_actions.GROUP_MARK) else f"{group} – {label}")
            for group, choices in audit_actions.action_choices(groups=True)
            for value, label in choices
        ]

    def queryset(self, request, queryset):
        selected = audit_actions.actions_for(self.value() or "")
        return queryset.filter(action__in=selected) if selected else queryset


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: the trail is append-only."""

    list_display = [
        "seq",
        "created_at_utc",
        "actor_label",
        "action_name",
        "object_repr",
        "result",
        "channel",
    ]
    list_filter = [AuditActionFilter, "result", "channel"]
    search_fields = ["action", "actor_label", "object_id"]
    date_hierarchy = "created_at"
    show_full_result_count = False

    @admin.display(description=_("actie"), ordering="action")
    def action_name(self, obj):
        return audit_actions.action_label(obj.action)

    # The field says "tijdstip (UTC)" and the trail is kept in UTC, but the admin showed it in
    # the portal's time zone (Amsterdam) under that label (issue 15): UTC, truly, with seconds.
    exclude = ["created_at", "details"]
    readonly_fields = ["created_at_utc", "details_shown"]

    @admin.display(description=_("tijdstip (UTC)"), ordering="created_at")
    def created_at_utc(self, obj):
        return date_format(obj.created_at.astimezone(datetime.UTC), "j F Y H:i:s")

    @admin.display(description=_("details"))
    def details_shown(self, obj):
        return format_html("<pre>{}</pre>", details_shown(obj.details))

    def changelist_view(self, request, extra_context=None):
        """Without the admin's menu column the list has room for every column at 1280 px
        (it was cut off after "actie", issue 15); the menu is one click away ("Voorpagina")."""
        extra_context = {**(extra_context or {}), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
