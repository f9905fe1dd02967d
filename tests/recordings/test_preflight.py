"""R3: the pre-flight "wie kan kijken", and the Medemblik case of seed 000."""

import datetime

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal.constants import DomainKind
from portal.models import AuditEvent, DomainTrust
from portal.roles import Role, role_group
from recordings import services
from recordings.access import can_view
from recordings.constants import MeetingKind, PreflightIssue, RecordingStatus
from recordings.preflight import preflight
from tests.factories import (
    BodyFactory,
    IdentityDomainFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
)
from tests.recordings.factories import AccessGrantFactory

pytestmark = pytest.mark.django_db


def codes(row):
    return {w.code for w in row.warnings}


def row_for(check, domain):
    return next(row for row in check.rows if row.domain == domain)


def entra(domain, tenant):
    """Give a domain its own sign-in provider, as an administrator does (T2, T3)."""
    issuer = f"https://login.microsoftonline.com/{tenant}/v2.0"
    domain.social_app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id=f"entra-{tenant}",
        name=f"Entra ID {tenant}",
        client_id=f"client-{tenant}",
        secret="geheim",
        settings={"server_url": issuer},
    )
    domain.oidc_issuer = issuer
    domain.full_clean()
    domain.save()


def test_r3_preflight_warns_for_domain_without_provider(world, recording):
    """The council signs in only through its own provider: until one is configured, nobody
    of the council can watch, however the grants and trusts are set."""
    council = world.a.council
    council.allow_local_accounts = False
    council.save()
    AccessGrantFactory(recording=recording, body=world.a.raad)
    DomainTrust.objects.create(source=world.a.org, target=council, purpose="Opnames")

    row = row_for(preflight(recording), council)
    assert codes(row) == {PreflightIssue.NO_SIGN_IN}
    assert row.addressed == 2 and row.viewer_count == 0

    entra(council, "raad-alfa")
    row = row_for(preflight(recording), council)
    assert not row.warnings
    assert row.viewer_count == 2


def test_r3_preflight_warns_for_a_body_without_members(world, recording):
    AccessGrantFactory(recording=recording, body=world.a.commissie)
    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    check = preflight(recording)
    assert codes(row_for(check, world.a.council)) == {PreflightIssue.NO_PEOPLE}
    assert not check.ready


def test_r3_preflight_warns_for_a_role_nobody_has(world, recording):
    group = role_group(Role.INTEGRITY_OFFICER)
    group.user_set.clear()
    AccessGrantFactory(recording=recording, group=group)
    check = preflight(recording)
    (row,) = check.rows
    assert row.domain is None and row.group == group
    assert codes(row) == {PreflightIssue.NO_PEOPLE}


def test_r3_own_domain_needs_no_trust(world, recording):
    AccessGrantFactory(recording=recording, domain=world.a.org)
    check = preflight(recording)
    (row,) = check.rows
    assert row.is_organiser_domain and not row.warnings
    assert world.a.users[Role.MANAGEMENT] in row.viewers
    assert check.ready


def test_r3_medemblik_case_found_before_the_session(world):
    """Seed 000: the organisation organised an information market for the raad; the
    recording could be shared only with @medemblik.nl accounts, the council members have
    @raadmedemblik.nl accounts in a separate tenant, and on the evening nobody could give
    them access. Here the organiser sees it in the pre-flight the moment the raad is granted,
    publishing is refused until an administrator sets the trust, and then the council
    members are listed as viewers."""
    medemblik = MunicipalityFactory(slug="medemblik", name="Gemeente Medemblik")
    org = IdentityDomainFactory(
        municipality=medemblik, name="Gemeente Medemblik", email_domains=["medemblik.nl"]
    )
    council = IdentityDomainFactory(
        municipality=medemblik,
        kind=DomainKind.COUNCIL,
        name="Raad Medemblik",
        email_domains=["raadmedemblik.nl"],
        allow_local_accounts=False,
    )
    entra(org, "medemblik")
    entra(council, "raadmedemblik")
    raad = BodyFactory(municipality=medemblik, raad=True, domain=council)
    members = [
        MembershipFactory(
            body=raad,
            user=UserFactory(
                email=f"raadslid{n}@raadmedemblik.nl",
                identity_domain=council,
                role=Role.COUNCIL_MEMBER,
            ),
        ).user
        for n in range(3)
    ]
    organiser = UserFactory(
        email="organisator@medemblik.nl", identity_domain=org, role=Role.CIVIL_SERVANT
    )
    evening = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=4)
    recording = services.recording_create(
        actor=organiser,
        title="Informatiemarkt Programmabegroting 2022",
        meeting_kind=MeetingKind.INFORMATION_MARKET,
        meeting_date=timezone.localdate(),
        available_from=evening,
        available_until=evening + datetime.timedelta(days=60),
    )
    services.employee_add(
        actor=organiser, recording=recording, name="Vakambtenaar financiën", informed=True
    )
    services.grant_add(actor=organiser, recording=recording, body=raad)

    row = row_for(preflight(recording), council)
    assert codes(row) == {PreflightIssue.NO_TRUST}
    assert row.addressed == 3 and row.viewer_count == 0
    with pytest.raises(ValidationError) as refused:
        services.recording_publish(actor=organiser, recording=recording)
    assert refused.value.code == "preflight"
    assert AuditEvent.objects.filter(
        action="recording.publish", result="denied", object_id=str(recording.uuid)
    ).exists()

    # The administrator of the shared service centre opens the way, hours before the session.
    trust = DomainTrust(source=org, target=council, purpose="Raadsleden bekijken opnames")
    trust.full_clean()
    trust.save()

    check = preflight(recording)
    row = row_for(check, council)
    assert not row.warnings
    assert row.viewers == sorted(members, key=lambda p: (p.last_name, p.first_name, p.email))
    assert check.ready
    services.recording_publish(actor=organiser, recording=recording)
    recording.refresh_from_db()
    assert recording.status == RecordingStatus.PUBLISHED

    during_the_evening = evening + datetime.timedelta(hours=1)
    assert all(can_view(m, recording, at=during_the_evening) for m in members)
    assert not can_view(world.a.users[Role.COUNCIL_MEMBER], recording, at=during_the_evening)
    assert not can_view(organiser, recording, at=during_the_evening)  # not granted itself
