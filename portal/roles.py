"""Roles are groups with permissions (data, editable in the admin). This module holds the
initial definition that the data migrations apply; code never checks a group name.

Domain apps add their own permissions to these roles in their own data migrations by calling
:func:`grant_role_permissions` with the historical ``apps``.
"""

from django.contrib.auth.management import create_permissions


class Role:
    CLERK = "clerk"
    CIVIL_SERVANT = "civil_servant"
    PRIVACY_OFFICER = "privacy_officer"
    INTEGRITY_OFFICER = "integrity_officer"
    MANAGEMENT = "management"
    COUNCIL_MEMBER = "council_member"
    ADMINISTRATOR = "administrator"


# Group names are what administrators see; the key is what seeds and migrations use.
ROLE_GROUP_NAMES = {
    Role.CLERK: "Griffie (griffier en griffiemedewerkers)",
    Role.CIVIL_SERVANT: "Ambtenaar",
    Role.PRIVACY_OFFICER: "Privacyfunctionaris (FG)",
    Role.INTEGRITY_OFFICER: "Integriteitsfunctionaris",
    Role.MANAGEMENT: "Management (CMT)",
    Role.COUNCIL_MEMBER: "Raadslid (alleen lezen)",
    Role.ADMINISTRATOR: "Beheerder",
}

_ADMIN_MODEL_PERMS = [
    f"portal.{verb}_{model}"
    for model in ("identitydomain", "body", "membership", "domaintrust", "user")
    for verb in ("view", "add", "change")
] + [
    "portal.view_municipality",
    "portal.change_municipality",
    "portal.delete_membership",
    "portal.delete_domaintrust",
    "portal.view_auditevent",
    "auth.view_group",
    # Sign-in providers (SocialApps) are global rows: only the service centre's superusers
    # manage them; a municipality's administrator sees which one its domains use. Periodic
    # tasks are installation-wide too, and for superusers only (portal/admin_service_centre.py).
]

ROLE_PERMISSIONS = {
    Role.CLERK: ["portal.view_bodies", "portal.manage_memberships", "portal.require_mfa"],
    Role.CIVIL_SERVANT: ["portal.view_bodies"],
    Role.PRIVACY_OFFICER: [
        "portal.view_bodies",
        "portal.view_audit_trail",
        "portal.download_audit_checkpoints",
        "portal.require_mfa",
    ],
    Role.INTEGRITY_OFFICER: [
        "portal.view_bodies",
        "portal.view_audit_trail",
        "portal.require_mfa",
    ],
    Role.MANAGEMENT: ["portal.view_bodies", "portal.require_mfa"],
    Role.COUNCIL_MEMBER: [
        "portal.use_council_portal",
        "portal.read_only_access",
        "portal.view_bodies",
    ],
    Role.ADMINISTRATOR: [
        "portal.view_bodies",
        "portal.view_audit_trail",
        "portal.require_mfa",
        *_ADMIN_MODEL_PERMS,
    ],
}


# Permissions of models that came after migration 0003 (which applies ROLE_PERMISSIONS as they
# are now, before those models exist): their own migrations grant them, and
# all_role_permissions() includes them for a flushed database.
ROLE_PERMISSIONS_LATER = {
    # 0014: told when someone of the municipality is given a role with special rights (issue 14).
    Role.PRIVACY_OFFICER: ["portal.review_role_grants"],
}


def ensure_permissions(apps):
    """Create the permission rows now (Django only does so after all migrations ran)."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def grant_role_permissions(apps, role_permissions: dict[str, list[str]]):
    """Create the role groups if missing and add the given permissions (never removes)."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in role_permissions.items():
        group, _ = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
        for dotted in perms:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)


def role_group(role: str):
    """The group for a role key (for seeds and tests)."""
    from django.contrib.auth.models import Group

    return Group.objects.get(name=ROLE_GROUP_NAMES[role])


def all_role_permissions() -> dict[str, list[str]]:
    """The core's ROLE_PERMISSIONS and those of every installed app that has a ``roles``
    module (found the way the admin finds ``admin`` modules). For seeds that must work on a
    flushed database, where the apps' data migrations have not put them back."""
    from django.apps import apps

    from portal.registry import app_role_permissions

    merged = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for role, perms in ROLE_PERMISSIONS_LATER.items():
        merged[role] = [*merged[role], *perms]
    for config in apps.get_app_configs():
        if config.name == "portal":
            continue
        for role, perms in app_role_permissions(config.name).items():
            merged.setdefault(role, []).extend(p for p in perms if p not in merged[role])
    return merged
