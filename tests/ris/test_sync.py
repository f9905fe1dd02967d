"""T5: the sync with the council information system, against a local ORI API started by the
test and serving data checked against the specification's schemas."""

import datetime
import json
from pathlib import Path

import jsonschema_rs
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from confidentiality.models import ClosedSession
from confidentiality.selectors import shared_items
from portal.models import Body, Membership
from portal.roles import Role
from privacy_policy.constants import MotionStatus
from privacy_policy.models import Commitment, Motion
from privacy_policy.services import motion_update
from ris import example
from ris.constants import ProposalStatus, SyncStatus
from ris.models import AgendaItem, Meeting, Person
from ris.services import closed_session_confirm, person_link, sync_run
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory

SCHEMAS = json.loads((Path(__file__).parent / "schemas" / "ori-2.0.0-beta.json").read_text())
PAGES = {
    "natuurlijkpersonen": "PaginatedNatuurlijkPersoonList",
    "fractielidmaatschappen": "PaginatedFractieLidmaatschapList",
    "vergaderingen": "PaginatedVergaderingList",
    "agendapunten": "PaginatedAgendapuntList",
    "informatieobjecten": "PaginatedInformatieObjectList",
    "indieners": "PaginatedIndienerList",
    "stemmingen": "PaginatedStemmingList",
}


def no_wait(seconds):
    pass


def sync(connection, **kwargs):
    return sync_run(connection=connection, sleep=no_wait, **kwargs)


def state():
    """What the sync writes, to compare before and after."""
    return (
        sorted(Body.objects.values_list("name", "ris_id")),
        sorted(Membership.objects.values_list("ris_id", "start", "end")),
        sorted(Meeting.objects.values_list("ris_id", "name", "date")),
        sorted(AgendaItem.objects.values_list("ris_id", "title", "proposal")),
        sorted(Motion.objects.values_list("ris_id", "title", "status")),
        sorted(Commitment.objects.values_list("ris_id", "title")),
        sorted(Person.objects.values_list("ris_id", "name")),
    )


def test_t5_the_example_ris_is_shaped_by_the_ori_specification():
    collections = example.collections("http://ris.test/api/ori/")
    assert set(collections) == set(PAGES)
    for path, schema in PAGES.items():
        validator = jsonschema_rs.validator_for({"$ref": f"#/$defs/{schema}", **SCHEMAS})
        page = {"next": None, "previous": None, "results": collections[path]}
        errors = [e.message for e in validator.iter_errors(page)]
        assert errors == [], (path, errors)


@pytest.mark.django_db
def test_t5_first_sync_creates_and_second_changes_nothing(world, connection):
    first = sync(connection)
    assert first.status == SyncStatus.DONE, first.error
    assert first.created > 0
    assert Person.objects.filter(municipality=world.a.municipality).count() == 3
    assert Meeting.objects.count() == 2 and AgendaItem.objects.count() == 4
    world.a.raad.refresh_from_db()
    assert world.a.raad.ris_id == "raad"  # the typed-in raad is adopted, not doubled
    assert Body.objects.get(ris_id="cie-bm").name == "Commissie Bestuur en Middelen"
    motion = Motion.objects.get(ris_id="mo-1")
    assert motion.status == MotionStatus.ADOPTED and "Vries" in motion.submitters
    assert Motion.objects.get(ris_id="am-1").status == MotionStatus.REJECTED
    assert Commitment.objects.get(ris_id="tz-1").deadline > Commitment.objects.get().made_on
    before = state()

    second = sync(connection)
    assert second.status == SyncStatus.DONE
    assert (second.created, second.changed, second.ended) == (0, 0, 0)
    assert state() == before


@pytest.mark.django_db
def test_t5_c4_an_ended_membership_in_the_ris_ends_access_to_what_the_raad_received(
    world, connection, ori
):
    member = world.a.users[Role.COUNCIL_MEMBER]
    sync(connection)
    person_link(
        actor=world.a.users[Role.CLERK], person=Person.objects.get(ris_id="np-2"), user=member
    )
    sync(connection)
    membership = Membership.objects.get(body=world.a.raad, user=member)
    assert membership.ris_id == "fl-2"  # the seat typed before the RIS is adopted (T5)
    item = SecrecyItemFactory(imposing_body=world.a.college)
    ShareFactory(item=item, body=world.a.raad)
    assert shared_items(member).filter(pk=item.pk).exists()

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    seat = next(s for s in ori.collections["fractielidmaatschappen"] if s["id"] == "fl-2")
    seat["datumEindeFractieLidmaatschap"] = f"{yesterday}T00:00:00+01:00"
    run = sync(connection)

    assert run.ended == 1, run.summary
    membership.refresh_from_db()
    assert membership.end == yesterday
    assert not shared_items(member).filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_t5_c3_a_closed_agenda_item_proposes_a_closed_session_the_clerk_confirms(world, connection):
    sync(connection)
    item = AgendaItem.objects.get(ris_id="ap-3")
    assert item.proposal == ProposalStatus.PROPOSED
    assert (
        AgendaItem.objects.exclude(ris_id="ap-3").filter(proposal=ProposalStatus.PROPOSED).count()
        == 0
    )
    assert not ClosedSession.objects.exists()  # proposed, not registered: the clerk decides

    closed_session_confirm(
        actor=world.a.users[Role.CLERK],
        item=item,
        grounds=["5.1.2.b"],
        review_date=timezone.localdate() + datetime.timedelta(days=365),
    )
    item.refresh_from_db()
    session = ClosedSession.objects.get()
    assert item.proposal == ProposalStatus.CONFIRMED and item.closed_session_uuid == session.uuid
    assert session.body == world.a.raad and session.date == item.meeting.date
    sync(connection)
    item.refresh_from_db()
    assert item.proposal == ProposalStatus.CONFIRMED  # a new sync does not ask again


@pytest.mark.django_db
def test_t5_an_api_error_leaves_the_previous_state_intact_after_bounded_retries(connection, ori):
    sync(connection)
    before = state()
    ori.collections["vergaderingen"][0]["naam"] = "Hernoemd"
    ori.faults["agendapunten"] = [503, 503, 503, 503, 503]
    hits = len(ori.hits)

    run = sync(connection)

    assert run.status == SyncStatus.FAILED
    assert "status 503" in run.error
    assert state() == before
    assert sum("agendapunten" in hit for hit in ori.hits[hits:]) == 4  # 1 try + 3 retries


@pytest.mark.django_db
def test_t5_a_passing_fault_is_retried(connection, ori):
    ori.faults["vergaderingen"] = [503]
    assert sync(connection).status == SyncStatus.DONE


@pytest.mark.django_db
@pytest.mark.parametrize("spoil", ["garbage", "unknown_meeting", "no_surname"])
def test_t5_nonsense_from_the_api_writes_nothing(connection, ori, spoil):
    if spoil == "garbage":
        ori.garbage.add("informatieobjecten")
    elif spoil == "unknown_meeting":
        ori.collections["agendapunten"][0]["vergadering"]["id"] = "vg-404"
    else:
        ori.collections["natuurlijkpersonen"][0]["naamNatuurlijkPersoon"] = {}
    run = sync(connection)
    assert run.status == SyncStatus.FAILED and run.error
    assert not Person.objects.exists() and not Meeting.objects.exists()
    assert not Motion.objects.exists()


@pytest.mark.django_db
def test_t5_paging_is_followed_to_the_last_page(connection, ori):
    ori.page_size = 1
    run = sync(connection)
    assert run.status == SyncStatus.DONE
    assert AgendaItem.objects.count() == 4
    assert any(hit.endswith("agendapunten?page=4") for hit in ori.hits)


@pytest.mark.django_db
def test_t5_fields_from_the_ris_are_refused_locally_the_follow_up_is_not(world, connection):
    clerk = world.a.users[Role.CLERK]
    sync(connection)
    motion = Motion.objects.get(ris_id="mo-1")
    with pytest.raises(ValidationError) as refused:
        motion_update(actor=clerk, motion=motion, title="Anders")
    assert "raadsinformatiesysteem" in str(refused.value)
    motion_update(actor=clerk, motion=motion, title=motion.title, college_advice="Overnemen.")
    assert Motion.objects.get(pk=motion.pk).college_advice == "Overnemen."


@pytest.mark.django_db
def test_t5_a_person_is_linked_to_a_council_account_only(world, connection):
    sync(connection)
    person = Person.objects.get(ris_id="np-1")
    with pytest.raises(ValidationError):
        person_link(
            actor=world.a.users[Role.CLERK], person=person, user=world.a.users[Role.CIVIL_SERVANT]
        )
    assert Person.objects.get(pk=person.pk).user is None


@pytest.mark.django_db
def test_t5_the_command_prints_what_it_created_changed_and_ended(world, ori, capsys):
    call_command("ris_sync", world.a.municipality.slug, "--url", ori.url, "--quiet")
    assert "created=" in capsys.readouterr().out
    call_command("ris_sync", world.a.municipality.slug, "--url", ori.url, "--quiet")
    assert "created=0 changed=0 ended=0" in capsys.readouterr().out
