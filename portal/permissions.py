"""Predicates: what a user may do with an object already in scope. Permissions, never group
names."""


def can_manage_memberships(user, body) -> bool:
    """The griffie keeps the membership of the bodies in its own identity domain."""
    return (
        user.has_perm("portal.manage_memberships")
        and not user.has_perm("portal.read_only_access")
        and body.domain_id == user.identity_domain_id
    )
