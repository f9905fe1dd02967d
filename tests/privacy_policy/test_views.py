"""The pages of P1–P4: the council-facing list read-only for council members, the griffie's and
the owner's forms, errors that name the rule, 404 across municipalities, query budgets (B1),
and the half-yearly progress report rendered by the PDF worker (X3)."""

import datetime
import io

import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import ReportJob
from portal.reports.services import report_render
from portal.roles import Role
from privacy_policy.constants import ItemStatus
from tests.privacy_policy.factories import (
    AssignmentFactory,
    CommitmentFactory,
    LetterFactory,
    MotionFactory,
    ProgressUpdateFactory,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
OVERVIEW = "/privacy/"


def count(client, path):
    client.get(path)  # warm caches that are per process, not per request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return sum(
        1
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )


@pytest.fixture
def motion(world):
    return MotionFactory(municipality=world.a.municipality, number="15")


def test_p4_council_member_sees_status_colours_read_only(world, login, motion):
    AssignmentFactory(motion=motion, number=1, overdue=True)
    AssignmentFactory(motion=motion, number=2, done=True)
    html = login(world.a.users[Role.COUNCIL_MEMBER]).get(OVERVIEW).content.decode()
    assert 'utrecht-status-badge--danger">te laat' in html
    assert 'utrecht-status-badge--success">afgedaan' in html
    assert "Nieuwe motie" not in html and "Voortgangsrapportage" not in html
    assert "<svg" in html and "<rect" in html  # the chart, drawn on the server
    assert "style=" not in html.split("<main", 1)[1]  # CSP: no inline style in the page body
    detail = login(world.a.users[Role.COUNCIL_MEMBER]).get(f"/privacy/moties/{motion.uuid}/")
    assert detail.status_code == 200
    assert "Opdracht toevoegen" not in detail.content.decode()


def test_p4_the_list_appears_in_the_council_portal(world, login):
    html = login(world.a.users[Role.COUNCIL_MEMBER]).get("/raad/").content.decode()
    assert 'href="/privacy/"' in html


def test_p4_filters_on_the_page(world, login, motion):
    AssignmentFactory(motion=motion, number=1, overdue=True)
    # A hyphen: the page's CSRF token (letters and digits) can never contain the number.
    CommitmentFactory(municipality=world.a.municipality, number="T-7")
    client = login(world.a.users[Role.CLERK])
    html = client.get(OVERVIEW, {"status": "overdue"}).content.decode()
    assert "15.1" in html and "T-7" not in html
    html = client.get(OVERVIEW, {"kind": "commitment"}).content.decode()
    assert "T-7" in html and "15.1" not in html
    html = client.get(OVERVIEW, {"status": "done"}).content.decode()
    assert "Niets gevonden met deze filters" in html


def test_p1_clerk_adds_an_assignment_through_the_form(world, login, motion):
    client = login(world.a.users[Role.CLERK])
    owner = world.a.users[Role.CIVIL_SERVANT]
    response = client.post(
        f"/privacy/moties/{motion.uuid}/opdracht/",
        {
            "description": "Inzetten op de groep digibeten.",
            "owner": owner.pk,
            "owner_department": "Dienstverlening",
            "deadline": "2027-03-31",
        },
    )
    assert response.status_code == 302
    assignment = motion.assignments.get()
    assert assignment.owner == owner and assignment.number == 1


def test_p1_form_errors_name_the_rule_and_change_nothing(world, login):
    rejected = MotionFactory(municipality=world.a.municipality, status="rejected")
    client = login(world.a.users[Role.CLERK])
    response = client.post(
        f"/privacy/moties/{rejected.uuid}/opdracht/",
        {"description": "x", "deadline": "2027-03-31"},
    )
    assert response.status_code == 400
    assert "Alleen een aangenomen motie heeft opdrachten" in response.content.decode()
    assert not rejected.assignments.exists()


def test_p2_accepting_without_letter_shows_the_rule(world, login, motion):
    assignment = AssignmentFactory(motion=motion)
    client = login(world.a.users[Role.CLERK])
    response = client.post(
        f"/privacy/opdrachten/{assignment.uuid}/afdoening/",
        {"accept-accepted_on": "2026-11-01", "accept-reference": "Besluit 1"},
    )
    assert response.status_code == 400
    assert "de brief over de uitvoering is gekoppeld" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.status == ItemStatus.NEW


def test_p2_closing_the_motion_early_is_refused_with_a_message(world, login, motion):
    AssignmentFactory(motion=motion)
    client = login(world.a.users[Role.CLERK])
    response = client.post(f"/privacy/moties/{motion.uuid}/afdoen/", follow=True)
    assert "mist nog de brief" in response.content.decode()
    motion.refresh_from_db()
    assert motion.closed_on is None


def test_p1_owner_reports_progress_through_the_form(world, login, motion):
    owner = world.a.users[Role.CIVIL_SERVANT]
    assignment = AssignmentFactory(motion=motion, owner=owner)
    client = login(owner)
    page = client.get(f"/privacy/opdrachten/{assignment.uuid}/").content.decode()
    assert "Voortgang melden" in page and "Brief koppelen" not in page
    response = client.post(
        f"/privacy/opdrachten/{assignment.uuid}/voortgang/",
        {"reported_on": timezone.localdate().isoformat(), "text": "Privacynota in concept."},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == ItemStatus.IN_PROGRESS


def test_t1_other_municipality_gets_404(world, login, motion):
    assignment = AssignmentFactory(motion=motion)
    client = login(world.b.users[Role.CLERK])
    assert client.get(f"/privacy/moties/{motion.uuid}/").status_code == 404
    assert client.get(f"/privacy/opdrachten/{assignment.uuid}/").status_code == 404
    assert "15." not in client.get(OVERVIEW).content.decode()


@pytest.mark.parametrize("role", [Role.CLERK, Role.COUNCIL_MEMBER])
def test_b1_overview_query_count_is_constant_for_1_and_20_items(world, login, motion, role):
    client = login(world.a.users[role])
    AssignmentFactory(motion=motion, overdue=True)
    one = count(client, OVERVIEW)
    for _ in range(10):
        AssignmentFactory(motion=motion)
        CommitmentFactory(municipality=world.a.municipality)
    twenty = count(client, OVERVIEW)
    print(f"B1 queries {OVERVIEW} role={role} rows=1:{one} rows=21:{twenty}")
    assert one == twenty <= MAX_QUERIES


def test_b1_motion_pages_query_counts(world, login, motion):
    client = login(world.a.users[Role.CLERK])
    first = AssignmentFactory(motion=motion)
    one_list, one_detail = (
        count(client, "/privacy/moties/"),
        count(client, f"/privacy/moties/{motion.uuid}/"),
    )
    item_path = f"/privacy/opdrachten/{first.uuid}/"
    ProgressUpdateFactory(assignment=first, author=world.a.users[Role.CIVIL_SERVANT])
    one_item = count(client, item_path)
    for _n in range(19):
        MotionFactory(municipality=world.a.municipality)
        AssignmentFactory(motion=motion)
        ProgressUpdateFactory(assignment=first, author=world.a.users[Role.CIVIL_SERVANT])
        LetterFactory(assignment=first)
    twenty = (
        count(client, "/privacy/moties/"),
        count(client, f"/privacy/moties/{motion.uuid}/"),
        count(client, item_path),
    )
    print(
        f"B1 queries motion list/detail/item "
        f"rows=1:{(one_list, one_detail, one_item)} rows=20:{twenty}"
    )
    assert (one_list, one_detail, one_item) == twenty
    assert max(twenty) <= MAX_QUERIES


def pdf_text(job) -> str:
    with job.file.open("rb") as handle:
        reader = pypdf.PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_p4_half_yearly_report_rendered_by_the_worker_lists_open_and_overdue_with_history(
    world, login, motion
):
    owner = world.a.users[Role.CIVIL_SERVANT]
    overdue = AssignmentFactory(
        motion=motion, number=1, owner=owner, deadline=timezone.localdate() - datetime.timedelta(3)
    )
    ProgressUpdateFactory(assignment=overdue, author=owner, text="Normenkader in concept")
    CommitmentFactory(municipality=world.a.municipality, number="T5", title="Open data nota")
    CommitmentFactory(municipality=world.b.municipality, number="T99")  # T1: not in a's report
    client = login(world.a.users[Role.CLERK])
    today = timezone.localdate()
    response = client.post(
        "/privacy/voortgangsrapportage/",
        {"year": today.year, "half": 1 if today.month <= 6 else 2},
    )
    assert response.status_code == 302
    job = ReportJob.objects.get(kind="privacy_policy_progress")
    assert job.status == "queued"  # the web process only queues it (X3)
    assert report_render(job_id=job.pk) == "done"
    job.refresh_from_db()
    text = pdf_text(job)
    assert "15.1" in text and "te laat" in text
    assert "Normenkader in concept" in text  # its history
    assert "T5" in text and "T99" not in text


def test_b1_policy_pages_query_counts_are_constant(world, login):
    """Framework (coverage), plan and model policy pages: the same count for 1 and 20 rows."""
    import datetime as dt

    from privacy_policy import services
    from privacy_policy.models import Adoption
    from privacy_policy.services.policy import framework_create
    from tests.factories import MunicipalityFactory
    from tests.privacy_policy.factories import ModelPolicyVersionFactory

    fg = world.a.users[Role.PRIVACY_OFFICER]
    client = login(fg)
    framework = framework_create(actor=fg, title="Normen", norms=[("N0", "Eerste")])
    plan = services.plan_create(actor=fg, title="Plan")
    version = ModelPolicyVersionFactory()
    model = version.model_policy

    def grow(i):
        norm = framework.norms.create(code=f"N{i + 1}", title=f"Norm {i}")
        audit = services.audit_plan(
            actor=fg, framework=framework, year=2018 + i % 3, title=f"A{i}", norms=[norm]
        )
        finding = services.finding_record(actor=fg, audit=audit, norm=norm, result="partial")
        services.measure_add(
            actor=fg,
            finding=finding,
            description="m",
            owner_department="IV",
            deadline=dt.date(2019, 1, 1),
        )
        services.action_add(
            actor=fg,
            plan=plan,
            title=f"Actie {i}",
            target_kind="product",
            target="p",
            owner_department="D",
        )
        other = MunicipalityFactory(name=f"Gemeente Extra {i}", slug=f"extra{i}")
        body = world.a.raad.__class__.objects.create(
            municipality=other, kind="raad", name="Gemeenteraad", domain=world.a.council
        )
        Adoption.objects.create(
            municipality=other,
            model_policy=model,
            version=version,
            adopted_by=body,
            adopted_on=dt.date(2015, 1, 1),
            decision_reference="x",
        )

    paths = [
        f"/privacy/beleid/normenkaders/{framework.uuid}/",
        f"/privacy/beleid/plannen/{plan.uuid}/",
        f"/privacy/voorbeeldbeleid/{model.uuid}/",
        "/privacy/beleid/",
    ]
    grow(0)
    one = [count(client, p) for p in paths]
    for i in range(1, 20):
        grow(i)
    twenty = [count(client, p) for p in paths]
    print(f"B1 queries framework/plan/model policy/policy overview rows=1:{one} rows=20:{twenty}")
    assert one == twenty
    assert max(twenty) <= MAX_QUERIES
