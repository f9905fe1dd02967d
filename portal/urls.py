from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from portal import robots, theme_views, views, views_audit, views_notifications

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("profiel/", views.profile, name="profile"),
        path("organen/", views.body_list, name="body_list"),
        path("organen/<uuid:uuid>/", views.body_detail, name="body_detail"),
        path("organen/<uuid:uuid>/leden/toevoegen/", views.membership_add, name="membership_add"),
        path(
            "lidmaatschappen/<uuid:uuid>/beeindigen/", views.membership_end, name="membership_end"
        ),
        path("audit/", views.audit_list, name="audit_list"),
        path("audit/<uuid:uuid>/", views.audit_detail, name="audit_detail"),
        path(
            "audit/controlepunten/",
            views_audit.audit_checkpoint_list,
            name="audit_checkpoint_list",
        ),
        path(
            "audit/controlepunten/<str:day>/",
            views_audit.audit_checkpoint_download,
            name="audit_checkpoint_download",
        ),
        path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
        path("thema/<slug:slug>.css", theme_views.stylesheet, name="theme_css"),
        path("thema/<slug:slug>/logo", theme_views.logo, name="municipality_logo"),
        path("rapporten/", include("portal.reports.urls")),
        path("meldingen/", views_notifications.notification_list, name="notification_list"),
        path(
            "meldingen/<uuid:uuid>/gelezen/",
            views_notifications.notification_mark_read,
            name="notification_mark_read",
        ),
        path(
            "meldingen/alles-gelezen/",
            views_notifications.notification_mark_all_read,
            name="notification_mark_all_read",
        ),
        path(
            "meldingen/voorkeuren/",
            views_notifications.notification_preferences,
            name="notification_preferences",
        ),
    ],
    "portal",
)

council_patterns = (
    [
        path("", views.council_home, name="home"),
    ],
    "council",
)

# The admin's own login form takes a password only: it would skip allauth's second step (MFA),
# its throttling and the T3 checks. Send it to allauth's sign-in instead.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include(portal_patterns)),
    path("raad/", include(council_patterns)),
    path("opnames/", include("recordings.urls")),
    path("geheimhouding/", include("confidentiality.urls")),
    path("lekken/", include("leaks.urls")),
    path("privacy/", include("privacy_policy.urls")),
    # T3: before allauth's own e-mail page, which lets a person add and choose addresses.
    path("accounts/email/", views.account_email, name="account_email"),
    path("woo/", include("publications.urls")),
    path("ris/", include("ris.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("jsi18n/", login_not_required(JavaScriptCatalog.as_view()), name="javascript_catalog"),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", robots.robots_txt, name="robots_txt"),
]

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
