"""Issue 14 finding 1: the sign-in throttle counts per client, not per proxy.

In production every request reaches gunicorn from nginx, so ``REMOTE_ADDR`` is always nginx.
nginx appends the address it saw to ``X-Forwarded-For`` (``$proxy_add_x_forwarded_for``,
deploy/nginx.conf); the right-most entry is the one hop we trust. These tests send what nginx
sends: ``REMOTE_ADDR`` 127.0.0.1 and the forwarded header, including what a client wrote into it
itself. tests/stack/test_stack.py does the same through a real nginx.
"""

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from portal.constants import AuditResult
from portal.roles import Role
from tests.factories import PASSWORD, IdentityDomainFactory, MunicipalityFactory, UserFactory
from tests.portal.conftest import with_totp

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

NGINX = "127.0.0.1"
CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"
WRONG_PASSWORD = "Fout-wachtwoord-987"


@pytest.fixture(autouse=True)
def behind_nginx(settings):
    """What production sets (portal.settings.production): one trusted proxy in front."""
    settings.PORTAL_TRUST_X_FORWARDED_FOR = True
    settings.PORTAL_REQUIRE_MFA = True


def via_nginx(address, *, client_wrote=None):
    """The request headers gunicorn receives when ``address`` talks to nginx; ``client_wrote``
    is an X-Forwarded-For the client sent itself, which nginx keeps and appends to."""
    forwarded = f"{client_wrote}, {address}" if client_wrote else address
    return {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": forwarded}


def sign_in(address, email, password, *, client=None, client_wrote=None):
    client = client or Client()
    response = client.post(
        "/accounts/login/",
        {"login": email, "password": password},
        **via_nginx(address, client_wrote=client_wrote),
    )
    return client, response


def error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["__all__"]]


def ip_limit():
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return next(rate.amount for rate in rates if rate.per == "ip")


@pytest.fixture
def alfa():
    municipality = MunicipalityFactory(slug="alfa", name="Gemeente Alfa")
    return IdentityDomainFactory(municipality=municipality)


@pytest.fixture
def civil_servant(alfa):
    return UserFactory(
        email="ambtenaar@alfa.example", identity_domain=alfa, role=Role.CIVIL_SERVANT
    )


def fail_from(address, times):
    """``times`` failed sign-ins with addresses nobody has, as a scanner makes them."""
    for n in range(times):
        _client, response = sign_in(address, f"gok{n}@elders.example", WRONG_PASSWORD)
        assert response.status_code == 200


def test_v2_sign_in_throttle_counts_per_forwarded_client_not_per_proxy(civil_servant, audit_events):
    fail_from(CLIENT_A, ip_limit() + 1)

    other, response = sign_in(CLIENT_B, civil_servant.email, PASSWORD)

    assert response.status_code == 302, error_codes(response)
    assert other.session.get(SESSION_KEY) == str(civil_servant.pk)
    login = audit_events("auth.login", result=AuditResult.SUCCESS)[-1]
    assert login.ip_address == CLIENT_B


def test_v2_sign_in_throttle_still_blocks_the_client_that_failed(civil_servant, audit_events):
    fail_from(CLIENT_A, ip_limit() + 1)

    same, response = sign_in(CLIENT_A, civil_servant.email, PASSWORD)

    assert response.status_code == 200
    assert error_codes(response) == ["too_many_login_attempts"]
    assert same.session.get(SESSION_KEY) is None
    refused = audit_events("auth.login", result=AuditResult.DENIED)[-1]
    assert (refused.details, refused.ip_address) == ({"reason": "rate_limited"}, CLIENT_A)


def test_v2_sign_in_throttle_a_forged_forwarded_hop_cannot_choose_the_address(
    civil_servant, audit_events
):
    fail_from(CLIENT_A, ip_limit() + 1)

    # The blocked client claims to be B (and, another time, a fresh address each try): nginx
    # appends the address it really saw, and that is the one counted.
    for forged in (CLIENT_B, f"192.0.2.77, {CLIENT_B}", "not-an-address"):
        client, response = sign_in(CLIENT_A, civil_servant.email, PASSWORD, client_wrote=forged)
        assert error_codes(response) == ["too_many_login_attempts"], forged
        assert client.session.get(SESSION_KEY) is None
    refused = audit_events("auth.login", result=AuditResult.DENIED)
    assert {event.ip_address for event in refused} == {CLIENT_A}

    # B, whose address was claimed, is not blocked by it.
    _other, response = sign_in(CLIENT_B, civil_servant.email, PASSWORD)
    assert response.status_code == 302


@pytest.fixture
def clerk(alfa):
    council = IdentityDomainFactory(municipality=alfa.municipality, council=True)
    return UserFactory(email="griffier@raadalfa.example", identity_domain=council, role=Role.CLERK)


def test_v2_v3_totp_check_is_throttled_per_forwarded_client(clerk, totp_clock):
    secret = with_totp(clerk)
    # A: the clerk's own browser has passed the password step and waits for the code.
    waiting, response = sign_in(CLIENT_A, clerk.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")

    fail_from(CLIENT_A, ip_limit() + 1)

    # Another client's failures would have used up the same bucket; now only A's do.
    other, response = sign_in(CLIENT_B, clerk.email, PASSWORD)
    assert response["Location"] == reverse("mfa_authenticate")
    response = other.post(
        reverse("mfa_authenticate"), {"code": totp_clock(secret)}, **via_nginx(CLIENT_B)
    )
    assert response.status_code == 302
    assert other.session.get(SESSION_KEY) == str(clerk.pk)

    # At A the code step counts against A's failures and is refused before the code is read.
    response = waiting.post(
        reverse("mfa_authenticate"), {"code": totp_clock(secret)}, **via_nginx(CLIENT_A)
    )
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].errors.as_data()["code"]] == [
        "too_many_login_attempts"
    ]
    assert waiting.session.get(SESSION_KEY) is None
