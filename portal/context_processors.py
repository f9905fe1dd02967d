from django.conf import settings
from django.utils.functional import SimpleLazyObject

from portal.registry import menu_modules_for
from portal.selectors import unread_notification_count
from portal.theme import theme_version

# The NL Design System CSS is linked only when npm installed it (settings.STATICFILES_DIRS).
NLDS_AVAILABLE = any(
    isinstance(d, tuple) and d[0] == "nlds/components" for d in settings.STATICFILES_DIRS
)


def portal(request):
    user = getattr(request, "user", None)
    municipality = None
    unread = 0
    reports_nav = False
    menu = []
    if user is not None and user.is_authenticated:
        if user.identity_domain_id:
            municipality = user.identity_domain.municipality
        # Counted once, and only if the page shows it: one COUNT on a partial index.
        unread = SimpleLazyObject(lambda: unread_notification_count(user))
        # "Rapporten" only for people who can ask for one (the exploratory test found a dead
        # end for the griffie and council members); permissions are cached: no extra query.
        reports_nav = SimpleLazyObject(lambda: _may_request_any_report(user))
        # Geheimhouding, Lekken, Opnames, Moties, Beleid for the roles that use them (issue
        # 15); the same permissions as the home page's tiles, cached: no extra query.
        menu = SimpleLazyObject(lambda: _menu(user))
    return {
        "current_municipality": municipality,
        "theme_version": theme_version(municipality) if municipality else "",
        "nlds_available": NLDS_AVAILABLE,
        "demo_mode_mfa_off": not settings.PORTAL_REQUIRE_MFA,
        "unread_notification_count": unread,
        "show_reports_nav": reports_nav,
        "menu_modules": menu,
    }


def _menu(user) -> list:
    council = user.has_perm("portal.use_council_portal") and not user.is_superuser
    return menu_modules_for(user, council_portal=council)


def _may_request_any_report(user) -> bool:
    from portal.reports import report_kinds
    from portal.reports.services import may_request

    return any(kind.form_class is not None and may_request(user, kind) for kind in report_kinds())
