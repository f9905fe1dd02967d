"""The production profile (V1–V5 of docs/quality.md): ``check --deploy`` is clean with a proper
environment, the project's own deploy warnings fire when the environment is wrong, responses
carry HSTS, __Host- cookies and a strict Content-Security-Policy, and ``.env.example`` lists
every variable the settings read.

Production settings are loaded in a subprocess: they refuse to import without their environment,
and the test process already runs under ``portal.settings.test``.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from portal.roles import Role

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "portal.example.nl"
SITE_URL = f"https://{HOST}:8443"
SAME_KEY = secrets.token_urlsafe(64)


def production_env(**overrides) -> dict[str, str]:
    """A proper production environment with throwaway secrets (as bin/test uses)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "DATABASE_", "REDIS_", "CELERY_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        PORTAL_AUDIT_HMAC_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        # Not on 443: the port must survive every hop (issue 14, finding 13).
        PORTAL_SITE_URL=SITE_URL,
        DATABASE_URL="postgres://portal:unused@127.0.0.1:5432/portal",
        REDIS_URL="redis://127.0.0.1:6379/0",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def check_deploy(env):
    return run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)


def test_check_deploy_is_clean_under_production_settings():
    result = check_deploy(production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    ("overrides", "warning"),
    [
        ({"PORTAL_REQUIRE_MFA": "false"}, "portal.W001"),
        (
            {"DJANGO_SECRET_KEY": SAME_KEY, "PORTAL_AUDIT_HMAC_KEY": SAME_KEY},
            "portal.W002",
        ),
        ({"CELERY_BROKER_URL": "memory://", "REDIS_URL": ""}, "portal.W003"),
        ({"DJANGO_HSTS_SECONDS": "0"}, "security.W004"),
        ({"DJANGO_SECRET_KEY": "too-short"}, "security.W009"),
        ({"PORTAL_SITE_URL": None}, "portal.W004"),
        ({"PORTAL_SITE_URL": f"http://{HOST}"}, "portal.W004"),
        ({"PORTAL_SITE_URL": "https://elders.example"}, "portal.W004"),
    ],
    ids=[
        "mfa-off",
        "audit-key-is-secret-key",
        "no-redis-broker",
        "no-hsts",
        "weak-secret",
        "no-site-url",
        "site-url-not-https",
        "site-url-not-an-allowed-host",
    ],
)
def test_check_deploy_fails_when_the_environment_is_wrong(overrides, warning):
    result = check_deploy(production_env(**overrides))
    assert result.returncode != 0
    assert warning in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": None}, "DJANGO_SECRET_KEY"),
        ({"PORTAL_AUDIT_HMAC_KEY": None}, "PORTAL_AUDIT_HMAC_KEY"),
        ({"PORTAL_AUDIT_HMAC_KEY": ""}, "PORTAL_AUDIT_HMAC_KEY must not be empty"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS"),
        ({"DATABASE_URL": None}, "DATABASE_URL"),
    ],
    ids=["no-secret-key", "no-audit-key", "empty-audit-key", "no-allowed-hosts", "no-database"],
)
def test_production_settings_refuse_to_start_without_required_configuration(overrides, message):
    result = check_deploy(production_env(**overrides))
    assert result.returncode != 0
    assert message in result.stderr


# Runs inside a subprocess under production settings, on a throwaway PostgreSQL database, and prints
# what the responses carried as JSON. The request headers are the ones nginx sends.
PRODUCTION_RESPONSES = """
import json
import django
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from portal.models import User

call_command("migrate", verbosity=0)
user = User.objects.create_user(email="ambtenaar@alfa.example", password=None)
behind_nginx = {"HTTP_HOST": "%(host)s", "HTTP_X_FORWARDED_PROTO": "https"}
client = Client()

def cookies(response):
    return {
        name: {key: str(morsel[key]) for key in ("secure", "httponly", "samesite", "path",
               "domain", "max-age")}
        for name, morsel in response.cookies.items()
    }

plain_healthz = client.get("/healthz", HTTP_HOST="%(host)s")
plain_login = client.get("/accounts/login/", HTTP_HOST="%(host)s")
login = client.get("/accounts/login/", **behind_nginx)
wrong_host = client.get(
    "/accounts/login/", HTTP_HOST="evil.example", HTTP_X_FORWARDED_PROTO="https"
)
client.force_login(user)
profile = client.get("/profiel/", **behind_nginx)
language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, **behind_nginx)
stored = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
# CSRF behind a proxy on port 8443 (PORTAL_SITE_URL): the origin the browser sends against the
# Host nginx passes on, with its port (deploy/nginx.conf) or, from another proxy, without it.
browser = Client(enforce_csrf_checks=True)
browser.get("/accounts/login/", **behind_nginx)
token = browser.cookies[settings.CSRF_COOKIE_NAME].value

def csrf_post(host, origin):
    return browser.post(
        "/i18n/setlang/",
        {"language": "nl", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_HOST=host,
        HTTP_X_FORWARDED_PROTO="https",
        HTTP_ORIGIN=origin,
    ).status_code

print(json.dumps({
    "csrf": {
        "port_kept": csrf_post("%(host)s:8443", "https://%(host)s:8443"),
        "port_lost": csrf_post("%(host)s", "https://%(host)s:8443"),
        "other_origin": csrf_post("%(host)s:8443", "https://elders.example"),
    },
    "plain_healthz": plain_healthz.status_code,
    "plain_login": [plain_login.status_code, plain_login.get("Location")],
    "login": login.status_code,
    "wrong_host": wrong_host.status_code,
    "hsts": login.get("Strict-Transport-Security"),
    "csp": login.get("Content-Security-Policy"),
    "nosniff": login.get("X-Content-Type-Options"),
    "login_cookies": cookies(login),
    "profile": profile.status_code,
    "profile_cookies": cookies(profile),
    "language_cookies": cookies(language),
    "idle": settings.SESSION_COOKIE_AGE,
    "session_expires_in": (stored.expire_date - timezone.now()).total_seconds(),
    "absolute": settings.PORTAL_SESSION_ABSOLUTE_SECONDS,
    "expire_at_browser_close": settings.SESSION_EXPIRE_AT_BROWSER_CLOSE,
}))
"""


@pytest.fixture(scope="module")
def throwaway_database_url(django_db_blocker):
    """A database of its own on the suite's PostgreSQL server, dropped afterwards: the
    subprocess migrates it under production settings."""
    from urllib.parse import quote

    import psycopg2
    from django.db import connection

    params = connection.settings_dict
    name = f"portal_production_{secrets.token_hex(4)}"
    with django_db_blocker.unblock():
        admin = psycopg2.connect(
            dbname="postgres",
            user=params["USER"],
            password=params["PASSWORD"] or None,
            host=params["HOST"] or None,
            port=params["PORT"] or None,
        )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    password = f":{quote(params['PASSWORD'])}" if params["PASSWORD"] else ""
    host = quote(params["HOST"] or "127.0.0.1", safe="")
    yield f"postgres://{params['USER']}{password}@{host}:{params['PORT'] or 5432}/{name}"
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.fixture(scope="module")
def production_responses(throwaway_database_url):
    env = production_env(DATABASE_URL=throwaway_database_url)
    result = run_python("-c", PRODUCTION_RESPONSES % {"host": HOST}, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_redirects_plain_http_to_https_except_healthz(production_responses):
    assert production_responses["plain_healthz"] in (200, 503)  # no broker here: 503 is fine
    status, location = production_responses["plain_login"]
    assert status == 301
    assert location == f"https://{HOST}/accounts/login/"


def test_v4_csrf_holds_behind_a_proxy_on_another_port_than_443(production_responses):
    """Issue 14, finding 13: the browser's origin carries the port; nginx passes the Host with
    it, and the public origin (PORTAL_SITE_URL) is trusted should a proxy drop it. Another
    origin is still refused."""
    assert production_responses["csrf"] == {
        "port_kept": 302,
        "port_lost": 302,
        "other_origin": 403,
    }


def test_production_refuses_an_unknown_host(production_responses):
    assert production_responses["login"] == 200
    assert production_responses["wrong_host"] == 400


def test_production_sends_hsts_for_two_years_with_preload(production_responses):
    hsts = production_responses["hsts"]
    assert "max-age=63072000" in hsts
    assert "includeSubDomains" in hsts
    assert "preload" in hsts
    assert production_responses["nosniff"] == "nosniff"


def test_production_cookies_are_host_prefixed_and_secure(production_responses):
    csrf = production_responses["login_cookies"]["__Host-csrftoken"]
    session = production_responses["profile_cookies"]["__Host-sessionid"]
    language = production_responses["language_cookies"]["__Host-language"]
    assert production_responses["profile"] == 200
    for cookie in (csrf, session, language):
        # __Host-: Secure, Path=/ and no Domain, or browsers drop the cookie.
        assert cookie["secure"] == "True"
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""
        assert cookie["samesite"] == "Lax"
    assert session["httponly"] == "True"
    assert csrf["httponly"] == "True"
    assert set(production_responses["login_cookies"]) <= {"__Host-csrftoken", "__Host-sessionid"}


def test_production_sessions_have_idle_and_absolute_timeouts(production_responses):
    session = production_responses["profile_cookies"]["__Host-sessionid"]
    assert 0 < production_responses["idle"] <= 3600
    # The cookie ends with the browser; the server forgets the session after the idle time.
    assert session["max-age"] == ""
    assert production_responses["idle"] - 60 < production_responses["session_expires_in"]
    assert production_responses["session_expires_in"] <= production_responses["idle"]
    assert production_responses["idle"] < production_responses["absolute"] <= 12 * 3600
    assert production_responses["expire_at_browser_close"] is True


def assert_strict_csp(header: str):
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in header.split(";") if part.strip()
    )
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]


def test_production_csp_has_no_unsafe_sources(production_responses):
    assert_strict_csp(production_responses["csp"])


@pytest.mark.django_db
def test_csp_header_is_strict_on_signed_out_and_signed_in_pages(client, world, login):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert_strict_csp(response["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response.headers

    response = login(world.a.users[Role.CIVIL_SERVANT]).get("/")
    assert response.status_code == 200
    assert_strict_csp(response["Content-Security-Policy"])


# `env("NAME"`, `env.bool("NAME"`, `env.db("NAME"`, `os.environ.get("NAME"`, `os.getenv("NAME"`…
ENV_READ = re.compile(
    r"""(?:\benv(?:\.\w+)?|os\.environ\.get|os\.getenv|os\.environ\[)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def test_env_example_lists_every_variable_the_settings_read():
    read = set()
    for path in (BASE_DIR / "portal" / "settings").glob("*.py"):
        read |= set(ENV_READ.findall(path.read_text()))
    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (BASE_DIR / ".env.example").read_text(), re.M)
    )
    assert read, "no environment reads found: the pattern is out of date"
    assert sorted(read - documented) == []
