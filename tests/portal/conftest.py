"""Fixtures for the sign-in suites (local accounts, OpenID Connect, MFA, sessions)."""

import pytest
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
