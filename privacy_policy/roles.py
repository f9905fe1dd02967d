"""What each role may do with motions, commitments and privacy policy (docs/privacy_policy.md).
Applied by the data migration 0002_roles; code checks these permissions, never the roles.

Editing a model policy (P7) is deliberately not here: it is an object grant on one model
policy (``privacy_policy.edit_model_policy``), given in the admin to its authors."""

from portal.roles import Role

VIEW = "privacy_policy.view_motions"
VIEW_POLICY = "privacy_policy.view_policy"

ROLE_PERMISSIONS = {
    # The griffie registers motions and commitments and records letters and afdoening (P1–P3).
    Role.CLERK: [VIEW, "privacy_policy.manage_motions"],
    # Owners in the organisation report progress on what they own (P1).
    Role.CIVIL_SERVANT: [VIEW, "privacy_policy.report_progress", VIEW_POLICY],
    Role.MANAGEMENT: [VIEW, "privacy_policy.report_progress", VIEW_POLICY],
    # The FG keeps the privacy policy, norms, audits, plans and adoptions (P5–P8).
    Role.PRIVACY_OFFICER: [
        VIEW,
        VIEW_POLICY,
        "privacy_policy.manage_policy",
        "privacy_policy.manage_adoptions",
    ],
    Role.INTEGRITY_OFFICER: [VIEW, VIEW_POLICY],
    # Council members follow motion and commitment status, read-only (X4).
    Role.COUNCIL_MEMBER: [VIEW],
}
