"""Session limits: an idle timeout (the session cookie age, renewed on every request) and an
absolute lifetime counted from sign-in (SessionTimeoutMiddleware). Both end in a signed-out
client; expiry and sign-out are in the audit trail (X1)."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal.middleware import SESSION_RENEWED_KEY, SESSION_STARTED_KEY
from portal.roles import Role
from tests.factories import PASSWORD, IdentityDomainFactory, MunicipalityFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_cache")]


@pytest.fixture
def user():
    domain = IdentityDomainFactory(municipality=MunicipalityFactory(slug="alfa"))
    return UserFactory(
        email="ambtenaar@alfa.example", identity_domain=domain, role=Role.CIVIL_SERVANT
    )


@pytest.fixture
def client(user, sign_in):
    client = Client()
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    return client


def session_started(client, seconds_ago):
    session = client.session
    session[SESSION_STARTED_KEY] = time.time() - seconds_ago
    session.save()


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_x1_absolute_lifetime_signs_out_and_is_audited(client, user, audit_events):
    session_started(client, settings.PORTAL_SESSION_ABSOLUTE_SECONDS + 1)

    response = client.get(reverse("portal:profile"))

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login")
    assert SESSION_KEY not in client.session
    assert client.get("/")["Location"].startswith(reverse("account_login"))
    [event] = audit_events("auth.session_expired")
    assert event.actor == user
    # The person learns why on the sign-in page.
    page = client.get(reverse("account_login")).content.decode()
    assert "Uw sessie is verlopen" in page


def test_x1_session_within_the_absolute_lifetime_stays(client, audit_events):
    session_started(client, settings.PORTAL_SESSION_ABSOLUTE_SECONDS - 60)

    assert client.get(reverse("portal:profile")).status_code == 200
    assert not audit_events("auth.session_expired")


def test_x1_absolute_lifetime_counts_from_sign_in(client):
    started = client.session[SESSION_STARTED_KEY]
    assert time.time() - 5 < started <= time.time()
    client.get("/")
    assert client.session[SESSION_STARTED_KEY] == started


def test_x1_idle_timeout_is_the_cookie_age_renewed_by_requests(client):
    session = client.session
    assert session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert session.get_expire_at_browser_close()

    # Nearly idle for too long: one more request renews the full idle period.
    row = stored_session(client)
    row.expire_date = timezone.now() + datetime.timedelta(seconds=30)
    row.save()
    before = timezone.now()
    assert client.get("/").status_code == 200
    after = timezone.now()

    expires = stored_session(client).expire_date
    idle = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert before + idle <= expires <= after + idle


def test_x1_the_session_is_renewed_at_most_once_a_minute_not_written_on_every_request(client):
    assert client.get("/").status_code == 200  # renews
    renewed = stored_session(client).expire_date
    session = client.session
    assert time.time() - session[SESSION_RENEWED_KEY] < settings.PORTAL_SESSION_RENEW_SECONDS

    assert client.get("/").status_code == 200  # within the minute: no write
    assert stored_session(client).expire_date == renewed

    session[SESSION_RENEWED_KEY] = time.time() - settings.PORTAL_SESSION_RENEW_SECONDS - 1
    session.save()
    before = stored_session(client).expire_date
    assert client.get("/").status_code == 200  # a minute later: renewed again
    assert stored_session(client).expire_date > before


def test_x1_idle_session_is_signed_out(client):
    row = stored_session(client)
    row.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    row.save()
    # Sessions are read through the cache (cached_db), whose entry times out with the session;
    # an idle session has gone from both.
    cache.clear()

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_x1_logging_out_is_audited(client, user, audit_events):
    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert SESSION_KEY not in client.session
    [event] = audit_events("auth.logout")
    assert (event.actor, event.object_id) == (user, str(user.uuid))
