"""The demo data: idempotent, one account per role, each landing on a home page for its role."""

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client

from portal.demo import seed_demo
from portal.models import Body, IdentityDomain, Membership, Municipality, User

pytestmark = pytest.mark.django_db

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
