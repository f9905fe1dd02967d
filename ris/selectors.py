"""Reads of the council information system's app, scoped to the user's municipality (T1)."""

from django.db.models import QuerySet

from portal.constants import DomainKind
from portal.models import User
from portal.selectors import get_in_scope_or_404, scope_to_municipality

from .constants import ProposalStatus
from .models import AgendaItem, Connection, Meeting, Person, SyncRun


def connection_for(user) -> Connection | None:
    return scope_to_municipality(Connection.objects.select_related("municipality"), user).first()


def runs_for(user, limit: int = 10) -> list[SyncRun]:
    return list(
        SyncRun.objects.filter(connection__municipality_id=user.municipality_id)
        .select_related("started_by")
        .order_by("-created_at")[:limit]
    )


def people_for(user) -> QuerySet:
    return scope_to_municipality(Person.objects.select_related("user"), user).order_by("name")


def person_get(user, uuid) -> Person:
    return get_in_scope_or_404(people_for(user), user, uuid=uuid)


def proposals_for(user) -> QuerySet:
    """C3: closed agenda items waiting for the griffie."""
    return (
        scope_to_municipality(
            AgendaItem.objects.select_related("meeting__body"), user, "meeting__municipality"
        )
        .filter(proposal=ProposalStatus.PROPOSED)
        .order_by("meeting__date", "position")
    )


def proposal_get(user, uuid) -> AgendaItem:
    items = scope_to_municipality(
        AgendaItem.objects.select_related("meeting__body"), user, "meeting__municipality"
    )
    return get_in_scope_or_404(items, user, uuid=uuid)


def meetings_for(user) -> QuerySet:
    return scope_to_municipality(Meeting.objects.select_related("body"), user).order_by("-date")


def council_accounts_for(user) -> QuerySet:
    """T5: who a person of the RIS may be linked to: accounts of the council domain."""
    return User.objects.filter(
        identity_domain__municipality_id=user.municipality_id,
        identity_domain__kind=DomainKind.COUNCIL,
        is_active=True,
    ).order_by("last_name", "first_name")
