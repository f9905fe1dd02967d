"""L8: breach deadline reminders at 48, 24 and 4 hours, from an idempotent beat job. Task
bodies are called directly with the clock passed in."""

import datetime

import pytest

from leaks.constants import BreachRisk, NotificationPhase
from leaks.models import BreachNotification
from leaks.services import breach_deadline_reminders
from portal.background import PERIODIC
from portal.models import Notification
from tests.leaks.factories import BreachFactory

pytestmark = pytest.mark.django_db

AWARE = datetime.datetime(2026, 3, 27, 9, 0, tzinfo=datetime.UTC)


def at(hours):
    return AWARE + datetime.timedelta(hours=hours)


def reminders(user):
    return list(
        Notification.objects.filter(recipient=user, kind="leaks.breach_deadline")
        .order_by("created_at")
        .values_list("params__hours", flat=True)
    )


@pytest.fixture
def breach(case):
    return BreachFactory(case=case, aware_at=AWARE)


def test_l8_reminders_at_48_24_and_4_hours_each_once(breach, privacy_officer, team_member):
    assert breach_deadline_reminders(now=at(23)) == 0  # 49 hours left
    assert breach_deadline_reminders(now=at(24)) == 1
    assert breach_deadline_reminders(now=at(24.2)) == 0  # the next run: nothing twice
    assert breach_deadline_reminders(now=at(48)) == 1
    assert breach_deadline_reminders(now=at(68)) == 1
    assert breach_deadline_reminders(now=at(70)) == 0
    assert reminders(team_member) == [48, 24, 4]
    assert reminders(privacy_officer) == [48, 24, 4]
    assert breach.case.events.filter(kind="deadline_reminder").count() == 3


def test_l8_a_late_run_sends_the_closest_reminder_only(breach, team_member):
    assert breach_deadline_reminders(now=at(69)) == 1
    assert reminders(team_member) == [4]


def test_l8_two_runs_at_once_send_one_reminder(breach, team_member):
    breach_deadline_reminders(now=at(24))
    breach_deadline_reminders(now=at(24))
    assert reminders(team_member) == [48]


def test_l8_no_reminder_once_notified_or_judged_without_risk_or_past_the_deadline(
    breach, case, privacy_officer, team_member
):
    breach.risk = BreachRisk.UNLIKELY
    breach.save()
    assert breach_deadline_reminders(now=at(30)) == 0
    breach.risk = ""
    breach.save()
    assert breach_deadline_reminders(now=at(73)) == 0
    # notified (a version is never deleted: L9, so the notified case comes last)
    BreachNotification.objects.create(
        breach=breach,
        number=1,
        notified_at=at(10),
        reference="AP-1",
        phase=NotificationPhase.INITIAL,
        recorded_by=privacy_officer,
    )
    assert breach_deadline_reminders(now=at(30)) == 0
    assert reminders(team_member) == []


def test_l8_the_reminder_job_is_scheduled():
    assert PERIODIC["leaks.breach_reminders"].every == datetime.timedelta(minutes=10)


def test_l8_an_overdue_decision_is_brought_up_once(world, case, privacy_officer, team_member):
    from leaks.services import decision_overdue_reminders

    now = case.discovered_at + datetime.timedelta(days=15)
    assert decision_overdue_reminders(now=case.discovered_at + datetime.timedelta(days=13)) == 0
    assert decision_overdue_reminders(now=now) == 1
    assert decision_overdue_reminders(now=now) == 0
    for user in (privacy_officer, team_member):
        assert (
            Notification.objects.filter(recipient=user, kind="leaks.decision_overdue").count() == 1
        )
    case.status = "measures"
    case.save()
    assert case.events.filter(kind="decision_overdue").count() == 1  # on the timeline (L7)
    assert decision_overdue_reminders(now=now + datetime.timedelta(days=1)) == 0
