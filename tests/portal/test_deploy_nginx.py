"""Issue 14, finding 13: deploy/nginx.conf says which nginx it needs, and passes the host on
with its port, so that a portal on another port than 443 keeps CSRF, redirects and OpenID
Connect callbacks on that port. The stack test (tests/stack) runs the same file on a random
port; these read it, so they run everywhere."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
CONF = (BASE_DIR / "deploy" / "nginx.conf").read_text()
OPERATIONS = (BASE_DIR / "docs" / "operations.md").read_text()
COMPOSE = (BASE_DIR / "docker-compose.yml").read_text()
MINIMUM = (1, 25, 1)  # the release that brought the `http2` directive


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_v_nginx_conf_and_the_operations_guide_name_the_nginx_it_needs():
    assert "http2 on;" in CONF
    header = CONF.split("\n\n", 1)[0]
    assert re.search(r"nginx ≥ 1\.25\.1", header), "the header must say: needs nginx ≥ 1.25.1"
    assert "1.25.1" in OPERATIONS and "http2 on;" in OPERATIONS
    image = re.search(r"image: nginx:(\d+\.\d+(?:\.\d+)?)", COMPOSE).group(1)
    assert _version(image) + (0,) * (3 - len(_version(image))) >= MINIMUM


def test_v_every_proxied_location_passes_the_host_with_its_port():
    """``$host`` is the name without the port; ``$http_host`` is what the browser sent, port
    and all (ALLOWED_HOSTS still decides which names are served)."""
    locations = CONF.count("proxy_pass ")
    hosts = re.findall(r"proxy_set_header\s+Host\s+(\S+);", CONF)
    assert locations >= 2 and len(hosts) == locations
    assert set(hosts) == {"$http_host"}, hosts


def test_v_plain_http_is_redirected_to_the_https_port_that_is_set():
    assert re.search(r"^\s*set \$portal_https_port 443;", CONF, re.M)
    assert "return 301 https://$host:$portal_https_port$request_uri;" in CONF
    assert "PORTAL_HTTPS_PORT" in CONF  # the comment says to keep the two the same


def test_v_the_operations_guide_says_what_portal_site_url_is_used_for():
    section = OPERATIONS[OPERATIONS.index("PORTAL_SITE_URL") :]
    assert "/accounts/oidc/" in section and "login/callback/" in section
    assert "CSRF" in section


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "Strict-Transport-Security",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Content-Type-Options",
)


def test_t1_answers_without_django_get_the_security_headers_always():
    """Issue 14 finding 12: nginx's own errors (414, 502, …) and gunicorn's carry the headers
    (``always``: add_header skips error statuses without it), Django's values win where it sent
    them, and nginx's errors are the portal's pages. The real answers are checked in
    tests/stack/test_error_headers.py."""
    https = CONF[CONF.index("listen 443 ssl default_server") :]
    server_level = https[: re.search(r"^\s*location ", https, re.M).start()]
    for header in SECURITY_HEADERS:
        assert re.search(rf"^\s*add_header {header} \S.* always;$", server_level, re.M), header
        assert re.search(rf"^\s*proxy_hide_header {header};$", server_level, re.M), header
    for status in ("414", "502", "504", "413"):
        assert re.search(rf"^\s*error_page [0-9 ]*\b{status}\b[0-9 ]* /_fout/", https, re.M), status
    for page in re.findall(r"error_page [0-9 ]+ /_fout/(\S+);", https):
        assert (BASE_DIR / "static" / "portal" / "errors" / page).is_file(), page
    # Locations with add_header of their own inherit none of the server's: they name the
    # Permissions-Policy themselves.
    for location in ("location /static/", "location /protected/"):
        block = https[https.index(location) :].split("}", 1)[0]
        assert "add_header Permissions-Policy" in block, location
