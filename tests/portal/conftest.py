"""Fixtures for the sign-in suites (local accounts, OpenID Connect, MFA, sessions)."""

import types

import pytest
from allauth.mfa.totp.internal import auth as totp_auth
from django.core.cache import cache

from portal.models import AuditEvent


@pytest.fixture
def fresh_cache():
    """allauth keeps rate-limit counters and used TOTP codes in the cache, which outlives a
    test: every sign-in test starts with none of them."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sign_in():
    """Signs in through allauth's own login form, as a person would (not ``force_login``)."""

    def _sign_in(client, email, password):
        return client.post("/accounts/login/", {"login": email, "password": password})

    return _sign_in


@pytest.fixture
def audit_events():
    """The audit events for an action, oldest first."""

    def _events(action, **filters):
        return list(AuditEvent.objects.filter(action=action, **filters).order_by("seq"))

    return _events


# A fixed moment for the TOTP clock, so that a code never straddles two 30-second windows.
NOW = 1_900_000_000.0


@pytest.fixture
def totp_clock(monkeypatch):
    """Stops allauth's TOTP clock at NOW; ``code(secret, steps=…)`` is the code of a window."""
    monkeypatch.setattr(totp_auth, "time", types.SimpleNamespace(time=lambda: NOW))

    def code(secret, *, steps=0):
        counter = int(NOW) // 30 + steps
        return totp_auth.format_hotp_value(totp_auth.hotp_value(secret, counter))

    return code


def with_totp(user, secret=None):
    """Sets up TOTP for ``user`` as if they had done it themselves; returns the secret."""
    secret = secret or totp_auth.generate_totp_secret()
    totp_auth.TOTP.activate(user, secret)
    return secret
