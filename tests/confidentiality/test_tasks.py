"""The daily job: C6 moments audited once, C7 end dates marked."""

import datetime

import pytest
from django.utils import timezone

from confidentiality.tasks import secrecy_daily
from portal.models import AuditEvent, Notification
from portal.roles import Role
from tests.confidentiality.factories import ExclusionFactory, SecrecyItemFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_c6_exclusion_start_and_end_are_audited_once(world):
    exclusion = ExclusionFactory(member=world.a.users[Role.COUNCIL_MEMBER], raad=world.a.raad)
    assert secrecy_daily(on=TODAY)["started"] == 1
    assert secrecy_daily(on=TODAY)["started"] == 0  # idempotent
    assert not AuditEvent.objects.filter(action="secrecy.exclusion_ended").exists()
    after = exclusion.end + datetime.timedelta(days=1)
    assert secrecy_daily(on=after)["ended"] == 1
    assert secrecy_daily(on=after)["ended"] == 0
    assert AuditEvent.objects.filter(object_id=str(exclusion.uuid)).count() == 2


def test_c7_item_past_its_end_date_is_marked_expired(world):
    item = SecrecyItemFactory(imposing_body=world.a.college, ended=True)
    active = SecrecyItemFactory(imposing_body=world.a.college)
    assert secrecy_daily(on=TODAY)["expired"] == 1
    assert secrecy_daily(on=TODAY)["expired"] == 0
    item.refresh_from_db()
    active.refresh_from_db()
    assert item.status == "expired" and active.status == "active"


# --- notifications (X2: no content) ------------------------------------------------------


def test_c6_member_is_told_when_the_exclusion_starts_and_ends_once(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    exclusion = ExclusionFactory(member=member, raad=world.a.raad)
    secrecy_daily(on=TODAY)
    secrecy_daily(on=TODAY)
    started = Notification.objects.filter(recipient=member, kind="secrecy.exclusion_started")
    assert started.count() == 1
    assert started.get().params["end"] == exclusion.end.strftime("%d-%m-%Y")
    after = exclusion.end + datetime.timedelta(days=1)
    secrecy_daily(on=after)
    secrecy_daily(on=after)
    ended = Notification.objects.filter(recipient=member, kind="secrecy.exclusion_ended")
    assert ended.count() == 1


def test_c7_clerk_is_reminded_before_the_review_date_once(world, settings):
    settings.CONFIDENTIALITY_REVIEW_REMINDER_DAYS = 14
    soon = SecrecyItemFactory(
        imposing_body=world.a.college, review_date=TODAY + datetime.timedelta(days=10)
    )
    SecrecyItemFactory(
        imposing_body=world.a.college, review_date=TODAY + datetime.timedelta(days=60)
    )
    SecrecyItemFactory(
        imposing_body=world.b.college, review_date=TODAY + datetime.timedelta(days=60)
    )
    secrecy_daily(on=TODAY)
    secrecy_daily(on=TODAY)
    reminders = Notification.objects.filter(kind="secrecy.review_due")
    assert reminders.count() == 1
    reminder = reminders.get()
    assert reminder.recipient == world.a.users[Role.CLERK]  # the raad's clerk, not its members
    assert reminder.link == f"/geheimhouding/{soon.uuid}/"
    assert soon.subject not in reminder.title + str(reminder.params)


def test_c7_a_new_review_date_gets_its_own_reminder(world):
    item = SecrecyItemFactory(imposing_body=world.a.college, due_for_review=True)
    secrecy_daily(on=TODAY)
    item.review_date = TODAY + datetime.timedelta(days=3)
    item.save()
    secrecy_daily(on=TODAY)
    assert Notification.objects.filter(kind="secrecy.review_due").count() == 2


def test_c5_lifting_tells_the_bodies_that_received_the_item(world):
    from confidentiality import services
    from tests.confidentiality.factories import ShareFactory

    item = SecrecyItemFactory(imposing_body=world.a.college, subject="Aankoop stadion")
    ShareFactory(item=item, body=world.a.raad)
    services.item_lift(
        actor=world.a.users[Role.CLERK],
        item=item,
        body=world.a.college,
        date=TODAY,
        reference="B-2026-9",
    )
    lifted = Notification.objects.filter(kind="secrecy.lifted")
    assert set(lifted.values_list("recipient", flat=True)) == {
        world.a.users[Role.COUNCIL_MEMBER].pk,
        world.a.users[Role.CLERK].pk,
    }
    assert all("stadion" not in n.title + str(n.params) for n in lifted)
