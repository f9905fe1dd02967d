"""C9, X6: the public register per municipality — a page and a JSON endpoint with an OpenAPI
description — holds metadata only, for everyone, and only of its own municipality (T1)."""

import datetime
from html import escape

import pytest
from django.test import Client

from confidentiality.constants import WooGround
from portal.models import AuditEvent
from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory

pytestmark = pytest.mark.django_db

MOTIVATION = "Canary-motivering-7f3a: de onderhandelingsruimte is 4,2 miljoen"
INTERNAL = "Personeelsdossier gemeentesecretaris"  # the internal title, never public (C9)


@pytest.fixture
def published(world):
    item = SecrecyItemFactory(
        imposing_body=world.a.college,
        subject=INTERNAL,
        public_subject="Grondaankoop De Vaart",
        reference="CANARY-REF-99",
        motivation=MOTIVATION,
        grounds=[WooGround.LID2_B.value, WooGround.LID2_E.value],
    )
    ShareFactory(item=item, body=world.a.raad)
    SecrecyItemFactory(imposing_body=world.b.college, public_subject="Stuk van Beta")
    return item


def test_c9_public_page_shows_metadata_only_to_anonymous_visitors(world, published):
    response = Client().get(f"/geheimhouding/openbaar/{world.a.municipality.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Grondaankoop De Vaart" in page  # subject
    assert published.decision_date.strftime("%d-%m-%Y") in page  # date
    assert escape(world.a.college.name) in page  # imposing body
    assert "de economische of financiële belangen" in page  # ground, in the law's words
    assert escape(world.a.raad.name) in page  # addressees
    assert published.review_date.strftime("%d-%m-%Y") in page  # review date
    assert "Geheim" in page  # status
    assert "Canary-motivering" not in page and "CANARY-REF" not in page
    assert "Stuk van Beta" not in page  # T1


def test_c9_json_endpoint_has_the_same_metadata_and_nothing_secret(world, published):
    response = Client().get(f"/geheimhouding/openbaar/{world.a.municipality.slug}/register.json")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    (row,) = body["items"]
    assert row == {
        "id": str(published.uuid),
        "subject": "Grondaankoop De Vaart",
        "origin": "decision",
        "date": published.decision_date.isoformat(),
        "imposed_by": world.a.college.name,
        "grounds": [WooGround.LID2_B.value, WooGround.LID2_E.value],
        "addressees": [world.a.raad.name],
        "review_date": published.review_date.isoformat(),
        "secret_until": None,
        "status": "active",
    }
    assert "Canary" not in response.content.decode()
    assert "CANARY" not in response.content.decode()


def test_c9_openapi_describes_the_endpoint_and_matches_a_response(world, published):
    schema = Client().get("/geheimhouding/openbaar/openapi.json").json()
    operation = schema["paths"]["/geheimhouding/openbaar/{slug}/register.json"]["get"]
    item_schema = operation["responses"]["200"]["content"]["application/json"]["schema"][
        "properties"
    ]["items"]["items"]
    row = Client().get(f"/geheimhouding/openbaar/{world.a.municipality.slug}/register.json")
    keys = set(row.json()["items"][0])
    assert keys == set(item_schema["properties"])  # every field described, nothing extra
    assert set(item_schema["required"]) <= keys
    assert schema["openapi"].startswith("3.")


def test_c9_lifted_and_closed_session_items_show_their_status_and_body(world):
    SecrecyItemFactory(imposing_body=world.a.college, subject="Opgeheven stuk", lifted=True)
    rows = (
        Client()
        .get(f"/geheimhouding/openbaar/{world.a.municipality.slug}/register.json")
        .json()["items"]
    )
    assert rows[0]["status"] == "lifted"


def test_c9_unknown_or_unpublished_municipality_is_404(world, settings, published):
    assert Client().get("/geheimhouding/openbaar/bestaat-niet/").status_code == 404
    settings.CONFIDENTIALITY_PUBLIC_REGISTER = [world.b.municipality.slug]
    slug = world.a.municipality.slug
    assert Client().get(f"/geheimhouding/openbaar/{slug}/").status_code == 404
    assert Client().get(f"/geheimhouding/openbaar/{slug}/register.json").status_code == 404


def test_c9_public_register_query_count_is_constant(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    path = f"/geheimhouding/openbaar/{world.a.municipality.slug}/register.json"
    SecrecyItemFactory(imposing_body=world.a.college)
    with CaptureQueriesContext(connection) as one:
        Client().get(path)
    for offset in range(19):
        item = SecrecyItemFactory(
            imposing_body=world.a.college,
            decision_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=offset),
        )
        ShareFactory(item=item, body=world.a.raad)
    with CaptureQueriesContext(connection) as twenty:
        Client().get(path)
    assert len(one.captured_queries) == len(twenty.captured_queries) <= 12
    assert not AuditEvent.objects.filter(action="secrecy.viewed").exists()


def test_c9_json_page_that_is_not_a_whole_number_from_1_is_a_400(world, published):
    path = f"/geheimhouding/openbaar/{world.a.municipality.slug}/register.json"
    for page in ("0", "-1", "abc", "1.5"):
        response = Client().get(path, {"page": page})
        assert response.status_code == 400, page
        assert response.json() == {"error": "invalid_page", "parameter": "page"}
    assert Client().get(path, {"page": "5"}).json()["page"] == 1  # past the end: the last
    # The HTML page stays lenient: a person who edits the address gets the first page.
    html = Client().get(f"/geheimhouding/openbaar/{world.a.municipality.slug}/", {"page": "abc"})
    assert html.status_code == 200
    schema = Client().get("/geheimhouding/openbaar/openapi.json").json()
    responses = schema["paths"]["/geheimhouding/openbaar/{slug}/register.json"]["get"]["responses"]
    assert set(responses) == {"200", "400", "404"}


def test_c9_public_register_never_shows_the_internal_title(world, published):
    untitled = SecrecyItemFactory(
        imposing_body=world.a.college, subject="Ontslag wethouder X", public_subject=""
    )
    slug = world.a.municipality.slug
    page = Client().get(f"/geheimhouding/openbaar/{slug}/").content.decode()
    assert "Grondaankoop De Vaart" in page  # the public subject
    assert INTERNAL not in page and untitled.subject not in page
    assert "Onderwerp niet openbaar" in page  # an item without a public subject
    data = Client().get(f"/geheimhouding/openbaar/{slug}/register.json").content.decode()
    assert INTERNAL not in data and untitled.subject not in data
    assert "Grondaankoop De Vaart" in data


def test_c9_entry_form_says_the_public_subject_is_published(world, login):
    page = login(world.a.users[Role.CLERK]).get("/geheimhouding/nieuw/").content.decode()
    assert "Openbaar onderwerp" in page
    assert "wordt gepubliceerd in het openbare register" in page
