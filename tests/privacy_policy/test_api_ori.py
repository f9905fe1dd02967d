"""X6, T5: the motion and commitment status API in ORI words, with the follow-up ORI lacks,
under the NLGov REST API Design Rules (no trailing slash, API-Version on every answer)."""

import datetime

import pytest

from portal.roles import Role
from tests.privacy_policy.factories import (
    AssignmentFactory,
    CommitmentFactory,
    LetterFactory,
    MotionFactory,
)
from tests.privacy_policy.test_views import count

pytestmark = pytest.mark.django_db
MOTIONS = "/privacy/api/v2/moties"
COMMITMENTS = "/privacy/api/v2/toezeggingen"
SCHEMA = "/privacy/api/v2/openapi.json"


def test_x6_t5_motions_in_ori_words_with_their_follow_up(world, login):
    motion = MotionFactory(municipality=world.a.municipality, number="mo-1", ris_id="mo-1")
    done = AssignmentFactory(motion=motion, number=1, done=True)
    LetterFactory(assignment=done, reference="RIB 2026/12")
    AssignmentFactory(motion=motion, number=2, overdue=True)
    MotionFactory(municipality=world.b.municipality)
    response = login(world.a.users[Role.COUNCIL_MEMBER]).get(MOTIONS)
    assert response.status_code == 200 and response["API-Version"] == "2.0.0"
    data = response.json()
    assert data["aantal"] == 1
    [result] = data["resultaten"]
    assert result["risId"] == "mo-1" and result["informatieobjecttype"] == "motie"
    assert result["status"] == "aangenomen" and result["resultaatMondelingeStemming"] == "voor"
    first, second = result["opdrachten"]
    assert first["afdoening"]["status"] == "afgedaan"
    assert first["afdoening"]["aanvaardDoorRaadOp"] == done.accepted_on.isoformat()
    assert [d["kenmerk"] for d in first["afdoening"]["afdoeningsdocumenten"]] == ["RIB 2026/12"]
    assert second["afdoening"]["status"] == "te_laat"
    assert second["afdoening"]["termijn"] < datetime.date.today().isoformat()


def test_x6_t5_commitments_in_ori_words(world, login):
    CommitmentFactory(municipality=world.a.municipality, number="T1", overdue=True)
    data = login(world.a.users[Role.CLERK]).get(COMMITMENTS).json()
    [result] = data["resultaten"]
    assert result["informatieobjecttype"] == "toezegging" and result["risId"] is None
    assert result["afdoening"]["status"] == "te_laat"


def test_x6_paths_have_no_trailing_slash_and_every_answer_names_the_version(world, login):
    client = login(world.a.users[Role.CLERK])
    assert client.get(MOTIONS + "/").status_code == 404
    bad = client.get(MOTIONS, {"page": "-3"})
    assert bad.status_code == 400 and bad["API-Version"] == "2.0.0"
    schema = client.get(SCHEMA)
    assert schema["API-Version"] == schema.json()["info"]["version"] == "2.0.0"
    assert set(schema.json()["paths"]) == {MOTIONS, COMMITMENTS}


def test_x6_the_ori_api_is_denied_by_default(world, login, client):
    assert client.get(MOTIONS).status_code == 401  # signed out: problem+json
    assert login(world.a.users[Role.ADMINISTRATOR]).get(MOTIONS).status_code == 403


def test_x6_the_schema_describes_every_field_the_api_answers(world, login):
    client = login(world.a.users[Role.CLERK])
    AssignmentFactory(motion=MotionFactory(municipality=world.a.municipality), number=1)
    CommitmentFactory(municipality=world.a.municipality)
    schemas = client.get(SCHEMA).json()["components"]["schemas"]
    motion = client.get(MOTIONS).json()["resultaten"][0]
    assert set(motion) == set(schemas["Motie"]["properties"])
    assert set(motion["opdrachten"][0]) == set(schemas["Opdracht"]["properties"])
    assert set(motion["opdrachten"][0]["afdoening"]) == set(schemas["Afdoening"]["properties"])
    commitment = client.get(COMMITMENTS).json()["resultaten"][0]
    assert set(commitment) == set(schemas["Toezegging"]["properties"])


def test_b1_ori_api_query_count_is_constant(world, login):
    client = login(world.a.users[Role.CLERK])
    AssignmentFactory(motion=MotionFactory(municipality=world.a.municipality))
    one = count(client, MOTIONS)
    for _n in range(19):
        AssignmentFactory(motion=MotionFactory(municipality=world.a.municipality))
    assert count(client, MOTIONS) == one <= 12
