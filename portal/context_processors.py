from django.conf import settings


def portal(request):
    user = getattr(request, "user", None)
    municipality = None
    if user is not None and user.is_authenticated and user.identity_domain_id:
        municipality = user.identity_domain.municipality
    return {
        "current_municipality": municipality,
        "demo_mode_mfa_off": not settings.PORTAL_REQUIRE_MFA,
    }
