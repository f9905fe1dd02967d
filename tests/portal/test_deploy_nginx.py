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
