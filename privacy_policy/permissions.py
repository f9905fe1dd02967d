"""Predicates: what a user may do with motions, commitments and policy. Permissions, never
group names; council members (read-only, X4) never write."""

from portal.permissions import holds_role_flag


def _writer(user, perm: str) -> bool:
    return (
        user.is_authenticated
        and user.municipality_id is not None
        and user.has_perm(perm)
        and not holds_role_flag(user, "portal.read_only_access")
    )


def can_view_motions(user) -> bool:
    return user.is_authenticated and user.has_perm("privacy_policy.view_motions")


def can_manage_motions(user) -> bool:
    """P1–P3: the griffie registers motions, assignments, commitments, letters, afdoening."""
    return _writer(user, "privacy_policy.manage_motions")


def can_report_progress(user, item) -> bool:
    """P1: the owner reports progress on their own item; the griffie may record it for them."""
    if can_manage_motions(user):
        return True
    return _writer(user, "privacy_policy.report_progress") and item.owner_id == user.pk


def can_view_policy(user) -> bool:
    return user.is_authenticated and user.has_perm("privacy_policy.view_policy")


def can_manage_policy(user) -> bool:
    """P5, P6, P8: the privacy officer keeps the policy documents, norms, audits and plans."""
    return _writer(user, "privacy_policy.manage_policy")


def can_manage_adoptions(user) -> bool:
    """P7: a municipality's adoption of a model policy and its deviations."""
    return _writer(user, "privacy_policy.manage_adoptions")


def can_edit_model_policy(user, model_policy) -> bool:
    """P7: an object grant on this model policy (to the person or one of their groups), not a
    municipality role; a superuser of the service centre counts, as in the admin. One query:
    the grant tables of django-guardian's direct-FK models, asked together."""
    from django.db.models import Exists, OuterRef, Q

    from .models import (
        ModelPolicy,
        ModelPolicyGroupObjectPermission,
        ModelPolicyUserObjectPermission,
    )

    if not user.is_authenticated or not user.is_active:
        return False
    if holds_role_flag(user, "portal.read_only_access"):
        return False
    if user.is_superuser:
        return True
    perm = Q(permission__codename="edit_model_policy")
    by_user = ModelPolicyUserObjectPermission.objects.filter(
        perm, content_object=OuterRef("pk"), user=user
    )
    by_group = ModelPolicyGroupObjectPermission.objects.filter(
        perm, content_object=OuterRef("pk"), group__user=user
    )
    return (
        ModelPolicy.objects.filter(pk=model_policy.pk)
        .filter(Exists(by_user) | Exists(by_group))
        .exists()
    )
