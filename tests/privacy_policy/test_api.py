"""X6: the read-only JSON API of motion and commitment status per municipality."""

import pytest

from portal.roles import Role
from tests.privacy_policy.factories import AssignmentFactory, CommitmentFactory, MotionFactory
from tests.privacy_policy.test_views import count

pytestmark = pytest.mark.django_db


def test_x6_motions_with_assignment_status_of_the_own_municipality_only(world, login):
    motion = MotionFactory(municipality=world.a.municipality, number="15")
    AssignmentFactory(motion=motion, number=1, overdue=True)
    AssignmentFactory(motion=motion, number=2, done=True)
    MotionFactory(municipality=world.b.municipality, number="99")
    data = login(world.a.users[Role.COUNCIL_MEMBER]).get("/privacy/api/v1/moties/").json()
    assert data["count"] == 1
    [result] = data["results"]
    assert result["number"] == "15" and result["done"] is False
    assert [(a["number"], a["status"]) for a in result["assignments"]] == [
        (1, "overdue"),
        (2, "done"),
    ]


def test_x6_commitments(world, login):
    CommitmentFactory(municipality=world.a.municipality, number="T1", overdue=True)
    data = login(world.a.users[Role.CLERK]).get("/privacy/api/v1/toezeggingen/").json()
    assert [(r["number"], r["status"]) for r in data["results"]] == [("T1", "overdue")]


def test_x6_deny_by_default(world, login, client):
    assert client.get("/privacy/api/v1/moties/").status_code == 401  # signed out: problem+json
    admin = login(world.a.users[Role.ADMINISTRATOR])
    assert admin.get("/privacy/api/v1/moties/").status_code == 403
    assert (
        login(world.a.users[Role.COUNCIL_MEMBER]).post("/privacy/api/v1/moties/").status_code == 403
    )


def test_x6_openapi_schema_describes_both_endpoints_and_their_statuses(world, login):
    schema = login(world.a.users[Role.CLERK]).get("/privacy/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/privacy/api/v1/moties/", "/privacy/api/v1/toezeggingen/"}
    status = schema["components"]["schemas"]["Commitment"]["properties"]["status"]
    assert status["enum"] == ["new", "in_progress", "overdue", "done"]
    # Every field a response has is in the schema.
    CommitmentFactory(municipality=world.a.municipality)
    [row] = login(world.a.users[Role.CLERK]).get("/privacy/api/v1/toezeggingen/").json()["results"]
    assert set(row) == set(schema["components"]["schemas"]["Commitment"]["properties"])


def test_b1_api_query_count_is_constant(world, login):
    client = login(world.a.users[Role.CLERK])
    motion = MotionFactory(municipality=world.a.municipality)
    AssignmentFactory(motion=motion)
    one = count(client, "/privacy/api/v1/moties/")
    for _n in range(19):
        AssignmentFactory(motion=MotionFactory(municipality=world.a.municipality))
    assert count(client, "/privacy/api/v1/moties/") == one <= 12


def test_x6_a_page_that_is_not_a_whole_number_from_1_is_a_400(world, login):
    CommitmentFactory(municipality=world.a.municipality)
    client = login(world.a.users[Role.CLERK])
    for path in ("/privacy/api/v1/moties/", "/privacy/api/v1/toezeggingen/"):
        response = client.get(path, {"page": "-3"})
        assert response.status_code == 400
        assert response.json() == {"error": "invalid_page", "parameter": "page"}
        assert client.get(path, {"page": "7"}).json()["page"] == 1  # past the end: the last
    schema = client.get("/privacy/api/v1/openapi.json").json()
    assert "400" in schema["paths"]["/privacy/api/v1/moties/"]["get"]["responses"]
    # Without the permission the refusal comes first, whatever the page.
    assert login(world.a.users[Role.ADMINISTRATOR]).get(path, {"page": "x"}).status_code == 403


def test_x6_the_security_scheme_names_the_session_cookie_this_instance_sets(world, login, settings):
    client = login(world.a.users[Role.CLERK])
    scheme = client.get("/privacy/api/v1/openapi.json").json()["components"]["securitySchemes"]
    assert settings.SESSION_COOKIE_NAME in client.cookies  # the cookie signing in set
    assert scheme["session"]["name"] == settings.SESSION_COOKIE_NAME
