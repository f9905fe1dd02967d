"""Predicates: what a user may do with an object already in scope. Permissions, never group
names."""


def holds_role_flag(user, perm: str) -> bool:
    """Permissions that restrict or redirect (``read_only_access``, ``use_council_portal``)
    are held only when granted: a superuser "has" every permission, but is not read-only and
    is not a council member."""
    return user.is_authenticated and not user.is_superuser and user.has_perm(perm)


def can_manage_memberships(user, body) -> bool:
    """The griffie keeps the membership of the bodies in its own identity domain."""
    return (
        user.has_perm("portal.manage_memberships")
        and not holds_role_flag(user, "portal.read_only_access")
        and body.domain_id == user.identity_domain_id
    )
