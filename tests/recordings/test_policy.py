"""R2, R5, T1, T4: who can watch (recordings.access)."""

import datetime

import pytest
from django.utils import timezone

from portal.roles import Role, role_group
from recordings.access import can_view, effective_viewers, recordings_visible_to
from tests.factories import DomainTrustFactory, MembershipFactory, UserFactory
from tests.recordings.factories import AccessGrantFactory, RecordingFactory

pytestmark = pytest.mark.django_db


def published(world, **kwargs):
    return RecordingFactory(
        organiser_domain=world.a.org,
        organiser=world.a.users[Role.CIVIL_SERVANT],
        published=True,
        **kwargs,
    )


def test_r2_organiser_domain_grant_reaches_its_own_people(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, domain=world.a.org)
    assert can_view(world.a.users[Role.MANAGEMENT], recording)
    assert not can_view(world.a.users[Role.COUNCIL_MEMBER], recording)


def test_r2_cross_domain_needs_trust(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    member = world.a.users[Role.COUNCIL_MEMBER]
    assert not can_view(member, recording)
    assert member not in effective_viewers(recording)

    trust = DomainTrustFactory(source=world.a.org, target=world.a.council)
    assert can_view(member, recording)
    assert member in effective_viewers(recording)

    trust.is_active = False
    trust.save()
    assert not can_view(member, recording)


def test_r2_a_trust_the_other_way_round_does_not_count(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    DomainTrustFactory(source=world.a.council, target=world.a.org)
    assert not can_view(world.a.users[Role.COUNCIL_MEMBER], recording)


def test_r2_never_across_municipalities(world):
    """A role group spans municipalities; its grant reaches only the recording's own."""
    recording = published(world)
    AccessGrantFactory(recording=recording, group=role_group(Role.COUNCIL_MEMBER))
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    DomainTrustFactory(source=world.b.org, target=world.b.council)
    assert can_view(world.a.users[Role.COUNCIL_MEMBER], recording)
    outsider = world.b.users[Role.COUNCIL_MEMBER]
    assert not can_view(outsider, recording)
    assert outsider not in effective_viewers(recording)
    assert not recordings_visible_to(world.b.users[Role.ADMINISTRATOR]).exists()


def test_r2_person_grant_reaches_that_person_only(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, user=world.a.users[Role.PRIVACY_OFFICER])
    assert can_view(world.a.users[Role.PRIVACY_OFFICER], recording)
    assert not can_view(world.a.users[Role.INTEGRITY_OFFICER], recording)


def test_r5_access_lapses_after_window(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, domain=world.a.org)
    viewer = world.a.users[Role.MANAGEMENT]
    assert can_view(viewer, recording)
    assert not can_view(viewer, recording, at=recording.available_until)
    assert not can_view(
        viewer, recording, at=recording.available_from - datetime.timedelta(seconds=1)
    )
    lapsed = RecordingFactory(
        organiser_domain=world.a.org, organiser=world.a.users[Role.CIVIL_SERVANT], lapsed=True
    )
    AccessGrantFactory(recording=lapsed, domain=world.a.org)
    assert list(recordings_visible_to(viewer)) == [recording]


def test_r6_withdrawn_and_draft_recordings_reach_nobody(world):
    for state in ({"withdrawn": True}, {}):
        recording = RecordingFactory(
            organiser_domain=world.a.org, organiser=world.a.users[Role.CIVIL_SERVANT], **state
        )
        AccessGrantFactory(recording=recording, domain=world.a.org)
        assert not can_view(world.a.users[Role.CIVIL_SERVANT], recording)


def test_t4_body_grant_follows_membership(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    current = world.a.users[Role.COUNCIL_MEMBER]
    former = MembershipFactory(body=world.a.raad, ended=True).user
    future = MembershipFactory(body=world.a.raad, future=True).user
    not_a_member = UserFactory(identity_domain=world.a.council, role=Role.COUNCIL_MEMBER)

    assert can_view(current, recording)
    assert not can_view(former, recording)
    assert not can_view(future, recording)
    assert not can_view(not_a_member, recording)
    in_a_week = timezone.now() + datetime.timedelta(days=8)
    assert can_view(future, recording, at=in_a_week)
    assert set(effective_viewers(recording)) == {current, world.a.users[Role.CLERK]}


def test_inactive_people_cannot_watch(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, domain=world.a.org)
    inactive = UserFactory(identity_domain=world.a.org, inactive=True)
    assert not can_view(inactive, recording)
    assert inactive not in effective_viewers(recording)


def test_effective_viewers_and_can_view_agree_for_everyone(world):
    recording = published(world)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    AccessGrantFactory(recording=recording, group=role_group(Role.PRIVACY_OFFICER))
    AccessGrantFactory(recording=recording, user=world.a.users[Role.MANAGEMENT])
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    viewers = set(effective_viewers(recording))
    for side in (world.a, world.b):
        for user in side.users.values():
            assert can_view(user, recording) == (user in viewers), user


@pytest.mark.parametrize("count", [1, 20])
def test_recordings_visible_to_is_one_query(world, django_assert_num_queries, count):
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    for _n in range(count):
        recording = published(world)
        AccessGrantFactory(recording=recording, body=world.a.raad)
        AccessGrantFactory(recording=recording, group=role_group(Role.COUNCIL_MEMBER))
    member = world.a.users[Role.COUNCIL_MEMBER]
    with django_assert_num_queries(1):
        assert len(list(recordings_visible_to(member))) == count


def test_b9_the_grants_that_reach_someone_are_looked_up_by_their_columns(world):
    """B9: the user's role groups and bodies reach the grants query as arrays computed once
    (``= ANY(ARRAY(…))``), not as ``IN (subquery)``, which PostgreSQL checked against every
    municipality's grants; who is reached stays the same (the tests above)."""
    from recordings.access import grants_reaching

    sql = str(grants_reaching(world.a.users[Role.COUNCIL_MEMBER], timezone.localdate()).query)
    assert sql.count("= ANY(ARRAY(") == 2, sql
    assert " IN (SELECT" not in sql, sql
