"""Reads of model policies (shared, P7) and adoptions (per municipality, T1)."""

from __future__ import annotations

from django.db.models import (
    Count,
    Prefetch,
    QuerySet,
)

from portal.selectors import get_in_scope_or_404, scope_to_municipality

from ..models import (
    Adoption,
    Deviation,
    ModelPolicy,
    ModelPolicyVersion,
)
from ..permissions import (
    can_edit_model_policy,
    can_manage_adoptions,
    can_view_policy,
)

# --- model policies (P7) -----------------------------------------------------------------------


def may_see_model_policies(user) -> bool:
    return user.is_authenticated and (can_view_policy(user) or can_manage_adoptions(user))


def model_policies_for(user) -> QuerySet:
    """Shared across municipalities (the only shared objects, T1): every person who works
    with policy sees the list; who adopted them is not part of it."""
    if not may_see_model_policies(user):
        return ModelPolicy.objects.none()
    return ModelPolicy.objects.annotate(n_versions=Count("versions"))


def model_policy_get(user, uuid) -> ModelPolicy:
    qs = model_policies_for(user).prefetch_related(
        Prefetch(
            "versions",
            queryset=ModelPolicyVersion.objects.prefetch_related("sections").order_by("number"),
        )
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def adoption_for(user, model_policy) -> Adoption | None:
    """The user's own municipality's adoption, never another's (T1)."""
    if user.municipality_id is None:
        return None
    return (
        Adoption.objects.filter(municipality_id=user.municipality_id, model_policy=model_policy)
        .select_related("version", "adopted_by")
        .prefetch_related("deviations")
        .first()
    )


def adoption_get(user, uuid) -> Adoption:
    qs = scope_to_municipality(Adoption.objects.select_related("version", "model_policy"), user)
    if not can_manage_adoptions(user):
        qs = qs.none()
    return get_in_scope_or_404(qs, user, uuid=uuid)


def comparison(user, model_policy, *, editor: bool | None = None) -> list[dict]:
    """P7: who deviates where. An editor of the model policy (the object grant) sees every
    adopting municipality and the sections it deviates in — not the text or the reasons; anyone
    else sees only their own municipality (T1)."""
    adoptions = Adoption.objects.filter(model_policy=model_policy).select_related(
        "municipality", "version"
    )
    if editor is None:
        editor = can_edit_model_policy(user, model_policy)
    if not editor:
        adoptions = adoptions.filter(municipality_id=user.municipality_id or -1)
    keys: dict = {}
    for adoption_id, key in Deviation.objects.filter(
        adoption__in=adoptions.values("pk")
    ).values_list("adoption_id", "section_key"):
        keys.setdefault(adoption_id, set()).add(key)
    return [
        {
            "municipality": a.municipality.name,
            "version": a.version.number,
            "adopted_on": a.adopted_on,
            "deviating": keys.get(a.pk, set()),
        }
        for a in adoptions.order_by("municipality__name")
    ]


def adopted_versions(user) -> dict[int, int]:
    """model policy id → the version number the user's municipality adopted."""
    if user.municipality_id is None:
        return {}
    return dict(
        Adoption.objects.filter(municipality_id=user.municipality_id).values_list(
            "model_policy_id", "version__number"
        )
    )
