"""What each role may do with recordings (docs/authorization.md). Applied by the data
migration 0002_roles; code checks these permissions, never the roles."""

from portal.roles import Role

ROLE_PERMISSIONS = {
    # Civil servants organise information markets and committee preparations (seed 000);
    # the griffie records council and committee meetings. Both share what they organise.
    Role.CIVIL_SERVANT: ["recordings.organise_recordings"],
    Role.CLERK: ["recordings.organise_recordings"],
}
