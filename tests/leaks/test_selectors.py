"""L3 need-to-know and L6 access trace."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from guardian.shortcuts import assign_perm

from leaks import selectors, services
from leaks.constants import CaseStatus
from portal.audit import audit_record
from portal.models import AuditEvent
from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory
from tests.factories import MembershipFactory, UserFactory
from tests.leaks.factories import BreachFactory, LeakCaseFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(selectors.cases_visible_to(user))


def test_l3_only_the_team_and_designated_roles_see_a_case(world, case, team_member):
    a = world.a.users
    assert visible(team_member) == {case}
    assert visible(a[Role.PRIVACY_OFFICER]) == {case}
    assert visible(a[Role.MANAGEMENT]) == {case}
    for role in (Role.CIVIL_SERVANT, Role.CLERK, Role.ADMINISTRATOR, Role.COUNCIL_MEMBER):
        assert visible(a[role]) == set(), role  # the reporter too: the report is all they see
    for user in world.b.users.values():
        assert visible(user) == set()  # T1


def test_l3_council_members_never_see_a_case_even_when_granted(world, case):
    member = world.a.users[Role.COUNCIL_MEMBER]
    assign_perm("leaks.view_leakcase", member, case)
    group = Group.objects.get(name__startswith="Raadslid")
    assign_perm("leaks.view_all_cases", group)
    member = type(member).objects.get(pk=member.pk)  # fresh permission cache
    assert visible(member) == set()


def test_l3_an_administrator_sees_a_case_only_when_granted(world, case):
    admin = world.a.users[Role.ADMINISTRATOR]
    other = LeakCaseFactory(framework_version=case.framework_version)
    assert visible(admin) == set()
    assign_perm("leaks.view_leakcase", admin, case)
    assert visible(admin) == {case}
    assert other not in visible(admin)


def test_l3_a_superuser_of_the_service_centre_sees_nothing(case, django_user_model):
    superuser = django_user_model.objects.create_superuser("ssc@ssc.example", "x-Wachtwoord-1")
    assert visible(superuser) == set()


def test_l3_a_grant_to_a_group_reaches_its_members(world, case):
    servant = world.a.users[Role.CIVIL_SERVANT]
    group = Group.objects.create(name="Zaakteam grondzaken")
    servant.groups.add(group)
    assign_perm("leaks.view_leakcase", group, case)
    servant = type(servant).objects.get(pk=servant.pk)
    cases = selectors.cases_visible_to(servant)
    assert list(cases) == [case] and cases.get().is_team


def test_l3_search_and_counts_stay_within_need_to_know(world, case, team_member):
    hidden = LeakCaseFactory(framework_version=case.framework_version, title="Geheim onderwerp")
    BreachFactory(case=hidden)
    assert list(selectors.case_list(team_member, query="Geheim")) == []
    assert list(selectors.case_list(team_member, query=case.reference)) == [case]
    # the team member does not oversee: no register, no dashboard counts
    assert not selectors.breach_register(team_member).exists()
    assert selectors.dashboard(team_member)["open_total"] == 0
    management = world.a.users[Role.MANAGEMENT]
    assert selectors.dashboard(management)["open_total"] == 2
    assert selectors.breach_register(management).count() == 1


def test_l5_the_dashboard_shows_running_clocks_and_overdue_decisions(world, case, privacy_officer):
    now = timezone.now()
    old = LeakCaseFactory(
        framework_version=case.framework_version,
        discovered_at=now - datetime.timedelta(days=30),
        status=CaseStatus.WEIGHING,
    )
    breach = BreachFactory(case=case)
    board = selectors.dashboard(privacy_officer, now=now)
    assert board["clocks"] == [breach]
    assert board["overdue"] == [old]
    assert dict((s, n) for s, _label, n in board["by_status"]) == {
        "reported": 1,
        "weighing": 1,
        "measures": 0,
        "closed": 0,
    }


# --- L6: the access trace --------------------------------------------------------------------


def test_l6_access_trace_lists_holders_and_openings_before_the_leak_and_is_audited(
    world, case, team_member
):
    a = world.a
    item = SecrecyItemFactory(imposing_body=a.college, reference="G-2026-3")
    ShareFactory(item=item, body=a.raad)
    member = a.users[Role.COUNCIL_MEMBER]
    former = UserFactory(identity_domain=a.council, role=Role.COUNCIL_MEMBER)
    MembershipFactory(
        body=a.raad,
        user=former,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2021, 1, 1),
    )
    audit_record(action="secrecy.viewed", actor=member, obj=item, details={"view": "shared"})
    audit_record(
        action="secrecy.downloaded",
        actor=member,
        obj=item,
        details={"version": 2},
    )
    services.case_facts_update(
        actor=team_member, case=case, leaked_at=timezone.now(), suspected_source=""
    )
    audit_record(action="secrecy.viewed", actor=a.users[Role.CLERK], obj=item)  # after the leak
    link = services.link_add(actor=team_member, case=case, item_reference="G-2026-3")
    case.refresh_from_db()

    trace = services.access_trace_view(actor=team_member, case=case, link=link)

    holders = {h.label for h in trace.holders}
    assert str(member.get_full_name() or member.email) in holders
    assert (former.get_full_name() or former.email) not in holders  # T4: seat had ended
    assert any(h.via == "" for h in trace.holders)  # the griffie keeps the register
    assert [(o.action, o.version) for o in trace.openings] == [
        ("secrecy.viewed", ""),
        ("secrecy.downloaded", "2"),
    ]
    assert AuditEvent.objects.filter(action="leaks.access_trace").count() == 1


def test_l6_a_trace_code_resolves_to_the_recipient_of_a_secret_copy_with_one_audit_event(
    world, case, team_member
):
    a = world.a
    item = SecrecyItemFactory(imposing_body=a.college, reference="G-2026-5")
    member = a.users[Role.COUNCIL_MEMBER]
    audit_record(
        action="secrecy.downloaded",
        actor=member,
        obj=item,
        details={"trace_code": "ABCD-EFGH-JKMN", "recipient_label": "Rita Raadslid", "version": 3},
    )
    copy, match = services.trace_code_resolve(actor=team_member, case=case, code="abcd efgh jkmn")
    assert match is None
    assert (copy.recipient_label, copy.item, copy.version) == ("Rita Raadslid", item, "3")
    assert AuditEvent.objects.filter(action="leaks.trace_resolved").count() == 1
    assert not AuditEvent.objects.filter(action="report.trace_resolved").exists()

    copy, match = services.trace_code_resolve(actor=team_member, case=case, code="ZZZZ-ZZZZ-ZZZZ")
    assert copy is None and match is None
    assert AuditEvent.objects.filter(action="report.trace_resolved").count() == 1
    assert case.events.filter(kind="trace_code").count() == 2
