"""E3 (QUALITY.md): secrets never reach the log or the audit trail.

Canaries: a password (a failed and a successful sign-in, a password change), the session key,
a BSN and document text typed into forms. Everything logged at DEBUG and every audit event's
text is searched. (Payloads in every form of every app: tests/test_hostile_input.py.)
"""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client

from portal.models import AuditEvent
from portal.roles import Role
from tests.factories import IdentityDomainFactory, MunicipalityFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Kanarie-wachtwoord-8c1f-2026"
WRONG = "Fout-kanarie-7d20-wachtwoord"
NEW_PASSWORD = "Nieuw-kanarie-3e9a-wachtwoord"
BSN = "111222333"
DOCUMENT_TEXT = "geheime-documenttekst-kanarie-5b7c"


def everything_logged(caplog) -> str:
    """What the console handler would write: its filters applied, then its formatter."""
    handler = logging.getLogger().handlers[0] if logging.getLogger().handlers else None
    console = next(
        (h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)), handler
    )
    lines = []
    for record in caplog.records:
        if console is not None and not console.filter(record):
            continue
        formatter = console.formatter if console is not None else logging.Formatter()
        lines.append(formatter.format(record))
    return "\n".join(lines)


def audit_text() -> str:
    return "\n".join(
        json.dumps(row, default=str) for row in AuditEvent.objects.values().order_by("seq")
    )


def test_e3_passwords_session_keys_bsn_and_document_text_stay_out_of_logs_and_audit(
    caplog, sign_in
):
    caplog.set_level(logging.DEBUG)
    domain = IdentityDomainFactory(municipality=MunicipalityFactory(slug="canarie"))
    user = UserFactory(email="fg@canarie.example", identity_domain=domain, role=Role.CIVIL_SERVANT)
    user.set_password(PASSWORD)
    user.save()

    client = Client()
    assert sign_in(client, user.email, WRONG).status_code == 200  # refused, audited
    assert sign_in(client, user.email, PASSWORD).status_code == 302
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    # A BSN and document text in a form field and in a URL that does not exist.
    client.post("/profiel/", {"first_name": BSN, "last_name": DOCUMENT_TEXT})
    client.get(f"/geheimhouding/{BSN}/?q={DOCUMENT_TEXT}")

    logged, audited = everything_logged(caplog), audit_text()
    assert caplog.records, "nothing was logged at all: the check would prove nothing"
    assert "bad_credentials" in audited  # the failed sign-in was audited, without its password
    for canary in (PASSWORD, WRONG, NEW_PASSWORD, session_key):
        assert canary not in logged, f"{canary[:6]}… in the log"
        assert canary not in audited, f"{canary[:6]}… in the audit trail"
    for canary in (BSN, DOCUMENT_TEXT):
        assert canary not in logged, f"{canary[:6]}… in the log"
    assert "Not Found: /geheimhouding/[BSN]/" in logged  # logged, with the BSN redacted


def test_e3_a_bsn_in_a_logged_message_is_redacted():
    from portal.logging import RedactPersonalData, is_bsn

    assert is_bsn("111222333") and not is_bsn("123456789")
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        "",
        0,
        "Not Found: %s",
        ("/geheimhouding/111222333/",),
        None,
    )
    RedactPersonalData().filter(record)
    assert record.getMessage() == "Not Found: /geheimhouding/[BSN]/"
    other = logging.LogRecord("x", logging.INFO, "", 0, "order %s", ("123456789",), None)
    RedactPersonalData().filter(other)
    assert other.getMessage() == "order 123456789"  # not a BSN: left alone
