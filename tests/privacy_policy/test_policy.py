"""P5 policy documents with versions and adoption; P6 norms, audits, findings, measures and
coverage; P8 action plans with actions and evaluations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from portal.models import AuditEvent
from portal.roles import Role
from privacy_policy import selectors, services
from privacy_policy.services.policy import framework_create

pytestmark = pytest.mark.django_db

DAY = datetime.date(2017, 3, 1)


@pytest.fixture
def fg(world):
    return world.a.users[Role.PRIVACY_OFFICER]


@pytest.fixture
def framework(fg):
    return framework_create(
        actor=fg,
        title="Normenkader privacy",
        norms=[
            ("N1", "Koppelingen van bestanden zijn vooraf getoetst op privacyrisico's"),
            ("N2", "Er is een register van verwerkingen"),
            ("N3", "Datalekken worden binnen 72 uur gemeld"),
        ],
    )


def test_p5_versions_with_adoption_and_what_changed(world, login, fg):
    first = services.policy_version_add(
        actor=fg,
        kind="privacynota",
        title="Privacynota Haarlem",
        text="De gemeente verwerkt persoonsgegevens zorgvuldig.",
        adopted_by=world.a.raad,
        adopted_on=DAY,
        decision_reference="Raadsbesluit 2017/45",
    )
    second = services.policy_version_add(
        actor=fg,
        document=first.document,
        text="De gemeente verwerkt persoonsgegevens zorgvuldig en transparant.",
        adopted_by=world.a.college,
        adopted_on=DAY + datetime.timedelta(days=365),
        decision_reference="Collegebesluit 2018/12",
    )
    assert (first.number, second.number) == (1, 2)
    html = login(fg).get(f"/privacy/beleid/stukken/{first.document.uuid}/").content.decode()
    assert "Raadsbesluit 2017/45" in html and "Collegebesluit 2018/12" in html
    assert "<del>zorgvuldig.</del> <ins>zorgvuldig en transparant.</ins>" in html
    assert AuditEvent.objects.filter(action="policy.version_add", result="success").count() == 2


def test_p5_adopting_body_of_another_municipality_is_refused(world, fg):
    with pytest.raises(ValidationError) as refused:
        services.policy_version_add(
            actor=fg,
            kind="privacynota",
            title="x",
            text="x",
            adopted_by=world.b.raad,
            adopted_on=DAY,
            decision_reference="x",
        )
    assert refused.value.code == "other_municipality"


def test_p5_only_the_privacy_officer_keeps_policy(world):
    with pytest.raises(PermissionDenied):
        services.plan_create(actor=world.a.users[Role.CIVIL_SERVANT], title="x")


def test_p6_audits_findings_measures_and_coverage(world, login, fg, framework):
    n1, n2, n3 = framework.norms.order_by("code")
    audit_2018 = services.audit_plan(
        actor=fg, framework=framework, year=2018, title="Audit informatiebeheer", norms=[n1, n2]
    )
    services.audit_plan(actor=fg, framework=framework, year=2019, title="Audit", norms=[n1])
    finding = services.finding_record(
        actor=fg, audit=audit_2018, norm=n1, result="partial", text="Niet alle koppelingen"
    )
    services.finding_record(actor=fg, audit=audit_2018, norm=n2, result="compliant")
    services.measure_add(
        actor=fg,
        finding=finding,
        description="Toets elke koppeling vooraf",
        owner_department="Informatievoorziening",
        deadline=DAY,
    )
    # A finding on a norm the audit did not cover is refused.
    with pytest.raises(ValidationError) as refused:
        services.finding_record(actor=fg, audit=audit_2018, norm=n3, result="compliant")
    assert refused.value.code == "norm_not_audited"
    years, rows = selectors.coverage(framework, list(selectors.audits_for_framework(framework)))
    assert years == [2018, 2019]
    by_code = {r["norm"].code: [(c["result"], c["planned"]) for c in r["cells"]] for r in rows}
    assert by_code == {
        "N1": [("partial", True), ("", True)],
        "N2": [("compliant", True), ("", False)],
        "N3": [("", False), ("", False)],
    }
    html = login(world.a.users[Role.CIVIL_SERVANT]).get(
        f"/privacy/beleid/normenkaders/{framework.uuid}/"
    )
    assert html.status_code == 200
    body = html.content.decode()
    assert "voldoet deels" in body and "Toets elke koppeling vooraf" in body
    assert body.count("<rect") >= 4  # the picture: three results/plans + legend


def test_p6_t1_other_municipality_gets_404(world, login, framework):
    client = login(world.b.users[Role.PRIVACY_OFFICER])
    assert client.get(f"/privacy/beleid/normenkaders/{framework.uuid}/").status_code == 404


def test_p8_action_plan_with_actions_per_target_group_or_product_and_evaluations(world, login, fg):
    plan = services.plan_create(actor=fg, title="Plan van aanpak Digivangnet")
    services.action_add(
        actor=fg,
        plan=plan,
        title="Testpanel voor ouderen",
        target_kind="target_group",
        target="ouderen",
        owner_department="Dienstverlening",
    )
    services.action_add(
        actor=fg,
        plan=plan,
        title="In kaart brengen waar mensen uitvallen",
        target_kind="product",
        target="digitale producten",
        owner_department="Dienstverlening",
        status="in_progress",
    )
    services.evaluation_add(actor=fg, plan=plan, evaluated_on=DAY, text="Eerste evaluatie")
    with pytest.raises(ValidationError):
        services.action_add(
            actor=fg,
            plan=plan,
            title="x",
            target_kind="elsewhere",
            target="x",
            owner_department="x",
        )
    html = login(world.a.users[Role.MANAGEMENT]).get(f"/privacy/beleid/plannen/{plan.uuid}/")
    body = html.content.decode()
    assert "doelgroep: ouderen" in body and "product: digitale producten" in body
    assert "Eerste evaluatie" in body
    assert plan.actions.count() == 2


def test_p5_p6_p8_the_privacy_officer_creates_through_the_forms(world, login, fg):
    client = login(fg)
    response = client.post(
        "/privacy/beleid/stukken/nieuw/",
        {
            "kind": "privacynota",
            "title": "Privacynota",
            "text": "Zorgvuldig.",
            "adopted_by": world.a.raad.pk,
            "adopted_on": "2017-03-30",
            "decision_reference": "Raadsbesluit 2017/45",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/privacy/beleid/normenkaders/nieuw/",
        {"title": "Normenkader", "norms": "N1 Er is een register\nN2 Lekken binnen 72 uur"},
    )
    assert response.status_code == 302
    framework = selectors.frameworks_for(fg).get()
    assert list(framework.norms.values_list("code", flat=True)) == ["N1", "N2"]
    n1 = framework.norms.get(code="N1")
    response = client.post(
        f"/privacy/beleid/normenkaders/{framework.uuid}/audit/",
        {"year": 2018, "title": "Audit 2018", "norms": [n1.pk]},
    )
    assert response.status_code == 302
    audit = framework.audits.get()
    finding = services.finding_record(actor=fg, audit=audit, norm=n1, result="non_compliant")
    response = client.post(
        f"/privacy/beleid/bevindingen/{finding.uuid}/maatregel/",
        {"description": "Register aanleggen", "owner_department": "IV", "deadline": "2018-12-31"},
    )
    assert response.status_code == 302 and finding.measures.count() == 1
    response = client.post("/privacy/beleid/plannen/nieuw/", {"title": "Digivangnet"})
    plan = selectors.plans_for(fg).get()
    response = client.post(
        f"/privacy/beleid/plannen/{plan.uuid}/evaluatie/",
        {"evaluated_on": "2017-04-01", "text": "Eerste evaluatie"},
    )
    assert response.status_code == 302 and plan.evaluations.count() == 1
    # A framework line without text is refused with the rule, nothing is stored.
    response = client.post("/privacy/beleid/normenkaders/nieuw/", {"title": "Kapot", "norms": "N1"})
    assert (
        response.status_code == 400
        and "Elke regel heeft een code en een tekst" in response.content.decode()
    )
    assert selectors.frameworks_for(fg).count() == 1
