"""Who sees which secret item (C4–C6, T1, T4), in one query whatever the number of items."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from confidentiality import selectors, services
from portal.roles import Role
from tests.confidentiality.factories import ExclusionFactory, SecrecyItemFactory, ShareFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def visible(user, on=None):
    return set(selectors.items_visible_to(user, on=on))


def shared_with_raad(side, **traits):
    return ShareFactory(
        item=SecrecyItemFactory(imposing_body=side.college, **traits), body=side.raad
    )


def test_clerk_sees_the_whole_register_of_their_municipality(world):
    active = SecrecyItemFactory(imposing_body=world.a.college)
    lifted = SecrecyItemFactory(imposing_body=world.a.college, lifted=True)
    SecrecyItemFactory(imposing_body=world.b.college)
    assert visible(world.a.users[Role.CLERK]) == {active, lifted}


def test_t1_nobody_sees_another_municipality(world):
    shared_with_raad(world.b)
    for role in (Role.CLERK, Role.COUNCIL_MEMBER, Role.ADMINISTRATOR):
        assert visible(world.a.users[role]) == set()


@pytest.mark.parametrize(
    "role",
    [
        Role.CIVIL_SERVANT,
        Role.PRIVACY_OFFICER,
        Role.INTEGRITY_OFFICER,
        Role.MANAGEMENT,
        Role.ADMINISTRATOR,
    ],
)
def test_roles_without_register_permission_see_nothing(world, role):
    shared_with_raad(world.a)
    assert visible(world.a.users[role]) == set()


def test_superuser_of_the_service_centre_sees_nothing(world, django_user_model):
    shared_with_raad(world.a)
    superuser = django_user_model.objects.create_superuser("sc@example.org", "x")
    assert visible(superuser) == set()


def test_c4_council_member_sees_items_shared_with_their_body(world):
    share = shared_with_raad(world.a)
    ShareFactory(item=SecrecyItemFactory(imposing_body=world.a.college), body=world.a.commissie)
    SecrecyItemFactory(imposing_body=world.a.college)  # not shared at all
    assert visible(world.a.users[Role.COUNCIL_MEMBER]) == {share.item}


def test_c4_item_shared_with_two_of_the_members_bodies_appears_once(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    MembershipFactory(body=world.a.commissie, user=member)
    share = shared_with_raad(world.a)
    ShareFactory(item=share.item, body=world.a.commissie)
    assert list(selectors.items_visible_to(member)) == [share.item]


def test_t4_access_ends_with_membership(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    share = shared_with_raad(world.a)
    seat = member.memberships.get(body=world.a.raad)
    seat.end = TODAY - datetime.timedelta(days=1)
    seat.save()
    assert visible(member) == set()
    # ... and the day before it ended, the member saw it.
    assert visible(member, on=TODAY - datetime.timedelta(days=1)) == {share.item}


def test_t4_access_starts_with_membership(world):
    share = ShareFactory(
        item=SecrecyItemFactory(imposing_body=world.a.college), body=world.a.commissie
    )
    newcomer = MembershipFactory(body=world.a.commissie, future=True)
    assert visible(newcomer.user) == set()
    assert visible(newcomer.user, on=newcomer.start) == {share.item}


def test_c5_lifted_item_is_no_longer_secret(world):
    clerk = world.a.users[Role.CLERK]
    member = world.a.users[Role.COUNCIL_MEMBER]
    share = shared_with_raad(world.a)
    assert visible(member) == {share.item}
    services.item_lift(
        actor=clerk, item=share.item, body=world.a.college, date=TODAY, reference="B-77"
    )
    # No longer in the council member's list of secret items ...
    assert visible(member) == set()
    # ... and the register shows it, lifted.
    [item] = visible(clerk)
    assert item.status == "lifted" and not item.is_secret


def test_c7_item_past_its_end_date_is_no_longer_secret(world):
    shared_with_raad(world.a, ended=True)
    assert visible(world.a.users[Role.COUNCIL_MEMBER]) == set()
    assert len(visible(world.a.users[Role.CLERK])) == 1


def test_c6_excluded_member_sees_nothing_not_even_counts(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    for _ in range(3):
        shared_with_raad(world.a)
    exclusion = ExclusionFactory(member=member, raad=world.a.raad)
    qs = selectors.items_visible_to(member)
    assert qs.count() == 0
    assert not qs.exists()
    assert list(qs) == []
    # Another member of the same raad is not affected.
    other = MembershipFactory(body=world.a.raad)
    assert selectors.items_visible_to(other.user).count() == 3
    # Access returns by itself the day after the exclusion.
    assert (
        selectors.items_visible_to(member, on=exclusion.end + datetime.timedelta(days=1)).count()
        == 3
    )
    assert (
        selectors.items_visible_to(member, on=exclusion.start - datetime.timedelta(days=1)).count()
        == 3
    )


def test_c6_ended_exclusion_no_longer_applies(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    shared_with_raad(world.a)
    ExclusionFactory(member=member, raad=world.a.raad, over=True)
    assert selectors.items_visible_to(member).count() == 1


def test_item_get_outside_scope_is_404_and_audited(world):
    from django.http import Http404

    from portal.models import AuditEvent

    item = SecrecyItemFactory(imposing_body=world.b.college)
    with pytest.raises(Http404):
        selectors.item_get(world.a.users[Role.CLERK], item.uuid)
    assert AuditEvent.objects.filter(action="access.out_of_scope").count() == 1


# --- B1: one query for 1 and for 20 items -------------------------------------------------------
def count_queries(user):
    user.get_all_permissions()  # permissions are cached per user object, not per list
    with CaptureQueriesContext(connection) as ctx:
        items = list(selectors.items_visible_to(user))
        for item in items:  # what a list shows: both bodies
            str(item.imposing_body), str(item.lifting_body)
    return len(ctx.captured_queries), len(items)


@pytest.mark.parametrize("role", [Role.CLERK, Role.COUNCIL_MEMBER])
def test_b1_items_visible_to_is_one_query_for_1_and_20_items(world, role):
    user = world.a.users[role]
    shared_with_raad(world.a)
    one = count_queries(user)
    for _ in range(19):
        shared_with_raad(world.a)
    twenty = count_queries(user)
    assert one == (1, 1)
    assert twenty == (1, 20)
