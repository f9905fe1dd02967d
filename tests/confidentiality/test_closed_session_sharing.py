"""C3 with C4: a closed session's minutes and documents go to the body that met, as a whole,
unless the clerk chooses otherwise (issue 15)."""

import datetime
import re

import pytest
from django.utils import timezone

from confidentiality import services
from confidentiality.constants import WooGround
from confidentiality.models import SecrecyItem, Share
from confidentiality.selectors import items_visible_to
from portal.models import AuditEvent, Notification
from portal.roles import Role

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FORM = "/geheimhouding/besloten-vergadering/"


def register_session(world, **kwargs):
    return services.closed_session_register(
        actor=world.a.users[Role.CLERK],
        body=world.a.raad,
        date=TODAY,
        grounds=[WooGround.LID2_E],
        review_date=TODAY + datetime.timedelta(days=180),
        document_subjects=["Bijlage: taxatierapport"],
        **kwargs,
    )


def test_c3_c4_closed_session_is_shared_with_the_body_that_met_by_default(world):
    session = register_session(world)
    items = list(session.items.all())
    assert len(items) == 2
    assert {(s.item_id, s.body_id) for s in Share.objects.all()} == {
        (item.pk, world.a.raad.pk) for item in items
    }
    member = world.a.users[Role.COUNCIL_MEMBER]
    assert set(items_visible_to(member)) == set(items)  # the raad's members can read them
    notices = Notification.objects.filter(kind="secrecy.shared")
    assert notices.filter(recipient=member).count() == 2  # one per item, without content
    assert not notices.filter(recipient=world.a.users[Role.CLERK]).exists()
    assert not any("taxatierapport" in n.title + str(n.params) for n in notices)
    shares = AuditEvent.objects.filter(action="secrecy.share")
    assert {e.object_id for e in shares} == {str(item.uuid) for item in items}
    assert all(e.details["by_default"] for e in shares)
    register = AuditEvent.objects.get(action="secrecy.closed_session_register")
    assert register.details["shared_with_body"] is True


def test_c3_c4_clerk_can_register_a_closed_session_without_sharing(world):
    session = register_session(world, share_with_body=False)
    assert session.items.count() == 2
    assert not Share.objects.exists()
    assert not Notification.objects.exists()
    assert not items_visible_to(world.a.users[Role.COUNCIL_MEMBER]).exists()
    register = AuditEvent.objects.get(action="secrecy.closed_session_register")
    assert register.details["shared_with_body"] is False
    assert not AuditEvent.objects.filter(action="secrecy.share").exists()


def test_c3_c4_form_shares_with_the_body_unless_the_clerk_unticks_it(world, login):
    client = login(world.a.users[Role.CLERK])
    page = client.get(FORM).content.decode()
    assert "Verslag en stukken delen met het orgaan dat vergaderde" in page
    assert re.search(r'<input[^>]*name="share_with_body"[^>]*\bchecked\b', page)  # by default
    data = {
        "body": str(world.a.raad.pk),
        "date": str(TODAY),
        "grounds": [WooGround.LID2_E.value],
        "review_date": str(TODAY + datetime.timedelta(days=180)),
    }
    assert client.post(FORM, {**data, "share_with_body": "on"}).status_code == 302
    assert Share.objects.filter(body=world.a.raad).count() == 1
    assert client.post(FORM, {**data, "reference": "B-2"}).status_code == 302  # unticked
    unshared = SecrecyItem.objects.get(reference="B-2")
    assert not Share.objects.filter(item=unshared).exists()


def test_c3_c9_closed_session_items_have_public_subjects_from_body_and_date(world):
    session = register_session(world, minutes_subject="Verslag: ontslag directeur")
    public = sorted(session.items.values_list("public_subject", flat=True))
    assert public[0].startswith("Stuk bij de besloten vergadering van ")
    assert public[1].startswith("Verslag besloten vergadering ")
    assert not any("ontslag" in p or "taxatierapport" in p for p in public)
