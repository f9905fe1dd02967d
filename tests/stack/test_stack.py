"""Issue 3 item 6: the production topology on loopback, end to end."""

import re

import pytest
import requests
import urllib3

from portal.background import enqueue
from portal.demo import DEMO_PASSWORD
from portal.models import AuditEvent, OutboxMessage, OutboxStatus
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.stack]
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


def sign_in(base, email):
    session = requests.Session()
    session.verify = False
    session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify=False
    page = session.get(f"{base}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": DEMO_PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=10,
    )
    assert response.status_code == 200 and response.url.rstrip("/") in (base, f"{base}/raad"), (
        response.url,
        response.text[:500],
    )
    return session


def csrf(session, base, path):
    page = session.get(f"{base}{path}", timeout=10)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def test_stack_sign_in_through_nginx_and_background_work_through_a_real_worker(stack):
    base = stack["base"]
    # nginx: plain HTTP only redirects; static files come from nginx itself.
    redirect = requests.get(f"{stack['http']}/accounts/login/", allow_redirects=False, timeout=5)
    assert redirect.status_code == 301 and redirect.headers["Location"].startswith("https://")
    css = requests.get(f"{base}/static/portal/portal.css", verify=False, timeout=5)
    assert css.status_code == 200 and css.headers["X-Content-Type-Options"] == "nosniff"
    assert requests.get(f"{base}/media/x", verify=False, timeout=5).status_code == 404

    clerk = sign_in(base, "griffier@raadwesterdijk.example")
    home = clerk.get(f"{base}/", timeout=10)
    assert "Organen en leden" in home.text
    assert home.headers["Strict-Transport-Security"].startswith("max-age=")
    assert clerk.cookies.get("__Host-sessionid")
    login = AuditEvent.objects.filter(action="auth.login", actor_label__startswith="griffier@")
    assert login.latest("seq").ip_address == "127.0.0.1"  # through nginx's X-Forwarded-For

    message = enqueue("portal.background_selftest", token="stack")
    assert wait_until(
        lambda: OutboxMessage.objects.get(pk=message.pk).status == OutboxStatus.DONE, 60
    ), stack["procs"]["worker"].tail()
    assert AuditEvent.objects.filter(details__token="stack").count() == 1
    print("STACK sign-in via nginx: ok; background task via worker: ok")
