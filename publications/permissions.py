"""Predicates for Woo publication and Woo requests. Permissions, never group names."""

from portal.permissions import holds_role_flag


def can_manage_publications(user) -> bool:
    """The griffie decides on publication (C11) and keeps the Woo requests for secret items
    (C12); read-only users (council members, X4) never write."""
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.has_perm("publications.manage_publications")
        and not holds_role_flag(user, "portal.read_only_access")
    )
