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
