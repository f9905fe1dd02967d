"""P7: model policies are shared across municipalities (the only shared objects, T1); adoptions
and deviations stay per municipality; editing needs a grant on the model policy, not a role;
a new version notifies adopters with a section-by-section difference."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from guardian.shortcuts import assign_perm

from portal.models import AuditEvent, Notification
from portal.roles import Role
from privacy_policy import selectors, services
from privacy_policy.diff import section_diff
from privacy_policy.views.model_policies import parse_sections
from tests.factories import UserFactory
from tests.privacy_policy.factories import ModelPolicyVersionFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2015, 3, 1)
V2 = [
    ("1", "Uitgangspunten", "Wij verwerken alleen gegevens die nodig zijn."),
    ("2", "Delen van gegevens", "Gegevens worden alleen gedeeld met uitdrukkelijke toestemming."),
    ("3", "Rechten van betrokkenen", "Inzage binnen vier weken."),
]


@pytest.fixture
def v1():
    return ModelPolicyVersionFactory()


@pytest.fixture
def model(v1):
    return v1.model_policy


def adopt(side, model, version, deviate=True):
    officer = side.users[Role.PRIVACY_OFFICER]
    adoption = services.adoption_record(
        actor=officer,
        model_policy=model,
        version=version,
        adopted_by=side.raad,
        adopted_on=DAY,
        decision_reference=f"Raadsbesluit {side.municipality.slug}",
    )
    if deviate:
        services.deviation_record(
            actor=officer,
            adoption=adoption,
            section_key="2",
            text=f"Eigen tekst van {side.municipality.name}",
            reason="Onze wijkteams werken anders",
        )
    return adoption


@pytest.fixture
def editor(world, model):
    """An author of the model policy: a grant on this object, not a municipality role."""
    user = UserFactory(email="opsteller@alfa.example", identity_domain=world.a.org)
    assign_perm("privacy_policy.edit_model_policy", user, model)
    return user


def test_p7_t1_adoptions_are_invisible_to_other_municipalities_while_the_model_is_shared(
    world, login, model, v1
):
    adoption = adopt(world.a, model, v1)
    b_officer = world.b.users[Role.PRIVACY_OFFICER]
    # The model itself is shared: b sees it.
    assert list(selectors.model_policies_for(b_officer)) == [model]
    client = login(b_officer)
    page = client.get(f"/privacy/voorbeeldbeleid/{model.uuid}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert model.title in html
    # a's adoption is not: not in the selectors, not on the page, not by its address.
    assert selectors.adoption_for(b_officer, model) is None
    assert selectors.comparison(b_officer, model) == []
    assert "Eigen tekst van Gemeente Alfa" not in html and "Gemeente Alfa" not in html
    assert client.get(f"/privacy/vaststellingen/{adoption.uuid}/afwijking/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.deviation_record(
            actor=b_officer, adoption=adoption, section_key="1", text="x", reason="y"
        )
    # a sees its own adoption and deviation.
    a_html = login(world.a.users[Role.PRIVACY_OFFICER]).get(
        f"/privacy/voorbeeldbeleid/{model.uuid}/"
    )
    assert "Eigen tekst van Gemeente Alfa" in a_html.content.decode()


def test_p7_editing_needs_the_grant_on_the_model_not_a_role(world, model, editor):
    officer = world.a.users[Role.PRIVACY_OFFICER]
    with pytest.raises(PermissionDenied):
        services.model_policy_publish_version(
            actor=officer, model_policy=model, sections=V2, published_on=DAY
        )
    # A global permission (as a role would give) is not enough either.
    officer.user_permissions.add(
        Permission.objects.get(
            codename="edit_model_policy", content_type__app_label="privacy_policy"
        )
    )
    officer = type(officer).objects.get(pk=officer.pk)  # fresh permission cache
    with pytest.raises(PermissionDenied):
        services.model_policy_publish_version(
            actor=officer, model_policy=model, sections=V2, published_on=DAY
        )
    version = services.model_policy_publish_version(
        actor=editor, model_policy=model, sections=V2, published_on=DAY
    )
    assert version.number == 2 and version.sections.count() == 3
    assert AuditEvent.objects.filter(action="model_policy.publish", result="success").count() == 1


def test_p7_new_version_notifies_each_adopter_with_the_sections_that_changed(
    world, login, model, v1, editor
):
    adopt(world.a, model, v1)
    adopt(world.b, model, v1, deviate=False)
    services.model_policy_publish_version(
        actor=editor, model_policy=model, sections=V2, published_on=DAY
    )
    for side in (world.a, world.b):
        note = Notification.objects.get(
            recipient=side.users[Role.PRIVACY_OFFICER], kind="privacy_policy.model_version"
        )
        assert note.params["sections"] == "2, 3"
        assert note.municipality_id == side.municipality.pk
        assert note.link.endswith("?van=1&naar=2")
    # Nobody else is told (a council member, a civil servant).
    assert Notification.objects.filter(kind="privacy_policy.model_version").count() == 2
    html = login(world.a.users[Role.PRIVACY_OFFICER]).get(note.link).content.decode()
    assert "<ins>uitdrukkelijke</ins>" in html
    assert "Rechten van betrokkenen</strong>: nieuw" in html


def test_p7_comparison_editor_sees_who_deviates_where_without_texts(world, model, v1, editor):
    adopt(world.a, model, v1)
    adopt(world.b, model, v1, deviate=False)
    rows = selectors.comparison(editor, model)
    assert [(r["municipality"], r["deviating"]) for r in rows] == [
        ("Gemeente Alfa", {"2"}),
        ("Gemeente Beta", set()),
    ]
    assert set(rows[0]) == {"municipality", "version", "adopted_on", "deviating"}
    own = selectors.comparison(world.b.users[Role.PRIVACY_OFFICER], model)
    assert [r["municipality"] for r in own] == ["Gemeente Beta"]


def test_p7_deviation_needs_text_reason_and_a_section_of_the_adopted_version(world, model, v1):
    adoption = adopt(world.a, model, v1, deviate=False)
    officer = world.a.users[Role.PRIVACY_OFFICER]
    with pytest.raises(ValidationError) as refused:
        services.deviation_record(
            actor=officer, adoption=adoption, section_key="2", text="x", reason=" "
        )
    assert refused.value.code == "reason"
    with pytest.raises(ValidationError) as refused:
        services.deviation_record(
            actor=officer, adoption=adoption, section_key="9", text="x", reason="y"
        )
    assert "Paragraaf 9" in refused.value.messages[0]
    assert not adoption.deviations.exists()
    assert AuditEvent.objects.filter(action="model_policy.deviate", result="denied").count() == 2


def test_p7_adoption_body_must_be_of_the_own_municipality(world, model, v1):
    with pytest.raises(ValidationError):
        services.adoption_record(
            actor=world.a.users[Role.PRIVACY_OFFICER],
            model_policy=model,
            version=v1,
            adopted_by=world.b.raad,
            adopted_on=DAY,
            decision_reference="x",
        )


def test_p7_section_diff_and_the_section_format():
    old = [("1", "A", "een twee drie"), ("2", "B", "weg")]
    new = [("1", "A", "een vier drie"), ("3", "C", "nieuw")]
    changes = {c.key: c for c in section_diff(old, new)}
    assert changes["1"].change == "changed"
    assert [(s.op, s.text) for s in changes["1"].segments] == [
        ("same", "een"),
        ("del", "twee"),
        ("ins", "vier"),
        ("same", "drie"),
    ]
    assert changes["2"].change == "removed" and changes["3"].change == "added"
    assert parse_sections("## 1 Kop\nTekst\n\n## 2 Tweede\nMeer") == [
        ("1", "Kop", "Tekst"),
        ("2", "Tweede", "Meer"),
    ]
    with pytest.raises(ValidationError):
        parse_sections("tekst zonder kop")


def test_p7_the_service_centre_grants_and_revokes_an_editor(world, model):
    from django.core.management import call_command

    author = world.b.users[Role.CIVIL_SERVANT]
    call_command("model_policy_editor", author.email, model.title)
    assert (
        type(author).objects.get(pk=author.pk).has_perm("privacy_policy.edit_model_policy", model)
    )
    call_command("model_policy_editor", author.email, model.title, "--revoke")
    assert (
        not type(author)
        .objects.get(pk=author.pk)
        .has_perm("privacy_policy.edit_model_policy", model)
    )
    assert AuditEvent.objects.filter(action__startswith="model_policy.editor_").count() == 2


def test_p7_the_service_centre_creates_a_model_policy_with_its_first_editor(world):
    from django.core.management import call_command

    from privacy_policy.models import ModelPolicy

    author = world.a.users[Role.CIVIL_SERVANT]
    call_command("model_policy_editor", author.email, "Kapstok", "--create", "Twente")
    model = ModelPolicy.objects.get(title="Kapstok")
    assert model.authors == "Twente"
    assert (
        type(author).objects.get(pk=author.pk).has_perm("privacy_policy.edit_model_policy", model)
    )
    assert AuditEvent.objects.filter(action="model_policy.create").count() == 1
