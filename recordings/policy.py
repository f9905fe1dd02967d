"""Who may watch a recording (R2, R3, R5, T1, T4). The one place that answers it.

A person can watch a recording when all of these hold:

1. the recording is published, not withdrawn, and ``at`` lies in its availability window (R5:
   access lapses by itself, nobody has to switch it off);
2. the person is active and belongs to the recording's municipality (T1: never across);
3. the person's identity domain is the organiser's domain, or an administrator has set an
   active :class:`~portal.models.DomainTrust` from the organiser's domain to it (R2);
4. a grant reaches the person: their domain, a body they *currently* sit in (T4), a role group
   they are in, or themselves.

:func:`recordings_visible_to` and :func:`can_view` ask all four; :func:`effective_viewers`
asks 2–4 (who *will* be able to watch while the recording is available), which is what the
pre-flight (:func:`preflight`, R3) shows before the session.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import DomainTrust, IdentityDomain, Membership, User

from .constants import ObjectionDecision, PreflightIssue, RecordingStatus
from .models import AccessGrant, AppearingEmployee, Recording

UserGroups = User.groups.through


def _on(at: datetime.datetime | None) -> tuple[datetime.datetime, datetime.date]:
    at = at or timezone.now()
    return at, timezone.localdate(at)


def grants_reaching(user, on: datetime.date) -> QuerySet:
    """The grants that address ``user``: their domain, themselves, a role group they are in, a
    body they sit in on ``on`` (T4). Whether the trust lets them through is asked elsewhere."""
    return AccessGrant.objects.filter(
        Q(domain_id=user.identity_domain_id)
        | Q(user_id=user.pk)
        | Q(group_id__in=UserGroups.objects.filter(user_id=user.pk).values("group_id"))
        | Q(body_id__in=Membership.objects.current(on).filter(user_id=user.pk).values("body_id"))
    )


def recordings_visible_to(user, *, at: datetime.datetime | None = None) -> QuerySet:
    """The recordings ``user`` can watch at ``at`` (default: now), in one query whatever the
    number of recordings, grants, trusts or memberships."""
    if not user.is_authenticated or not user.is_active or user.identity_domain_id is None:
        return Recording.objects.none()
    at, on = _on(at)
    domain_id = user.identity_domain_id
    same_municipality = Exists(
        IdentityDomain.objects.filter(pk=domain_id, municipality_id=OuterRef("municipality_id"))
    )
    trusted = Q(organiser_domain_id=domain_id) | Exists(
        DomainTrust.objects.filter(
            source_id=OuterRef("organiser_domain_id"), target_id=domain_id, is_active=True
        )
    )
    reached = Exists(grants_reaching(user, on).filter(recording_id=OuterRef("pk")))
    return Recording.objects.filter(
        same_municipality,
        trusted,
        reached,
        status=RecordingStatus.PUBLISHED,
        available_from__lte=at,
        available_until__gt=at,
    )


def can_view(user, recording: Recording, *, at: datetime.datetime | None = None) -> bool:
    """R2, R5, T1, T4 for one recording (the same query as the list, narrowed to it)."""
    return recordings_visible_to(user, at=at).filter(pk=recording.pk).exists()


def can_download(user, recording: Recording, *, at: datetime.datetime | None = None) -> bool:
    """R4: download is off unless a grant that reaches the viewer allows it."""
    at, on = _on(at)
    return (
        can_view(user, recording, at=at)
        and grants_reaching(user, on).filter(recording_id=recording.pk, may_download=True).exists()
    )


def _addressed(recording: Recording, on: datetime.date) -> QuerySet:
    """Active people of the recording's municipality whom a grant reaches, whatever their
    domain (before the trust is asked)."""
    grants = AccessGrant.objects.filter(recording_id=recording.pk)
    reached = (
        Q(identity_domain_id__in=grants.filter(domain__isnull=False).values("domain_id"))
        | Q(pk__in=grants.filter(user__isnull=False).values("user_id"))
        | Q(
            pk__in=Membership.objects.current(on)
            .filter(body_id__in=grants.filter(body__isnull=False).values("body_id"))
            .values("user_id")
        )
        | Q(
            pk__in=UserGroups.objects.filter(
                group_id__in=grants.filter(group__isnull=False).values("group_id")
            ).values("user_id")
        )
    )
    return User.objects.filter(
        reached, is_active=True, identity_domain__municipality_id=recording.municipality_id
    )


def _trusted_domain_ids(recording: Recording) -> QuerySet:
    return DomainTrust.objects.filter(
        source_id=recording.organiser_domain_id,
        is_active=True,
        target__municipality_id=recording.municipality_id,
    ).values("target_id")


def effective_viewers(recording: Recording, *, at: datetime.datetime | None = None) -> QuerySet:
    """The people who will be able to watch while the recording is published and available
    (R2, T1, T4 at the date of ``at``); status and window are not asked."""
    _at, on = _on(at)
    return _addressed(recording, on).filter(
        Q(identity_domain_id=recording.organiser_domain_id)
        | Q(identity_domain_id__in=_trusted_domain_ids(recording))
    )


# --- pre-flight (R3) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PreflightWarning:
    code: str
    message: str
    blocking: bool = True


@dataclass
class PreflightRow:
    """One target domain: the people a grant addresses there and how many of them can watch.
    ``domain`` is None for a role grant that addresses nobody of the municipality."""

    domain: IdentityDomain | None
    group: object = None
    is_organiser_domain: bool = False
    addressed: int = 0
    viewers: list = field(default_factory=list)
    warnings: list[PreflightWarning] = field(default_factory=list)

    @property
    def viewer_count(self) -> int:
        return len(self.viewers)


@dataclass
class Preflight:
    recording: Recording
    rows: list[PreflightRow]
    pending_objections: int = 0
    grants: list = field(default_factory=list)  # the recording's grants, oldest first

    @property
    def blocking_warnings(self) -> list[tuple[PreflightRow, PreflightWarning]]:
        return [(row, w) for row in self.rows for w in row.warnings if w.blocking]

    @property
    def viewer_count(self) -> int:
        return sum(row.viewer_count for row in self.rows)

    @property
    def ready(self) -> bool:
        """Every addressed domain can watch and no objection waits for a decision (R3, R6)."""
        return not self.blocking_warnings and not self.pending_objections and bool(self.rows)


def _can_sign_in(domain: IdentityDomain, people: list[User]) -> bool:
    """T3: a domain's people sign in through its provider, or with a local account where the
    domain allows them and the person has a password."""
    if domain.social_app_id is not None:
        return True
    return domain.allow_local_accounts and any(p.has_usable_password() for p in people)


def preflight(recording: Recording, *, at: datetime.datetime | None = None) -> Preflight:
    """R3: "who will be able to watch", per target domain, with a warning for each domain whose
    people cannot watch yet — no trust from the organiser's domain, no way to sign in, nobody
    there. This is the Medemblik failure (seed 000), found before the session rather than on
    the evening itself."""
    return preflights([recording], at=at)[recording.pk]


def preflights(recordings, *, at: datetime.datetime | None = None) -> dict[int, Preflight]:
    """:func:`preflight` for many recordings at once, in the same number of queries whatever
    their number (the organiser's list shows each one's warnings, QUALITY B1)."""
    _at, on = _on(at)
    recordings = list(recordings)
    ids = [r.pk for r in recordings]
    grants = list(
        AccessGrant.objects.filter(recording_id__in=ids).select_related(
            "domain__municipality", "body__domain", "group", "user__identity_domain"
        )
    )
    body_ids = {g.body_id for g in grants if g.body_id}
    group_ids = {g.group_id for g in grants if g.group_id}
    seats: dict[int, set[int]] = {}
    for body_id, user_id in (
        Membership.objects.current(on)
        .filter(body_id__in=body_ids)
        .values_list("body_id", "user_id")
    ):
        seats.setdefault(body_id, set()).add(user_id)
    in_group: dict[int, set[int]] = {}
    for group_id, user_id in UserGroups.objects.filter(group_id__in=group_ids).values_list(
        "group_id", "user_id"
    ):
        in_group.setdefault(group_id, set()).add(user_id)
    named = {g.user_id for g in grants if g.user_id}
    named |= {u for users in seats.values() for u in users}
    named |= {u for users in in_group.values() for u in users}
    people = list(
        User.objects.filter(
            Q(identity_domain_id__in={g.domain_id for g in grants if g.domain_id})
            | Q(pk__in=named),
            is_active=True,
            identity_domain__municipality_id__in={r.municipality_id for r in recordings},
        ).select_related("identity_domain")
    )
    trusts = set(
        DomainTrust.objects.filter(
            source_id__in={r.organiser_domain_id for r in recordings}, is_active=True
        ).values_list("source_id", "target_id", "target__municipality_id")
    )
    pending = dict(
        AppearingEmployee.objects.filter(
            recording_id__in=ids, objects_to_recording=True, decision=ObjectionDecision.PENDING
        )
        .values("recording_id")
        .annotate(n=Count("pk"))
        .values_list("recording_id", "n")
    )
    result = {}
    for recording in recordings:
        own = [g for g in grants if g.recording_id == recording.pk]
        reached_ids = {g.user_id for g in own if g.user_id}
        for g in own:
            reached_ids |= seats.get(g.body_id, set()) | in_group.get(g.group_id, set())
        own_domains = {g.domain_id for g in own if g.domain_id}
        addressed = [
            p
            for p in people
            if p.identity_domain.municipality_id == recording.municipality_id
            and (p.identity_domain_id in own_domains or p.pk in reached_ids)
        ]
        trusted = {
            target
            for source, target, municipality_id in trusts
            if source == recording.organiser_domain_id
            and municipality_id == recording.municipality_id
        }
        result[recording.pk] = _preflight_of(
            recording, own, addressed, trusted, in_group, pending.get(recording.pk, 0)
        )
    return result


def _preflight_of(recording, grants, addressed, trusted, in_group, pending) -> Preflight:
    domains: dict[int, IdentityDomain] = {}
    for grant in grants:
        target = grant.domain or (grant.body and grant.body.domain)
        target = target or (grant.user and grant.user.identity_domain)
        if target is not None:
            domains[target.pk] = target
    for person in addressed:
        domains.setdefault(person.identity_domain_id, person.identity_domain)

    rows = []
    for domain in sorted(
        domains.values(), key=lambda d: (d.pk != recording.organiser_domain_id, d.name)
    ):
        people = [p for p in addressed if p.identity_domain_id == domain.pk]
        row = PreflightRow(
            domain=domain,
            is_organiser_domain=domain.pk == recording.organiser_domain_id,
            addressed=len(people),
        )
        if domain.municipality_id != recording.municipality_id:
            # Cannot be created through the services; shown if an older row exists (T1).
            row.warnings.append(
                PreflightWarning(
                    "other_municipality", _("Dit domein hoort bij een andere gemeente (T1).")
                )
            )
            rows.append(row)
            continue
        if not row.is_organiser_domain and domain.pk not in trusted:
            row.warnings.append(
                PreflightWarning(PreflightIssue.NO_TRUST, PreflightIssue.NO_TRUST.label)
            )
        if not people:
            row.warnings.append(
                PreflightWarning(PreflightIssue.NO_PEOPLE, PreflightIssue.NO_PEOPLE.label)
            )
        elif not _can_sign_in(domain, people):
            row.warnings.append(
                PreflightWarning(PreflightIssue.NO_SIGN_IN, PreflightIssue.NO_SIGN_IN.label)
            )
        if not row.warnings:
            row.viewers = sorted(people, key=lambda p: (p.last_name, p.first_name, p.email))
        rows.append(row)

    addressed_ids = {p.pk for p in addressed}
    for grant in grants:
        if grant.group_id and not (in_group.get(grant.group_id, set()) & addressed_ids):
            rows.append(
                PreflightRow(
                    domain=None,
                    group=grant.group,
                    warnings=[
                        PreflightWarning(PreflightIssue.NO_PEOPLE, PreflightIssue.NO_PEOPLE.label)
                    ],
                )
            )
    return Preflight(recording=recording, rows=rows, pending_objections=pending, grants=grants)


# --- test invitation (R3) ------------------------------------------------------------------------


@dataclass
class InvitationCheck:
    """Would a test invitation to ``invitee`` work? ``issues`` holds ``(code, message)`` for
    each reason it would not; ``notes`` what holds until publication (not a failure)."""

    invitee: User
    issues: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def would_work(self) -> bool:
        return not self.issues


def invitation_check(recording: Recording, invitee: User, *, at=None) -> InvitationCheck:
    """R3 for one person, asked the way the stream view will ask it on the evening."""
    at, on = _on(at)
    check = InvitationCheck(invitee=invitee)
    domain = invitee.identity_domain
    if not invitee.is_active or domain is None:
        check.issues.append(("inactive", _("Dit account is niet actief.")))
        return check
    if domain.municipality_id != recording.municipality_id:
        check.issues.append(
            ("other_municipality", _("Dit account hoort bij een andere gemeente (T1)."))
        )
        return check
    if (
        domain.pk != recording.organiser_domain_id
        and not DomainTrust.objects.filter(
            source_id=recording.organiser_domain_id, target_id=domain.pk, is_active=True
        ).exists()
    ):
        check.issues.append((PreflightIssue.NO_TRUST, PreflightIssue.NO_TRUST.label))
    if not grants_reaching(invitee, on).filter(recording_id=recording.pk).exists():
        check.issues.append(
            ("no_grant", _("Geen kijkrecht bereikt deze persoon: deel de opname eerst (R2)."))
        )
    if not _can_sign_in(domain, [invitee]):
        check.issues.append((PreflightIssue.NO_SIGN_IN, PreflightIssue.NO_SIGN_IN.label))
    if not recording.file:
        check.issues.append(("no_file", _("Er is nog geen bestand geüpload (R7).")))
    if recording.status != RecordingStatus.PUBLISHED:
        check.notes.append(_("Kijken kan pas zodra de opname is gepubliceerd."))
    if not (recording.available_from <= at < recording.available_until):
        check.notes.append(_("Kijken kan alleen binnen de beschikbaarheid (R5)."))
    return check
