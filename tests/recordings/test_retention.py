"""R5 retention and archive (the daily beat job), R3 test invitation, R6 objection from the
employee's own account and the withdraw form."""

import datetime

import pytest
from django.utils import timezone

from portal.background import PERIODIC
from portal.models import AuditEvent, Notification
from portal.roles import Role
from recordings.constants import ObjectionDecision, RecordingStatus, RetentionPolicy
from recordings.tasks import apply_retention
from tests.factories import DomainTrustFactory
from tests.recordings.factories import (
    AccessGrantFactory,
    AppearingEmployeeFactory,
    RecordingFactory,
)
from tests.recordings.test_playback import with_file

pytestmark = pytest.mark.django_db


def files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_r5_the_retention_job_is_scheduled_daily():
    job = PERIODIC["recordings.retention"]
    assert job.at_hour is not None and job.every is None


def test_r5_delete_policy_notifies_then_deletes_and_the_audit_keeps_the_facts(
    world, organiser, private_storage, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    recording = with_file(
        RecordingFactory(
            organiser_domain=world.a.org,
            organiser=organiser,
            published=True,
            retention_policy=RetentionPolicy.DELETE,
            retain_until=today + datetime.timedelta(days=10),
        )
    )
    name, sha = recording.file.name, recording.file_sha256

    assert apply_retention()["notified"] == 1
    assert apply_retention()["notified"] == 0  # idempotent
    notice = Notification.objects.get(kind="recording.deletion_notice")
    assert notice.recipient_id == organiser.pk
    assert files(private_storage) == [name]

    later = timezone.now() + datetime.timedelta(days=11)
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=later)["deleted"] == 1
    assert apply_retention(now=later) == {"notified": 0, "deleted": 0, "archived": 0}
    recording.refresh_from_db()
    assert not recording.file and recording.file_deleted_at is not None
    assert files(private_storage) == []
    event = AuditEvent.objects.get(action="recording.file_deleted")
    assert event.details["sha256"] == sha and event.details["name"] == name
    assert event.details["size"] == recording.file_size


def test_r5_archive_policy_keeps_a_master_while_the_viewing_copy_lapses(
    world, organiser, private_storage, django_capture_on_commit_callbacks, login
):
    recording = with_file(
        RecordingFactory(
            organiser_domain=world.a.org,
            organiser=organiser,
            published=True,
            meeting_kind="council",
            retention_policy=RetentionPolicy.ARCHIVE_MASTER,
        )
    )
    data = (private_storage / recording.file.name).read_bytes()
    assert apply_retention()["archived"] == 0  # still available

    after = recording.available_until + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert apply_retention(now=after)["archived"] == 1
    assert apply_retention(now=after)["archived"] == 0
    recording.refresh_from_db()
    assert not recording.file
    assert recording.archive_file.name.startswith("recordings-archive/")
    assert files(private_storage) == [recording.archive_file.name]
    assert (private_storage / recording.archive_file.name).read_bytes() == data
    assert AuditEvent.objects.filter(action="recording.archived").count() == 1
    # the organiser's page says so; no view serves the master
    page = login(organiser).get(f"/opnames/{recording.uuid}/").content.decode()
    assert "archiefmaster" in page
    assert recording.archive_file.name not in page


# --- R3: test invitation -----------------------------------------------------------------------


def test_r3_test_invitation_tells_whether_it_would_work(world, login, organiser, recording):
    member = world.a.users[Role.COUNCIL_MEMBER]
    AccessGrantFactory(recording=recording, body=world.a.raad)
    client = login(organiser)
    url = f"/opnames/{recording.uuid}/testuitnodiging/"

    page = client.post(url, {"user": member.pk}).content.decode()
    assert "Zou niet werken" in page and "Geen vertrouwensrelatie" in page
    assert (
        Notification.objects.filter(recipient=member, kind="recording.test_invitation").count() == 1
    )

    DomainTrustFactory(source=world.a.org, target=world.a.council)
    with_file(recording)
    page = client.post(url, {"user": member.pk}).content.decode()
    assert "Zou werken" in page and "Zou niet werken" not in page
    events = AuditEvent.objects.filter(action="recording.test_invitation").order_by("seq")
    assert [e.details["would_work"] for e in events] == [False, True]


def test_r3_test_invitation_never_to_another_municipality(world, login, organiser, recording):
    response = login(organiser).post(
        f"/opnames/{recording.uuid}/testuitnodiging/",
        {"user": world.b.users[Role.COUNCIL_MEMBER].pk},
    )
    assert response.status_code == 400
    assert not Notification.objects.filter(kind="recording.test_invitation").exists()


# --- R6: objection from the employee's own account; withdraw ------------------------------------


def test_r6_employee_objects_from_own_account_and_organiser_is_notified(
    world, login, organiser, recording
):
    employee_user = world.a.users[Role.PRIVACY_OFFICER]
    appearance = AppearingEmployeeFactory(
        recording=recording, user=employee_user, name=str(employee_user)
    )
    client = login(employee_user)
    page = client.get("/opnames/in-beeld/").content.decode()
    assert recording.title in page and "Bezwaar maken" in page
    assert client.post(f"/opnames/in-beeld/{appearance.uuid}/bezwaar/").status_code == 302
    appearance.refresh_from_db()
    assert appearance.objects_to_recording and appearance.decision == ObjectionDecision.PENDING
    assert Notification.objects.filter(recipient=organiser, kind="recording.objection").count() == 1
    assert AuditEvent.objects.get(action="recording.objection").details["by_employee"] is True

    # someone else cannot object in their name
    other = login(world.a.users[Role.MANAGEMENT])
    assert other.post(f"/opnames/in-beeld/{appearance.uuid}/bezwaar/").status_code == 404


def test_r6_withdraw_form_records_reasons_and_stops_viewing(world, login, organiser, recording):
    client = login(organiser)
    url = f"/opnames/{recording.uuid}/intrekken/"
    response = client.post(url, {"reasons": ""})
    assert response.status_code == 400 and "redenen" in response.content.decode()
    assert client.post(url, {"reasons": "Bezwaar van een medewerker"}).status_code == 302
    recording.refresh_from_db()
    assert recording.status == RecordingStatus.WITHDRAWN
    event = AuditEvent.objects.get(action="recording.withdraw")
    assert event.details["reasons"] == "Bezwaar van een medewerker"


@pytest.mark.parametrize(
    ("kind", "policy"),
    [
        ("information_market", RetentionPolicy.DELETE),
        ("council", RetentionPolicy.ARCHIVE_MASTER),
        ("closed_session", RetentionPolicy.ARCHIVE_MASTER),
    ],
)
def test_r5_retention_policy_follows_the_kind_of_meeting(world, organiser, kind, policy):
    from recordings.services import recording_create

    now = timezone.now()
    recording = recording_create(
        actor=organiser,
        title="Vergadering",
        meeting_kind=kind,
        meeting_date=timezone.localdate(),
        available_from=now,
        available_until=now + datetime.timedelta(days=30),
    )
    assert recording.retention_policy == policy


def test_r5_a_missing_file_does_not_stop_the_job(world, organiser, private_storage, caplog):
    """One archive_master recording whose file is gone (a restore, a scale data set): logged,
    left as it is; the other recordings are still handled."""
    gone = with_file(
        RecordingFactory(
            organiser_domain=world.a.org,
            organiser=organiser,
            published=True,
            retention_policy=RetentionPolicy.ARCHIVE_MASTER,
        )
    )
    other = with_file(
        RecordingFactory(
            organiser_domain=world.a.org,
            organiser=organiser,
            published=True,
            retention_policy=RetentionPolicy.ARCHIVE_MASTER,
        )
    )
    # with_file stores both under the same base name; make sure the other's file is its own
    assert other.file.name != gone.file.name
    (private_storage / gone.file.name).unlink()
    after = max(gone.available_until, other.available_until) + datetime.timedelta(minutes=1)
    assert apply_retention(now=after)["archived"] == 1
    gone.refresh_from_db()
    assert gone.file and not gone.archive_file
    assert "missing from storage" in caplog.text
