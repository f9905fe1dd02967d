"""Reads of the secrecy register, always scoped to the user (T1) in one query."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from portal.models import Membership
from portal.selectors import get_in_scope_or_404

from .models import Exclusion, SecrecyItem, Share


def exclusions_in_force(on=None) -> QuerySet:
    """C6: exclusions covering ``on`` (both days inclusive)."""
    on = on or timezone.localdate()
    return Exclusion.objects.filter(start__lte=on, end__gte=on)


def items_visible_to(user, *, on=None) -> QuerySet:
    """The secret items ``user`` may see on ``on`` (default today), in one query.

    - The register (``view_register``, the griffie): every item of the user's municipality,
      whatever its status — the register shows lifted and expired items too (C5, C7).
    - A council member (``view_shared_secrets``): items *still secret* that were shared with a
      body the user is a *current* member of (C4, T4: access starts and ends with the seat),
      and nothing at all while an exclusion is in force (C6 — not even a count). A lifted or
      expired item is no longer secret (C5) and leaves this list: from then on it is public
      information (the public register, C9), no longer subject to watermarks or exclusion.
    - Anyone else, and every other municipality: nothing (T1).
    """
    if not user.is_authenticated or user.municipality_id is None:
        return SecrecyItem.objects.none()
    on = on or timezone.localdate()
    items = SecrecyItem.objects.filter(municipality_id=user.municipality_id).select_related(
        "imposing_body", "lifting_body"
    )
    if user.has_perm("confidentiality.view_register"):
        return items
    if not user.has_perm("confidentiality.view_shared_secrets"):
        return SecrecyItem.objects.none()
    seats = Membership.objects.current(on).filter(user_id=user.pk)
    shared_with_own_body = Share.objects.filter(
        item_id=OuterRef("pk"), body_id__in=seats.values("body_id")
    )
    excluded = exclusions_in_force(on).filter(member_id=user.pk)
    return items.secret(on).filter(Exists(shared_with_own_body), ~Exists(excluded))


def item_get(user, uuid, *, on=None) -> SecrecyItem:
    """One item in the user's scope, or a 404 (audited by get_in_scope_or_404)."""
    return get_in_scope_or_404(items_visible_to(user, on=on), user, uuid=uuid)


def member_is_excluded(user, *, on=None) -> bool:
    return exclusions_in_force(on).filter(member_id=user.pk).exists()
