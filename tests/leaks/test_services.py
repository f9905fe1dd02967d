"""Writes of leak cases: L1, L2, L4, L5, L7 and one audit event per write (E1). The clock is
passed in (``now=``): no freezegun here."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from leaks import services
from leaks.constants import (
    BreachRisk,
    CaseStatus,
    CouncilMode,
    NotificationPhase,
    PoliceOutcome,
    SubjectsDecision,
    TrackChoice,
    TrackKind,
)
from leaks.models import Breach, CaseEvent, Consideration, ConsiderationAnswer, LeakCase
from portal.models import AuditEvent, Notification
from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory
from tests.leaks.factories import BreachFactory, FrameworkVersionFactory, LeakCaseFactory

pytestmark = pytest.mark.django_db

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")
UTC = datetime.UTC


def events(action):
    return AuditEvent.objects.filter(action=action, result="success")


def report(actor, **overrides):
    values = {
        "title": "Notitie in de krant",
        "what_leaked": "Vertrouwelijke notitie grondaankoop",
        "leaked_to": "press",
        "discovered_at": timezone.now() - datetime.timedelta(hours=1),
        "discovered_how": "Krantenartikel",
    }
    values.update(overrides)
    return services.case_report(actor=actor, **values)


# --- L1: the framework as versioned content ------------------------------------------------


def test_l1_a_closed_case_keeps_its_framework_version_after_a_new_one_is_published(
    world, framework, reporter, privacy_officer
):
    case = report(reporter)
    assert case.framework_version == framework
    services.case_transition(actor=privacy_officer, case=case, to=CaseStatus.CLOSED)
    v2 = FrameworkVersionFactory(municipality=world.a.municipality, number=2, draft=True)
    services.framework_publish(actor=world.a.users[Role.ADMINISTRATOR], version=v2)

    case.refresh_from_db()
    assert case.framework_version == framework
    assert report(reporter).framework_version == v2  # new cases: the current version
    with pytest.raises(ValidationError, match="zoals zij is gesloten"):
        consideration = framework.steps.get().considerations.first()
        services.answers_save(
            actor=privacy_officer, case=case, answers={consideration.pk: ("ja", "omdat")}
        )
    assert not ConsiderationAnswer.objects.filter(case=case).exists()


def test_l1_an_answer_to_another_versions_consideration_is_refused(world, case, privacy_officer):
    other = FrameworkVersionFactory(municipality=world.a.municipality, number=2)
    foreign = other.steps.get().considerations.first()
    with pytest.raises(ValidationError, match="hoort niet bij de versie"):
        services.answers_save(
            actor=privacy_officer, case=case, answers={foreign.pk: ("ja", "omdat")}
        )


def test_l1_reporting_without_a_published_framework_is_refused_and_audited(world, reporter):
    FrameworkVersionFactory(municipality=world.a.municipality, draft=True)
    with pytest.raises(ValidationError, match="nog geen gepubliceerde versie"):
        report(reporter)
    assert not LeakCase.objects.exists()
    assert AuditEvent.objects.filter(action="leaks.report", result="denied").count() == 1


def test_l1_only_an_administrator_publishes(world):
    draft = FrameworkVersionFactory(municipality=world.a.municipality, draft=True)
    with pytest.raises(PermissionDenied):
        services.framework_publish(actor=world.a.users[Role.PRIVACY_OFFICER], version=draft)
    with pytest.raises(PermissionDenied):  # T1: another municipality's administrator
        services.framework_publish(actor=world.b.users[Role.ADMINISTRATOR], version=draft)
    draft.refresh_from_db()
    assert draft.published_at is None


# --- L2: reporting and the status flow -----------------------------------------------------


def test_l2_report_records_the_facts_with_unknown_source_and_notifies_the_handler(
    world, framework, reporter, privacy_officer
):
    case = report(reporter, leaked_to="social_media")
    assert case.reference.startswith("LEK-")
    assert case.suspected_source == ""  # unknown by default
    assert case.status == CaseStatus.REPORTED
    assert events("leaks.report").count() == 1
    assert list(case.events.values_list("kind", flat=True)) == ["reported"]
    assert Notification.objects.filter(recipient=privacy_officer, kind="leaks.reported").exists()
    assert not Notification.objects.filter(recipient=reporter).exists()
    # the notification says what happened, never what leaked (X2)
    title = Notification.objects.get(recipient=privacy_officer).title
    assert "krant" not in title.lower()


def test_l2_council_members_and_administrators_cannot_report(world, framework):
    for role in (Role.COUNCIL_MEMBER, Role.ADMINISTRATOR):
        with pytest.raises(PermissionDenied):
            report(world.a.users[role])
    assert not LeakCase.objects.exists()


def test_l2_references_count_up_per_municipality(world, framework, reporter):
    first, second = report(reporter), report(reporter)
    assert int(second.reference[-3:]) == int(first.reference[-3:]) + 1


def test_l2_status_flow_allows_only_the_listed_transitions(case, privacy_officer):
    with pytest.raises(ValidationError, match="kan een leksituatie alleen naar"):
        services.case_transition(actor=privacy_officer, case=case, to=CaseStatus.MEASURES)
    case.refresh_from_db()
    assert case.status == CaseStatus.REPORTED
    for to in (CaseStatus.WEIGHING, CaseStatus.MEASURES, CaseStatus.CLOSED):
        case = services.case_transition(actor=privacy_officer, case=case, to=to)
    assert case.closed_at is not None
    with pytest.raises(ValidationError, match="kan een leksituatie alleen naar"):
        services.case_transition(actor=privacy_officer, case=case, to=CaseStatus.WEIGHING)
    assert events("leaks.transition").count() == 3
    assert case.events.filter(kind="status").count() == 3
    assert AuditEvent.objects.filter(action="leaks.transition", result="denied").count() == 2


def test_l2_status_changes_notify_the_team(case, privacy_officer, team_member):
    services.case_transition(actor=privacy_officer, case=case, to=CaseStatus.WEIGHING)
    assert Notification.objects.filter(recipient=team_member, kind="leaks.status").count() == 1
    assert not Notification.objects.filter(recipient=privacy_officer, kind="leaks.status").exists()


def test_l2_suspected_source_is_recorded_by_the_team_and_never_put_in_the_audit(case, team_member):
    services.case_facts_update(
        actor=team_member, case=case, leaked_at=None, suspected_source="Medewerker X"
    )
    case.refresh_from_db()
    assert case.suspected_source == "Medewerker X"
    event = events("leaks.facts_update").get()
    assert "Medewerker X" not in str(event.details)
    assert event.details["suspected_source_recorded"] is True


def test_l3_management_reads_but_does_not_write(world, case):
    with pytest.raises(PermissionDenied):
        services.case_facts_update(
            actor=world.a.users[Role.MANAGEMENT], case=case, leaked_at=None, suspected_source="x"
        )


def test_l3_council_members_are_never_added_to_a_team(world, case, privacy_officer):
    with pytest.raises(ValidationError, match="raadsleden zien leksituaties nooit"):
        services.team_add(actor=privacy_officer, case=case, user=world.a.users[Role.COUNCIL_MEMBER])
    with pytest.raises(ValidationError, match="raadsleden zien leksituaties nooit"):
        services.team_add(actor=privacy_officer, case=case, user=world.b.users[Role.CLERK])


def test_l3_l8_adding_to_the_team_grants_notifies_and_is_audited_once(world, case, privacy_officer):
    admin = world.a.users[Role.ADMINISTRATOR]
    services.team_add(actor=privacy_officer, case=case, user=admin)
    assert admin.has_perm("leaks.view_leakcase", case)
    assert Notification.objects.filter(recipient=admin, kind="leaks.assigned").count() == 1
    granted = AuditEvent.objects.filter(
        action="permission.object_granted", object_id=str(case.uuid)
    )
    assert granted.count() == 1
    services.team_add(actor=privacy_officer, case=case, user=admin)  # again: nothing new
    assert granted.count() == 1
    services.team_remove(actor=privacy_officer, case=case, user=admin)
    assert not type(admin).objects.get(pk=admin.pk).has_perm("leaks.view_leakcase", case)


# --- L4: the weighing ----------------------------------------------------------------------


def test_l4_an_answer_needs_reasons(case, privacy_officer):
    consideration = case.framework_version.steps.get().considerations.first()
    with pytest.raises(ValidationError, match="Geef bij elk antwoord de motivering"):
        services.answers_save(
            actor=privacy_officer, case=case, answers={consideration.pk: ("ja", "")}
        )
    assert (
        services.answers_save(
            actor=privacy_officer, case=case, answers={consideration.pk: ("ja", "omdat")}
        )
        == 1
    )
    assert (
        services.answers_save(  # unchanged: no new event
            actor=privacy_officer, case=case, answers={consideration.pk: ("ja", "omdat")}
        )
        == 0
    )
    assert events("leaks.weigh").count() == 1


def decide(case, actor, kind, **extra):
    values = {
        "choice": TrackChoice.TAKE,
        "decided_on": datetime.date(2026, 3, 2),
        "decision_maker": "Gemeentesecretaris",
        "reasons": "Ernstig lek",
    }
    values.update(extra)
    return services.track_decide(actor=actor, case=case, kind=kind, **values)


def test_l4_a_police_report_has_its_filing_date_and_a_dismissal_its_reason(case, privacy_officer):
    with pytest.raises(ValidationError) as refused:
        decide(case, privacy_officer, TrackKind.POLICE_REPORT, police_outcome="dismissed")
    assert set(refused.value.message_dict) == {"police_filed_on", "police_outcome_reason"}
    assert "272" in " ".join(refused.value.message_dict["police_filed_on"])
    decision = decide(
        case,
        privacy_officer,
        TrackKind.POLICE_REPORT,
        police_filed_on=datetime.date(2026, 3, 3),
        police_reference="PL09-123",
        police_outcome=PoliceOutcome.DISMISSED,
        police_outcome_reason="Sepot: geen verdachte",
    )
    assert decision.police_outcome == PoliceOutcome.DISMISSED
    assert events("leaks.decide").count() == 1


def test_l4_informing_the_council_under_secrecy_links_a_secrecy_item(world, case, privacy_officer):
    with pytest.raises(ValidationError) as refused:
        decide(case, privacy_officer, TrackKind.INFORM_COUNCIL, council_mode=CouncilMode.SECRET)
    assert "council_item_reference" in refused.value.message_dict
    item = SecrecyItemFactory(imposing_body=world.a.college, reference="G-2026-7")
    other_municipality_item = SecrecyItemFactory(imposing_body=world.b.college, reference="G-B-1")
    with pytest.raises(ValidationError):  # T1: not another municipality's item
        decide(
            case,
            privacy_officer,
            TrackKind.INFORM_COUNCIL,
            council_mode=CouncilMode.SECRET,
            council_item_reference=other_municipality_item.reference,
        )
    decision = decide(
        case,
        privacy_officer,
        TrackKind.INFORM_COUNCIL,
        council_mode=CouncilMode.SECRET,
        council_item_reference="g-2026-7",
    )
    assert decision.council_secrecy_item == item


def test_l4_every_track_can_be_decided_and_a_decision_is_revised_in_place(case, privacy_officer):
    for kind in (TrackKind.INTERNAL_INQUIRY, TrackKind.INTEGRITY, TrackKind.WHISTLEBLOWER):
        decide(case, privacy_officer, kind, choice=TrackChoice.DECLINE)
    decide(case, privacy_officer, TrackKind.PRESS_RESPONSE, reasons="Geen commentaar")
    decide(case, privacy_officer, TrackKind.PRESS_RESPONSE, reasons="Korte verklaring")
    assert case.decisions.count() == 4
    assert case.decisions.get(kind=TrackKind.PRESS_RESPONSE).reasons == "Korte verklaring"
    assert case.events.filter(kind="decision").count() == 5  # L7: both versions on the timeline


# --- L5: the GDPR breach track -------------------------------------------------------------


def test_l5_personal_data_opens_the_breach_with_a_72_hour_clock(world, framework, reporter):
    discovered = datetime.datetime(2026, 11, 20, 9, 0, tzinfo=AMS)
    case = report(reporter, personal_data=True, discovered_at=discovered)
    assert case.breach.aware_at == discovered  # L5: from the discovery, not from the typing
    assert case.breach.deadline == discovered + datetime.timedelta(hours=72)
    assert case.events.filter(kind="breach_open").exists()


def test_l5_the_deadline_is_72_elapsed_hours_across_the_daylight_saving_change(case):
    """Awareness on Friday 27 March 2026 10:00 CET; the clocks go forward on Sunday 29 March.
    72 hours later is Monday 30 March 09:00 UTC = 11:00 CEST, not 10:00 local."""
    breach = BreachFactory(case=case, aware_at=datetime.datetime(2026, 3, 27, 10, 0, tzinfo=AMS))
    assert breach.deadline.astimezone(UTC) == datetime.datetime(2026, 3, 30, 9, 0, tzinfo=UTC)
    assert breach.deadline.astimezone(AMS).hour == 11
    # and back in autumn (25 October 2026): 10:00 CEST + 72 h = 09:00 CET
    breach.aware_at = datetime.datetime(2026, 10, 23, 10, 0, tzinfo=AMS)
    assert breach.deadline.astimezone(AMS) == datetime.datetime(2026, 10, 26, 9, 0, tzinfo=AMS)
    # the same instant given in another zone gives the same deadline
    breach.aware_at = datetime.datetime(
        2026, 3, 27, 5, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")
    )
    assert breach.deadline.astimezone(UTC) == datetime.datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def notify(breach, actor, at, **extra):
    values = {"reference": "AP-2026-1", "phase": NotificationPhase.INITIAL}
    values.update(extra)
    return services.breach_notify(
        actor=actor, breach=breach, notified_at=at, now=at + datetime.timedelta(minutes=5), **values
    )


def test_l5_a_notification_within_72_hours_needs_no_reasons_even_across_dst(case, privacy_officer):
    breach = BreachFactory(case=case, aware_at=datetime.datetime(2026, 3, 27, 10, 0, tzinfo=AMS))
    # 10:30 CEST on 30 March is 70.5 elapsed hours: in time (a wall-clock sum would say late)
    notification = notify(
        breach, privacy_officer, datetime.datetime(2026, 3, 30, 10, 30, tzinfo=AMS)
    )
    assert notification.late_reasons == ""
    assert events("leaks.breach_notify").get().details["late"] is False


def test_l5_a_late_notification_requires_reasons_in_any_time_zone(case, privacy_officer):
    breach = BreachFactory(case=case, aware_at=datetime.datetime(2026, 3, 27, 10, 0, tzinfo=AMS))
    # 11:30 CEST = 09:30 UTC = 05:30 in New York: 72.5 hours, late whatever the zone
    late = datetime.datetime(2026, 3, 30, 5, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    with pytest.raises(ValidationError) as refused:
        notify(breach, privacy_officer, late)
    assert "art. 33 lid 1" in " ".join(refused.value.message_dict["late_reasons"])
    assert not breach.notifications.exists()
    assert AuditEvent.objects.filter(action="leaks.breach_notify", result="denied").count() == 1
    notification = notify(breach, privacy_officer, late, late_reasons="Weekend, FG afwezig")
    assert notification.late_reasons == "Weekend, FG afwezig"
    assert events("leaks.breach_notify").get().details["late"] is True


def test_l5_notifications_come_in_phases(case, privacy_officer):
    breach = BreachFactory(case=case)
    now = timezone.now()
    with pytest.raises(ValidationError, match="33 lid 4"):
        notify(breach, privacy_officer, now, phase=NotificationPhase.SUPPLEMENT)
    notify(breach, privacy_officer, now)
    with pytest.raises(ValidationError, match="33 lid 4"):
        notify(breach, privacy_officer, now)
    notify(breach, privacy_officer, now, phase=NotificationPhase.SUPPLEMENT)  # same reference
    assert breach.notifications.count() == 2
    assert list(breach.notifications.values_list("number", flat=True)) == [1, 2]


def test_l5_a_notification_in_the_future_is_refused(case, privacy_officer):
    breach = BreachFactory(case=case)
    with pytest.raises(ValidationError):
        services.breach_notify(
            actor=privacy_officer,
            breach=breach,
            notified_at=timezone.now() + datetime.timedelta(hours=1),
            reference="AP",
            phase=NotificationPhase.INITIAL,
        )


def test_l5_not_informing_data_subjects_of_a_high_risk_needs_an_art_34_3_exemption(
    case, privacy_officer
):
    breach = BreachFactory(case=case)
    with pytest.raises(ValidationError) as refused:
        services.breach_update(
            actor=privacy_officer,
            breach=breach,
            risk=BreachRisk.HIGH,
            risk_reasons="BSN's en medische gegevens",
            subjects_decision=SubjectsDecision.NO_HIGH_RISK,
            subjects_reasons="geen",
            subjects_decided_on=datetime.date(2026, 3, 2),
        )
    assert "34 lid 3" in " ".join(refused.value.message_dict["subjects_decision"])
    breach = services.breach_update(
        actor=privacy_officer,
        breach=breach,
        nature="Lijst met namen en adressen gedeeld",
        people_min=40,
        people_max=40,
        consequences="Identiteitsfraude mogelijk",
        measures="Bericht verwijderd",
        contact="FG, fg@alfa.example",
        risk=BreachRisk.HIGH,
        risk_reasons="BSN's en medische gegevens",
        subjects_decision=SubjectsDecision.EXEMPT_A,
        subjects_reasons="Bestand was versleuteld",
        subjects_decided_on=datetime.date(2026, 3, 2),
    )
    assert breach.subjects_decision == SubjectsDecision.EXEMPT_A
    assert events("leaks.breach_update").count() == 1


def test_l5_opening_the_breach_track_later_starts_the_clock_then(case, team_member):
    aware = timezone.now() - datetime.timedelta(hours=3)
    with pytest.raises(ValidationError) as refused:  # not the discovery: a reason is needed
        services.breach_open(actor=team_member, case=case, aware_at=aware)
    assert "reden" in " ".join(refused.value.message_dict["aware_reason"])
    breach = services.breach_open(
        actor=team_member, case=case, aware_at=aware, aware_reason="Bijlage bleek BSN's te bevatten"
    )
    case.refresh_from_db()
    assert case.personal_data and breach.aware_at == aware
    with pytest.raises(ValidationError):
        services.breach_open(actor=team_member, case=case, aware_at=aware)
    assert Breach.objects.count() == 1


# --- L7: the timeline ------------------------------------------------------------------------


def test_l7_the_timeline_is_append_only(case, privacy_officer):
    services.case_transition(actor=privacy_officer, case=case, to=CaseStatus.WEIGHING)
    event = CaseEvent.objects.get(case=case)
    event.summary = "Iets anders"
    with pytest.raises(ValidationError, match="wordt niet gewijzigd"):
        event.save()
    with pytest.raises(ValidationError, match="wordt niet gewijzigd"):
        event.delete()
    assert CaseEvent.objects.get(case=case).summary != "Iets anders"


# --- L2/L6: links to the secrecy register ----------------------------------------------------


def test_l2_linking_a_secrecy_item_by_its_reference(world, case, privacy_officer):
    item = SecrecyItemFactory(imposing_body=world.a.college, reference="G-2026-1")
    link = services.link_add(actor=privacy_officer, case=case, item_reference="G-2026-1")
    assert link.secrecy_item == item
    with pytest.raises(ValidationError):
        services.link_add(actor=privacy_officer, case=case, item_reference="G-2026-1")
    b_item = SecrecyItemFactory(imposing_body=world.b.college, reference="G-B-9")
    with pytest.raises(ValidationError):  # T1
        services.link_add(actor=privacy_officer, case=case, item_reference=b_item.reference)
    services.link_add(actor=privacy_officer, case=case, document_reference="Mail van 3 maart")
    assert case.links.count() == 2
    assert events("leaks.link_add").count() == 2


def test_l2_a_closed_case_has_its_closing_moment():
    case = LeakCaseFactory(closed=True)
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None


def test_l1_a_new_version_starts_as_a_copy_and_leaves_the_old_one_and_its_cases_alone(
    world, case, framework
):
    admin = world.a.users[Role.ADMINISTRATOR]
    draft = services.framework_new_version(actor=admin, source=framework)
    assert draft.number == framework.number + 1 and draft.published_at is None
    assert [c.question for c in Consideration.objects.filter(step__version=draft)] == [
        c.question for c in Consideration.objects.filter(step__version=framework)
    ]
    Consideration.objects.filter(step__version=draft).update(question="Nieuwe vraag")
    services.framework_publish(actor=admin, version=draft)
    case.refresh_from_db()
    assert case.framework_version == framework
    assert not Consideration.objects.filter(step__version=framework, question="Nieuwe vraag")
    with pytest.raises(PermissionDenied):
        services.framework_new_version(actor=world.b.users[Role.ADMINISTRATOR], source=framework)
