"""Issue 14 finding 12: the answers Django never makes carry the security headers too — nginx's
own (414 for a very long URL, 502 when the portal is down, 404 for /media/) and gunicorn's (a
request line longer than it reads) — through deploy/nginx.conf as it is, in front of gunicorn
with the production settings. Django's own headers pass unchanged (one copy each).

Lighter than the full stack (tests/stack/conftest.py): nginx and gunicorn only; the error pages
come straight from the repository's static folder."""

import os
import shutil
import sys

import pytest
import requests
from django.db import connection

from tests.database_url import database_url
from tests.integration.conftest import free_port, wait_until
from tests.stack.conftest import ROOT, Proc, logged, nginx_conf, self_signed_certificate

pytestmark = [pytest.mark.integration, pytest.mark.stack]

EXPECTED = {
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Permissions-Policy": "camera=()",
    "Strict-Transport-Security": "max-age=",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture
def edge(transactional_db, tmp_path, settings):
    missing = [b for b in ("nginx", "openssl") if not shutil.which(b)]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"stack test needs {missing} in CI")
        pytest.skip(f"needs {missing}")
    self_signed_certificate(tmp_path / "tls")
    (tmp_path / "private").mkdir()
    web_port, http_port, https_port = free_port(), free_port(), free_port()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DJANGO_SECRET_KEY": "edge-test-secret-" + "x" * 50,
        "PORTAL_AUDIT_HMAC_KEY": settings.AUDIT_HMAC_KEY,
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "PORTAL_SITE_URL": f"https://localhost:{https_port}",
        "DATABASE_URL": database_url(db),
        "PORTAL_BACKGROUND": "embedded",
        "PORTAL_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "GUNICORN_BIND": f"127.0.0.1:{web_port}",
        "WEB_CONCURRENCY": "1",
    }
    web = Proc(
        "web",
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--config",
            "deploy/gunicorn.conf.py",
            "--worker-tmp-dir",
            str(tmp_path),
            "portal.wsgi:application",
        ],
        env,
        tmp_path,
        ready=logged("Booting worker"),
    )
    conf = nginx_conf(
        tmp_path,
        http_port=http_port,
        https_port=https_port,
        web_ports=[web_port],
        static_root=ROOT / "static",
        private_root=tmp_path / "private",
    )
    nginx = Proc(
        "nginx",
        [shutil.which("nginx"), "-c", str(conf), "-e", str(tmp_path / "nginx-error.log")],
        env,
        tmp_path,
    )
    base = f"https://localhost:{https_port}"
    started = []
    try:
        started.append(web.start())
        started.append(nginx.start())
        assert wait_until(lambda: _status(base, "/toegankelijkheid/") == 200, 60), nginx.tail()
        yield {"base": base, "web": web}
    finally:
        for proc in reversed(started):
            proc.stop()


def _get(base, path):
    session = requests.Session()
    session.trust_env = False
    return session.get(f"{base}{path}", verify=False, timeout=10, allow_redirects=False)


def _status(base, path):
    try:
        return _get(base, path).status_code
    except requests.RequestException:
        return None


def assert_security_headers(response):
    for header, part in EXPECTED.items():
        value = response.headers.get(header, "")
        assert part in value, (response.status_code, header, value)
        # One copy each: Django's, or nginx's when Django sent none.
        assert "," not in value or header == "Permissions-Policy", (header, value)


def test_t1_errors_without_django_carry_the_security_headers(edge):
    base = edge["base"]
    page = _get(base, "/toegankelijkheid/")  # Django's own answer: its headers, unchanged
    assert page.status_code == 200
    assert_security_headers(page)
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]

    too_long = _get(base, "/" + "a" * 10_000)  # past nginx's 8 KiB request line: nginx's 414
    assert too_long.status_code == 414
    assert_security_headers(too_long)
    assert "Adres te lang" in too_long.text

    gunicorn = _get(base, "/" + "b" * 5_000)  # past gunicorn's 4094: gunicorn answers itself
    assert gunicorn.status_code in (400, 414)
    assert_security_headers(gunicorn)

    media = _get(base, "/media/anything")
    assert media.status_code == 404
    assert_security_headers(media)

    edge["web"].stop()  # the portal is down: nginx's 502
    down = _get(base, "/")
    assert down.status_code == 502
    assert_security_headers(down)
    assert "Tijdelijk niet bereikbaar" in down.text
