"""Pages of leak cases: L3 need-to-know (404 everywhere, search and counts included), the
report form, the breach register export, and constant query counts (B1)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leaks.models import LeakCase
from portal.models import AuditEvent, Notification
from portal.roles import Role
from tests.leaks.factories import BreachFactory, LeakCaseFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def count(client, path):
    client.get(path)  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return sum(
        1
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )


def case_pages(case):
    u = {"uuid": case.uuid}
    return [
        reverse("leaks:case_detail", kwargs=u),
        reverse("leaks:case_weigh", kwargs=u),
        reverse("leaks:case_facts", kwargs=u),
        reverse("leaks:track_decide", kwargs={**u, "kind": "police_report"}),
        reverse("leaks:breach_edit", kwargs=u),
        reverse("leaks:team", kwargs=u),
        reverse("leaks:link_add", kwargs=u),
        reverse("leaks:trace_code", kwargs=u),
    ]


def test_l3_non_members_get_404_everywhere_including_search_and_counts(world, login, case):
    BreachFactory(case=case)
    for role in (Role.CIVIL_SERVANT, Role.ADMINISTRATOR, Role.CLERK):
        client = login(world.a.users[role])
        for path in case_pages(case):
            assert client.get(path).status_code == 404, (role, path)
        listing = client.get(reverse("leaks:case_list"), {"q": case.reference})
        assert listing.status_code == 200
        assert case.title not in listing.content.decode()
        assert str(case.uuid) not in listing.content.decode()
        assert "Geen leksituaties gevonden." in listing.content.decode()
        # no counts either: the overview and the register are not theirs
        assert client.get(reverse("leaks:dashboard")).status_code == 403
        assert client.get(reverse("leaks:breach_register_export")).status_code == 403
    council = login(world.a.users[Role.COUNCIL_MEMBER])
    assert council.get(reverse("leaks:case_list")).status_code == 403
    assert council.get(case_pages(case)[0]).status_code == 404
    # every miss is audited (A3)
    assert AuditEvent.objects.filter(action="access.out_of_scope").count() >= 3 * 8


def test_l3_the_team_member_sees_and_works_the_case_and_the_view_is_audited(
    world, login, case, team_member
):
    client = login(team_member)
    for path in case_pages(case):
        assert client.get(path).status_code == 200, path
    assert AuditEvent.objects.filter(action="leaks.viewed", object_id=str(case.uuid)).count() == 1


def test_l3_management_reads_the_case_without_the_suspected_source_and_cannot_write(
    world, login, case
):
    case.suspected_source = "Medewerker X"
    case.save()
    client = login(world.a.users[Role.MANAGEMENT])
    page = client.get(reverse("leaks:case_detail", kwargs={"uuid": case.uuid}))
    assert page.status_code == 200
    assert "Medewerker X" not in page.content.decode()
    assert client.get(reverse("leaks:case_weigh", kwargs={"uuid": case.uuid})).status_code == 403


def test_l2_a_civil_servant_reports_a_leak_with_personal_data(world, login, framework, reporter):
    client = login(reporter)
    discovered = timezone.localtime() - datetime.timedelta(hours=1)
    response = client.post(
        reverse("leaks:case_report"),
        {
            "title": "Adreslijst in app-groep",
            "what_leaked": "Namen en adressen van bezwaarmakers",
            "leaked_to": "social_media",
            "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
            "discovered_how": "Melding van een bewoner",
            "personal_data": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("leaks:case_report")  # not into the case (L3)
    case = LeakCase.objects.get()
    assert case.breach.deadline - case.breach.aware_at == datetime.timedelta(hours=72)
    assert Notification.objects.filter(
        recipient=world.a.users[Role.PRIVACY_OFFICER], kind="leaks.reported"
    ).exists()


def test_l2_a_report_in_the_future_is_refused_with_a_clear_message(login, framework, reporter):
    client = login(reporter)
    future = timezone.localtime() + datetime.timedelta(days=2)
    response = client.post(
        reverse("leaks:case_report"),
        {
            "title": "x",
            "what_leaked": "x",
            "leaked_to": "press",
            "discovered_at": future.strftime("%Y-%m-%dT%H:%M"),
            "discovered_how": "x",
        },
    )
    assert response.status_code == 400
    assert "toekomst" in response.content.decode()
    assert not LeakCase.objects.exists()


def test_l5_a_late_notification_through_the_form_names_the_article(
    world, login, case, privacy_officer
):
    breach = BreachFactory(case=case, aware_at=timezone.now() - datetime.timedelta(hours=80))
    client = login(privacy_officer)
    when = timezone.localtime() - datetime.timedelta(hours=1)
    path = reverse("leaks:breach_notify", kwargs={"uuid": case.uuid})
    response = client.post(
        path,
        {"notified_at": when.strftime("%Y-%m-%dT%H:%M"), "reference": "AP-9", "phase": "initial"},
    )
    assert response.status_code == 400
    assert "art. 33 lid 1" in response.content.decode()
    assert not breach.notifications.exists()
    response = client.post(
        path,
        {
            "notified_at": when.strftime("%Y-%m-%dT%H:%M"),
            "reference": "AP-9",
            "phase": "initial",
            "late_reasons": "Pas maandag ontdekt dat het om BSN's ging",
        },
    )
    assert response.status_code == 302
    assert breach.notifications.get().late_reasons.startswith("Pas maandag")


def test_l5_the_breach_register_exports_every_breach_of_visible_cases(world, login, case):
    hidden_from_b = LeakCaseFactory()  # another municipality
    BreachFactory(case=hidden_from_b)
    BreachFactory(case=case, nature="=HYPERLINK(1)")
    client = login(world.a.users[Role.PRIVACY_OFFICER])
    page = client.get(reverse("leaks:breach_register"))
    assert case.reference in page.content.decode()
    assert hidden_from_b.reference not in page.content.decode()
    export = client.get(reverse("leaks:breach_register_export"))
    assert export["Content-Disposition"].startswith("attachment")
    body = export.content.decode("utf-8-sig")
    assert case.reference in body and hidden_from_b.reference not in body
    assert "'=HYPERLINK(1)" in body  # CSV injection defused
    assert AuditEvent.objects.filter(action="leaks.breach_register_export").count() == 1


def make_cases(framework, n):
    for i in range(n):
        BreachFactory(case=LeakCaseFactory(framework_version=framework, title=f"Zaak {i}"))


@pytest.mark.parametrize("name", ["leaks:case_list", "leaks:dashboard", "leaks:breach_register"])
def test_b1_lists_query_count_is_constant_for_1_and_20_cases(world, login, framework, name):
    client = login(world.a.users[Role.PRIVACY_OFFICER])
    make_cases(framework, 1)
    one = count(client, reverse(name))
    make_cases(framework, 19)
    twenty = count(client, reverse(name))
    print(f"B1 {name}: 1 case={one} queries, 20 cases={twenty} queries")
    assert one == twenty
    assert twenty <= MAX_QUERIES


def test_b1_case_detail_query_count_is_constant(world, login, case, team_member):
    BreachFactory(case=case)
    client = login(team_member)
    path = reverse("leaks:case_detail", kwargs={"uuid": case.uuid})
    before = count(client, path)
    from leaks import services

    for i in range(5):
        services.link_add(actor=team_member, case=case, document_reference=f"Mail {i}")
    after = count(client, path)
    print(f"B1 leaks:case_detail: {before} -> {after} queries")
    assert before == after <= MAX_QUERIES


def test_l4_the_case_page_counts_answers_and_lists_team_and_links(world, login, case, team_member):
    from leaks import services

    consideration = case.framework_version.steps.get().considerations.first()
    services.answers_save(
        actor=team_member, case=case, answers={consideration.pk: ("Een notitie", "Zo is het")}
    )
    services.link_add(actor=team_member, case=case, document_reference="Mail van 3 maart")
    page = login(team_member).get(reverse("leaks:case_detail", kwargs={"uuid": case.uuid}))
    html = page.content.decode()
    assert "1 van 2 afwegingen beantwoord." in html
    assert "Mail van 3 maart" in html
    assert str(team_member) in html


def test_l4_weighing_starts_from_what_the_report_says(world, login, case, team_member):
    """Issue 15: the report's facts head the weighing form, and a question the report already
    answers in part (what leaked) starts from the report's words; nothing is saved by it."""
    from leaks.models import ConsiderationAnswer

    client = login(team_member)
    url = reverse("leaks:case_weigh", kwargs={"uuid": case.uuid})
    page = client.get(url)
    html = page.content.decode()
    assert "Wat de melding al zegt" in html
    assert html.count(case.what_leaked) >= 2  # in the facts and as the answer's start
    assert re.search(r"<textarea[^>]*>\s*" + re.escape(case.what_leaked), html)
    assert not ConsiderationAnswer.objects.filter(case=case).exists()
    # Saved untouched and without reasons, the report's words are not an answer yet.
    first, second = case.framework_version.steps.get().considerations.order_by("order")
    response = client.post(
        url,
        {
            f"answer_{first.pk}": case.what_leaked,
            f"reasons_{first.pk}": "",
            f"answer_{second.pk}": "Aan de pers",
            f"reasons_{second.pk}": "Staat in het artikel",
        },
    )
    assert response.status_code == 302
    assert list(ConsiderationAnswer.objects.values_list("consideration_id", flat=True)) == [
        second.pk
    ]
