"""The demo data: idempotent, one account per role, each landing on a home page for its role."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client

from portal.demo import seed_demo
from portal.models import Body, IdentityDomain, Membership, Municipality, User

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def in_the_demo(settings):
    """What bin/demo sets (PORTAL_DEMO=true); the tests of the refusal switch it off."""
    settings.PORTAL_DEMO = True


HOME_MARKERS = {
    "clerk": ("/", "Organen en leden"),
    "civil_servant": ("/", "Organen en leden"),
    "privacy_officer": ("/", "Audittrail"),
    "integrity_officer": ("/", "Audittrail"),
    "management": ("/", "Organen en leden"),
    "council_member": ("/raad/", "Raadsledenportaal"),
    "administrator": ("/", "Beheer"),
    "superuser (servicecentrum)": ("/", "Beheerder van het servicecentrum"),
}


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Municipality, IdentityDomain, Body, Membership, User)]


def test_t1_seed_demo_is_idempotent_and_prints_accounts_as_json():
    seed()
    first = counts()
    accounts = json.loads(seed("--json"))
    assert counts() == first == [2, 4, 16, 16, 19]
    assert {a["role"] for a in accounts} >= set(HOME_MARKERS) - {"superuser (servicecentrum)"}
    assert {a["municipality"] for a in accounts} == {
        "Gemeente Westerdijk",
        "Gemeente Oosterbroek",
        "",
    }
    assert all(set(a) == {"email", "password", "role", "municipality", "domain"} for a in accounts)


def test_t2_every_demo_account_signs_in_and_sees_a_home_page_for_its_role(settings):
    settings.PORTAL_REQUIRE_MFA = False  # as in the embedded demo (bin/demo)
    accounts = json.loads(seed("--json"))
    for account in accounts:
        cache.clear()
        client = Client()
        response = client.post(
            "/accounts/login/",
            {"login": account["email"], "password": account["password"]},
            follow=True,
        )
        path, marker = HOME_MARKERS[account["role"]]
        assert response.redirect_chain[-1][0] == path, account["email"]
        assert marker in response.content.decode(), account["email"]
        user = User.objects.get(email=account["email"])
        if account["municipality"]:
            assert user.identity_domain.municipality.name == account["municipality"]


@pytest.mark.django_db(transaction=True)
def test_seed_demo_gives_the_roles_every_app_permission_on_a_flushed_database():
    """A flushed database (transactional tests, the stack test) has lost what the apps' data
    migrations granted; the seed puts the core's and every app's role permissions back."""
    seed_demo()
    council = User.objects.get(email="raadslid1@raadwesterdijk.example")
    organiser = User.objects.get(email="ambtenaar@westerdijk.example")
    assert council.has_perm("confidentiality.view_shared_secrets")
    assert council.has_perm("privacy_policy.view_motions")
    assert organiser.has_perm("recordings.organise_recordings")
    assert organiser.has_perm("leaks.report_leak")


def test_seed_demo_refuses_without_the_demo_flag(settings):
    """Issue 14 finding 6: the demo's superuser has the password the README prints."""
    settings.PORTAL_DEMO = False
    with pytest.raises(CommandError, match="bin/demo") as refused:
        seed()
    assert "PORTAL_DEMO" in str(refused.value)
    assert counts() == [0, 0, 0, 0, 0]
    assert not User.objects.filter(is_superuser=True).exists()


def test_seed_demo_refuses_under_production_settings_even_with_the_flag(tmp_path):
    """The production settings switch the flag off whatever the environment says: run there,
    the command stops before it opens the database (which here does not even exist)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "PORTAL_DEMO": "true",
        "DJANGO_SECRET_KEY": "production-like-secret-" + "x" * 50,
        "PORTAL_AUDIT_HMAC_KEY": "another-key-for-the-audit-chain",
        "DJANGO_ALLOWED_HOSTS": "portaal.example.nl",
        "DATABASE_URL": f"postgres://nobody@127.0.0.1:1/{tmp_path.name}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "seed_demo" in result.stderr and "bin/demo" in result.stderr, result.stderr
    assert "OperationalError" not in result.stderr  # refused before touching a database
