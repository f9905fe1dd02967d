"""Predicates for recordings: permissions, never group names."""

from portal.permissions import holds_role_flag


def can_organise(user) -> bool:
    """May create recordings in their own identity domain and share them."""
    return (
        user.is_authenticated
        and user.identity_domain_id is not None
        and user.has_perm("recordings.organise_recordings")
        and not holds_role_flag(user, "portal.read_only_access")
    )


def can_manage(user, recording) -> bool:
    """An organiser manages the recordings of their own identity domain: colleagues can take
    over when the organiser is away, people of another domain never."""
    return can_organise(user) and recording.organiser_domain_id == user.identity_domain_id
