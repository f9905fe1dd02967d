"""A2 (QUALITY.md) on the portal's object grants: a leak case team member granted case 1 only
(L3). Every URL of a case — detail, edit, status, weighing, tracks, breach, team, links, trace
code, the weighing record (PDF) — answers for case 1 and 404 for case 2, and no page, list,
count, search, dashboard, register or export the member can open ever carries anything of
case 2 (its UUID, reference or title).

Prints ``A2 object-scope: urls=… granted_ok=… other_404=… bodies=… leaks=0``.
"""

import uuid
from urllib.parse import unquote_plus

import pytest
from guardian.shortcuts import assign_perm

from portal.roles import Role
from tests.leaks.factories import LeakCaseFactory
from tests.permission_matrix import build_path, walk_urls

pytestmark = pytest.mark.django_db

EXTRA_KWARGS = {"kind": "internal_inquiry", "user_uuid": uuid.uuid4(), "link_uuid": uuid.uuid4()}
LISTS = ["/lekken/", "/lekken/overzicht/", "/lekken/datalekregister/"]
LISTS_EXPORTS = [*LISTS, "/lekken/datalekregister/export/", "/", "/meldingen/"]


def _body(response) -> str:
    return response.content.decode(errors="replace")


def _unasked(marks, response) -> set:
    """The marks the request did not carry itself: a page may repeat its own address (the
    language form's ``next``) and a search box its own query; that is no leak."""
    asked = unquote_plus(response.wsgi_request.get_full_path())
    return {m for m in marks if m not in asked}


def case_urls():
    for entry in walk_urls():
        if entry.key.startswith("leaks:") and "uuid" in entry.kwarg_names:
            yield entry


def test_a2_a_member_granted_one_case_reaches_it_and_nothing_of_the_other(
    world, login, framework, reporter, capsys
):
    granted = LeakCaseFactory(framework_version=framework, reported_by=reporter)
    other = LeakCaseFactory(
        framework_version=framework, reported_by=reporter, title="Geheime andere zaak"
    )
    member = world.a.users[Role.INTEGRITY_OFFICER]
    assign_perm("leaks.view_leakcase", member, granted)
    client = login(member)
    marks = {str(other.uuid), other.reference, other.title}

    urls = granted_ok = other_404 = bodies = 0
    wrong, leaked = [], []
    for entry in case_urls():
        urls += 1
        kwargs = {n: EXTRA_KWARGS.get(n) for n in entry.kwarg_names if n != "uuid"}
        mine = client.get(build_path(entry, {**kwargs, "uuid": granted.uuid}))
        theirs = client.get(build_path(entry, {**kwargs, "uuid": other.uuid}))
        if theirs.status_code == 405:  # a POST-only action: the scope is checked on POST
            mine = client.post(build_path(entry, {**kwargs, "uuid": granted.uuid}))
            theirs = client.post(build_path(entry, {**kwargs, "uuid": other.uuid}))
        # Granted: the page, or a refusal that is not "no such case" (the sub-object of an
        # invented UUID is a 404 too, and a POST-only URL a 405).
        if mine.status_code < 500:
            granted_ok += 1
        else:
            wrong.append((entry.key, "granted", mine.status_code))
        if theirs.status_code == 404:
            other_404 += 1
        else:
            wrong.append((entry.key, "other", theirs.status_code))
        for response in (mine, theirs):
            bodies += 1
            leaked += [(entry.key, m) for m in _unasked(marks, response) if m in _body(response)]
    for path in [*LISTS_EXPORTS, f"/lekken/?q={other.reference}", f"/lekken/?q={other.title}"]:
        response = client.get(path)
        bodies += 1
        # 403: a page for the designated roles only (the dashboard, the breach register).
        assert response.status_code in (200, 403), path
        leaked += [(path, m) for m in _unasked(marks, response) if m in _body(response)]
    # The granted case is on the list: the check above is not passing on an empty page.
    assert granted.reference in client.get("/lekken/").content.decode()
    line = (
        f"A2 object-scope: urls={urls} granted_ok={granted_ok} other_404={other_404} "
        f"bodies={bodies} leaks={len(leaked)}"
    )
    with capsys.disabled():
        print("\n" + line)
    assert urls >= 12, line
    assert wrong == [], wrong
    assert leaked == [], sorted(set(leaked))
