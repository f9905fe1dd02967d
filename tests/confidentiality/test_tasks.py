"""The daily job: C6 moments audited once, C7 end dates marked."""

import datetime

import pytest
from django.utils import timezone

from confidentiality.tasks import secrecy_daily
from portal.models import AuditEvent
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
