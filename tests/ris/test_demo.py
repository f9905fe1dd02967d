"""T5: the demo's own example RIS and its seed: bin/demo shows synced data."""

import pytest

from portal.models import Membership
from portal.roles import Role
from ris.constants import ProposalStatus
from ris.demo import seed_demo
from ris.models import AgendaItem, Meeting, Person, SyncRun

pytestmark = pytest.mark.django_db


def test_t5_the_example_ris_is_served_in_demo_mode_only(client, settings):
    settings.PORTAL_DEMO = False
    assert client.get("/ris/voorbeeld-api/vergaderingen").status_code == 404
    settings.PORTAL_DEMO = True
    page = client.get("/ris/voorbeeld-api/agendapunten").json()
    assert len(page["results"]) == 2 and page["next"].endswith("/agendapunten?page=2")
    assert client.get("/ris/voorbeeld-api/agendapunten", {"page": "2"}).json()["next"] is None
    assert client.get("/ris/voorbeeld-api/onbekend").status_code == 404


def test_t5_the_demo_seed_synchronises_the_example_and_links_the_members(world):
    member = world.a.users[Role.COUNCIL_MEMBER]
    users = {"raadslid1": member}
    seed_demo(world.a.municipality, users, {})
    seed_demo(world.a.municipality, users, {})  # idempotent
    assert Meeting.objects.filter(municipality=world.a.municipality).count() == 2
    assert Person.objects.get(ris_id="np-1").user == member
    assert Membership.objects.get(body=world.a.raad, user=member).ris_id == "fl-1"
    assert AgendaItem.objects.get(ris_id="ap-3").proposal == ProposalStatus.PROPOSED
    last = SyncRun.objects.order_by("-created_at").first()
    assert (last.status, last.created, last.changed, last.ended) == ("done", 0, 0, 0)
