"""What each role may do with leak cases (docs/leaks.md). Applied by the data migration
0002_roles; code checks these permissions, never the roles. Groups are data: an administrator
can designate other roles (L3 "designated roles as configured") by giving them
``leaks.view_all_cases`` in the admin."""

from portal.roles import Role

_FRAMEWORK_ADMIN = [
    f"leaks.{verb}_{model}"
    for model in ("frameworkversion", "frameworkstep", "consideration", "frameworktrack")
    for verb in ("view", "add", "change")
]

ROLE_PERMISSIONS = {
    # Anyone on the staff who notices a leak reports it (L2); the report is all they see of it.
    Role.CLERK: ["leaks.report_leak"],
    Role.CIVIL_SERVANT: ["leaks.report_leak"],
    Role.INTEGRITY_OFFICER: ["leaks.report_leak"],
    # The privacy officer (FG) receives every report, weighs it and keeps the breach register
    # (AVG art. 33(5)); management is the designated role that oversees all cases (L3).
    Role.PRIVACY_OFFICER: ["leaks.report_leak", "leaks.view_all_cases", "leaks.manage_cases"],
    Role.MANAGEMENT: ["leaks.report_leak", "leaks.view_all_cases"],
    # Administrators edit and publish the framework (L1) but see no case unless granted (L3).
    # They also approve the destruction list of breach records (the archivist's task in the
    # portal; a municipality can give it to another group instead): the list shows references
    # and dates, never a case's content.
    Role.ADMINISTRATOR: [
        "leaks.manage_framework",
        "leaks.approve_breach_destruction",
        *_FRAMEWORK_ADMIN,
    ],
    # Council members: nothing, ever (L3).
}
