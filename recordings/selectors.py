"""Reads of the recordings app, always scoped to the user (T1). Who may *watch* is
:mod:`recordings.access`; this module answers who may *manage*."""

from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet

from portal.models import Body, IdentityDomain, User
from portal.selectors import get_in_scope_or_404

from .access import can_download, recordings_visible_to
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


def grant_group_choices() -> QuerySet:
    """R2: the role groups a grant may address (roles are shared by every municipality; who is
    reached is narrowed to the recording's municipality when the grant is read, T1)."""
    return Group.objects.order_by("name")


def people_choices(recording: Recording) -> QuerySet:
    """Active people of the recording's municipality, whatever their domain (T1)."""
    return (
        User.objects.filter(
            is_active=True, identity_domain__municipality_id=recording.municipality_id
        )
        .select_related("identity_domain")
        .order_by("last_name", "first_name", "email")
    )


def recordings_playable_by(user) -> QuerySet:
    """R4: what ``user`` may play now — what the policy lets them watch (R2, R5, T1), and the
    organisers' own recordings so they can check the file before publishing. Anything else
    (another municipality, a lapsed window, a withdrawn recording) is a 404."""
    visible = recordings_visible_to(user).values("pk")
    manageable = recordings_manageable_by(user).values("pk")
    return Recording.objects.filter(Q(pk__in=visible) | Q(pk__in=manageable)).select_related(
        "municipality", "organiser_domain"
    )


def recording_get_for_playback(user, uuid) -> Recording:
    return get_in_scope_or_404(recordings_playable_by(user), user, uuid=uuid)


def may_download(user, recording: Recording) -> bool:
    """R4: off unless a grant that reaches the viewer allows it (organisers included: their
    own recording is theirs to check, not to copy)."""
    return can_download(user, recording)


def appearances_of(user) -> list:
    """R6: where ``user`` appears, from their own account (withdrawn recordings included: the
    decision stays visible to them)."""
    if not user.is_authenticated:
        return []
    return list(
        AppearingEmployee.objects.filter(user=user)
        .select_related("recording__organiser_domain")
        .order_by("-recording__meeting_date", "recording__title")
    )


def appearance_get(user, uuid) -> AppearingEmployee:
    qs = AppearingEmployee.objects.filter(user_id=user.pk).select_related("recording__organiser")
    return get_in_scope_or_404(qs, user, uuid=uuid)
