"""P4: overdue detection at the deadline boundary, reminders to owners (idempotent), the
council-facing list's statuses and filters, the status over time."""

import datetime

import pytest
from django.utils import timezone

from portal.models import AuditEvent, Notification
from portal.roles import Role
from privacy_policy import selectors, tasks
from privacy_policy.chart import stacked_bars
from privacy_policy.constants import DUE_SOON_DAYS, DisplayStatus
from tests.privacy_policy.factories import (
    AssignmentFactory,
    CommitmentFactory,
    MotionFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 6, 30)


@pytest.fixture
def owner(world):
    return world.a.users[Role.CIVIL_SERVANT]


@pytest.fixture
def assignment(world, owner):
    motion = MotionFactory(municipality=world.a.municipality)
    return AssignmentFactory(motion=motion, owner=owner, deadline=DEADLINE)


def test_p4_overdue_starts_the_day_after_the_deadline(assignment):
    assert assignment.display_status(DEADLINE - datetime.timedelta(days=1)) == "new"
    assert assignment.display_status(DEADLINE) == "new"  # on the deadline: still on time
    assert assignment.display_status(DEADLINE + datetime.timedelta(days=1)) == "overdue"


def test_p4_overdue_in_sql_matches_python_at_the_boundary(world, assignment):
    user = world.a.users[Role.CLERK]
    for on, expected in (
        (DEADLINE, DisplayStatus.NEW),
        (DEADLINE + datetime.timedelta(days=1), DisplayStatus.OVERDUE),
    ):
        rows = list(selectors.tracked_rows(user, on=on))
        assert [r["shown_status"] for r in rows] == [expected]
        assert len(selectors.tracked_rows(user, status="overdue", on=on)) == (
            expected == DisplayStatus.OVERDUE
        )


def test_p4_reminders_exact_at_the_boundary_and_idempotent(assignment, owner):
    # Before the reminder window: nothing.
    early = DEADLINE - datetime.timedelta(days=DUE_SOON_DAYS + 1)
    assert tasks.send_reminders(on=early) == {"due_soon": 0, "overdue": 0}
    # First day of the window, and on the deadline itself: one "due soon", no "overdue".
    assert tasks.send_reminders(on=DEADLINE - datetime.timedelta(days=DUE_SOON_DAYS)) == {
        "due_soon": 1,
        "overdue": 0,
    }
    assert tasks.send_reminders(on=DEADLINE) == {"due_soon": 0, "overdue": 0}
    # The day after: overdue, once, however often the job runs.
    after = DEADLINE + datetime.timedelta(days=1)
    assert tasks.send_reminders(on=after) == {"due_soon": 0, "overdue": 1}
    assert tasks.send_reminders(on=after) == {"due_soon": 0, "overdue": 0}
    kinds = list(
        Notification.objects.filter(recipient=owner).order_by("pk").values_list("kind", flat=True)
    )
    assert kinds == ["privacy_policy.due_soon", "privacy_policy.overdue"]
    assert AuditEvent.objects.filter(action="privacy_policy.reminder_overdue").count() == 1


def test_p4_no_reminder_for_done_items_or_without_owner(world, owner):
    motion = MotionFactory(municipality=world.a.municipality)
    AssignmentFactory(motion=motion, owner=owner, overdue=True, done=True)
    AssignmentFactory(motion=motion, owner=None, overdue=True)
    assert tasks.send_reminders() == {"due_soon": 0, "overdue": 0}


def test_p4_a_moved_deadline_earns_a_new_reminder(assignment):
    after = DEADLINE + datetime.timedelta(days=1)
    assert tasks.send_reminders(on=after)["overdue"] == 1
    assignment.deadline = after + datetime.timedelta(days=30)
    assignment.save()
    later = assignment.deadline + datetime.timedelta(days=1)
    assert tasks.send_reminders(on=later)["overdue"] == 1


def test_p4_list_statuses_and_filters(world):
    clerk = world.a.users[Role.CLERK]
    motion = MotionFactory(municipality=world.a.municipality, number="15")
    AssignmentFactory(motion=motion, number=1, overdue=True)
    AssignmentFactory(motion=motion, number=2, in_progress=True)
    AssignmentFactory(motion=motion, number=3, done=True)
    CommitmentFactory(municipality=world.a.municipality, number="T1")
    CommitmentFactory(municipality=world.b.municipality, number="T9")  # T1: never shown
    rows = list(selectors.tracked_rows(clerk))
    assert sorted((r["ref"], r["shown_status"]) for r in rows) == [
        ("15.1", "overdue"),
        ("15.2", "in_progress"),
        ("15.3", "done"),
        ("T1", "new"),
    ]
    assert [r["ref"] for r in selectors.tracked_rows(clerk, kind="commitment")] == ["T1"]
    assert [r["ref"] for r in selectors.tracked_rows(clerk, status="in_progress")] == ["15.2"]
    assert [r["ref"] for r in selectors.tracked_rows(clerk, q="Open data")] == ["T1"]
    assert selectors.status_counts(clerk) == {"new": 1, "in_progress": 1, "overdue": 1, "done": 1}
    assert selectors.status_counts(world.b.users[Role.CLERK])["new"] == 1


def test_p4_status_over_time_follows_the_dated_facts(world, owner):
    today = timezone.localdate()
    motion = MotionFactory(municipality=world.a.municipality)
    item = AssignmentFactory(motion=motion, owner=owner, deadline=today + datetime.timedelta(90))
    ProgressUpdateFactory(assignment=item, author=owner, reported_on=today)
    timeline = selectors.status_timeline(world.a.users[Role.CLERK], months=3)
    assert len(timeline) == 3 and timeline[-1][0] == today
    # Registered today: absent from the earlier month-ends, in progress today.
    assert sum(timeline[0][1].values()) == 0
    assert timeline[-1][1]["in_progress"] == 1
    chart = stacked_bars(timeline)
    assert len(chart["bars"]) == 1 and chart["bars"][0].fill == "#8a5a00"
    assert len(chart["ticks"]) == 3


def test_p4_council_member_sees_the_list_read_only(world):
    motion = MotionFactory(municipality=world.a.municipality)
    AssignmentFactory(motion=motion)
    assert len(selectors.tracked_rows(world.a.users[Role.COUNCIL_MEMBER])) == 1
    # Someone without the permission (the administrator) sees nothing.
    assert len(selectors.tracked_rows(world.a.users[Role.ADMINISTRATOR])) == 0


def test_p4_the_daily_reminder_job_is_scheduled_for_beat():
    from portal.background import PERIODIC

    job = PERIODIC["privacy_policy.daily"]
    assert (job.at_hour, job.at_minute) == (6, 30)
    assert tasks.daily.name == "privacy_policy.daily"


def test_p4_moving_the_deadline_through_the_form_changes_the_status_and_is_audited(
    world, login, assignment, owner
):
    from portal.models import AuditEvent

    client = login(world.a.users[Role.CLERK])
    later = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        f"/privacy/opdrachten/{assignment.uuid}/bijwerken/",
        {"description": assignment.description, "owner": owner.pk, "deadline": later.isoformat()},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.deadline == later and assignment.display_status() == "new"
    event = AuditEvent.objects.get(action="assignment.update", object_id=str(assignment.uuid))
    assert event.details["changed"]["deadline"] == [str(DEADLINE), str(later)]
    # Another municipality's owner is refused with the rule; nothing changes.
    response = client.post(
        f"/privacy/opdrachten/{assignment.uuid}/bijwerken/",
        {
            "description": "x",
            "owner": world.b.users[Role.CIVIL_SERVANT].pk,
            "deadline": "2030-01-01",
        },
    )
    assert response.status_code == 400 and "uw eigen gemeente" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.deadline == later
