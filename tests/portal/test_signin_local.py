"""Signing in with a local account (e-mail and password): who gets in, who is refused, how
failures are throttled, and that every attempt lands in the audit trail (X1)."""

import json

import pytest
from allauth.core.internal.ratelimit import parse_rates
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse

from portal.constants import AuditResult
from portal.models import AuditEvent
from portal.roles import Role
from tests.factories import PASSWORD, IdentityDomainFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]

WRONG_PASSWORD = "Fout-wachtwoord-987"


@pytest.fixture
def domain():
    return IdentityDomainFactory(
        municipality=MunicipalityFactory(slug="alfa", name="Gemeente Alfa")
    )


@pytest.fixture
def civil_servant(domain):
    # No require_mfa: these tests are about the password step only.
    return UserFactory(
        email="ambtenaar@alfa.example", identity_domain=domain, role=Role.CIVIL_SERVANT
    )


def signed_in_user_id(client):
    return client.session.get(SESSION_KEY)


def login_failed_limit(per: str) -> int:
    """The configured number of failed sign-ins allowed per ``ip`` or per ``key`` (e-mail)."""
    rates = parse_rates(settings.ACCOUNT_RATE_LIMITS["login_failed"])
    return next(rate.amount for rate in rates if rate.per == per)


def error_codes(response):
    return [error.code for error in response.context["form"].errors.as_data()["__all__"]]


def test_t3_local_sign_in_succeeds_and_is_audited(civil_servant, sign_in, audit_events):
    client = Client()
    response = sign_in(client, "Ambtenaar@Alfa.example", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)
    assert signed_in_user_id(client) == str(civil_servant.pk)
    assert client.get("/").status_code == 200
    [event] = audit_events("auth.login")
    assert event.result == AuditResult.SUCCESS
    assert event.actor == civil_servant
    assert event.municipality_id == civil_servant.municipality_id


def test_x1_wrong_password_is_a_form_error_audited_without_the_password(
    civil_servant, sign_in, audit_events
):
    client = Client()
    response = sign_in(client, "ambtenaar@alfa.example", WRONG_PASSWORD)

    assert response.status_code == 200
    assert error_codes(response) == ["email_password_mismatch"]
    assert signed_in_user_id(client) is None
    [event] = audit_events("auth.login")
    assert event.result == AuditResult.FAILURE
    assert event.actor_id is None
    assert event.actor_label == "ambtenaar@alfa.example"
    assert event.details == {"reason": "bad_credentials"}
    # The municipality's own audit viewers see attempts on their accounts.
    assert event.municipality_id == civil_servant.municipality_id
    stored = json.dumps(list(AuditEvent.objects.values()), default=str)
    assert WRONG_PASSWORD not in stored
    assert PASSWORD not in stored


def test_x1_failed_sign_ins_for_one_account_are_throttled_and_audited(
    civil_servant, sign_in, audit_events
):
    limit = login_failed_limit("key")
    client = Client()
    for _ in range(limit):
        response = sign_in(client, "ambtenaar@alfa.example", WRONG_PASSWORD)
        assert error_codes(response) == ["email_password_mismatch"]

    # Even the right password is refused now: the throttle stops guessing, not only mistakes.
    response = sign_in(client, "ambtenaar@alfa.example", PASSWORD)

    assert response.status_code == 200
    assert error_codes(response) == ["too_many_login_attempts"]
    assert signed_in_user_id(client) is None
    events = audit_events("auth.login")
    assert [(e.result, e.details["reason"]) for e in events] == [
        *[(AuditResult.FAILURE, "bad_credentials")] * limit,
        (AuditResult.DENIED, "rate_limited"),
    ]
    refused = events[-1]
    assert refused.actor_label == "ambtenaar@alfa.example"
    assert refused.municipality_id == civil_servant.municipality_id
    assert PASSWORD not in json.dumps(refused.details)


def test_x1_failed_sign_ins_from_one_address_are_throttled_across_accounts(
    domain, sign_in, audit_events
):
    limit = login_failed_limit("ip")
    client = Client()
    for n in range(limit):
        response = sign_in(client, f"gok{n}@alfa.example", WRONG_PASSWORD)
        assert error_codes(response) == ["email_password_mismatch"]

    response = sign_in(client, "nog-een-gok@alfa.example", WRONG_PASSWORD)

    assert error_codes(response) == ["too_many_login_attempts"]
    last = audit_events("auth.login")[-1]
    assert (last.result, last.actor_label, last.details) == (
        AuditResult.DENIED,
        "nog-een-gok@alfa.example",
        {"reason": "rate_limited"},
    )


def test_x1_too_many_sign_in_requests_from_one_address_get_429(domain, sign_in):
    [rate] = parse_rates(settings.ACCOUNT_RATE_LIMITS["login"])
    client = Client()
    statuses = [
        sign_in(client, f"gok{n}@alfa.example", WRONG_PASSWORD).status_code
        for n in range(rate.amount + 1)
    ]

    assert statuses[: rate.amount] == [200] * rate.amount
    assert statuses[-1] == 429


def test_t3_domain_without_local_accounts_refuses_password_sign_in(domain, sign_in, audit_events):
    domain.allow_local_accounts = False
    domain.save()
    user = UserFactory(email="medewerker@alfa.example", identity_domain=domain)
    client = Client()

    response = sign_in(client, "medewerker@alfa.example", PASSWORD)

    assert response.status_code == 403
    page = response.content.decode()
    assert "alleen aanmelden via de eigen aanmeldvoorziening" in page
    assert domain.name in page
    assert signed_in_user_id(client) is None
    assert client.get("/").status_code == 302
    [event] = audit_events("auth.login")
    assert (event.result, event.actor, event.details) == (
        AuditResult.DENIED,
        user,
        {"reason": "local_accounts_disabled"},
    )


def test_x1_inactive_user_cannot_sign_in_and_the_attempt_is_audited(domain, sign_in, audit_events):
    UserFactory(email="vertrokken@alfa.example", identity_domain=domain, inactive=True)
    client = Client()

    response = sign_in(client, "vertrokken@alfa.example", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_inactive")
    assert signed_in_user_id(client) is None
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    [event] = audit_events("auth.login")
    assert event.result == AuditResult.FAILURE
    assert event.actor_label == "vertrokken@alfa.example"
    # Not "bad_credentials": the password was right, the account is switched off.
    assert event.details == {"reason": "account_inactive"}
