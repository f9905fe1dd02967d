"""R1, R2, R3, R6: the writes, each audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from portal.models import AuditEvent, DomainTrust, Notification
from portal.roles import Role, role_group
from recordings import services
from recordings.constants import ObjectionDecision, RecordingStatus
from recordings.models import AccessGrant
from tests.recordings.factories import AccessGrantFactory, AppearingEmployeeFactory

pytestmark = pytest.mark.django_db


def denied(recording, action):
    return AuditEvent.objects.filter(action=action, result="denied", object_id=str(recording.uuid))


def test_r1_only_organisers_create_recordings(world):
    with pytest.raises(PermissionDenied):
        services.recording_create(
            actor=world.a.users[Role.COUNCIL_MEMBER],
            title="x",
            meeting_kind="committee",
            meeting_date="2026-11-22",
            available_from="2026-11-22T19:00Z",
            available_until="2026-12-22T19:00Z",
        )


def test_r2_never_across_municipalities(world, organiser, recording):
    for target in (
        {"body": world.b.raad},
        {"domain": world.b.council},
        {"user": world.b.users[Role.COUNCIL_MEMBER]},
    ):
        with pytest.raises(ValidationError) as refused:
            services.grant_add(actor=organiser, recording=recording, **target)
        assert "andere gemeente" in refused.value.messages[0]
    assert not AccessGrant.objects.exists()
    assert denied(recording, "recording.grant_add").count() == 3


def test_r2_person_grant_across_domains_needs_trust(world, organiser, recording):
    member = world.a.users[Role.COUNCIL_MEMBER]
    with pytest.raises(ValidationError) as refused:
        services.grant_add(actor=organiser, recording=recording, user=member)
    assert refused.value.code == "person_without_trust"
    assert "vertrouwensrelatie" in refused.value.messages[0]

    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    grant = services.grant_add(actor=organiser, recording=recording, user=member)
    assert grant.user == member


def test_r2_a_body_grant_across_domains_waits_for_the_trust_in_the_preflight(
    world, organiser, recording
):
    grant = services.grant_add(actor=organiser, recording=recording, body=world.a.raad)
    assert AuditEvent.objects.filter(action="recording.grant_add", result="success").exists()
    services.grant_remove(actor=organiser, grant=grant)
    assert not AccessGrant.objects.exists()
    assert AuditEvent.objects.filter(action="recording.grant_remove").exists()


def test_r2_only_the_organisers_domain_manages_its_recordings(world, recording):
    clerk = world.a.users[Role.CLERK]  # may organise, but in the council domain
    with pytest.raises(PermissionDenied):
        services.grant_add(actor=clerk, recording=recording, domain=world.a.council)
    with pytest.raises(PermissionDenied):
        services.grant_add(
            actor=world.b.users[Role.CIVIL_SERVANT], recording=recording, domain=world.b.org
        )


def test_r2_a_grant_has_exactly_one_target(world, recording):
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessGrant.objects.create(
            recording=recording,
            domain=world.a.org,
            group=role_group(Role.CLERK),
            granted_by=recording.organiser,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessGrant.objects.create(recording=recording, granted_by=recording.organiser)


def test_r2_the_same_target_is_granted_once(world, organiser, recording):
    services.grant_add(actor=organiser, recording=recording, domain=world.a.org)
    with pytest.raises(ValidationError):
        services.grant_add(actor=organiser, recording=recording, domain=world.a.org)


def test_r3_publish_refused_without_any_grant(world, organiser, recording):
    with pytest.raises(ValidationError):
        services.recording_publish(actor=organiser, recording=recording)
    assert denied(recording, "recording.publish").exists()


def test_r6_objection_notifies_organiser(world, organiser, recording):
    employee_user = world.a.users[Role.MANAGEMENT]
    employee = services.employee_add(
        actor=organiser, recording=recording, user=employee_user, informed=True
    )
    AccessGrantFactory(recording=recording, domain=world.a.org)

    services.employee_objection_record(actor=employee_user, employee=employee)

    (notification,) = Notification.objects.filter(kind="recording.objection")
    assert notification.recipient == organiser
    shown = notification.display_title() + notification.display_text()
    assert employee_user.last_name not in shown and employee_user.first_name not in shown
    assert recording.title not in shown
    assert notification.link == f"/opnames/{recording.uuid}/"
    assert AuditEvent.objects.filter(action="recording.objection").count() == 1

    # R6: the pending objection stops publication until the organiser decides.
    with pytest.raises(ValidationError):
        services.recording_publish(actor=organiser, recording=recording)
    with pytest.raises(ValidationError):
        services.objection_decide(
            actor=organiser, employee=employee, decision=ObjectionDecision.KEEP, reasons=" "
        )
    services.objection_decide(
        actor=organiser,
        employee=employee,
        decision=ObjectionDecision.KEEP,
        reasons="Alleen een technische toelichting, afgestemd met de medewerker.",
    )
    services.recording_publish(actor=organiser, recording=recording)


def test_r6_nobody_else_records_an_objection(world, recording):
    employee = AppearingEmployeeFactory(recording=recording, user=world.a.users[Role.MANAGEMENT])
    with pytest.raises(PermissionDenied):
        services.employee_objection_record(
            actor=world.a.users[Role.PRIVACY_OFFICER], employee=employee
        )


def test_r6_withdraw_decision_withdraws_the_recording(world, organiser, recording):
    employee = AppearingEmployeeFactory(recording=recording, objecting=True)
    services.objection_decide(
        actor=organiser,
        employee=employee,
        decision=ObjectionDecision.WITHDRAW,
        reasons="De medewerker is herkenbaar en niet geïnformeerd.",
    )
    recording.refresh_from_db()
    assert recording.status == RecordingStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.grant_add(actor=organiser, recording=recording, domain=world.a.org)
