"""Object grants (django-guardian, direct-FK models) and the audit of permission changes."""

import pytest
from guardian.shortcuts import assign_perm, remove_perm

from portal.models import AuditEvent, Body, BodyGroupObjectPermission, BodyUserObjectPermission
from portal.roles import Role, role_group
from portal.selectors import objects_granted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_object_grant_uses_the_direct_fk_table_and_scopes_one_object(world):
    guest = UserFactory(identity_domain=world.a.org, role=Role.CIVIL_SERVANT)
    assign_perm("portal.view_body", guest, world.a.commissie)
    assert BodyUserObjectPermission.objects.filter(
        user=guest, content_object=world.a.commissie
    ).exists()
    granted = objects_granted(guest, "portal.view_body", Body.objects.all())
    assert list(granted) == [world.a.commissie]


def test_object_grant_through_a_role_group(world):
    group = role_group(Role.MANAGEMENT)
    assign_perm("portal.view_body", group, world.a.college)
    assert BodyGroupObjectPermission.objects.filter(group=group).count() == 1
    granted = objects_granted(
        world.a.users[Role.MANAGEMENT], "portal.view_body", Body.objects.all()
    )
    assert list(granted) == [world.a.college]


def test_global_permission_does_not_count_as_an_object_grant(world):
    admin = world.a.users[Role.ADMINISTRATOR]  # holds portal.view_body globally
    assert admin.has_perm("portal.view_body")
    assert not objects_granted(admin, "portal.view_body", Body.objects.all()).exists()


def test_x1_object_grants_and_revocations_are_audited(world):
    guest = UserFactory(identity_domain=world.a.org)
    assign_perm("portal.view_body", guest, world.a.commissie)
    remove_perm("portal.view_body", guest, world.a.commissie)
    granted = AuditEvent.objects.get(action="permission.object_granted")
    revoked = AuditEvent.objects.get(action="permission.object_revoked")
    for event in (granted, revoked):
        assert event.object_id == str(world.a.commissie.uuid)
        assert event.details["permission"] == "portal.view_body"
        assert event.municipality_id == world.a.municipality.pk


def test_x1_role_changes_are_audited(world):
    user = UserFactory(identity_domain=world.a.org)
    before = AuditEvent.objects.filter(action__startswith="permission.group_").count()
    user.groups.add(role_group(Role.PRIVACY_OFFICER))
    user.groups.remove(role_group(Role.PRIVACY_OFFICER))
    events = AuditEvent.objects.filter(action__startswith="permission.group_").order_by("seq")
    assert events.count() == before + 2
    added, removed = list(events)[-2:]
    assert added.action == "permission.group_granted"
    assert added.details["items"] == [role_group(Role.PRIVACY_OFFICER).name]
    assert removed.action == "permission.group_revoked"
    assert added.object_id == str(user.uuid)
