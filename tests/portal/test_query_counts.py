"""Speed is designed in: each page's query count is the same for 1 and for 20 rows, and at most
12 (QUALITY.md B1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit import audit_record
from portal.roles import Role
from tests.factories import BodyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def count(client, path):
    client.get(path)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    # Savepoints are transaction control (the test runs inside a transaction), not queries.
    return sum(
        1
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )


def grow(world, kind, n):
    side = world.a
    for i in range(n):
        if kind == "bodies":
            BodyFactory(
                municipality=side.municipality,
                domain=side.council,
                name=f"Commissie extra {kind} {i} {n}",
            )
        elif kind == "members":
            MembershipFactory(body=side.commissie)
        elif kind == "events":
            audit_record(action=f"test.{i}", municipality=side.municipality)
        elif kind == "seats":
            body = BodyFactory(
                municipality=side.municipality, domain=side.council, name=f"Commissie zetel {i} {n}"
            )
            MembershipFactory(body=body, user=side.users[Role.COUNCIL_MEMBER])


PAGES = [
    ("bodies", Role.CLERK, lambda w: "/organen/"),
    ("members", Role.CLERK, lambda w: f"/organen/{w.a.commissie.uuid}/"),
    ("events", Role.PRIVACY_OFFICER, lambda w: "/audit/"),
    ("seats", Role.COUNCIL_MEMBER, lambda w: "/raad/"),
    ("seats", Role.COUNCIL_MEMBER, lambda w: "/profiel/"),
]


@pytest.mark.parametrize(
    ("kind", "role", "path"),
    PAGES,
    ids=["body_list", "body_detail", "audit_list", "council_home", "profile"],
)
def test_b1_query_count_is_constant_for_1_and_20_rows(world, login, kind, role, path):
    client = login(world.a.users[role])
    grow(world, kind, 1)
    one = count(client, path(world))
    grow(world, kind, 19)
    twenty = count(client, path(world))
    print(f"B1 queries {path(world)} rows=1:{one} rows=20:{twenty}")
    assert one == twenty
    assert twenty <= MAX_QUERIES


def test_b1_staff_home_query_count_is_constant(world, login):
    clerk = world.a.users[Role.CLERK]
    client = login(clerk)
    one = count(client, "/")
    for i in range(20):
        body = BodyFactory(
            municipality=world.a.municipality, domain=world.a.council, name=f"Werkgroep {i}"
        )
        MembershipFactory(body=body, user=clerk)
    assert count(client, "/") == one <= MAX_QUERIES
