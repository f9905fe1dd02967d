"""The organiser's recording page with the pre-flight table (R3)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.models import Body, DomainTrust
from portal.roles import Role
from tests.recordings.factories import AccessGrantFactory

pytestmark = pytest.mark.django_db


def url(recording):
    return f"/opnames/{recording.uuid}/"


def test_r3_organiser_sees_who_can_watch(world, login, organiser, recording):
    AccessGrantFactory(recording=recording, body=world.a.raad)
    page = login(organiser).get(url(recording)).content.decode()
    assert "Wie kan kijken" in page
    assert "Geen vertrouwensrelatie" in page


def test_t1_other_municipality_and_other_domain_get_404(world, login, recording):
    for user in (
        world.b.users[Role.CIVIL_SERVANT],
        world.a.users[Role.CLERK],
        world.a.users[Role.COUNCIL_MEMBER],
    ):
        assert login(user).get(url(recording)).status_code == 404


def test_publish_refusal_is_shown(world, login, organiser, recording):
    response = login(organiser).post(f"{url(recording)}publiceren/", follow=True)
    assert "kan nog niet worden gepubliceerd" in response.content.decode()


def test_detail_query_count_is_the_same_for_1_and_20_grants(world, login, organiser, recording):
    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    client = login(organiser)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    client.get(url(recording))  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(url(recording)).status_code == 200
    for n in range(19):
        body = Body.objects.create(
            municipality=world.a.municipality,
            kind="commissie",
            name=f"Commissie {n}",
            domain=world.a.council,
        )
        AccessGrantFactory(recording=recording, body=body)
    with CaptureQueriesContext(connection) as twenty:
        assert client.get(url(recording)).status_code == 200
    assert len(one) == len(twenty)
