"""The one place where a domain app plugs into the core (issue 16). The core never imports a
domain app: an app registers its pieces here in its ``AppConfig.ready()`` (or in a module the
core discovers at start-up, the way django.contrib.admin finds ``admin.py``):

=============================  ==================================================  ==========
piece                          how                                                 required
=============================  ==================================================  ==========
home page tile                 ``register_module(Module(...))``                    one of the two
council portal section         ``register_module(Module(..., council_portal=True))``
demo data                      ``register_demo_seeder(key, seeder)``               yes
municipal-scale data           ``register_scale_seeder(key, seeder)``              yes
audit actions with labels      ``register_audit_actions(key, label, Actions)`` in  yes
                               ``<app>/audit_actions.py`` (discovered)
roles' permissions             ``ROLE_PERMISSIONS`` in ``<app>/roles.py``          yes
                               (discovered; :func:`app_role_permissions`)
PDF report kinds               ``register_report_kind(ReportKind(...))``           no
background tasks               ``@background_task("<app>.name")``                  no
periodic jobs                  ``register_periodic(PeriodicJob("<app>.name"))``    no
sitemaps for /robots.txt       ``register_sitemaps(key, provider)``                no
=============================  ==================================================  ==========

An app that has no place for a required piece says so, with the reason, in its AppConfig:
``portal_absent = {"scale_seeder": "why"}``. The system check ``portal.E101``–``E106``
(:func:`plugged_in`, ``portal/checks.py``) fails when an app of this project forgets a piece.
See docs/extension-points.md.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    key: str
    title: str  # lazy translatable
    description: str
    url_name: str
    permission: str | None  # None: everyone signed in (what they see is scoped by the module)
    council_portal: bool = False  # shown in the council members' read-only portal
    menu_title: str = ""  # lazy translatable; set: also in the top menu for whoever sees the tile


_modules: dict[str, Module] = {}


def register_module(module: Module) -> None:
    _modules[module.key] = module


def menu_modules_for(user, *, council_portal: bool = False) -> list[Module]:
    """The top menu's entries of the domain apps: the user's modules that have a menu title."""
    return [m for m in modules_for(user, council_portal=council_portal) if m.menu_title]


def modules_for(user, *, council_portal: bool = False) -> list[Module]:
    """The modules ``user`` can open. Every module works inside one municipality, so someone
    who belongs to none (the service centre's superuser, who holds every permission) gets
    none: a tile he cannot open would lead to a refusal (issue 15)."""
    if user.municipality_id is None:
        return []
    perms = user.get_all_permissions()
    return [
        m
        for m in _modules.values()
        if m.council_portal == council_portal and (m.permission is None or m.permission in perms)
    ]


# Demo data (seed_demo): each domain app registers a function that adds its own demo content
# for one municipality, called after the core's municipalities, domains, bodies and people
# exist. It must be idempotent (update_or_create), like the core seed.
_demo_seeders: dict[str, object] = {}
_demo_after: dict[str, tuple[str, ...]] = {}


def register_demo_seeder(key: str, seeder, *, after: tuple[str, ...] = ()) -> None:
    """``seeder(municipality, users, bodies)``: users by local part of the demo e-mail
    (``griffier``, ``raadslid1``, …; see portal/demo.py PEOPLE), bodies by name. ``after``
    names seeders (by key) whose data this one uses, when their app is installed."""
    _demo_seeders[key] = seeder
    _demo_after[key] = tuple(after)


def demo_seeders():
    """In registration order, except that a seeder comes after the ones it names."""
    ordered: list = []
    seen: set[str] = set()

    def visit(key: str) -> None:
        if key in seen or key not in _demo_seeders:
            return
        seen.add(key)
        for earlier in _demo_after.get(key, ()):
            visit(earlier)
        ordered.append(_demo_seeders[key])

    for key in list(_demo_seeders):
        visit(key)
    return ordered


# The municipal-scale data set (manage.py seed_scale, issue 8): each domain app registers a
# function that bulk-creates its share for one municipality and returns how many rows it added.
_scale_seeders: dict[str, object] = {}


def register_scale_seeder(key: str, seeder) -> None:
    """``seeder(scale_municipality, size, *, progress) -> int`` (see portal/scale.py)."""
    _scale_seeders[key] = seeder


def scale_seeders():
    return list(_scale_seeders.items())


# Harvesting (/robots.txt): an app that publishes sitemaps registers a function returning their
# paths (``["/woo/openbaar/westerdijk/sitemap.xml", …]``); the core's robots.txt names them all.
_sitemap_providers: dict[str, object] = {}


def register_sitemaps(key: str, provider) -> None:
    _sitemap_providers[key] = provider


def sitemap_paths() -> list[str]:
    return [path for provider in _sitemap_providers.values() for path in provider()]


def sitemap_providers():
    return list(_sitemap_providers.items())


# Audit actions (X7): each app declares the actions it writes, with labels, in its
# ``audit_actions.py`` (found at start-up like ``admin.py``); see portal/audit_actions.py.
# Report kinds (portal/reports), background tasks and periodic jobs (portal/background.py) keep
# their own modules, which the worker and the report pages read; they are named here so that an
# app finds every way in at one address.
from portal.audit_actions import AuditActions, register_audit_actions  # noqa: E402, F401
from portal.background import (  # noqa: E402, F401
    PERIODIC,
    REGISTRY,
    PeriodicJob,
    background_task,
    register_periodic,
)
from portal.reports import ReportKind, register_report_kind, report_kinds  # noqa: E402, F401


def app_role_permissions(app_label: str) -> dict[str, list[str]]:
    """``ROLE_PERMISSIONS`` of the app's ``roles`` module (role key -> "app.codename"), found
    the way the admin finds ``admin`` modules; {} when the app has none."""
    from importlib import import_module
    from importlib.util import find_spec

    try:
        if find_spec(f"{app_label}.roles") is None:
            return {}
    except ModuleNotFoundError:
        return {}
    return dict(getattr(import_module(f"{app_label}.roles"), "ROLE_PERMISSIONS", {}))


# --- what each app plugged in (for the system check) -----------------------------------------

REQUIRED = ("tile", "demo_seeder", "scale_seeder", "audit_actions", "roles")


def _app_of(dotted: str) -> str:
    return dotted.split(".", 1)[0].split(":", 1)[0]


def plugged_in() -> dict[str, set[str]]:
    """Which pieces each app registered: app label -> {"tile", "demo_seeder", …}. An app is
    known by the module its seeders and report kinds live in, the URL namespace of its tiles,
    the prefix of its task and job names and the module of its audit actions."""
    from portal.audit_actions import _groups

    found: dict[str, set[str]] = {}

    def add(app: str, piece: str) -> None:
        found.setdefault(app, set()).add(piece)

    for module in _modules.values():
        add(_app_of(module.url_name), "tile")
    for seeder in _demo_seeders.values():
        add(_app_of(seeder.__module__), "demo_seeder")
    for seeder in _scale_seeders.values():
        add(_app_of(seeder.__module__), "scale_seeder")
    for provider in _sitemap_providers.values():
        add(_app_of(provider.__module__), "sitemaps")
    for group in _groups.values():
        add(_app_of(group.actions.__module__), "audit_actions")
    for kind in report_kinds():
        add(_app_of(kind.build_context.__module__), "report_kind")
    for name in REGISTRY:
        add(_app_of(name), "background_task")
    for name in PERIODIC:
        add(_app_of(name), "periodic_job")
    return found


# Meetings (R8): the app that knows the meetings with their agendas (the council information
# system) registers one provider; a recording names its meeting by UUID and asks the provider
# for the agenda, so that no domain app imports another.
@dataclass(frozen=True)
class Chapter:
    start: float  # seconds from the start of the recording
    end: float
    title: str


_meeting_providers: dict[str, object] = {}


def register_meetings(key: str, provider) -> None:
    """``provider.choices(municipality_id) -> [(uuid, label)]``,
    ``provider.label(municipality_id, uuid) -> str`` and
    ``provider.chapters(municipality_id, uuid) -> [Chapter]``."""
    _meeting_providers[key] = provider


def meeting_provider():
    return next(iter(_meeting_providers.values()), None)
