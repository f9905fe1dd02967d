"""L9, retention (Archiefwet 1995; Selectielijst gemeenten 2020, docs/leaks.md): breach records
are kept for a configurable period after the case was closed, flagged by a periodic job onto a
destruction list, and destroyed only after the archivist approved the list — each destruction
audited, the audit trail itself kept."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from leaks import services
from leaks.constants import NotificationPhase
from leaks.models import (
    Breach,
    BreachDestructionItem,
    BreachDestructionList,
    BreachNotification,
    CaseEvent,
)
from portal.background import run_message
from portal.models import AuditEvent, Notification, OutboxMessage, ReportJob
from portal.roles import Role
from tests.leaks.factories import BreachFactory, LeakCaseFactory
from tests.leaks.test_l9_outputs import render

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def closed_breach(framework, *, years_ago, **case):
    closed_at = NOW - datetime.timedelta(days=365 * years_ago + 2)
    leak = LeakCaseFactory(
        framework_version=framework,
        closed=True,
        closed_at=closed_at,
        discovered_at=closed_at - datetime.timedelta(days=30),
        **case,
    )
    return BreachFactory(case=leak, aware_at=leak.discovered_at)


@pytest.fixture
def archivist(world):
    return world.a.users[Role.ADMINISTRATOR]


def test_l9_the_job_flags_breaches_past_the_period_and_deletes_nothing(world, framework, archivist):
    old = closed_breach(framework, years_ago=6)
    recent = closed_breach(framework, years_ago=2)
    still_open = BreachFactory(
        case=LeakCaseFactory(
            framework_version=framework, discovered_at=NOW - datetime.timedelta(days=3000)
        )
    )
    assert services.breach_retention_flag(now=NOW) == 1
    assert services.breach_retention_flag(now=NOW) == 0  # idempotent
    item = BreachDestructionItem.objects.get()
    assert item.breach_uuid == old.uuid and item.case_reference == old.case.reference
    assert item.retain_until == item.closed_on.replace(year=item.closed_on.year + 5)
    assert item.destruction_list.approved_at is None
    assert Breach.objects.filter(pk__in=[old.pk, recent.pk, still_open.pk]).count() == 3
    event = AuditEvent.objects.get(action="leaks.breach_destruction_flagged")
    assert event.details["references"] == [old.case.reference]
    assert Notification.objects.filter(recipient=archivist, kind="leaks.destruction_list").exists()


def test_l9_the_period_is_configurable(framework, settings):
    settings.LEAKS_BREACH_RETENTION_YEARS = 1
    closed_breach(framework, years_ago=2)
    assert services.breach_retention_flag(now=NOW) == 1


def test_l9_nothing_is_deleted_unapproved(framework, privacy_officer):
    breach = closed_breach(framework, years_ago=6)
    services.breach_retention_flag(now=NOW)
    destruction_list = BreachDestructionList.objects.get()
    assert services.breach_destroy(list_id=destruction_list.pk) == 0  # not approved
    with pytest.raises(DatabaseError), transaction.atomic():
        Breach.objects.filter(pk=breach.pk).delete()
    assert Breach.objects.filter(pk=breach.pk).exists()


def test_l9_only_the_archivist_approves(world, framework, privacy_officer):
    closed_breach(framework, years_ago=6)
    services.breach_retention_flag(now=NOW)
    destruction_list = BreachDestructionList.objects.get()
    for who in (privacy_officer, world.b.users[Role.ADMINISTRATOR]):
        with pytest.raises(PermissionDenied):
            services.breach_destruction_approve(actor=who, destruction_list=destruction_list)
    destruction_list.refresh_from_db()
    assert destruction_list.approved_at is None


def test_l9_approved_the_worker_destroys_the_breach_and_audits_it_the_trail_stays(
    framework, privacy_officer, archivist, django_capture_on_commit_callbacks
):
    breach = closed_breach(framework, years_ago=6)
    case = breach.case
    BreachNotification.objects.create(
        breach=breach,
        number=1,
        notified_at=breach.aware_at + datetime.timedelta(hours=3),
        reference="M-9",
        phase=NotificationPhase.INITIAL,
        recorded_by=privacy_officer,
    )
    # a notification PDF made earlier: its file holds the breach's facts
    job = services.breach_notification_request(actor=privacy_officer, case=case, version=1)
    render(job)
    stored = (job.file.storage, job.file.name)
    events_before = set(AuditEvent.objects.values_list("pk", flat=True))

    services.breach_retention_flag(now=NOW)
    destruction_list = BreachDestructionList.objects.get()
    services.breach_destruction_approve(actor=archivist, destruction_list=destruction_list)
    with pytest.raises(ValidationError):  # once
        services.breach_destruction_approve(actor=archivist, destruction_list=destruction_list)
    message = OutboxMessage.objects.get(task_name="leaks.breach_destroy")
    assert Breach.objects.filter(pk=breach.pk).exists()  # not before the worker runs
    with django_capture_on_commit_callbacks(execute=True):  # the files go after commit
        assert run_message(message.pk) == "done"

    assert not Breach.objects.filter(pk=breach.pk).exists()
    assert not BreachNotification.objects.filter(reference="M-9").exists()
    assert not ReportJob.objects.filter(pk=job.pk).exists()
    assert not stored[0].exists(stored[1])
    item = BreachDestructionItem.objects.get()
    assert item.destroyed_at is not None and item.case_reference == case.reference
    destruction_list.refresh_from_db()
    assert destruction_list.destroyed_at is not None
    destroyed = AuditEvent.objects.get(action="leaks.breach_destroyed")
    assert destroyed.details["notifications"] == 1 and destroyed.details["reports"] == 1
    approved = AuditEvent.objects.filter(action="leaks.breach_destruction_approved")
    assert approved.filter(result="success").count() == 1  # the second was refused
    assert events_before <= set(AuditEvent.objects.values_list("pk", flat=True))  # kept
    assert CaseEvent.objects.filter(case=case, kind="breach_destroyed").count() == 1
    assert services.breach_destroy(list_id=destruction_list.pk) == 0  # idempotent


def test_l9_the_archivist_sees_references_and_dates_and_approves_on_the_page(
    world, login, framework, archivist
):
    breach = closed_breach(framework, years_ago=6, title="GeheimeTitelVanDeZaak")
    services.breach_retention_flag(now=NOW)
    client = login(archivist)
    page = client.get(reverse("leaks:destruction_lists"))
    html = page.content.decode()
    assert breach.case.reference in html
    assert "GeheimeTitelVanDeZaak" not in html  # L3: no content of the case
    destruction_list = BreachDestructionList.objects.get()
    url = reverse("leaks:destruction_approve", kwargs={"list_uuid": destruction_list.uuid})
    assert login(world.b.users[Role.ADMINISTRATOR]).post(url).status_code == 404
    assert (
        login(world.a.users[Role.PRIVACY_OFFICER])
        .get(reverse("leaks:destruction_lists"))
        .status_code
        == 403
    )
    response = client.post(url, follow=True)
    assert "De vernietigingslijst is goedgekeurd." in response.content.decode()
    destruction_list.refresh_from_db()
    assert destruction_list.approved_by == archivist
