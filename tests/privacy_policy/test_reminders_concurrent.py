"""QUALITY F6 for the P4 reminder job: run twice at once, one reminder and one audit event."""

import datetime
import threading

import pytest
from django.db import connection

from portal.models import AuditEvent, Notification
from privacy_policy import tasks
from tests.factories import IdentityDomainFactory, MunicipalityFactory, UserFactory
from tests.privacy_policy.factories import AssignmentFactory, MotionFactory

DEADLINE = datetime.date(2026, 6, 30)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_f6_p4_reminder_job_run_twice_concurrently_sends_one_reminder():
    municipality = MunicipalityFactory(slug="gelijktijdig")
    owner = UserFactory(identity_domain=IdentityDomainFactory(municipality=municipality))
    AssignmentFactory(
        motion=MotionFactory(municipality=municipality), owner=owner, deadline=DEADLINE
    )
    results = []

    def run():
        try:
            results.append(tasks.send_reminders(on=DEADLINE + datetime.timedelta(days=1)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r["overdue"] for r in results) == [0, 1]
    assert Notification.objects.filter(recipient=owner, kind="privacy_policy.overdue").count() == 1
    assert AuditEvent.objects.filter(action="privacy_policy.reminder_overdue").count() == 1
