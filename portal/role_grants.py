"""Who gives which role (issue 14 finding 3).

- Nobody gives himself a role: not in the admin's form, and not by any other path (the grant
  itself is refused while the request's user is the grantee).
- A municipality's administrator gives only the roles the service centre released
  (:class:`portal.models.AssignableRole`, edited by superusers only); by default the roles
  without special rights, civil servant and council member. Taking a role away is allowed.
- A role with special rights is one that asks for two-step verification (it holds
  ``portal.require_mfa``: the griffie, the officers, management, administrators). Giving one
  is audited with the role named (``privileged`` in the grant's event) and, when a person gave
  it (in a request), shown to the people of the municipality holding
  ``portal.review_role_grants`` (the privacy officer).

Roles are recognised by their permissions, never by their names.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record, current_actor
from portal.constants import AuditResult
from portal.models import AssignableRole, User
from portal.roles import ROLE_GROUP_NAMES, Role

# Kept in step with migration 0014 (which imports no live model).
DEFAULT_ASSIGNABLE = [Role.CIVIL_SERVANT, Role.COUNCIL_MEMBER]
PRIVILEGE_MARK = ("portal", "require_mfa")
REVIEWER_PERMISSION = ("portal", "review_role_grants")

SELF_GRANT = _("Niemand geeft zichzelf een rol. Vraag een andere beheerder.")
NOT_RELEASED = _(
    "Deze rol geeft het servicecentrum zelf; u kunt hem niet toekennen: %(roles)s. Vraag het "
    "servicecentrum om de rol toe te kennen of om hem voor gemeentebeheerders vrij te geven."
)


def _permission(app_label, codename):
    return Q(permissions__content_type__app_label=app_label, permissions__codename=codename)


def privileged_groups(group_ids) -> list[Group]:
    """The groups among ``group_ids`` that hold ``portal.require_mfa``."""
    return list(
        Group.objects.filter(pk__in=list(group_ids)).filter(_permission(*PRIVILEGE_MARK)).distinct()
    )


def assignable_group_ids(actor) -> set[int]:
    if actor.is_superuser:
        return set(Group.objects.values_list("pk", flat=True))
    return set(AssignableRole.objects.values_list("group_id", flat=True))


def ensure_default_assignable_roles() -> None:
    """The default list, for a database whose data migrations were flushed (the demo)."""
    for group in Group.objects.filter(name__in=[ROLE_GROUP_NAMES[r] for r in DEFAULT_ASSIGNABLE]):
        AssignableRole.objects.get_or_create(group=group)


def check_role_change(*, actor, user, before, after) -> None:
    """Refuse what ``actor`` may not do to ``user``'s roles (ids ``before`` → ``after``) with a
    ValidationError for the form; the refusal is audited."""
    added = set(after) - set(before)
    if not added:
        return
    if actor.pk == user.pk:
        refused(actor, user, added, "self_grant")
        raise ValidationError(SELF_GRANT, code="self_grant")
    kept = added - assignable_group_ids(actor)
    if kept:
        names = refused(actor, user, kept, "role_not_released")
        raise ValidationError(
            NOT_RELEASED, code="role_not_released", params={"roles": ", ".join(names)}
        )


def refused(actor, user, group_ids, reason) -> list[str]:
    """Audit a refused grant (one event, the roles named); returns the roles' names."""
    names = sorted(Group.objects.filter(pk__in=group_ids).values_list("name", flat=True))
    audit_record(
        action="admin.role_grant_refused",
        actor=actor,
        obj=user,
        result=AuditResult.DENIED,
        details={"reason": reason, "roles": names},
    )
    return names


def sides(*, reverse_side, instance, pk_set) -> tuple[set, set]:
    """(user ids, group ids) of an m2m change on ``User.groups``, from either side."""
    if reverse_side:
        return set(pk_set or ()), {instance.pk}
    return {instance.pk}, set(pk_set or ())


def guard_membership_change(*, user_ids, group_ids) -> None:
    """The backstop under every path that adds roles (m2m ``pre_add`` on ``User.groups``):
    while a request is handled, its user never becomes a grantee, and a non-superuser adds only
    released roles."""
    actor = current_actor()
    if actor is None or not group_ids:
        return
    if actor.pk in user_ids:
        raise PermissionDenied("Nobody gives himself a role (issue 14).")
    if group_ids - assignable_group_ids(actor):
        raise PermissionDenied("This role is given by the service centre only (issue 14).")


def privileged_grant_notify(*, event, user_ids, groups) -> None:
    """Tell each grantee's municipality's reviewers (the privacy officer) of every role with
    special rights in ``groups``, linking to the grant's audit event. Written in the grant's
    transaction; the e-mail goes after commit (portal.notifications)."""
    from portal.notifications import notify_users

    if not groups or current_actor() is None:
        # Roles given outside a request (a data migration, seed_demo, a test's world) are in
        # the audit trail; the officer is told of what a person gave in the portal or admin.
        return
    reviewers = User.objects.filter(
        Q(groups__in=Group.objects.filter(_permission(*REVIEWER_PERMISSION)))
        | Q(
            user_permissions__in=Permission.objects.filter(
                content_type__app_label=REVIEWER_PERMISSION[0], codename=REVIEWER_PERMISSION[1]
            )
        )
    ).distinct()
    grantees = User.objects.filter(pk__in=user_ids).select_related("identity_domain__municipality")
    for user in grantees:
        if user.municipality is None:
            continue
        for group in groups:
            notify_users(
                users=reviewers,
                kind="role.privileged_granted",
                title=gettext_noop("Een rol met bijzondere rechten is toegekend: %(role)s"),
                text=gettext_noop("Bekijk in de audittrail wie de rol kreeg en wie hem gaf."),
                params={"role": group.name},
                link=reverse("portal:audit_detail", kwargs={"uuid": event.uuid}),
                key=f"role.privileged_granted:{event.uuid}:{user.pk}:{group.pk}",
                municipality=user.municipality,
            )
