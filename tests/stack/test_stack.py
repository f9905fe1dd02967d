"""Issue 3 item 6: the production topology on loopback, end to end."""

import re
import time

import pytest
import requests
import urllib3
from django.utils import timezone
from requests.adapters import HTTPAdapter

from portal.background import enqueue
from portal.demo import DEMO_PASSWORD
from portal.models import (
    AuditEvent,
    Body,
    Notification,
    OutboxMessage,
    OutboxStatus,
    ReportJob,
    User,
)
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.stack]
urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)


class FromAddress(HTTPAdapter):
    """Connects from a given loopback address: to nginx, a different client machine."""

    def __init__(self, address):
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


def new_session(source=None):
    session = requests.Session()
    session.verify = False
    session.trust_env = False  # REQUESTS_CA_BUNDLE would override verify=False
    if source:
        session.mount("https://", FromAddress(source))
    return session


def post_sign_in(session, base, email, password=DEMO_PASSWORD, headers=None):
    page = session.get(f"{base}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(
        f"{base}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"{base}/accounts/login/", **(headers or {})},
        timeout=10,
    )


def sign_in(base, email, source=None):
    session = new_session(source)
    response = post_sign_in(session, base, email)
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


def test_stack_a_notification_reaches_the_member_by_e_mail_through_the_worker(stack):
    """X2 end to end: a clerk's change in the browser → notification row → outbox → Redis →
    worker → SMTP; the e-mail says what happened and links back, nothing more."""
    base, sink = stack["base"], stack["mail"]
    clerk = sign_in(base, "griffier@raadwesterdijk.example")
    body = Body.objects.get(municipality__slug="westerdijk", name="Commissie Ruimte")
    member = User.objects.get(email="raadslid2@raadwesterdijk.example")
    path = f"/organen/{body.uuid}/"
    token = csrf(clerk, base, path)
    response = clerk.post(
        f"{base}{path}leden/toevoegen/",
        data={
            "csrfmiddlewaretoken": token,
            "user": member.pk,
            "role": "member",
            "start": timezone.localdate().isoformat(),
        },
        headers={"Referer": f"{base}{path}"},
        timeout=10,
    )
    assert response.status_code == 200 and response.url == f"{base}{path}", response.text[:300]
    notification = Notification.objects.get(recipient=member, kind="membership.added")

    # The demo's own notifications (the clerk's "publiceren?" task of the seeded lifted item,
    # for one) are e-mailed by the same worker: count only what reached this member.
    def to_member():
        return [m for m in sink.messages if member.email in m[1]]

    assert wait_until(lambda: len(to_member()) >= 1, 60), stack["procs"]["worker"].tail()
    time.sleep(1)  # a duplicate would arrive right behind the first
    assert len(to_member()) == 1, [m[1] for m in sink.messages]
    _sender, recipients, message = to_member()[0]
    assert recipients == [member.email]
    text = message.get_body(("plain",)).get_content()
    assert "Commissie Ruimte" in text and f"{base}{path}" in text
    notification.refresh_from_db()
    assert notification.emailed_at is not None

    reader = sign_in(base, member.email)
    inbox = reader.get(f"{base}/meldingen/", timeout=10)
    assert "Commissie Ruimte" in inbox.text
    print(f"STACK notification: e-mail via worker to {member.email}: ok")


def test_stack_a_pdf_report_renders_in_the_pdf_worker_and_downloads_through_nginx(stack):
    """X3 end to end: requested in the browser, rendered by the pdf worker, downloaded through
    nginx's internal location (X-Accel-Redirect) with the headers that make it inert (D3)."""
    base = stack["base"]
    officer = sign_in(base, "privacy@westerdijk.example")
    path = "/rapporten/nieuw/audit_extract/"
    response = officer.post(
        f"{base}{path}",
        data={"csrfmiddlewaretoken": csrf(officer, base, path), "action": "auth.login"},
        headers={"Referer": f"{base}{path}"},
        timeout=10,
    )
    assert response.status_code == 200 and "/rapporten/" in response.url, response.text[:300]
    job = ReportJob.objects.get(requested_by__email="privacy@westerdijk.example")
    status_url = f"{base}/rapporten/{job.uuid}/status/"

    def finished():
        return officer.get(status_url, timeout=10).json()["finished"]

    assert wait_until(finished, 90), stack["procs"]["pdf-worker"].tail()
    status = officer.get(status_url, timeout=10).json()
    assert status["status"] == "done" and status["progress"] == 100, status
    download = officer.get(f"{base}{status['download_url']}", timeout=30)
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF")
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    job.refresh_from_db()
    assert len(download.content) == job.size
    # The private file is reachable only through the portal's permission check.
    direct = requests.get(f"{base}/protected/{job.file.name}", verify=False, timeout=5)
    assert direct.status_code == 404
    outsider = sign_in(base, "griffier@raadwesterdijk.example")
    assert outsider.get(f"{base}{status['download_url']}", timeout=10).status_code == 404
    print(f"STACK pdf: {job.size} bytes via pdf worker and X-Accel-Redirect: ok")


def test_stack_sign_in_throttle_counts_per_client_behind_nginx(stack):
    """Issue 14 finding 1, through the real proxy: two client machines (two loopback source
    addresses) behind nginx. One of them fails more sign-ins than the throttle allows; the other
    still signs in, the first is refused even with the right password, and an X-Forwarded-For it
    writes itself does not move it into another bucket."""
    base = stack["base"]
    scanner, colleague = "127.0.0.2", "127.0.0.3"
    guesses = new_session(scanner)
    for n in range(11):
        failed = post_sign_in(guesses, base, f"gok{n}@elders.example", "Fout-wachtwoord-987")
        assert failed.status_code == 200 and failed.url.endswith("/accounts/login/")

    sign_in(base, "griffier@raadwesterdijk.example", source=colleague)  # asserts it got in

    for forged in (None, colleague, f"192.0.2.1, {colleague}"):
        refused = post_sign_in(
            new_session(scanner),
            base,
            "griffier@raadwesterdijk.example",
            headers={"X-Forwarded-For": forged} if forged else None,
        )
        assert refused.url.endswith("/accounts/login/"), (forged, refused.url)
        assert refused.status_code in (200, 429), refused.status_code
    denied = AuditEvent.objects.filter(action="auth.login", details__reason="rate_limited")
    assert set(denied.values_list("ip_address", flat=True)) == {scanner}
    signed_in = AuditEvent.objects.filter(action="auth.login", result="success")
    assert signed_in.latest("seq").ip_address == colleague
    print(f"STACK throttle: {denied.count()} refused from {scanner}; {colleague} signed in")
