"""L1 in the admin (a published version is read-only; a municipality's administrator sees only
its own versions) and the demo content (framework version 1 of 11-3-2020, seed 002)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from leaks.models import CaseLink, FrameworkVersion, LeakCase
from portal.roles import Role
from tests.leaks.factories import FrameworkVersionFactory

pytestmark = pytest.mark.django_db


def test_l1_a_published_version_cannot_be_changed_in_the_admin(world, login, framework):
    client = login(world.a.users[Role.ADMINISTRATOR])
    path = reverse("admin:leaks_frameworkversion_change", args=[framework.pk])
    assert client.get(path).status_code == 200  # view only
    response = client.post(path, {"title": "Ander kader", "number": 1, "dated": "2020-03-11"})
    assert response.status_code == 403
    framework.refresh_from_db()
    assert framework.title == "Afwegingskader informatielekken"


def test_l1_the_admin_publishes_a_draft_and_shows_only_its_own_municipality(world, login):
    draft = FrameworkVersionFactory(municipality=world.a.municipality, draft=True)
    other = FrameworkVersionFactory(municipality=world.b.municipality)
    client = login(world.a.users[Role.ADMINISTRATOR])
    changelist = reverse("admin:leaks_frameworkversion_changelist")
    listing = client.get(changelist).content.decode()
    assert reverse("admin:leaks_frameworkversion_change", args=[draft.pk]) in listing
    assert reverse("admin:leaks_frameworkversion_change", args=[other.pk]) not in listing
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]}, follow=True)
    draft.refresh_from_db()
    assert draft.published_at is not None


def test_l1_demo_seeds_framework_version_1_of_11_march_2020_and_three_cases_idempotently():
    from portal.demo import seed_demo

    seed_demo()
    seed_demo()
    versions = FrameworkVersion.objects.filter(number=1)
    assert versions.count() >= 1
    version = versions.first()
    assert version.dated == datetime.date(2020, 3, 11) and version.is_published
    assert version.steps.count() == 5 and version.tracks.count() == 6
    per_municipality = LeakCase.objects.filter(municipality=version.municipality)
    assert per_municipality.count() == 3
    assert per_municipality.filter(breach__isnull=False).count() == 1
    assert CaseLink.objects.filter(case__in=per_municipality).count() == 1


@pytest.mark.parametrize("slug", ["westerdijk", "oosterbroek"])
def test_l2_l6_the_demo_has_a_case_linked_to_its_own_leaked_secret_item(slug, settings):
    """Issue 13: no demo case had a linked item, so no crawl ever rendered the case page with
    its access-trace link (the page that answered 500 on the old SQLite demo). Now each
    municipality has one, and its privacy officer, signed in through the form, opens the case
    and the trace."""
    from portal.demo import DEMO_PASSWORD, seed_demo

    settings.PORTAL_REQUIRE_MFA = False  # as in the demo
    seed_demo()
    link = CaseLink.objects.select_related("case__municipality", "secrecy_item").get(
        case__municipality__slug=slug
    )
    assert link.secrecy_item.municipality == link.case.municipality
    assert link.secrecy_item.reference == "DEMO-GH-001"
    client = Client()
    signed_in = client.post(
        reverse("account_login"), {"login": f"privacy@{slug}.example", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
    case = client.get(reverse("leaks:case_detail", kwargs={"uuid": link.case.uuid}))
    trace_url = reverse(
        "leaks:access_trace", kwargs={"uuid": link.case.uuid, "link_uuid": link.uuid}
    )
    assert case.status_code == 200 and trace_url in case.text
    trace = client.get(trace_url)
    assert trace.status_code == 200
    assert "Rita Raadslid" in trace.text  # had access through the raad


def test_l3_scale_data_has_cases_in_every_status_and_teams_for_half():
    from leaks.models import LeakCaseUserObjectPermission
    from portal.scale import Size, seed_scale

    size = Size(
        municipalities=1,
        staff=30,
        audit_events=10,
        secrecy_items=1,
        motions=1,
        leak_cases=8,
        recordings=1,
    )
    added = seed_scale(size)
    assert added["leak_cases"] == 8
    statuses = set(LeakCase.objects.values_list("status", flat=True))
    assert statuses == {"reported", "weighing", "measures", "closed"}
    granted = LeakCaseUserObjectPermission.objects.values("content_object").distinct().count()
    assert granted == 4
