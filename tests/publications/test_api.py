"""C11, X6: the Woo publications as a read-only, anonymous JSON API after the NLGov REST API
Design Rules — no trailing slashes, an API-Version header on every answer, errors as
application/problem+json — and conforming to its own OpenAPI document (schemathesis)."""

import pytest
from django.test import Client
from django.utils import timezone
from schemathesis.openapi import from_wsgi

from publications.constants import PublicationStatus
from tests.publications.test_public import published
from tests.test_openapi_fuzz import fuzz, report, wsgi_app  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

BASE = "/woo/api/v1/gemeenten"


def test_c11_the_api_lists_and_shows_publications_with_an_api_version(woo):
    publication = published(woo.a, official_title="Grondaankoop De Vaart")
    published(woo.b, official_title="Van Beta")
    client = Client()
    response = client.get(f"{BASE}/alfa/publicaties")
    assert response.status_code == 200 and response["API-Version"] == "1.0.0"
    data = response.json()
    assert data["count"] == 1 and data["results"][0]["id"] == str(publication.uuid)
    assert "Van Beta" not in response.content.decode()
    detail = client.get(f"{BASE}/alfa/publicaties/{publication.uuid}").json()
    assert detail["publisher"]["uri"] == "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    assert detail["information_category"]["label"] == "vergaderstukken decentrale overheden"
    (document,) = detail["documents"]
    assert document["download"].endswith(
        f"/woo/openbaar/alfa/{publication.uuid}/documenten/{document['id']}"
    )


def test_c11_api_errors_are_problem_documents_and_withdrawn_is_410(woo):
    publication = published(woo.a)
    client = Client()
    for path, status in [
        (f"{BASE}/bestaat-niet/publicaties", 404),
        (f"{BASE}/alfa/publicaties/geen-uuid", 404),
        (f"{BASE}/alfa/publicaties?page=0", 400),
        (f"{BASE}/alfa/publicaties?informatiecategorie=x", 400),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        assert response["Content-Type"] == "application/problem+json"
        assert response["API-Version"] == "1.0.0"
        assert response.json()["status"] == status
    publication.status = PublicationStatus.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.withdrawal_reason = "Procedurefout"
    publication.save()
    response = client.get(f"{BASE}/alfa/publicaties/{publication.uuid}")
    assert response.status_code == 410 and response.json()["title"] == "Gone"
    response = client.post(f"{BASE}/alfa/publicaties")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"
    assert response["API-Version"] == "1.0.0"


def test_c11_no_trailing_slashes_in_the_api():
    client = Client()
    assert client.get("/woo/api/v1/openapi.json").status_code == 200
    assert client.get(f"{BASE}/alfa/publicaties/").status_code == 404
    paths = client.get("/woo/api/v1/openapi.json").json()["paths"]
    assert paths and not any(path.endswith("/") for path in paths)


def test_x6_c11_the_woo_api_conforms_to_its_openapi_document(woo, wsgi_app):  # noqa: F811
    """Anonymous: generated slugs and ids (the documented 404), and Alfa's slug (200 pages, or
    the documented 400), never with Beta's publication in them."""
    own = published(woo.a, official_title="Grondaankoop De Vaart")
    beta = published(woo.b, official_title="Publicatie van Beta")
    schema = from_wsgi("/woo/api/v1/openapi.json", wsgi_app)
    forbidden = (str(beta.uuid), beta.official_title)
    generated = fuzz(schema, signed_out={200, 400, 404}, forbidden=forbidden)
    alfa = fuzz(
        schema,
        slug="alfa",
        signed_out={200, 400, 404},
        forbidden=forbidden,
        own=(str(own.uuid),),
    )
    report(generated, "woo-api/generated")
    report(alfa, "woo-api/alfa")
    assert alfa.shown and alfa.statuses[400] and alfa.statuses[404]
