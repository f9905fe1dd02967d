"""Predicates for leak cases (L3). Permissions, never group names. Council members never see
or touch a leak case, whatever they were granted."""

from portal.permissions import holds_role_flag


def _staff_of_a_municipality(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.municipality_id is not None
        and not holds_role_flag(user, "portal.read_only_access")
        and not holds_role_flag(user, "portal.use_council_portal")
    )


def can_report(user) -> bool:
    """L2: staff who may report a (suspected) leak."""
    return _staff_of_a_municipality(user) and user.has_perm("leaks.report_leak")


def can_oversee(user) -> bool:
    """The dashboard and the breach register: the privacy officer and the designated roles.
    What they list is still narrowed to the cases the user may see (L3)."""
    return _staff_of_a_municipality(user) and (
        user.has_perm("leaks.view_all_cases") or user.has_perm("leaks.manage_cases")
    )


def may_see_cases(user) -> bool:
    """Anyone who could be on a case team; council members never (L3)."""
    return _staff_of_a_municipality(user)


def can_work(user, case) -> bool:
    """L3/L4: weigh, decide, record the breach, run the access trace: the case team (object
    grant, annotated as ``is_team`` by the selector) and the case handlers (``manage_cases``).
    Management with only ``view_all_cases`` reads."""
    if not _staff_of_a_municipality(user) or case.municipality_id != user.municipality_id:
        return False
    if user.has_perm("leaks.manage_cases"):
        return True
    if hasattr(case, "is_team"):  # annotated by the selector: no extra query
        return bool(case.is_team)
    return user.has_perm("leaks.view_leakcase", case)


def can_approve_destruction(user, municipality_id=None) -> bool:
    """Retention: the archivist (``leaks.approve_breach_destruction``, by default on the
    administrator's role; groups are data) approves the destruction list of their own
    municipality. Seeing the list shows references and dates, never a case's content."""
    return (
        _staff_of_a_municipality(user)
        and user.has_perm("leaks.approve_breach_destruction")
        and (municipality_id is None or municipality_id == user.municipality_id)
    )


def archivists(municipality_id):
    """The people who approve destruction lists in a municipality (for notifications)."""
    from portal.models import User

    return User.objects.filter(
        identity_domain__municipality_id=municipality_id,
        is_active=True,
        groups__permissions__codename="approve_breach_destruction",
        groups__permissions__content_type__app_label="leaks",
    ).distinct()
