"""What each role may do in the secrecy register (docs/authorization.md). Applied by the data
migration 0002_roles; code checks these permissions, never the roles."""

from portal.roles import Role

ROLE_PERMISSIONS = {
    # The griffie keeps the register: reads all of it, records decisions and, as the keeper of
    # who received which copy, resolves trace codes (C8). Leak case teams reach the access trace
    # of their own case through the leaks app (L6), not through this standing right.
    Role.CLERK: [
        "confidentiality.view_register",
        "confidentiality.manage_register",
        "confidentiality.trace_copies",
    ],
    # Council members see what was shared with a body they sit in (C4, T4), never the register.
    Role.COUNCIL_MEMBER: ["confidentiality.view_shared_secrets"],
}
