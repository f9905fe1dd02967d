"""/healthz, for operations: database and broker status, signed out, and nothing else."""

import json
import os
import socket
from unittest import mock

import django
import pytest
from django.conf import settings
from django.db import OperationalError

pytestmark = pytest.mark.django_db

EXPECTED_KEYS = {"status", "database", "broker"}


def closed_port() -> int:
    """A local port nothing listens on: bound by us, then released."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_no_secrets(response):
    body = response.content.decode()
    for secret in (settings.SECRET_KEY, settings.AUDIT_HMAC_KEY):
        assert secret not in body
    for leak in ("postgres://", "redis://", "127.0.0.1", django.get_version()):
        assert leak not in body
    assert "Server" not in response.headers
    assert set(json.loads(body)) == EXPECTED_KEYS


def test_healthz_answers_signed_out_without_a_redirect_to_login(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not-configured"}
    assert "no-cache" in response["Cache-Control"]
    assert_no_secrets(response)


def test_healthz_answers_head_and_refuses_post(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_when_the_broker_port_is_closed(client, settings):
    settings.CELERY_BROKER_URL = f"redis://:hunter2-canary@127.0.0.1:{closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "ok", "broker": "down"}
    assert "hunter2-canary" not in response.content.decode()
    assert_no_secrets(response)


def test_healthz_is_503_when_the_database_fails_and_hides_the_error(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    canary = "password authentication failed for user portal-canary"
    with mock.patch("portal.views.connection.cursor", side_effect=OperationalError(canary)):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "down", "broker": "not-configured"}
    assert "portal-canary" not in response.content.decode()
    assert_no_secrets(response)


@pytest.mark.integration
@pytest.mark.skipif(
    not os.environ.get("PORTAL_TEST_REDIS_URL"),
    reason="PORTAL_TEST_REDIS_URL not set (bin/test sets it when Redis answers)",
)
def test_healthz_reports_a_reachable_redis_broker_as_ok(client, settings):
    settings.CELERY_BROKER_URL = os.environ["PORTAL_TEST_REDIS_URL"]
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}
    assert_no_secrets(response)
