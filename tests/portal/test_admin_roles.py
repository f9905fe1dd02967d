"""Who gives which role (issue 14 finding 3). A municipality's administrator added himself to the
griffie and the privacy officer's role and downloaded what docs/authorization.md says
administrators never see. Now nobody gives himself a role; which roles an administrator may
give is the service centre's choice; a role with special rights (one that asks for two-step
verification) reaches the municipality's privacy officer and the audit trail."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

from portal.audit import reset_actor_getter, set_actor_getter
from portal.models import AssignableRole, AuditEvent, Notification, OutboxMessage, User
from portal.roles import ROLE_GROUP_NAMES, Role, role_group
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def change_user(client, user, groups, **extra):
    return client.post(
        f"/admin/portal/user/{user.pk}/change/",
        {
            "email": user.email,
            "identity_domain": user.identity_domain_id or "",
            "language": "nl",
            "is_active": "on",
            "is_staff": "on" if user.is_staff else "",
            "groups": [g.pk for g in groups],
            **extra,
        },
    )


def group_names(user):
    return sorted(user.groups.values_list("name", flat=True))


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")


def test_default_assignable_roles_are_the_ones_without_special_rights(db):
    """The default (docs/authorization.md): an administrator gives civil servant and council
    member; the griffie, the officers, management and administrators come from the service
    centre until it says otherwise."""
    assert sorted(AssignableRole.objects.values_list("group__name", flat=True)) == sorted(
        [ROLE_GROUP_NAMES[Role.CIVIL_SERVANT], ROLE_GROUP_NAMES[Role.COUNCIL_MEMBER]]
    )


@pytest.mark.parametrize("principal", ["administrator", "superuser"])
def test_nobody_gives_himself_a_role_in_the_admin(world, login, superuser, principal):
    actor = world.a.users[Role.ADMINISTRATOR] if principal == "administrator" else superuser
    before = group_names(actor)
    wanted = [role_group(Role.CLERK), role_group(Role.PRIVACY_OFFICER), *actor.groups.all()]

    page = login(actor).get(f"/admin/portal/user/{actor.pk}/change/").content.decode()
    superuser_flag = {"is_superuser": "on"} if actor.is_superuser else {}
    response = change_user(login(actor), actor, wanted, **superuser_flag)

    assert 'name="groups"' not in page  # shown, not editable, on one's own account
    assert response.status_code in (200, 302)
    actor.refresh_from_db()
    assert group_names(actor) == before
    fresh = User.objects.get(pk=actor.pk)
    assert not fresh.has_perm("confidentiality.view_register") or principal == "superuser"


def test_nobody_gives_himself_a_role_by_any_other_path(world):
    """Behind the admin's form: the grant itself is refused while the actor is the grantee,
    whichever side of the membership is changed."""
    admin = world.a.users[Role.ADMINISTRATOR]
    token = set_actor_getter(lambda: admin)
    try:
        with pytest.raises(PermissionDenied), transaction.atomic():
            admin.groups.add(role_group(Role.CIVIL_SERVANT))
        with pytest.raises(PermissionDenied), transaction.atomic():
            role_group(Role.CLERK).user_set.add(admin)
    finally:
        reset_actor_getter(token)
    assert group_names(admin) == [ROLE_GROUP_NAMES[Role.ADMINISTRATOR]]


def test_administrator_gives_a_role_the_service_centre_released(world, login):
    admin = world.a.users[Role.ADMINISTRATOR]
    newcomer = UserFactory(identity_domain=world.a.org)
    told = Notification.objects.filter(kind="role.privileged_granted").count()

    response = change_user(login(admin), newcomer, [role_group(Role.CIVIL_SERVANT)])

    assert response.status_code == 302
    assert group_names(newcomer) == [ROLE_GROUP_NAMES[Role.CIVIL_SERVANT]]
    # Not a role with special rights: nobody is told.
    assert Notification.objects.filter(kind="role.privileged_granted").count() == told


@pytest.mark.parametrize("role", [Role.CLERK, Role.PRIVACY_OFFICER, Role.ADMINISTRATOR])
def test_administrator_cannot_give_a_role_the_service_centre_kept(world, login, role):
    admin = world.a.users[Role.ADMINISTRATOR]
    colleague = world.a.users[Role.CIVIL_SERVANT]

    response = change_user(login(admin), colleague, [*colleague.groups.all(), role_group(role)])

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["groups"]
    assert "servicecentrum" in str(errors)
    assert group_names(colleague) == [ROLE_GROUP_NAMES[Role.CIVIL_SERVANT]]
    refused = AuditEvent.objects.filter(action="admin.role_grant_refused").latest("seq")
    assert refused.details["roles"] == [ROLE_GROUP_NAMES[role]]


def test_administrator_may_still_take_away_a_role_he_cannot_give(world, login):
    admin = world.a.users[Role.ADMINISTRATOR]
    clerk = world.a.users[Role.CLERK]

    response = change_user(login(admin), clerk, [])

    assert response.status_code == 302
    assert group_names(clerk) == []


def test_a_privileged_role_reaches_the_privacy_officer_and_the_trail(
    world, login, superuser, django_capture_on_commit_callbacks
):
    """The service centre releases management (a role with two-step verification); the
    administrator gives it; Alfa's privacy officer is told, Beta's is not."""
    superuser_client = login(superuser)
    response = superuser_client.post(
        "/admin/portal/assignablerole/add/", {"group": role_group(Role.MANAGEMENT).pk}
    )
    assert response.status_code == 302
    admin = world.a.users[Role.ADMINISTRATOR]
    colleague = world.a.users[Role.CIVIL_SERVANT]

    with django_capture_on_commit_callbacks(execute=True):
        response = change_user(
            login(admin), colleague, [role_group(Role.CIVIL_SERVANT), role_group(Role.MANAGEMENT)]
        )

    assert response.status_code == 302
    assert ROLE_GROUP_NAMES[Role.MANAGEMENT] in group_names(colleague)
    granted = AuditEvent.objects.filter(action="permission.group_granted").latest("seq")
    assert granted.actor == admin and granted.object_id == str(colleague.uuid)
    assert granted.details["privileged"] == [ROLE_GROUP_NAMES[Role.MANAGEMENT]]
    [told] = Notification.objects.filter(
        kind="role.privileged_granted", link=f"/audit/{granted.uuid}/"
    )
    assert told.recipient == world.a.users[Role.PRIVACY_OFFICER]
    assert told.link == f"/audit/{granted.uuid}/"
    assert ROLE_GROUP_NAMES[Role.MANAGEMENT] in told.params.values()
    assert OutboxMessage.objects.filter(task_name="portal.send_notification_emails").exists()
    # The officer can open what the notification links to.
    assert login(told.recipient).get(told.link).status_code == 200


def test_which_roles_administrators_give_is_for_the_service_centre_only(world, login, superuser):
    admin = world.a.users[Role.ADMINISTRATOR]
    client = login(admin)
    assert client.get("/admin/portal/assignablerole/").status_code == 403
    assert (
        client.post(
            "/admin/portal/assignablerole/add/", {"group": role_group(Role.CLERK).pk}
        ).status_code
        == 403
    )
    assert not AssignableRole.objects.filter(group=role_group(Role.CLERK)).exists()
    assert login(superuser).get("/admin/portal/assignablerole/").status_code == 200


def test_roles_themselves_are_changed_by_the_service_centre_only(world, login):
    """A role is shared by every municipality: adding a permission to "Beheerder" would give
    it to every administrator everywhere."""
    from django.contrib.auth.models import Permission

    admin = world.a.users[Role.ADMINISTRATOR]
    admin.user_permissions.add(*Permission.objects.filter(content_type__app_label="auth"))
    group = Group.objects.get(name=ROLE_GROUP_NAMES[Role.ADMINISTRATOR])
    before = set(group.permissions.values_list("pk", flat=True))
    client = login(admin)

    response = client.post(
        f"/admin/auth/group/{group.pk}/change/",
        {"name": group.name, "permissions": list(Permission.objects.values_list("pk", flat=True))},
    )

    assert response.status_code == 403
    assert set(group.permissions.values_list("pk", flat=True)) == before
    assert client.get(f"/admin/auth/group/{group.pk}/change/").status_code == 200  # to read
