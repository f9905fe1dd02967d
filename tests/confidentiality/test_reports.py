"""C7 and the register export as PDF: report kinds of the core registry, rendered by the worker
(X3) with the recipient's watermark and trace code (C8); only for those who read the register."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from confidentiality.constants import WooGround
from portal.models import ReportStatus
from portal.reports.services import report_render, report_request
from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory

pytestmark = pytest.mark.django_db


def rendered_text(job) -> str:
    from pypdf import PdfReader

    assert report_render(job_id=job.pk) == "done"
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE
    with job.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_c7_yearly_review_report_lists_every_active_item_with_age_and_grounds(
    world, private_storage
):
    SecrecyItemFactory(imposing_body=world.a.college, subject="Grondaankoop Zuid")
    SecrecyItemFactory(
        imposing_body=world.a.college,
        subject="Privacyzaak",
        grounds=[WooGround.LID2_E.value],
        due_for_review=True,
    )
    SecrecyItemFactory(imposing_body=world.a.college, subject="Opgeheven stuk", lifted=True)
    SecrecyItemFactory(imposing_body=world.b.college, subject="Stuk van Beta")
    clerk = world.a.users[Role.CLERK]
    job = report_request(
        user=clerk, kind="confidentiality_yearly_review", parameters={"year": "2026"}
    )
    text = rendered_text(job)
    assert "Grondaankoop Zuid" in text and "Privacyzaak" in text
    assert "Opgeheven stuk" not in text and "Stuk van Beta" not in text
    assert "persoonlijke levenssfeer" in text  # the ground in the law's words
    assert "Leeftijd" in text
    assert job.trace_code in text  # C8: the recipient's trace code on the page


def test_register_pdf_export_follows_its_filters(world, private_storage):
    SecrecyItemFactory(imposing_body=world.a.college, subject="Actief stuk")
    SecrecyItemFactory(imposing_body=world.a.college, subject="Opgeheven stuk", lifted=True)
    job = report_request(
        user=world.a.users[Role.CLERK],
        kind="confidentiality_register",
        parameters={"status": "lifted", "ground": ""},
    )
    text = rendered_text(job)
    assert "Opgeheven stuk" in text and "Actief stuk" not in text


def test_register_reports_are_refused_to_council_members_and_civil_servants(world):
    for role in (Role.COUNCIL_MEMBER, Role.CIVIL_SERVANT):
        with pytest.raises(PermissionDenied):
            report_request(user=world.a.users[role], kind="confidentiality_register", parameters={})
