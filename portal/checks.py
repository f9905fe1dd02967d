"""System checks for misconfiguration that would silently weaken the portal."""

from importlib.util import find_spec
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.http.request import validate_host


@register("portal")
def check_policy(app_configs, **kwargs):
    problems = []
    middleware = settings.MIDDLEWARE
    # The portal's subclass (a 401 for the JSON APIs) or Django's own.
    if not {
        "portal.middleware.LoginRequiredMiddleware",
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    } & set(middleware):
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


_PIECES = {
    "tile": (
        "portal.E101",
        "no home page tile or council portal section",
        "register_module(Module(key=..., url_name='<app>:<view>', ...))",
    ),
    "demo_seeder": (
        "portal.E102",
        "no demo data",
        "register_demo_seeder('<app>', seed_demo)  # <app>/demo.py",
    ),
    "scale_seeder": (
        "portal.E103",
        "no share of the municipal-scale data set (benchmark)",
        "register_scale_seeder('<rows>', seed_rows)  # <app>/scale.py",
    ),
    "audit_actions": (
        "portal.E104",
        "no audit actions declared with their labels",
        "register_audit_actions('<app>', _('Label'), Actions)  # <app>/audit_actions.py",
    ),
    "roles": (
        "portal.E105",
        "no roles module with ROLE_PERMISSIONS",
        "ROLE_PERMISSIONS = {'<role>': ['<app>.<codename>']}  # <app>/roles.py",
    ),
}


def project_apps(app_configs=None):
    """The domain apps of this project: top-level packages of the repository, not the core."""
    from django.apps import apps

    base = Path(settings.BASE_DIR).resolve()
    configs = app_configs if app_configs is not None else apps.get_app_configs()
    return [c for c in configs if c.name != "portal" and Path(c.path).resolve().parent == base]


def _has_module(package: str, name: str) -> bool:
    try:
        return find_spec(f"{package}.{name}") is not None
    except ModuleNotFoundError:
        return False


@register("portal")
def check_apps_plugged_in(app_configs, **kwargs):
    """Issue 16: every domain app plugs into the core through ``portal.registry``; one that
    forgets a piece fails here, at start-up and in ``manage.py check``, with what to add."""
    from portal.registry import app_role_permissions, plugged_in

    found = plugged_in()
    problems = []
    for config in project_apps(app_configs):
        pieces = set(found.get(config.label, set()))
        if app_role_permissions(config.name):
            pieces.add("roles")
        absent = getattr(config, "portal_absent", {}) or {}
        for piece, (check_id, what, how) in _PIECES.items():
            if piece in pieces or (piece in absent and str(absent[piece]).strip()):
                continue
            problems.append(
                Error(
                    f"App '{config.label}' is not fully plugged into the portal: {what}.",
                    hint=(
                        f"In {type(config).__name__}.ready() (or the module named): {how}. "
                        f"If the app has none on purpose, say why in its AppConfig: "
                        f"portal_absent = {{'{piece}': '<the reason>'}}. "
                        "See docs/extension-points.md."
                    ),
                    obj=config.name,
                    id=check_id,
                )
            )
        if "periodic_job" in pieces or "background_task" in pieces:
            continue
        if _has_module(config.name, "tasks"):
            problems.append(
                Error(
                    f"App '{config.label}' has a tasks module, but none of its background "
                    "tasks or periodic jobs is registered.",
                    hint=(
                        f"Import it in {type(config).__name__}.ready() "
                        f"(`from . import tasks`); name tasks and jobs '{config.label}.<name>' "
                        "(@background_task, register_periodic). See docs/extension-points.md."
                    ),
                    obj=config.name,
                    id="portal.E106",
                )
            )
    return problems
