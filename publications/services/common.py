"""What the writes of this app share: only the griffie of the object's own municipality writes
(T1, X4)."""

from portal.refusals import refuse

from ..permissions import can_manage_publications


def require_manager(actor, *, action: str, obj=None) -> None:
    """The griffie of the object's own municipality, and nobody else (T1, X4): a 403, audited."""
    municipality_id = getattr(obj, "municipality_id", None)
    if not can_manage_publications(actor) or (
        municipality_id is not None and municipality_id != actor.municipality_id
    ):
        refuse(
            actor=actor,
            action=action,
            obj=obj if municipality_id == actor.municipality_id else None,
        )
