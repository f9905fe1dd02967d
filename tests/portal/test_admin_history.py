"""The admin's history pages (django-simple-history) answer 404, never 500, for an address that
names no version (issue 13, U2). The crawl found it: a historical version of an account shows
the user form, whose password link is relative (``../password/``); from
``/admin/portal/user/<id>/history/<version>/`` it leads to ``…/history/password/``, which the
history's URL pattern takes as a version id, and the lookup of ``history_id='password'`` raised
ValueError. A non-numeric object id did the same in the T1 scope check before it."""

import pytest

from portal.roles import Role

pytestmark = pytest.mark.django_db


def test_t1_history_pages_of_the_admin_answer_404_for_an_address_without_a_version(world, login):
    client = login(world.a.users[Role.ADMINISTRATOR])
    clerk = world.a.users[Role.CLERK]
    version = clerk.history.order_by("history_id").first()
    base = f"/admin/portal/user/{clerk.pk}/history/"

    assert client.get(base).status_code == 200
    assert client.get(f"{base}{version.history_id}/").status_code == 200
    assert client.get(f"{base}password/").status_code == 404  # what that page linked to
    # The password link of the user form is absolute now, right on a historical version too.
    password_form = f"/admin/portal/user/{clerk.pk}/password/"
    for page in (f"{base}{version.history_id}/", f"/admin/portal/user/{clerk.pk}/change/"):
        assert f'href="{password_form}"' in client.get(page).content.decode(), page
    assert client.get(password_form).status_code == 200
    assert client.get("/admin/portal/user/password/history/").status_code == 404
    assert client.get("/admin/portal/body/abc/history/1/").status_code == 404
    # T1 still holds: an account of the other municipality is not found either.
    other = world.b.users[Role.CLERK]
    assert client.get(f"/admin/portal/user/{other.pk}/history/").status_code == 404


def test_t1_history_and_object_permission_pages_carry_no_inline_style(world, login):
    """B5 (CSP without 'unsafe-inline'): the history list of simple_history and the object
    permissions page of guardian had an inline style the policy blocks (a console error per
    visit, found by the U2 crawl). Our copies of their templates have none."""
    client = login(world.a.users[Role.ADMINISTRATOR])
    clerk = world.a.users[Role.CLERK]
    for path in (
        f"/admin/portal/user/{clerk.pk}/history/",
        f"/admin/portal/body/{world.a.raad.pk}/history/",
        f"/admin/portal/body/{world.a.raad.pk}/permissions/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert "change-history" in body or "permissions" in body, path  # the page itself
        assert "<style" not in body and " style=" not in body, path
