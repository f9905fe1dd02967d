"""Reads of the recordings app, always scoped to the user (T1). Who may *watch* is
:mod:`recordings.policy`; this module answers who may *manage*."""

from django.db.models import QuerySet

from portal.models import Body, IdentityDomain, User
from portal.selectors import get_in_scope_or_404

from .models import AccessGrant, AppearingEmployee, Recording
from .permissions import can_organise


def recordings_manageable_by(user) -> QuerySet:
    """The recordings of the organiser's own identity domain, for organisers; nothing for
    anyone else (so another domain's or municipality's recording is a 404)."""
    if not can_organise(user):
        return Recording.objects.none()
    return Recording.objects.filter(organiser_domain_id=user.identity_domain_id).select_related(
        "municipality", "organiser_domain", "organiser"
    )


def recording_get_for_management(user, uuid) -> Recording:
    return get_in_scope_or_404(recordings_manageable_by(user), user, uuid=uuid)


def recording_employees(recording: Recording) -> list:
    return list(recording.appearing_employees.select_related("user").order_by("name"))


def grant_get_for_management(user, uuid) -> AccessGrant:
    qs = AccessGrant.objects.select_related("recording").filter(
        recording__in=recordings_manageable_by(user)
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def employee_get_for_management(user, uuid) -> AppearingEmployee:
    qs = AppearingEmployee.objects.select_related("recording__organiser").filter(
        recording__in=recordings_manageable_by(user)
    )
    return get_in_scope_or_404(qs, user, uuid=uuid)


def grant_domain_choices(recording: Recording) -> QuerySet:
    """R2, T1: only the identity domains of the recording's own municipality."""
    # The option text names the municipality (IdentityDomain.__str__): one join, not N queries.
    return (
        IdentityDomain.objects.filter(municipality_id=recording.municipality_id)
        .select_related("municipality")
        .order_by("name")
    )


def grant_body_choices(recording: Recording) -> QuerySet:
    return Body.objects.filter(municipality_id=recording.municipality_id).order_by("name")


def people_choices(recording: Recording) -> QuerySet:
    """Active people of the recording's municipality, whatever their domain (T1)."""
    return (
        User.objects.filter(
            is_active=True, identity_domain__municipality_id=recording.municipality_id
        )
        .select_related("identity_domain")
        .order_by("last_name", "first_name", "email")
    )
