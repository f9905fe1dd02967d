"""P1–P3: registering motions, assignments and commitments, progress, letters and afdoening;
each write one audit event, each refusal one denied event, named after its rule."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from portal.models import AuditEvent, Notification
from portal.roles import Role
from privacy_policy import services
from privacy_policy.constants import DisplayStatus, ItemStatus, MotionStatus
from privacy_policy.models import Assignment, Motion
from tests.privacy_policy.factories import (
    AssignmentFactory,
    CommitmentFactory,
    LetterFactory,
    MotionFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def events(obj, action, result="success"):
    return AuditEvent.objects.filter(action=action, object_id=str(obj.uuid), result=result)


@pytest.fixture
def clerk(world):
    return world.a.users[Role.CLERK]


@pytest.fixture
def owner(world):
    return world.a.users[Role.CIVIL_SERVANT]


@pytest.fixture
def motion(world):
    return MotionFactory(municipality=world.a.municipality, number="15")


def test_p1_clerk_registers_the_seed_motion_with_two_assignments(clerk, owner):
    motion = services.motion_register(
        actor=clerk,
        number="15",
        title="Big data en privacy – een ongelukkig huwelijk",
        meeting="Kadernota 2016",
        meeting_date=datetime.date(2016, 7, 4),
        submitters="D66, GroenLinks",
        text="Verzoekt het college ...",
        college_advice="Ontraden",
    )
    first = services.assignment_add(
        actor=clerk,
        motion=motion,
        description="De taak van de interne auditor uitbreiden met privacyrisico's.",
        deadline=TODAY() + datetime.timedelta(days=90),
        owner=owner,
        owner_portfolio_holder="Wethouder Bedrijfsvoering",
        owner_department="Informatievoorziening",
    )
    second = services.assignment_add(
        actor=clerk,
        motion=motion,
        description="Inzetten op de groep digibeten.",
        deadline=TODAY() + datetime.timedelta(days=120),
    )
    assert (first.number, second.number) == (1, 2)
    assert motion.municipality_id == clerk.municipality_id
    assert first.display_status() == DisplayStatus.NEW
    assert events(motion, "motion.register").count() == 1
    assert events(first, "assignment.add").count() == 1
    # The owner is told, in the portal (X2).
    assert Notification.objects.filter(recipient=owner, kind="privacy_policy.assigned").count() == 1


def test_p1_only_the_griffie_registers_motions(world):
    for role in (Role.CIVIL_SERVANT, Role.COUNCIL_MEMBER, Role.PRIVACY_OFFICER):
        with pytest.raises(PermissionDenied):
            services.motion_register(
                actor=world.a.users[role],
                number="1",
                title="x",
                meeting="x",
                meeting_date=TODAY(),
                submitters="x",
                text="x",
            )
    assert not Motion.objects.exists()
    assert AuditEvent.objects.filter(action="motion.register", result="denied").count() == 3


def test_p1_a_rejected_motion_has_no_assignments(clerk, world):
    motion = MotionFactory(municipality=world.a.municipality, status=MotionStatus.REJECTED)
    with pytest.raises(ValidationError) as refused:
        services.assignment_add(actor=clerk, motion=motion, description="x", deadline=TODAY())
    assert refused.value.code == "not_adopted"
    assert not Assignment.objects.exists()
    assert events(motion, "assignment.add", "denied").count() == 1


def test_t1_owner_from_another_municipality_is_refused(clerk, motion, world):
    with pytest.raises(ValidationError) as refused:
        services.assignment_add(
            actor=clerk,
            motion=motion,
            description="x",
            deadline=TODAY(),
            owner=world.b.users[Role.CIVIL_SERVANT],
        )
    assert refused.value.code == "other_municipality"
    assert not Assignment.objects.exists()


def test_p1_owner_reports_progress_and_the_item_is_in_progress(owner, motion):
    assignment = AssignmentFactory(motion=motion, owner=owner)
    update = services.progress_report(
        actor=owner, item=assignment, reported_on=TODAY(), text="Privacynota in voorbereiding."
    )
    assignment.refresh_from_db()
    assert assignment.status == ItemStatus.IN_PROGRESS
    assert list(assignment.updates.all()) == [update]
    assert events(assignment, "assignment.progress").count() == 1


def test_p1_only_the_owner_reports_progress(world, motion, owner):
    assignment = AssignmentFactory(motion=motion, owner=owner)
    other = world.a.users[Role.MANAGEMENT]  # may report progress, but does not own this one
    with pytest.raises(PermissionDenied):
        services.progress_report(actor=other, item=assignment, reported_on=TODAY(), text="x")
    assert not assignment.updates.exists()


def test_p1_progress_cannot_be_dated_in_the_future(owner, motion):
    assignment = AssignmentFactory(motion=motion, owner=owner)
    with pytest.raises(ValidationError):
        services.progress_report(
            actor=owner,
            item=assignment,
            reported_on=TODAY() + datetime.timedelta(days=1),
            text="x",
        )
    assert not assignment.updates.exists()
    assert events(assignment, "assignment.progress", "denied").count() == 1


def test_p2_acceptance_needs_the_letter(clerk, motion):
    assignment = AssignmentFactory(motion=motion)
    with pytest.raises(ValidationError) as refused:
        services.item_accept(
            actor=clerk, item=assignment, accepted_on=TODAY(), reference="Besluit 2017/12"
        )
    assert refused.value.code == "no_letter"
    assignment.refresh_from_db()
    assert assignment.status == ItemStatus.NEW and assignment.accepted_on is None
    assert events(assignment, "assignment.accept", "denied").count() == 1


def test_p2_motion_cannot_be_closed_while_an_assignment_lacks_letter_or_acceptance(clerk, motion):
    with_letter_only = AssignmentFactory(motion=motion, number=1)
    LetterFactory(assignment=with_letter_only)
    nothing = AssignmentFactory(motion=motion, number=2)
    with pytest.raises(ValidationError) as refused:
        services.motion_close(actor=clerk, motion=motion, closed_on=TODAY())
    assert "opdracht 1, 2" in refused.value.messages[0]
    assert refused.value.code == "open_assignments"
    motion.refresh_from_db()
    assert motion.closed_on is None
    # The first gets its acceptance; the second still lacks its letter.
    services.item_accept(actor=clerk, item=with_letter_only, accepted_on=TODAY(), reference="B1")
    with pytest.raises(ValidationError) as refused:
        services.motion_close(actor=clerk, motion=motion, closed_on=TODAY())
    assert "opdracht 2 " in refused.value.messages[0]
    motion.refresh_from_db()
    assert motion.closed_on is None
    assert events(motion, "motion.close", "denied").count() == 2
    # Letter and acceptance for the last one: the motion is done by itself (P2).
    services.letter_link(
        actor=clerk, item=nothing, kind="rib", reference="2017/1", title="RIB", sent_on=TODAY()
    )
    services.item_accept(actor=clerk, item=nothing, accepted_on=TODAY(), reference="B2")
    motion.refresh_from_db()
    assert motion.closed_on == TODAY()


def test_p2_database_refuses_done_without_acceptance(motion):
    assignment = AssignmentFactory(motion=motion)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=assignment.pk).update(status=ItemStatus.DONE)


def test_p2_nothing_is_added_to_a_done_item(clerk, motion, owner):
    assignment = AssignmentFactory(motion=motion, owner=owner, done=True)
    with pytest.raises(ValidationError):
        services.progress_report(actor=owner, item=assignment, reported_on=TODAY(), text="x")
    with pytest.raises(ValidationError):
        services.letter_link(
            actor=clerk, item=assignment, kind="rib", reference="x", title="x", sent_on=TODAY()
        )


def test_p3_commitments_are_tracked_the_same_way(clerk, owner):
    commitment = services.commitment_register(
        actor=clerk,
        number="T12",
        title="Open data nota",
        meeting="Commissie Bestuur",
        made_on=TODAY(),
        description="De wethouder legt een Open data nota voor.",
        deadline=TODAY() + datetime.timedelta(days=30),
        owner=owner,
    )
    services.progress_report(actor=owner, item=commitment, reported_on=TODAY(), text="Concept")
    with pytest.raises(ValidationError) as refused:
        services.item_accept(actor=clerk, item=commitment, accepted_on=TODAY(), reference="B")
    assert refused.value.code == "no_letter"
    services.letter_link(
        actor=clerk, item=commitment, kind="rib", reference="R1", title="Nota", sent_on=TODAY()
    )
    services.item_accept(actor=clerk, item=commitment, accepted_on=TODAY(), reference="B")
    commitment.refresh_from_db()
    assert commitment.display_status() == DisplayStatus.DONE
    assert events(commitment, "commitment.accept").count() == 1
    assert Notification.objects.filter(recipient=owner, kind="privacy_policy.accepted").exists()


def test_x4_council_members_never_write(world, motion):
    member = world.a.users[Role.COUNCIL_MEMBER]
    commitment = CommitmentFactory(municipality=world.a.municipality)
    with pytest.raises(PermissionDenied):
        services.letter_link(
            actor=member, item=commitment, kind="rib", reference="x", title="x", sent_on=TODAY()
        )
    with pytest.raises(PermissionDenied):
        services.motion_close(actor=member, motion=motion, closed_on=TODAY())


def test_t1_clerk_of_another_municipality_cannot_touch_the_motion(world, motion):
    with pytest.raises(PermissionDenied):
        services.assignment_add(
            actor=world.b.users[Role.CLERK], motion=motion, description="x", deadline=TODAY()
        )


def test_p1_a_submitted_motion_becomes_adopted_and_then_keeps_its_status(clerk, world):
    motion = MotionFactory(municipality=world.a.municipality, status=MotionStatus.SUBMITTED)
    services.motion_update(actor=clerk, motion=motion, status=MotionStatus.ADOPTED)
    motion.refresh_from_db()
    assert motion.status == MotionStatus.ADOPTED
    event = events(motion, "motion.update").get()
    assert event.details["changed"]["status"] == ["submitted", "adopted"]
    AssignmentFactory(motion=motion)
    with pytest.raises(ValidationError) as refused:
        services.motion_update(actor=clerk, motion=motion, status=MotionStatus.WITHDRAWN)
    assert refused.value.code == "status"
    motion.refresh_from_db()
    assert motion.status == MotionStatus.ADOPTED


def test_p1_the_clerk_edits_through_the_form(world, login, clerk):
    motion = MotionFactory(municipality=world.a.municipality, status=MotionStatus.SUBMITTED)
    client = login(clerk)
    form = client.get(f"/privacy/moties/{motion.uuid}/bijwerken/")
    assert form.status_code == 200 and motion.title in form.content.decode()
    data = {
        "number": motion.number,
        "title": motion.title,
        "meeting": motion.meeting,
        "meeting_date": motion.meeting_date.isoformat(),
        "submitters": motion.submitters,
        "status": "adopted",
        "text": motion.text,
        "college_advice": "Overnemen",
    }
    assert client.post(f"/privacy/moties/{motion.uuid}/bijwerken/", data).status_code == 302
    motion.refresh_from_db()
    assert (motion.status, motion.college_advice) == ("adopted", "Overnemen")
