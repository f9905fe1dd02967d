"""Issue 14 finding 12: the headers Django has no setting for, the CSP's form-action, and the
messages that travelled in a cookie of their own. What nginx adds to the answers Django never
makes (414, 502) is in tests/portal/test_deploy_nginx.py and tests/stack/test_error_headers.py."""

import re

import pytest
from allauth.socialaccount.models import SocialApp
from django.test import Client

from portal.roles import Role
from tests.factories import PASSWORD, IdentityDomainFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

DENIED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "display-capture")


@pytest.fixture
def person():
    domain = IdentityDomainFactory(
        municipality=MunicipalityFactory(slug="alfa", name="Gemeente Alfa")
    )
    return UserFactory(
        email="ambtenaar@alfa.example",
        identity_domain=domain,
        role=Role.CIVIL_SERVANT,
        first_name="Łukasz",
        last_name="Żółć-Verheugen",
    )


def form_action(response) -> list[str]:
    policy = response["Content-Security-Policy"]
    found = re.search(r"(?:^|;)\s*form-action ([^;]*)", policy)
    assert found, policy
    return found.group(1).split()


def test_t1_permissions_policy_on_pages_errors_and_json(person):
    client = Client()
    answers = [client.get("/accounts/login/"), client.get("/healthz"), client.get("/no-such/")]
    client.force_login(person)
    answers += [client.get("/"), client.get("/geheimhouding/no-such/")]
    for response in answers:
        policy = dict(
            part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
        )
        for feature in DENIED_FEATURES:
            assert policy[feature] == "()", (response.status_code, feature)
        assert policy["fullscreen"] == "(self)"  # the recordings player


def test_t3_form_action_is_the_site_itself_not_any_https_origin(person):
    client = Client()
    assert form_action(client.get("/accounts/login/")) == ["'self'"]
    client.force_login(person)
    assert form_action(client.get("/")) == ["'self'"]


def test_t3_a_providers_sign_in_page_may_post_on_to_that_provider_only():
    """allauth's confirmation page posts to the portal, which redirects to the provider; the
    browser holds that redirect to the page's form-action."""
    for provider_id, server_url in [
        ("alfa-org", "https://login.example.test:8443/tenant-1/v2.0"),
        ("beta-org", "https://idp.beta.example.test/"),
    ]:
        SocialApp.objects.create(
            provider="openid_connect",
            provider_id=provider_id,
            name=provider_id,
            client_id="portaal",
            secret="client-secret",
            settings={"server_url": server_url},
        )
    page = Client().get("/accounts/oidc/alfa-org/login/")
    assert page.status_code == 200
    assert form_action(page) == ["'self'", "https://login.example.test:8443"]
    assert form_action(Client().get("/accounts/login/")) == ["'self'"]


def test_t3_messages_are_kept_in_the_session_not_in_a_cookie(person, sign_in):
    client = Client()
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 302
    assert "messages" not in response.cookies
    for cookie in response.cookies.values():
        assert "Żółć" not in cookie.value and "\\305" not in cookie.value
    # The message still reaches the person, on the next page.
    page = client.get(response["Location"])
    assert "messages" not in page.cookies
    assert [str(m) for m in page.context["messages"]], "the sign-in message is shown"
