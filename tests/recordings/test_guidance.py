"""R2, R3 with X7: a refusal says what blocks, what to do and whom to ask."""

import pytest
from django.core.exceptions import ValidationError

from portal.models import DomainTrust
from portal.roles import Role, role_group
from recordings import services
from tests.recordings.factories import AccessGrantFactory, AppearingEmployeeFactory

pytestmark = pytest.mark.django_db


def url(recording):
    return f"/opnames/{recording.uuid}/"


def test_r3_no_trust_says_whom_to_ask_and_the_direction(world, login, organiser, recording):
    AccessGrantFactory(recording=recording, body=world.a.raad)
    administrator = world.a.users[Role.ADMINISTRATOR]
    page = login(organiser).get(url(recording)).content.decode()
    assert "Wat te doen: een vertrouwensrelatie ontbreekt" in page
    assert administrator.email in page  # whom to ask, by name and address
    assert world.b.users[Role.ADMINISTRATOR].email not in page  # never another municipality's
    assert f"van {world.a.org.name} (het domein dat deelt) naar {world.a.council.name}" in page
    assert "/admin/portal/domaintrust/add/" not in page  # not an administrator: no link


def test_r3_administrator_gets_the_trust_form_filled_in(world, login, organiser, recording):
    """An organiser who is also an administrator gets a link to the admin's form, with the
    two domains in the right direction already chosen."""
    organiser.groups.add(role_group(Role.ADMINISTRATOR))
    organiser.is_staff = True
    organiser.save()
    AccessGrantFactory(recording=recording, body=world.a.raad)
    client = login(organiser)
    page = client.get(url(recording)).content.decode()
    link = f"/admin/portal/domaintrust/add/?source={world.a.org.pk}&amp;target={world.a.council.pk}"
    assert link in page
    form = client.get(link.replace("&amp;", "&")).content.decode()
    assert f'<option value="{world.a.org.pk}" selected>' in form
    assert f'<option value="{world.a.council.pk}" selected>' in form


def test_r3_no_guidance_when_every_trust_is_there(world, login, organiser, recording):
    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    AccessGrantFactory(recording=recording, body=world.a.raad)
    page = login(organiser).get(url(recording)).content.decode()
    assert "Wat te doen: een vertrouwensrelatie ontbreekt" not in page


def test_r2_trust_form_explains_the_direction_in_words(world, login):
    administrator = world.a.users[Role.ADMINISTRATOR]
    client = login(administrator)
    form = client.get("/admin/portal/domaintrust/add/").content.decode()
    assert "werkt in één richting" in form
    assert "Het domein waarvan de gebruikers die opnames mogen bekijken" in form
    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    listing = client.get("/admin/portal/domaintrust/").content.decode()
    assert (
        f"De gebruikers van {world.a.council.name} mogen opnames van {world.a.org.name} bekijken"
        in listing
    )


def test_r3_r6_publish_refusal_names_the_domain_and_the_objection(
    world, login, organiser, recording
):
    AccessGrantFactory(recording=recording, body=world.a.raad)
    AppearingEmployeeFactory(
        recording=recording,
        name="Vakambtenaar financiën",
        objecting=True,
    )
    with pytest.raises(ValidationError) as refused:
        services.recording_publish(actor=organiser, recording=recording)
    (message,) = refused.value.messages
    assert f"{world.a.council.name}: er is geen vertrouwensrelatie" in message
    assert "Het bezwaar van Vakambtenaar financiën wacht op uw beslissing." in message
    page = login(organiser).post(f"{url(recording)}publiceren/", follow=True).content.decode()
    assert "Vakambtenaar financiën wacht op uw beslissing" in page


def test_r3_publish_refusal_without_any_grant_says_to_share_first(organiser, recording):
    with pytest.raises(ValidationError) as refused:
        services.recording_publish(actor=organiser, recording=recording)
    assert "voeg eerst een kijkrecht toe" in refused.value.messages[0]


def test_r3_test_invitation_without_trust_says_whom_to_ask(world, login, organiser, recording):
    """The test invitation's "Geen vertrouwensrelatie" gets the recording page's guidance."""
    AccessGrantFactory(recording=recording, body=world.a.raad)
    member = world.a.users[Role.COUNCIL_MEMBER]
    invite = f"{url(recording)}testuitnodiging/"
    page = login(organiser).post(invite, {"user": member.pk}).content.decode()
    assert "Zou niet werken" in page
    assert "Wat te doen: een vertrouwensrelatie ontbreekt" in page
    assert world.a.users[Role.ADMINISTRATOR].email in page
    assert world.b.users[Role.ADMINISTRATOR].email not in page
    assert f"van {world.a.org.name} (het domein dat deelt) naar {world.a.council.name}" in page
    assert "/admin/portal/domaintrust/add/" not in page  # not an administrator: no link

    organiser.groups.add(role_group(Role.ADMINISTRATOR))
    organiser.is_staff = True
    organiser.save()
    page = login(organiser).post(invite, {"user": member.pk}).content.decode()
    link = f"/admin/portal/domaintrust/add/?source={world.a.org.pk}&amp;target={world.a.council.pk}"
    assert link in page

    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    page = login(organiser).post(invite, {"user": member.pk}).content.decode()
    assert "Wat te doen: een vertrouwensrelatie ontbreekt" not in page
