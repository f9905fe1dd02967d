"""T1 in the object-permission admin (django-guardian's pages on a body). Issue 14 finding 2: a
municipality's administrator looked up users of other municipalities by e-mail (name and id
shown) and granted object permissions on a body to them, or to a role group that every
municipality shares."""

import pytest
from django.contrib.auth.models import Group

from portal.models import AuditEvent, BodyGroupObjectPermission, BodyUserObjectPermission
from portal.roles import Role, role_group

pytestmark = pytest.mark.django_db


def permissions_page(body):
    return f"/admin/portal/body/{body.pk}/permissions/"


def look_up(client, body, email):
    return client.post(permissions_page(body), {"submit_manage_user": "1", "user": email})


def test_t1_object_grant_admin_finds_no_user_of_another_municipality(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    stranger = world.b.users[Role.CLERK]

    elsewhere = look_up(client, world.a.raad, stranger.email)
    nobody = look_up(client, world.a.raad, "niemand@nergens.example")

    assert elsewhere.status_code == nobody.status_code == 200
    assert elsewhere.context["user_form"].errors == nobody.context["user_form"].errors
    page = elsewhere.content.decode()
    assert stranger.first_name not in page
    assert f"/user-manage/{stranger.pk}/" not in page
    miss = AuditEvent.objects.filter(action="access.out_of_scope").latest("seq")
    assert miss.actor == world.a.users[Role.ADMINISTRATOR]

    colleague = world.a.users[Role.COUNCIL_MEMBER]
    found = look_up(client, world.a.raad, colleague.email)
    assert found.status_code == 302
    assert found["Location"].endswith(f"/permissions/user-manage/{colleague.pk}/")


@pytest.mark.parametrize("principal", ["administrator", "superuser"])
def test_t1_no_object_grant_on_a_body_to_a_user_of_another_municipality(world, login, principal):
    from portal.models import User

    actor = (
        world.a.users[Role.ADMINISTRATOR]
        if principal == "administrator"
        else User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")
    )
    client = login(actor)
    stranger = world.b.users[Role.COUNCIL_MEMBER]
    page = f"{permissions_page(world.a.raad)}user-manage/{stranger.pk}/"

    assert client.get(page).status_code == 404
    assert client.post(page, {"permissions": ["view_body"]}).status_code == 404
    assert not BodyUserObjectPermission.objects.filter(user=stranger).exists()
    assert AuditEvent.objects.filter(action="access.out_of_scope", actor=actor).exists()


def test_t1_object_grant_to_a_colleague_of_the_same_municipality_works(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    colleague = world.a.users[Role.CIVIL_SERVANT]
    page = f"{permissions_page(world.a.commissie)}user-manage/{colleague.pk}/"

    assert client.get(page).status_code == 200
    assert client.post(page, {"permissions": ["view_body"]}).status_code == 302
    assert BodyUserObjectPermission.objects.filter(
        user=colleague, content_object=world.a.commissie
    ).exists()
    granted = AuditEvent.objects.get(action="permission.object_granted")
    assert granted.municipality_id == world.a.municipality.pk


@pytest.mark.parametrize("principal", ["administrator", "superuser"])
def test_t1_no_object_grant_to_an_installation_wide_group(world, login, principal):
    """Role groups are shared by every municipality: a grant to one would reach the members of
    that role everywhere."""
    from portal.models import User

    actor = (
        world.a.users[Role.ADMINISTRATOR]
        if principal == "administrator"
        else User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")
    )
    client = login(actor)
    group = role_group(Role.MANAGEMENT)
    body = world.a.college

    chosen = client.post(permissions_page(body), {"submit_manage_group": "1", "group": group.name})
    assert chosen.status_code == 200
    assert chosen.context["group_form"].errors
    page = f"{permissions_page(body)}group-manage/{group.pk}/"
    response = client.post(page, {"permissions": ["view_body"]})

    assert response.status_code in (200, 403)
    assert not BodyGroupObjectPermission.objects.exists()
    assert not world.b.users[Role.MANAGEMENT].has_perm("portal.view_body", body)


def test_t1_an_existing_group_grant_can_still_be_revoked(world, login):
    from guardian.shortcuts import assign_perm, get_group_perms

    group = Group.objects.get(pk=role_group(Role.MANAGEMENT).pk)
    assign_perm("portal.view_body", group, world.a.college)
    assign_perm("portal.change_body", group, world.a.college)
    client = login(world.a.users[Role.ADMINISTRATOR])
    page = f"{permissions_page(world.a.college)}group-manage/{group.pk}/"

    response = client.post(page, {"permissions": ["change_body"]})

    assert response.status_code == 302
    assert list(get_group_perms(group, world.a.college).values_list("codename", flat=True)) == [
        "change_body"
    ]
