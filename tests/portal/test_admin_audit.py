"""Every admin change is audited; non-superuser administrators see their own municipality."""

import pytest
from django.contrib.auth.models import Permission

from portal.models import AuditEvent, Body
from portal.roles import Role

pytestmark = pytest.mark.django_db


def test_x1_admin_add_change_delete_are_each_one_audit_event(world, login):
    admin = world.a.users[Role.ADMINISTRATOR]
    client = login(admin)
    admin.user_permissions.add(
        Permission.objects.get(codename="add_body"),
        Permission.objects.get(codename="change_body"),
        Permission.objects.get(codename="delete_body"),
    )
    response = client.post(
        "/admin/portal/body/add/",
        {
            "municipality": world.a.municipality.pk,
            "kind": "commissie",
            "name": "Commissie Sociaal",
            "domain": world.a.council.pk,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Body.objects.get(name="Commissie Sociaal")
    client.post(
        f"/admin/portal/body/{body.pk}/change/",
        {
            "municipality": world.a.municipality.pk,
            "kind": "commissie",
            "name": "Commissie Sociaal Domein",
            "domain": world.a.council.pk,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    client.post(f"/admin/portal/body/{body.pk}/delete/", {"post": "yes"})
    assert not Body.objects.filter(pk=body.pk).exists()
    events = AuditEvent.objects.filter(object_id=str(body.uuid), actor=admin).order_by("seq")
    assert [e.action for e in events] == ["admin.add", "admin.change", "admin.delete"]
    assert all(e.channel == "admin" for e in events)


def test_t1_administrator_sees_only_own_municipality_in_the_admin(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    body = client.get("/admin/portal/body/").content.decode()
    assert world.a.municipality.name in body
    assert world.b.municipality.name not in body
    response = client.get(f"/admin/portal/body/{world.b.raad.pk}/change/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_t3_administrator_cannot_rebind_a_domain_sign_in_provider(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    page = client.get(f"/admin/portal/identitydomain/{world.a.council.pk}/change/")
    assert page.status_code == 200
    assert 'name="oidc_issuer"' not in page.content.decode()
    assert 'name="social_app"' not in page.content.decode()


def test_administrator_cannot_grant_raw_permissions_not_even_to_herself(world, login):
    """Found by the exploratory test: a municipality's administrator could give herself every
    permission of the installation through 'Gebruikersrechten'."""
    admin = world.a.users[Role.ADMINISTRATOR]
    client = login(admin)
    page = client.get(f"/admin/portal/user/{admin.pk}/change/").content.decode()
    assert 'name="user_permissions"' not in page
    everything = list(Permission.objects.values_list("pk", flat=True))
    client.post(
        f"/admin/portal/user/{admin.pk}/change/",
        {
            "email": admin.email,
            "identity_domain": admin.identity_domain_id,
            "language": "nl",
            "is_active": "on",
            "is_staff": "on",
            "groups": list(admin.groups.values_list("pk", flat=True)),
            "user_permissions": everything,
        },
    )
    admin.refresh_from_db()
    assert admin.user_permissions.count() == 0
    assert not admin.has_perm("portal.add_municipality")
