"""L5, AVG art. 33(1): the 72-hour clock runs from the moment the organisation became aware of
the breach — by default the moment it was discovered, as the reporter entered it — not from the
moment somebody typed the case in. The privacy officer records that moment and may correct it
with a reason (audited); the deadline, the reminders (L8) and "late" in the register follow."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from leaks import services
from leaks.constants import AwarenessBasis, NotificationPhase
from leaks.models import Breach, CaseEvent
from leaks.selectors import breach_register
from leaks.services import breach_deadline_reminders
from portal.models import AuditEvent, Notification
from tests.leaks.factories import BreachFactory

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
HOURS_72 = datetime.timedelta(hours=72)


def report_at(reporter, *, discovered_at, now):
    return services.case_report(
        actor=reporter,
        title="Adreslijst in een app-groep",
        what_leaked="Namen en adressen van bezwaarmakers",
        leaked_to="social_media",
        discovered_at=discovered_at,
        discovered_how="Een bewoner belde",
        personal_data=True,
        now=now,
    )


def test_l5_a_case_entered_at_0205_about_a_breach_discovered_at_0130_runs_from_0130(
    world, framework, reporter
):
    """The reported case: entered at 02:05, discovered at 01:30. The deadline was 35 minutes
    late because the clock ran from the moment of entering."""
    discovered = datetime.datetime(2026, 11, 20, 1, 30, tzinfo=AMS)
    entered = datetime.datetime(2026, 11, 20, 2, 5, tzinfo=AMS)
    case = report_at(reporter, discovered_at=discovered, now=entered)
    breach = Breach.objects.get(case=case)
    assert breach.aware_at == discovered
    assert breach.deadline == discovered + HOURS_72
    assert breach.deadline.astimezone(AMS) == datetime.datetime(2026, 11, 23, 1, 30, tzinfo=AMS)
    assert breach.aware_basis == AwarenessBasis.DISCOVERY


def test_l5_the_report_form_starts_the_clock_at_the_discovery_the_reporter_entered(
    world, login, framework, reporter
):
    discovered = (timezone.localtime() - datetime.timedelta(minutes=35)).replace(
        second=0, microsecond=0
    )
    response = login(reporter).post(
        reverse("leaks:case_report"),
        {
            "title": "Adreslijst",
            "what_leaked": "Namen en adressen",
            "leaked_to": "social_media",
            "discovered_at": discovered.strftime("%Y-%m-%dT%H:%M"),
            "discovered_how": "Een bewoner belde",
            "personal_data": "on",
        },
    )
    assert response.status_code == 302
    breach = Breach.objects.get()
    assert breach.aware_at == discovered
    assert breach.deadline == discovered + HOURS_72


def test_l5_the_privacy_officer_corrects_awareness_with_a_reason_and_it_is_audited(
    case, privacy_officer
):
    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    later = case.discovered_at + datetime.timedelta(hours=5)
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.breach_awareness_record(actor=privacy_officer, breach=breach, aware_at=later)
    assert "reden" in " ".join(refused.value.message_dict["reason"])
    breach.refresh_from_db()
    assert breach.aware_at == case.discovered_at  # nothing stored
    assert AuditEvent.objects.count() == before + 1  # only the refusal
    assert AuditEvent.objects.filter(action="leaks.breach_awareness", result="denied").exists()

    services.breach_awareness_record(
        actor=privacy_officer,
        breach=breach,
        aware_at=later,
        reason="Pas na onderzoek bleek dat er persoonsgegevens in het bestand stonden",
    )
    breach.refresh_from_db()
    assert breach.aware_at == later
    assert breach.deadline == later + HOURS_72
    assert breach.aware_basis == AwarenessBasis.RECORDED
    assert breach.aware_recorded_by == privacy_officer
    event = AuditEvent.objects.get(action="leaks.breach_awareness", result="success")
    assert event.details["reason"].startswith("Pas na onderzoek")
    assert event.details["before"] != event.details["after"]
    assert CaseEvent.objects.filter(case=case, kind="breach_awareness").count() == 1


def test_l5_confirming_the_default_needs_no_reason(case, privacy_officer):
    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    services.breach_awareness_record(
        actor=privacy_officer, breach=breach, aware_at=case.discovered_at
    )
    breach.refresh_from_db()
    assert breach.aware_basis == AwarenessBasis.RECORDED
    assert AuditEvent.objects.filter(action="leaks.breach_awareness").count() == 1


def test_l5_awareness_before_discovery_or_in_the_future_is_refused(case, privacy_officer):
    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    for moment in (
        case.discovered_at - datetime.timedelta(hours=1),
        timezone.now() + datetime.timedelta(hours=1),
    ):
        with pytest.raises(ValidationError):
            services.breach_awareness_record(
                actor=privacy_officer, breach=breach, aware_at=moment, reason="typfout"
            )
    breach.refresh_from_db()
    assert breach.aware_at == case.discovered_at


def test_l5_management_cannot_correct_awareness(world, case):
    from django.core.exceptions import PermissionDenied

    from portal.roles import Role

    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    with pytest.raises(PermissionDenied):
        services.breach_awareness_record(
            actor=world.a.users[Role.MANAGEMENT],
            breach=breach,
            aware_at=case.discovered_at,
        )


def test_l5_l8_the_reminders_follow_a_corrected_awareness(case, privacy_officer, team_member):
    aware = datetime.datetime(2026, 3, 27, 9, 0, tzinfo=datetime.UTC)
    case.discovered_at = aware
    case.save()
    breach = BreachFactory(case=case, aware_at=aware + datetime.timedelta(hours=10))
    # at aware + 24 h, the clock from the later moment has 58 h left: no reminder yet
    assert breach_deadline_reminders(now=aware + datetime.timedelta(hours=24)) == 0
    services.breach_awareness_record(
        actor=privacy_officer,
        breach=breach,
        aware_at=aware,
        reason="Ontdekt en bekend op hetzelfde moment",
        now=aware + datetime.timedelta(hours=24),
    )
    # from the corrected moment 48 h are left: the 48-hour reminder is due now
    assert breach_deadline_reminders(now=aware + datetime.timedelta(hours=24)) == 1
    sent = Notification.objects.filter(recipient=team_member, kind="leaks.breach_deadline")
    assert list(sent.values_list("params__hours", flat=True)) == [48]


def test_l5_the_register_calls_a_notification_late_from_the_corrected_awareness(
    case, privacy_officer
):
    discovered = case.discovered_at
    breach = BreachFactory(case=case, aware_at=discovered + datetime.timedelta(hours=10))
    services.breach_notify(
        actor=privacy_officer,
        breach=breach,
        notified_at=discovered + datetime.timedelta(hours=75),
        reference="AP-1",
        phase=NotificationPhase.INITIAL,
        late_reasons="",
        now=discovered + datetime.timedelta(hours=76),
    )
    row = breach_register(privacy_officer).get()
    assert row.late is False  # 65 hours after the recorded awareness
    services.breach_awareness_record(
        actor=privacy_officer,
        breach=breach,
        aware_at=discovered,
        reason="De gemeente wist het al bij de ontdekking",
        now=discovered + datetime.timedelta(hours=80),
    )
    row = breach_register(privacy_officer).get()
    assert row.late is True  # 75 hours after the corrected awareness


def test_l5_the_awareness_page_refuses_a_change_without_reason_in_dutch(
    login, case, privacy_officer
):
    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    client = login(privacy_officer)
    url = reverse("leaks:breach_awareness", kwargs={"uuid": case.uuid})
    assert client.get(url).status_code == 200
    later = timezone.localtime(case.discovered_at + datetime.timedelta(hours=2))
    response = client.post(url, {"aware_at": later.strftime("%Y-%m-%dT%H:%M"), "reason": ""})
    assert response.status_code == 400
    assert "Geef de reden" in response.content.decode()
    breach.refresh_from_db()
    assert breach.aware_at == case.discovered_at
    response = client.post(
        url, {"aware_at": later.strftime("%Y-%m-%dT%H:%M"), "reason": "Later gebleken"}
    )
    assert response.status_code == 302
    breach.refresh_from_db()
    assert breach.aware_at == later.replace(second=0, microsecond=0)


def test_l5_the_data_migration_moves_the_old_basis_to_the_discovery(case, privacy_officer):
    """Existing breaches opened at reporting ran from the moment of entering (the reported
    event's moment); the migration moves them to the discovery time. A breach whose awareness
    somebody entered later keeps it."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("leaks.migrations.0003_breach_awareness")
    entered = case.discovered_at + datetime.timedelta(minutes=35)
    CaseEvent.objects.create(case=case, kind="reported", summary="Gemeld", at=entered)
    old = BreachFactory(case=case, aware_at=entered, aware_basis=AwarenessBasis.ENTERED)
    other = BreachFactory(aware_basis=AwarenessBasis.ENTERED)
    other_aware = other.aware_at

    migration.awareness_from_discovery(apps, None)

    old.refresh_from_db()
    other.refresh_from_db()
    assert old.aware_at == case.discovered_at
    assert old.aware_basis == AwarenessBasis.DISCOVERY
    assert CaseEvent.objects.filter(case=case, kind="breach_awareness").count() == 1
    assert other.aware_at == other_aware
    assert other.aware_basis == AwarenessBasis.RECORDED
