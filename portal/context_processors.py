from django.conf import settings
from django.utils.functional import SimpleLazyObject

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
    if user is not None and user.is_authenticated:
        if user.identity_domain_id:
            municipality = user.identity_domain.municipality
        # Counted once, and only if the page shows it: one COUNT on a partial index.
        unread = SimpleLazyObject(lambda: unread_notification_count(user))
    return {
        "current_municipality": municipality,
        "theme_version": theme_version(municipality) if municipality else "",
        "nlds_available": NLDS_AVAILABLE,
        "demo_mode_mfa_off": not settings.PORTAL_REQUIRE_MFA,
        "unread_notification_count": unread,
    }
