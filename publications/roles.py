"""What each role may do with Woo publications (docs/publications.md). Applied by the data
migration 0002_roles; code checks the permission, never the role."""

from portal.roles import Role

ROLE_PERMISSIONS = {
    # The griffie keeps the secrecy register, so it decides what follows when secrecy ends
    # (C11) and tracks the Woo requests for what is still secret (C12).
    Role.CLERK: ["publications.manage_publications"],
}
