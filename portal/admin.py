"""Django admin for administrators. Every change made here is audited (one event per add,
change or deletion); administrators who are not superusers (the shared service centre) see
only their own municipality."""

from allauth.socialaccount.models import SocialToken
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import ClockedSchedule, SolarSchedule
from simple_history.admin import SimpleHistoryAdmin

from portal.admin_forms import NOT_RELEASED_CHOICE, UserAddForm, UserEditForm
from portal.admin_object_grants import ScopedGuardedModelAdmin
from portal.audit import audit_record
from portal.models import (
    Body,
    DomainTrust,
    IdentityDomain,
    Membership,
    Municipality,
    User,
)
from portal.uploads import SingleFileField, SingleFileInputMixin

admin.site.site_header = _("Informatieportaal – beheer")
admin.site.site_title = _("Informatieportaal")


class AuditedAdminMixin:
    """One audit event per admin action, with Django's own change message as detail."""

    def _audit(self, request, obj, verb, message=""):
        audit_record(
            action=f"admin.{verb}",
            actor=request.user,
            obj=obj,
            details={"message": str(message)[:2000]},
        )

    def log_addition(self, request, obj, message):
        self._audit(request, obj, "add", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._audit(request, obj, "change", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "delete")
        return super().log_deletions(request, queryset)


class ScopedAdminMixin:
    """Non-superusers see and pick only objects of their own municipality (T1)."""

    municipality_path = "municipality"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        if request.user.municipality_id is None:
            return qs.none()
        return qs.filter(**{f"{self.municipality_path}_id": request.user.municipality_id})

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        # A filter on municipality would list every municipality's name.
        return [f for f in filters if "municipality" not in str(f)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            mid = request.user.municipality_id
            scoped = {
                Municipality: {"pk": mid},
                IdentityDomain: {"municipality_id": mid},
                Body: {"municipality_id": mid},
                User: {"identity_domain__municipality_id": mid},
            }
            if db_field.related_model in scoped:
                kwargs["queryset"] = db_field.related_model.objects.filter(
                    **scoped[db_field.related_model]
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # simple_history looks objects and versions up without get_queryset(): scope first (T1).
    # An id that is no id (``…/history/password/``, reached through the user form's relative
    # password link on a historical version) is not found, not a server error (issue 13, U2).
    def _in_scope_or_404(self, request, object_id, version_id="0"):
        if not str(version_id).isdigit():
            raise Http404
        try:
            found = self.get_queryset(request).filter(pk=object_id).exists()
        except (ValueError, ValidationError):
            raise Http404 from None
        if not found:
            raise Http404

    def history_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._in_scope_or_404(request, object_id, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class AdminSingleFileWidget(SingleFileInputMixin, AdminFileWidget):
    pass


class PortalAdmin(AuditedAdminMixin, ScopedAdminMixin, SimpleHistoryAdmin):
    formfield_overrides = {
        # Django 6 assumes https for scheme-less URLs; say so now (no deprecation warning).
        models.URLField: {"assume_scheme": "https"},
        # D1: several files under one name are refused, not silently reduced to the last. The
        # uploaded name is never used (upload_to generates one), so its length is no reason
        # to refuse a file.
        models.FileField: {
            "form_class": SingleFileField,
            "widget": AdminSingleFileWidget,
            "max_length": None,
        },
    }


@admin.register(Municipality)
class MunicipalityAdmin(PortalAdmin):
    municipality_path = "pk"
    list_display = ["name", "slug", "cbs_code", "is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["tooi_uri"]

    @admin.display(description=_("TOOI-identificatie"))
    def tooi_uri(self, obj):
        return obj.tooi_uri or "–"

    def get_form(self, request, obj=None, change=False, **kwargs):
        # C11: the Woo-index knows a municipality by the TOOI identifier made from this code.
        kwargs["help_texts"] = {
            "cbs_code": _(
                "De gemeentecode van het CBS, bijvoorbeeld GM0363. Woo-publicaties noemen de "
                "gemeente als uitgever met de TOOI-identificatie die hieruit volgt; zonder code "
                "kan de griffie niet publiceren."
            ),
            **kwargs.get("help_texts", {}),
        }
        return super().get_form(request, obj, change=change, **kwargs)

    def get_queryset(self, request):
        qs = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk=request.user.municipality_id)


@admin.register(IdentityDomain)
class IdentityDomainAdmin(PortalAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # The provider binding is T3's trust anchor: only the service centre sets it.
            fields += ["social_app", "oidc_issuer", "oidc_tenant_id"]
        return fields

    list_display = ["name", "municipality", "kind", "social_app", "oidc_issuer", "oidc_tenant_id"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]
    fieldsets = [
        (
            None,
            {"fields": ["municipality", "kind", "name", "email_domains", "allow_local_accounts"]},
        ),
        (
            _("Aanmelden via OpenID Connect"),  # T3
            {
                "fields": ["social_app", "oidc_issuer", "oidc_tenant_id"],
                "description": _(
                    "Koppel de aanmeldvoorziening (Externe aanmelding › Aanmeldvoorzieningen, "
                    "soort 'OpenID Connect') en vul issuer en tenant-id in zoals ze in het "
                    "ID-token staan. Een token van een andere issuer of tenant wordt "
                    "geweigerd."
                ),
            },
        ),
    ]


@admin.register(DomainTrust)
class DomainTrustAdmin(PortalAdmin):
    """R2: a trust has a direction. The form and the list say it in words, because "source"
    and "target" alone do not tell an administrator whose recordings whose users may watch."""

    municipality_path = "source__municipality"
    list_display = ["meaning", "purpose", "is_active"]
    fieldsets = [
        (
            None,
            {
                "fields": ["source", "target", "purpose", "is_active"],
                "description": _(
                    "Een vertrouwensrelatie werkt in één richting: de gebruikers van het domein "
                    "dat toegang krijgt mogen de opnames bekijken die in het domein dat deelt "
                    "zijn georganiseerd en met hen gedeeld. Voorbeeld: deelt de organisatie met "
                    "Raad en griffie, dan kunnen raadsleden opnames van de organisatie bekijken, "
                    "niet andersom; daarvoor is een tweede relatie nodig."
                ),
            },
        )
    ]

    @admin.display(description=_("betekenis"))
    def meaning(self, obj):
        return _("De gebruikers van %(target)s mogen opnames van %(source)s bekijken") % {
            "target": obj.target.name,
            "source": obj.source.name,
        }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "target")

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["help_texts"] = {
            "source": _(
                "Het domein waarin de opnames worden georganiseerd, meestal de organisatie."
            ),
            "target": _(
                "Het domein waarvan de gebruikers die opnames mogen bekijken, bijvoorbeeld "
                "Raad en griffie."
            ),
            **kwargs.get("help_texts", {}),
        }
        return super().get_form(request, obj, change=change, **kwargs)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(AuditedAdminMixin, ScopedAdminMixin, ScopedGuardedModelAdmin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "municipality", "domain"]
    list_filter = ["kind", "municipality"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(PortalAdmin):
    municipality_path = "body__municipality"
    list_display = ["user", "body", "role", "start", "end"]
    list_filter = ["role", "body__kind"]
    search_fields = ["user__email", "user__last_name", "body__name"]
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(AuditedAdminMixin, ScopedAdminMixin, DjangoUserAdmin, SimpleHistoryAdmin):
    municipality_path = "identity_domain__municipality"
    add_form = UserAddForm
    form = UserEditForm
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "identity_domain", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "groups", "identity_domain__municipality"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["first_name", "last_name", "language"]}),
        (_("Domein"), {"fields": ["identity_domain"]}),  # T2
        (
            _("Rollen en rechten"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "identity_domain", "password1", "password2"]},
        )
    ]
    readonly_fields = ["last_login", "date_joined"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only the service centre makes superusers or grants single permissions: a
            # permission is installation-wide (municipalities, sign-in providers, schedules),
            # so a municipality's administrator gives roles, never raw permissions.
            fields += ["is_superuser", "user_permissions"]
        if obj is not None and obj.pk == request.user.pk:
            fields.append("groups")  # issue 14: nobody gives himself a role
        return fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None or "groups" not in form.base_fields:
            return form
        form = type(form.__name__, (form,), {"actor": request.user})
        if not request.user.is_superuser:
            # The roles the service centre released, and those the person has (to take away).
            field = form.base_fields["groups"]
            field.queryset = field.queryset.filter(
                Q(assignable_role__isnull=False) | Q(pk__in=obj.groups.values("pk"))
            ).distinct()
            field.error_messages = {**field.error_messages, "invalid_choice": NOT_RELEASED_CHOICE}
            field.help_text = _(
                "U kunt de rollen toekennen die het servicecentrum daarvoor heeft vrijgegeven, "
                "en rollen afnemen. Rollen met bijzondere rechten worden aan de "
                "privacyfunctionaris gemeld."
            )
        return form


# The audit trail's read-only pages and the service centre's own pages (periodic tasks),
# registered after the apps' admins.
from portal import admin_audit, admin_service_centre  # noqa: E402, F401

# What nobody administers in this portal is not in the admin, not even the service centre's
# (issue 15): no periodic job runs at a fixed moment or by the position of the sun
# (portal.background registers crontab and interval schedules only), and sign-in tokens are
# never stored (SOCIALACCOUNT_STORE_TOKENS).
for _unused in (ClockedSchedule, SolarSchedule, SocialToken):
    if admin.site.is_registered(_unused):
        admin.site.unregister(_unused)
