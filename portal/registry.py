"""Where domain apps plug into the core (home page tiles, council portal sections), the way
django.contrib.admin discovers admin modules: apps call ``register_module`` in ``ready()``.
The core never imports a domain app."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    key: str
    title: str  # lazy translatable
    description: str
    url_name: str
    permission: str | None  # None: everyone signed in (what they see is scoped by the module)
    council_portal: bool = False  # shown in the council members' read-only portal


_modules: dict[str, Module] = {}


def register_module(module: Module) -> None:
    _modules[module.key] = module


def modules_for(user, *, council_portal: bool = False) -> list[Module]:
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


def register_demo_seeder(key: str, seeder) -> None:
    """``seeder(municipality, users, bodies)``: users by local part of the demo e-mail
    (``griffier``, ``raadslid1``, …; see portal/demo.py PEOPLE), bodies by name."""
    _demo_seeders[key] = seeder


def demo_seeders():
    return list(_demo_seeders.values())


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


# Audit actions (X7): each app declares the actions it writes, with labels, in its
# ``audit_actions.py`` (found at start-up like ``admin.py``); see portal/audit_actions.py.
from portal.audit_actions import AuditActions, register_audit_actions  # noqa: E402, F401
