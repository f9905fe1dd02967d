"""R3: the pre-flight — "who will be able to watch", per target domain, before the session.

The Medemblik failure (seed 000) was found on the evening itself: the council members' domain
had no trust from the organiser's domain, so nobody could watch. The pre-flight finds it days
before. It reads in four steps, each a function below:

1. :func:`_read_facts` — everything a batch of recordings needs, in a fixed number of queries
   whatever their number (the organiser's list shows each one's warnings, QUALITY B1): the
   grants, who sits in the granted bodies on the day, who is in the granted role groups, the
   people any grant names, the trusts from the organisers' domains, pending objections (R6);
2. :func:`_addressed_people` — of those, the active people of the recording's municipality a
   grant of *this* recording reaches;
3. :func:`_target_domains` and :func:`_domain_row` — one row per domain those grants aim at,
   with the warnings of :func:`_domain_warnings` (another municipality, no trust, nobody there,
   no way to sign in) or, without warnings, the people who will watch;
4. :func:`_empty_group_rows` — a row for each role grant that reaches nobody.

Who may watch at a given moment is :mod:`recordings.access`; :func:`invitation_check` asks the
same questions for one person, the way the stream view will ask them on the evening.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from portal.models import DomainTrust, IdentityDomain, Membership, User

from .access import grants_reaching, moment_and_day
from .constants import ObjectionDecision, PreflightIssue, RecordingStatus
from .models import AccessGrant, AppearingEmployee, Recording

UserGroups = User.groups.through


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


def _warning(issue: PreflightIssue) -> PreflightWarning:
    return PreflightWarning(issue, issue.label)


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
    _at, on = moment_and_day(at)
    recordings = list(recordings)
    facts = _read_facts(recordings, on)
    return {recording.pk: _preflight_of(recording, facts) for recording in recordings}


# --- step 1: read everything once ---------------------------------------------------------------


@dataclass
class _Facts:
    """What the pre-flight of a batch of recordings reads from the database."""

    grants: list[AccessGrant]
    seats: dict[int, set[int]]  # body id -> the users seated in it on the day (T4)
    in_group: dict[int, set[int]]  # role group id -> its users
    people: list[User]  # every active person some grant names, with their domain
    trusts: set[tuple[int, int, int]]  # (source domain, target domain, target's municipality)
    pending: dict[int, int]  # recording id -> objections waiting for a decision (R6)

    def grants_of(self, recording: Recording) -> list[AccessGrant]:
        return [g for g in self.grants if g.recording_id == recording.pk]


def _read_facts(recordings: list[Recording], on: datetime.date) -> _Facts:
    ids = [r.pk for r in recordings]
    grants = list(
        AccessGrant.objects.filter(recording_id__in=ids).select_related(
            "domain__municipality", "body__domain", "group", "user__identity_domain"
        )
    )
    seats = _grouped(
        Membership.objects.current(on)
        .filter(body_id__in={g.body_id for g in grants if g.body_id})
        .values_list("body_id", "user_id")
    )
    in_group = _grouped(
        UserGroups.objects.filter(
            group_id__in={g.group_id for g in grants if g.group_id}
        ).values_list("group_id", "user_id")
    )
    return _Facts(
        grants=grants,
        seats=seats,
        in_group=in_group,
        people=_people_named(recordings, grants, seats, in_group),
        trusts=set(
            DomainTrust.objects.filter(
                source_id__in={r.organiser_domain_id for r in recordings}, is_active=True
            ).values_list("source_id", "target_id", "target__municipality_id")
        ),
        pending=dict(
            AppearingEmployee.objects.filter(
                recording_id__in=ids, objects_to_recording=True, decision=ObjectionDecision.PENDING
            )
            .values("recording_id")
            .annotate(n=Count("pk"))
            .values_list("recording_id", "n")
        ),
    )


def _grouped(pairs) -> dict[int, set[int]]:
    """``(key, user id)`` pairs as ``{key: {user ids}}``."""
    grouped: dict[int, set[int]] = {}
    for key, user_id in pairs:
        grouped.setdefault(key, set()).add(user_id)
    return grouped


def _people_named(recordings, grants, seats, in_group) -> list[User]:
    """The active people of the recordings' municipalities whom any grant names: through their
    domain, by name, through a body they sit in or a role group they are in."""
    named = {g.user_id for g in grants if g.user_id}
    named |= {u for users in seats.values() for u in users}
    named |= {u for users in in_group.values() for u in users}
    return list(
        User.objects.filter(
            Q(identity_domain_id__in={g.domain_id for g in grants if g.domain_id})
            | Q(pk__in=named),
            is_active=True,
            identity_domain__municipality_id__in={r.municipality_id for r in recordings},
        ).select_related("identity_domain")
    )


# --- step 2: whom this recording's grants reach -------------------------------------------------


def _addressed_people(recording: Recording, grants, facts: _Facts) -> list[User]:
    """The people of the recording's municipality whom one of its grants reaches (before the
    trust is asked)."""
    reached_ids = {g.user_id for g in grants if g.user_id}
    for g in grants:
        reached_ids |= facts.seats.get(g.body_id, set()) | facts.in_group.get(g.group_id, set())
    domain_ids = {g.domain_id for g in grants if g.domain_id}
    return [
        p
        for p in facts.people
        if p.identity_domain.municipality_id == recording.municipality_id
        and (p.identity_domain_id in domain_ids or p.pk in reached_ids)
    ]


def _trusted_targets(recording: Recording, trusts) -> set[int]:
    """R2: the domains of the recording's municipality its organiser's domain trusts."""
    return {
        target
        for source, target, municipality_id in trusts
        if source == recording.organiser_domain_id and municipality_id == recording.municipality_id
    }


# --- step 3: one row per target domain ----------------------------------------------------------


def _grant_domain(grant: AccessGrant) -> IdentityDomain | None:
    """The domain a grant aims at: its own, its body's, or its person's (a role group has none)."""
    return (
        grant.domain
        or (grant.body and grant.body.domain)
        or (grant.user and grant.user.identity_domain)
        or None
    )


def _target_domains(recording: Recording, grants, addressed) -> list[IdentityDomain]:
    """The domains the grants aim at and the domains of everyone they reach: the organiser's
    domain first, then by name."""
    domains = {d.pk: d for d in map(_grant_domain, grants) if d is not None}
    for person in addressed:
        domains.setdefault(person.identity_domain_id, person.identity_domain)
    return sorted(domains.values(), key=lambda d: (d.pk != recording.organiser_domain_id, d.name))


def _domain_warnings(
    recording: Recording, domain: IdentityDomain, people: list[User], trusted: set[int]
) -> list[PreflightWarning]:
    """Why the people of ``domain`` could not watch (none: they can)."""
    if domain.municipality_id != recording.municipality_id:
        # Cannot be created through the services; shown if an older row exists (T1).
        return [
            PreflightWarning(
                "other_municipality",
                _("Dit domein hoort bij een andere gemeente."),  # T1
            )
        ]
    warnings = []
    if domain.pk != recording.organiser_domain_id and domain.pk not in trusted:
        warnings.append(_warning(PreflightIssue.NO_TRUST))
    if not people:
        warnings.append(_warning(PreflightIssue.NO_PEOPLE))
    elif not _can_sign_in(domain, people):
        warnings.append(_warning(PreflightIssue.NO_SIGN_IN))
    return warnings


def _domain_row(recording: Recording, domain: IdentityDomain, addressed, trusted) -> PreflightRow:
    people = [p for p in addressed if p.identity_domain_id == domain.pk]
    row = PreflightRow(
        domain=domain,
        is_organiser_domain=domain.pk == recording.organiser_domain_id,
        addressed=len(people),
        warnings=_domain_warnings(recording, domain, people, trusted),
    )
    if not row.warnings:
        row.viewers = sorted(people, key=lambda p: (p.last_name, p.first_name, p.email))
    return row


# --- step 4: role grants that reach nobody ------------------------------------------------------


def _empty_group_rows(grants, addressed, in_group) -> list[PreflightRow]:
    addressed_ids = {p.pk for p in addressed}
    return [
        PreflightRow(domain=None, group=grant.group, warnings=[_warning(PreflightIssue.NO_PEOPLE)])
        for grant in grants
        if grant.group_id and not (in_group.get(grant.group_id, set()) & addressed_ids)
    ]


def _preflight_of(recording: Recording, facts: _Facts) -> Preflight:
    grants = facts.grants_of(recording)
    addressed = _addressed_people(recording, grants, facts)
    trusted = _trusted_targets(recording, facts.trusts)
    rows = [
        _domain_row(recording, domain, addressed, trusted)
        for domain in _target_domains(recording, grants, addressed)
    ]
    rows += _empty_group_rows(grants, addressed, facts.in_group)
    return Preflight(
        recording=recording,
        rows=rows,
        pending_objections=facts.pending.get(recording.pk, 0),
        grants=grants,
    )


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
    at, on = moment_and_day(at)
    check = InvitationCheck(invitee=invitee)
    domain = invitee.identity_domain
    if not invitee.is_active or domain is None:
        check.issues.append(("inactive", _("Dit account is niet actief.")))
        return check
    if domain.municipality_id != recording.municipality_id:
        check.issues.append(
            ("other_municipality", _("Dit account hoort bij een andere gemeente."))  # T1
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
            ("no_grant", _("Geen kijkrecht bereikt deze persoon: deel de opname eerst."))  # R2
        )
    if not _can_sign_in(domain, [invitee]):
        check.issues.append((PreflightIssue.NO_SIGN_IN, PreflightIssue.NO_SIGN_IN.label))
    if not recording.file:
        check.issues.append(("no_file", _("Er is nog geen bestand geüpload.")))  # R7
    if recording.status != RecordingStatus.PUBLISHED:
        check.notes.append(_("Kijken kan pas zodra de opname is gepubliceerd."))
    if not (recording.available_from <= at < recording.available_until):
        check.notes.append(_("Kijken kan alleen binnen de beschikbaarheid."))  # R5
    return check
