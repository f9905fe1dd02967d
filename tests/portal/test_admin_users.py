"""The admin's user pages: every account belongs to an identity domain (T2), and adding one
says nothing about accounts of other municipalities (T1). Issue 14 findings 11 and 12."""

import pytest
from django.test import Client

from portal.constants import AuditResult
from portal.models import AuditEvent, User
from portal.roles import Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def add_user(client, **fields):
    data = {"email": "nieuw@alfa.example", "usable_password": "false", **fields}
    return client.post("/admin/portal/user/add/", data)


def field_errors(response, field):
    return [str(e) for e in response.context["adminform"].form.errors.get(field, [])]


def test_t2_administrator_cannot_create_a_user_without_an_identity_domain(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])

    response = add_user(client)

    assert response.status_code == 200
    [message] = field_errors(response, "identity_domain")
    assert "identiteitsdomein" in message
    assert not User.objects.filter(email="nieuw@alfa.example").exists()

    created = add_user(client, identity_domain=world.a.org.pk)
    assert created.status_code == 302
    assert User.objects.get(email="nieuw@alfa.example").identity_domain == world.a.org


def test_t2_only_the_service_centre_has_no_identity_domain(world, login):
    """Clearing the domain of an existing account is refused as well, unless the account is a
    superuser of the service centre."""
    admin = world.a.users[Role.ADMINISTRATOR]
    clerk = world.a.users[Role.CLERK]
    response = login(admin).post(
        f"/admin/portal/user/{clerk.pk}/change/",
        {
            "email": clerk.email,
            "identity_domain": "",
            "language": "nl",
            "is_active": "on",
            "groups": list(clerk.groups.values_list("pk", flat=True)),
        },
    )
    assert response.status_code == 200
    [message] = field_errors(response, "identity_domain")
    assert "servicecentrum" in message
    clerk.refresh_from_db()
    assert clerk.identity_domain == world.a.council

    superuser = User.objects.create_superuser("ssc@ssc.example", PASSWORD)
    superuser.full_clean()  # no domain, and valid


def test_t2_an_existing_account_without_a_domain_cannot_sign_in(world, settings):
    """Accounts made before the check (issue 14 finding 11) signed in as "servicecentrum (geen
    gemeente)"; now they are refused with whom to ask, and the refusal is audited."""
    settings.PORTAL_REQUIRE_MFA = False
    User.objects.create_user(email="zwerver@alfa.example", password=PASSWORD)
    client = Client()

    response = client.post(
        "/accounts/login/", {"login": "zwerver@alfa.example", "password": PASSWORD}
    )

    assert response.status_code == 403
    assert "beheerder" in response.content.decode()
    assert client.get("/").status_code == 302
    event = AuditEvent.objects.filter(action="auth.login").latest("seq")
    assert (event.result, event.details) == (
        AuditResult.DENIED,
        {"reason": "no_identity_domain"},
    )


def test_t1_add_user_does_not_say_an_address_exists_in_another_municipality(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    elsewhere = world.b.users[Role.CLERK]
    at_home = world.a.users[Role.CLERK]

    other = add_user(client, email=elsewhere.email, identity_domain=world.a.org.pk)
    own = add_user(client, email=at_home.email, identity_domain=world.a.org.pk)

    assert other.status_code == own.status_code == 200
    # One neutral answer for any address that cannot be used, wherever its account is.
    assert field_errors(other, "email") == field_errors(own, "email")
    [message] = field_errors(other, "email")
    assert "bestaat" not in message and "already exists" not in message
    page = other.content.decode()
    for leak in (elsewhere.first_name, world.b.municipality.name, f"/user/{elsewhere.pk}/"):
        assert leak not in page
    assert User.objects.get(email=elsewhere.email).identity_domain == elsewhere.identity_domain
    refused = AuditEvent.objects.filter(action="admin.user_add_refused").latest("seq")
    assert refused.result == AuditResult.DENIED
    assert refused.details["reason"] == "address_in_use"
