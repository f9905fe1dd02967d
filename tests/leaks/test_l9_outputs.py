"""L9: the notification by the AP form's sections as a PDF made by the worker and as JSON, and
the letter to the people affected with the four contents of AVG art. 34(2), in plain Dutch."""

import datetime
import io
import json

import pypdf
import pytest
from django.urls import reverse

from leaks import services
from leaks.constants import ConsequenceKind, DataKind, NatureKind, NotificationPhase
from leaks.notification import SECTIONS
from portal.background import run_message
from portal.models import AuditEvent, OutboxMessage, ReportJob, ReportStatus
from portal.roles import Role
from tests.leaks.factories import BreachFactory
from tests.leaks.test_l9_versions import FACTS

pytestmark = pytest.mark.django_db


def pdf_text(job) -> str:
    with job.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def render(job):
    message = OutboxMessage.objects.get(task_name="portal.render_report", kwargs__job_id=job.pk)
    assert run_message(message.pk) == "done"
    job.refresh_from_db()
    assert job.status == ReportStatus.DONE, job.error_message
    return pdf_text(job)


@pytest.fixture
def breach(case, privacy_officer):
    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    services.breach_update(
        actor=privacy_officer,
        breach=breach,
        **FACTS,
        consequence_kinds=[ConsequenceKind.STIGMA, ConsequenceKind.FRAUD],
        other_remarks="GeenOverigeOpmerkingen",
    )
    breach.refresh_from_db()
    return breach


def test_l9_the_notification_pdf_has_every_section_of_the_ap_form(breach, privacy_officer):
    services.breach_notify(
        actor=privacy_officer,
        breach=breach,
        notified_at=breach.aware_at + datetime.timedelta(hours=5),
        phase=NotificationPhase.INITIAL,
        reference="M-2026-0042",
        now=breach.aware_at + datetime.timedelta(hours=6),
    )
    job = services.breach_notification_request(actor=privacy_officer, case=breach.case, version=1)
    assert job.status == ReportStatus.QUEUED  # nothing rendered in the web process
    text = render(job)
    for section in SECTIONS:
        assert f"{section.number}. {section.title}" in text, section.title
    for expected in (
        "M-2026-0042",
        "Fatima Gegevens",
        "Verstuurd naar een verkeerde ontvanger",
        "Burgerservicenummer (BSN)",
        "Cliënten, bijvoorbeeld in het sociaal domein",
        "GeenOverigeOpmerkingen",
        job.trace_code,
    ):
        assert expected in text, expected


def test_l9_the_pdf_of_a_version_shows_it_as_frozen_and_the_draft_as_it_is_now(
    breach, privacy_officer
):
    at = breach.aware_at + datetime.timedelta(hours=5)
    services.breach_notify(
        actor=privacy_officer,
        breach=breach,
        notified_at=at,
        phase=NotificationPhase.INITIAL,
        now=at,
    )
    services.breach_update(actor=privacy_officer, breach=breach, people_max=987)
    frozen = render(
        services.breach_notification_request(actor=privacy_officer, case=breach.case, version=1)
    )
    draft = render(services.breach_notification_request(actor=privacy_officer, case=breach.case))
    assert "987" not in frozen and "Versie 1" in frozen
    assert "987" in draft and "Concept" in draft


def test_l9_a_version_that_does_not_exist_is_refused(breach, privacy_officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.breach_notification_request(actor=privacy_officer, case=breach.case, version=7)
    assert not ReportJob.objects.exists()


def test_l9_the_json_follows_the_same_sections_and_is_audited(
    world, login, breach, privacy_officer
):
    url = reverse("leaks:breach_json", kwargs={"uuid": breach.case.uuid})
    response = login(world.a.users[Role.MANAGEMENT]).get(url)  # a designated role reads it
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    body = json.loads(response.content)
    assert body["draft"] is True and body["case"] == breach.case.reference
    assert [s["number"] for s in body["sections"]] == list(range(1, 10))
    rows = {r["key"]: r for s in body["sections"] for r in s["rows"]}
    assert rows["data_kinds"]["value"] == ["name_address", "bsn", "health"]
    assert rows["people_min"]["value"] == 12 and rows["records_max"]["value"] == 14
    assert AuditEvent.objects.filter(action="leaks.breach_json").count() == 1
    assert login(world.a.users[Role.CLERK]).get(url).status_code == 404  # not in need-to-know
    assert login(world.b.users[Role.PRIVACY_OFFICER]).get(url).status_code == 404
    assert login(privacy_officer).get(url + "?versie=3").status_code == 404


def test_l9_the_letter_has_the_four_contents_of_art_34_2_in_plain_dutch(breach, privacy_officer):
    privacy_officer.language = "en"  # the letter goes to residents: Dutch whoever asks
    privacy_officer.save()
    text = render(services.breach_letter_request(actor=privacy_officer, case=breach.case))
    # nature of the breach
    assert "Wat is er gebeurd?" in text
    assert "Uw gegevens zijn naar de verkeerde persoon gestuurd." in text
    assert "uw burgerservicenummer (BSN)" in text
    # contact of the data protection officer
    assert "Heeft u vragen?" in text
    assert "Fatima Gegevens, Functionaris gegevensbescherming" in text
    assert "fg@alfa.example" in text and "010 123 45 67" in text
    # likely consequences
    assert "Wat kan dit voor u betekenen?" in text
    assert "Anderen kennen de zorgvraag van cliënten." in text
    assert "Iemand kan doen alsof hij u is" in text
    # measures
    assert "Wat hebben wij gedaan?" in text
    assert "De ontvanger heeft de e-mail verwijderd" in text
    # plain language: no articles of law, no jargon of the AP form
    assert "AVG" not in text and "art." not in text and "integriteit" not in text


def test_l9_the_letter_is_refused_until_it_has_the_four_contents(case, privacy_officer):
    from django.core.exceptions import ValidationError

    breach = BreachFactory(case=case, aware_at=case.discovered_at)
    services.breach_update(
        actor=privacy_officer,
        breach=breach,
        nature_kinds=[NatureKind.LOST],
        data_kinds=[DataKind.BSN],
    )
    with pytest.raises(ValidationError) as refused:
        services.breach_letter_request(actor=privacy_officer, case=case)
    message = " ".join(refused.value.messages)
    assert "AVG art. 34 lid 2" in message
    still = message.split("Vul eerst bij de datalekgegevens in:")[1]
    assert "de waarschijnlijke gevolgen" in still and "de maatregelen" in still
    assert "contactpersoon" in still
    assert "wat er is gebeurd" not in still  # that one is there
    assert not ReportJob.objects.exists()
    assert AuditEvent.objects.filter(action="leaks.breach_letter", result="denied").count() == 1


def test_l9_the_case_page_asks_for_the_pdfs_and_refuses_with_a_message(
    world, login, case, privacy_officer
):
    BreachFactory(case=case, aware_at=case.discovered_at)
    client = login(privacy_officer)
    letter = client.post(
        reverse("leaks:breach_letter_pdf", kwargs={"uuid": case.uuid}), follow=True
    )
    assert "AVG art. 34 lid 2" in letter.content.decode()
    response = client.post(reverse("leaks:breach_notification_pdf", kwargs={"uuid": case.uuid}))
    job = ReportJob.objects.get(kind="leaks.breach_notification")
    assert response["Location"] == reverse("portal:report_detail", kwargs={"uuid": job.uuid})
    management = login(world.a.users[Role.MANAGEMENT])
    url = reverse("leaks:breach_letter_pdf", kwargs={"uuid": case.uuid})
    assert management.post(url).status_code == 403
