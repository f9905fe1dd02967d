"""X5: the error pages are in the portal's layout and in Dutch, with DEBUG off as in
production. 400 and 500 use no request context, so the 500 page renders while the database
is down."""

import pytest
from django.db import OperationalError, connection
from django.test import Client, RequestFactory

from portal import errors
from portal.roles import Role

pytestmark = pytest.mark.django_db

LAYOUT = ('class="utrecht-page-header portal-header"', "portal/portal.css", '<html lang="nl"')


def in_layout(page: str) -> bool:
    return all(marker in page for marker in LAYOUT) and "Toegankelijkheidsverklaring" in page


@pytest.fixture(autouse=True)
def production_like(settings):
    settings.DEBUG = False


def test_x5_404_in_the_layout_with_the_menu_of_who_is_signed_in(world, login):
    response = login(world.a.users[Role.CIVIL_SERVANT]).get("/bestaat-niet/")
    page = response.content.decode()
    assert response.status_code == 404
    assert in_layout(page) and "Niet gevonden" in page
    assert "Mijn profiel" in page  # the menu


def test_x5_404_for_someone_signed_out():
    response = Client().get("/geheimhouding/openbaar/bestaat-niet/")
    page = response.content.decode()
    assert response.status_code == 404 and in_layout(page) and "Niet gevonden" in page


def test_x5_403_in_the_layout(world, login):
    response = login(world.a.users[Role.CIVIL_SERVANT]).get("/audit/")
    page = response.content.decode()
    assert response.status_code == 403
    assert in_layout(page) and "Geen toegang" in page and "Mijn profiel" in page


def test_x5_403_for_a_stale_form_says_what_to_do(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.a.users[Role.CIVIL_SERVANT])
    response = client.post("/accounts/logout/")
    page = response.content.decode()
    assert response.status_code == 403
    assert in_layout(page) and "Dit formulier is verlopen" in page
    assert "CSRF" not in page and "Forbidden" not in page


def test_x5_400_in_the_layout_without_request_context():
    response = Client().get("/", HTTP_HOST="ander-domein.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert in_layout(page) and "Ongeldig verzoek" in page
    assert "ander-domein.example" not in page
    assert 'name="csrfmiddlewaretoken"' not in page  # no forms without a session


def test_x5_500_in_the_layout(settings):
    settings.ROOT_URLCONF = "tests.portal.error_urls"
    response = Client(raise_request_exception=False).get("/stuk/")
    page = response.content.decode()
    assert response.status_code == 500
    assert in_layout(page) and "Er ging iets mis" in page
    assert "Server Error" not in page and "OperationalError" not in page


def test_x5_500_renders_without_a_database_connection(monkeypatch):
    """The handler is called with the database gone: any attempt to connect or query fails."""

    def no_database(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "ensure_connection", no_database)
    request = RequestFactory().get("/stuk/")
    with connection.execute_wrapper(no_database):
        response = errors.server_error(request)
    page = response.content.decode()
    assert response.status_code == 500 and in_layout(page) and "Er ging iets mis" in page


def test_x5_500_in_english_for_who_chose_english():
    from django.utils import translation

    with translation.override("en"):
        page = errors.server_error(RequestFactory().get("/")).content.decode()
    assert '<html lang="en"' in page and "Something went wrong" in page
