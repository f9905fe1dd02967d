"""What the writes of the secrecy register share: only the griffie of the object's own
municipality writes (T1, X4), and a state change holds the item's row lock."""

from portal.refusals import refuse

from ..models import SecrecyItem
from ..permissions import can_manage_register


def require_manager(actor, *, action: str, obj=None) -> None:
    """The griffie of the object's own municipality, and nobody else (T1, X4)."""
    municipality_id = getattr(obj, "municipality_id", None)
    if not can_manage_register(actor) or (
        municipality_id is not None and municipality_id != actor.municipality_id
    ):
        refuse(
            actor=actor,
            action=action,
            obj=obj if municipality_id == actor.municipality_id else None,
        )


def locked(item: SecrecyItem) -> SecrecyItem:
    return (
        SecrecyItem.objects.select_for_update(of=("self",))
        .select_related("lifting_body", "municipality")
        .get(pk=item.pk)
    )
