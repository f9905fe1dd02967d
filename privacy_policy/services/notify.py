"""What owners of assignments and commitments are told (P1–P4): assigned, accepted, due soon,
overdue. Titles are Dutch source strings (gettext_noop), translated when shown (X5); they name
the item's number only (X2)."""

from django.urls import reverse
from django.utils.translation import gettext_noop

from portal.models import User
from portal.notifications import notify_users

from ..models import Assignment


def item_kind(item) -> str:
    return "assignment" if isinstance(item, Assignment) else "commitment"


def item_link(item) -> str:
    name = "assignment_detail" if isinstance(item, Assignment) else "commitment_detail"
    return reverse(f"privacy_policy:{name}", kwargs={"uuid": item.uuid})


NOTIFICATION_TITLES = {
    ("assignment", "assigned"): gettext_noop("U bent eigenaar van opdracht %(ref)s"),
    ("commitment", "assigned"): gettext_noop("U bent eigenaar van toezegging %(ref)s"),
    ("assignment", "accepted"): gettext_noop("De raad heeft opdracht %(ref)s afgedaan"),
    ("commitment", "accepted"): gettext_noop("De raad heeft toezegging %(ref)s afgedaan"),
    ("assignment", "due_soon"): gettext_noop("Opdracht %(ref)s moet uiterlijk %(date)s klaar zijn"),
    ("commitment", "due_soon"): gettext_noop(
        "Toezegging %(ref)s moet uiterlijk %(date)s klaar zijn"
    ),
    ("assignment", "overdue"): gettext_noop("Opdracht %(ref)s is te laat (uiterlijk %(date)s)"),
    ("commitment", "overdue"): gettext_noop("Toezegging %(ref)s is te laat (uiterlijk %(date)s)"),
}


def notification_key(item, what: str) -> str:
    # The deadline is part of the key: a moved deadline earns a new reminder.
    return f"privacy_policy.{what}:{item.uuid}:{item.deadline.isoformat()}"


def notify_owner(item, owner: User, what: str) -> None:
    notify_users(
        users=[owner],
        kind=f"privacy_policy.{what}",
        title=NOTIFICATION_TITLES[(item_kind(item), what)],
        params={"ref": item_ref(item), "date": item.deadline.strftime("%d-%m-%Y")},
        link=item_link(item),
        key=notification_key(item, what),
        municipality=item.municipality,
    )


def item_ref(item) -> str:
    return str(item) if isinstance(item, Assignment) else item.number
