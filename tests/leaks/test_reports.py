"""L4/X3: the afwegingsverslag is produced by the PDF worker and holds every decision with its
reasons. The task body is called directly (no eager mode)."""

import datetime
import io

import pypdf
import pytest

from leaks import services
from leaks.constants import NotificationPhase, PoliceOutcome, TrackChoice, TrackKind
from portal.background import run_message
from portal.models import OutboxMessage, ReportJob, ReportStatus
from portal.reports.selectors import may_download
from portal.roles import Role
from tests.leaks.factories import BreachFactory

pytestmark = pytest.mark.django_db


def pdf_text(job) -> str:
    with job.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_l4_the_weighing_record_is_rendered_by_the_worker_with_every_decision(
    world, case, privacy_officer, team_member
):
    consideration = case.framework_version.steps.get().considerations.first()
    services.answers_save(
        actor=privacy_officer,
        case=case,
        answers={consideration.pk: ("Een notitie", "Staat in het artikel")},
    )
    reasons = {}
    for kind, _label in TrackKind.choices:
        reasons[kind] = "Motivering" + kind.title().replace("_", "")
        extra = {}
        if kind == TrackKind.POLICE_REPORT:
            extra = {
                "police_filed_on": datetime.date(2026, 3, 3),
                "police_reference": "PL09-42",
                "police_outcome": PoliceOutcome.DISMISSED,
                "police_outcome_reason": "SepotWegensOnvoldoendeBewijs",
            }
        if kind == TrackKind.INFORM_COUNCIL:
            extra = {"council_mode": "open"}
        services.track_decide(
            actor=privacy_officer,
            case=case,
            kind=kind,
            choice=TrackChoice.TAKE,
            decided_on=datetime.date(2026, 3, 2),
            decision_maker="Gemeentesecretaris",
            reasons=reasons[kind],
            **extra,
        )
    breach = BreachFactory(case=case)
    services.breach_notify(
        actor=privacy_officer,
        breach=breach,
        notified_at=breach.aware_at + datetime.timedelta(hours=1),
        reference="AP-777",
        phase=NotificationPhase.INITIAL,
    )

    job = services.weighing_record_request(actor=team_member, case=case)
    assert job.status == ReportStatus.QUEUED  # nothing rendered in the web process
    message = OutboxMessage.objects.get(task_name="portal.render_report", kwargs__job_id=job.pk)
    assert run_message(message.pk) == "done"
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE

    text = "".join(pdf_text(job).split())  # line breaks fall where the layout puts them
    for kind, why in reasons.items():
        assert why in text, kind
    for expected in ("SepotWegensOnvoldoendeBewijs", "PL09-42", "Staat in het artikel", "AP-777"):
        assert "".join(expected.split()) in text
    assert job.trace_code in text  # C8: the recipient's watermark
    assert case.reference in text


def test_l3_only_who_sees_the_case_may_download_its_weighing_record(world, case, team_member):
    job = services.weighing_record_request(actor=team_member, case=case)
    assert may_download(world.a.users[Role.MANAGEMENT], job)
    assert not may_download(world.a.users[Role.CIVIL_SERVANT], job)
    assert not may_download(world.a.users[Role.ADMINISTRATOR], job)
    assert ReportJob.objects.count() == 1


def test_l3_the_weighing_record_pages_are_404_outside_need_to_know(world, login, case, team_member):
    from django.urls import reverse

    job = services.weighing_record_request(actor=team_member, case=case)
    for role in (Role.CIVIL_SERVANT, Role.ADMINISTRATOR, Role.COUNCIL_MEMBER):
        client = login(world.a.users[role])
        for name in ("portal:report_detail", "portal:report_download"):
            assert client.get(reverse(name, kwargs={"uuid": job.uuid})).status_code == 404
    management = login(world.a.users[Role.MANAGEMENT])
    assert (
        management.get(reverse("portal:report_detail", kwargs={"uuid": job.uuid})).status_code
        == 200
    )
