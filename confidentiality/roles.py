"""What each role may do in the secrecy register (docs/authorization.md). Applied by the data
migration 0002_roles; code checks these permissions, never the roles."""

from portal.roles import Role

ROLE_PERMISSIONS = {
    # The griffie keeps the register: reads all of it and records decisions.
    Role.CLERK: ["confidentiality.view_register", "confidentiality.manage_register"],
    # Council members see what was shared with a body they sit in (C4, T4), never the register.
    Role.COUNCIL_MEMBER: ["confidentiality.view_shared_secrets"],
}
