"""What each role may do with the council information system. Applied by the data migration
0002_roles; code checks the permission, never the role."""

from portal.roles import Role

ROLE_PERMISSIONS = {
    # The griffie keeps the RIS: it runs a sync on demand, links people to their accounts and
    # confirms closed sessions (T5, C3).
    Role.CLERK: ["ris.manage_ris"],
}
