"""Predicates for the secrecy register. Permissions, never group names."""

from portal.permissions import holds_role_flag


def can_manage_register(user) -> bool:
    """The griffie keeps the register; read-only users (council members, X4) never write."""
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.has_perm("confidentiality.manage_register")
        and not holds_role_flag(user, "portal.read_only_access")
    )
