"""System checks for misconfiguration that would silently weaken the portal."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.http.request import validate_host


@register("portal")
def check_policy(app_configs, **kwargs):
    problems = []
    middleware = settings.MIDDLEWARE
    if "django.contrib.auth.middleware.LoginRequiredMiddleware" not in middleware:
        problems.append(
            Error("LoginRequiredMiddleware is missing: views would be public.", id="portal.E001")
        )
    if "portal.middleware.ReadOnlyMiddleware" not in middleware:
        problems.append(
            Error("ReadOnlyMiddleware is missing: rule X4 is not enforced.", id="portal.E002")
        )
    if settings.STORAGES["default"].get("OPTIONS", {}).get("base_url") not in (None, ""):
        problems.append(Error("Private storage must have no public base_url.", id="portal.E003"))
    return problems


@register("portal", deploy=True)
def check_deploy(app_configs, **kwargs):
    problems = []
    if not settings.PORTAL_REQUIRE_MFA:
        problems.append(
            Warning(
                "PORTAL_REQUIRE_MFA is off: privileged roles sign in without MFA.", id="portal.W001"
            )
        )
    if settings.AUDIT_HMAC_KEY == settings.SECRET_KEY:
        problems.append(
            Warning(
                "PORTAL_AUDIT_HMAC_KEY is not set separately from the secret key.", id="portal.W002"
            )
        )
    if not settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        problems.append(
            Warning("No Redis broker configured: background work will not run.", id="portal.W003")
        )
    site = urlsplit(settings.SITE_URL)
    if site.scheme != "https" or not validate_host(site.hostname or "", settings.ALLOWED_HOSTS):
        problems.append(
            Warning(
                "PORTAL_SITE_URL is not the portal's public https address (one of "
                "DJANGO_ALLOWED_HOSTS): links in e-mails and the OpenID Connect redirect URIs "
                "registered at the providers would point elsewhere.",
                id="portal.W004",
            )
        )
    return problems
