"""The clerk's register and the council members' view of shared secret items (C4–C7, T1, T4,
X1), with constant query counts for 1 and 20 items."""

import datetime
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import AuditEvent
from portal.roles import Role
from tests.confidentiality.factories import ExclusionFactory, SecrecyItemFactory, ShareFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12
REGISTER = "/geheimhouding/"
SHARED = "/geheimhouding/gedeeld/"


def shared_with_raad(side, **traits):
    return ShareFactory(
        item=SecrecyItemFactory(imposing_body=side.college, **traits), body=side.raad
    )


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


def opened_events(item):
    return AuditEvent.objects.filter(action="secrecy.viewed", object_id=str(item.uuid))


# --- the clerk's register ---------------------------------------------------------------


def test_register_lists_status_body_grounds_and_review_date(world, login):
    item = SecrecyItemFactory(imposing_body=world.a.college, subject="Grondaankoop Zuid")
    page = login(world.a.users[Role.CLERK]).get(REGISTER).content.decode()
    assert "Grondaankoop Zuid" in page
    assert escape(world.a.college.name) in page
    assert "Geheim" in page
    assert "de economische of financiële belangen" in page  # the ground's label, not its code
    assert item.review_date.strftime("%d-%m-%Y") in page


def test_c7_register_marks_and_filters_items_due_for_review(world, login):
    SecrecyItemFactory(
        imposing_body=world.a.college, subject="Te heroverwegen", due_for_review=True
    )
    SecrecyItemFactory(imposing_body=world.a.college, subject="Nog niet aan de beurt")
    client = login(world.a.users[Role.CLERK])
    page = client.get(REGISTER).content.decode()
    assert page.count("utrecht-status-badge--danger") == 1
    due = client.get(REGISTER, {"due": "1"}).content.decode()
    assert "Te heroverwegen" in due
    assert "Nog niet aan de beurt" not in due


def test_c5_register_filters_by_status_and_imposing_body(world, login):
    SecrecyItemFactory(imposing_body=world.a.college, subject="Actief stuk")
    SecrecyItemFactory(imposing_body=world.a.college, subject="Opgeheven stuk", lifted=True)
    SecrecyItemFactory(imposing_body=world.a.raad, subject="Stuk van de raad")
    client = login(world.a.users[Role.CLERK])
    lifted = client.get(REGISTER, {"status": "lifted"}).content.decode()
    assert "Opgeheven stuk" in lifted
    assert "Actief stuk" not in lifted
    by_raad = client.get(REGISTER, {"body": str(world.a.raad.uuid)}).content.decode()
    assert "Stuk van de raad" in by_raad
    assert "Actief stuk" not in by_raad


def test_register_filters_that_find_nothing_say_so(world, login):
    client = login(world.a.users[Role.CLERK])
    assert "Het register is nog leeg." in client.get(REGISTER).content.decode()
    SecrecyItemFactory(imposing_body=world.a.college)
    page = client.get(REGISTER, {"status": "lifted"}).content.decode()
    assert "Geen stukken gevonden met deze filters." in page


def test_register_paginates(world, login):
    for _ in range(26):
        SecrecyItemFactory(imposing_body=world.a.college)
    client = login(world.a.users[Role.CLERK])
    assert 'rel="next"' in client.get(REGISTER).content.decode()
    assert client.get(REGISTER, {"page": "2"}).status_code == 200


def test_x1_register_detail_shows_everything_and_audits_one_open(world, login):
    share = shared_with_raad(world.a)
    item = share.item
    clerk = world.a.users[Role.CLERK]
    client = login(clerk)
    page = client.get(f"{REGISTER}{item.uuid}/").content.decode()
    assert item.subject in page
    assert item.motivation in page
    assert escape(world.a.raad.name) in page  # shared with
    assert "Geschiedenis" in page
    assert opened_events(item).count() == 1
    event = opened_events(item).get()
    assert event.actor == clerk
    assert event.object_type == "confidentiality.secrecyitem"


def test_t1_other_municipality_gets_404(world, login):
    item = shared_with_raad(world.a).item
    clerk_b = login(world.b.users[Role.CLERK])
    assert clerk_b.get(f"{REGISTER}{item.uuid}/").status_code == 404
    assert item.subject not in clerk_b.get(REGISTER).content.decode()
    member_b = login(world.b.users[Role.COUNCIL_MEMBER])
    assert member_b.get(f"{SHARED}{item.uuid}/").status_code == 404
    assert item.subject not in member_b.get(SHARED).content.decode()
    assert not opened_events(item).exists()


def test_council_member_cannot_open_the_register(world, login):
    client = login(world.a.users[Role.COUNCIL_MEMBER])
    assert client.get(REGISTER).status_code == 403


# --- the council members' view ----------------------------------------------------------


def test_c4_member_of_the_shared_body_sees_the_item(world, login):
    item = shared_with_raad(world.a, subject="Aankoop stadion").item
    SecrecyItemFactory(imposing_body=world.a.college, subject="Niet gedeeld")
    member = world.a.users[Role.COUNCIL_MEMBER]
    client = login(member)
    page = client.get(SHARED).content.decode()
    assert "Aankoop stadion" in page
    assert "Niet gedeeld" not in page
    detail = client.get(f"{SHARED}{item.uuid}/")
    assert detail.status_code == 200
    assert escape(world.a.college.name) in detail.content.decode()  # competent to lift (C2)
    assert opened_events(item).filter(actor=member).count() == 1


def test_c4_shared_detail_lists_a_document_without_versions_without_links(world, login):
    from confidentiality.models import Document

    item = shared_with_raad(world.a).item
    Document.objects.create(item=item, title="Taxatierapport")
    page = login(world.a.users[Role.COUNCIL_MEMBER]).get(f"{SHARED}{item.uuid}/").content.decode()
    assert "Taxatierapport" in page
    assert "nog geen versie" in page
    assert "/versies/" not in page  # nothing to open or download yet


def test_c6_excluded_member_sees_an_empty_list_and_404(world, login):
    item = shared_with_raad(world.a).item
    member = world.a.users[Role.COUNCIL_MEMBER]
    ExclusionFactory(member=member, raad=world.a.raad)
    client = login(member)
    page = client.get(SHARED).content.decode()
    assert item.subject not in page
    assert "Er zijn geen geheime stukken met uw organen gedeeld." in page
    assert client.get(f"{SHARED}{item.uuid}/").status_code == 404
    assert not opened_events(item).exists()


def test_t4_former_member_sees_nothing(world, login):
    item = shared_with_raad(world.a).item
    member = world.a.users[Role.COUNCIL_MEMBER]
    world.a.raad.memberships.filter(user=member).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = login(member)
    assert item.subject not in client.get(SHARED).content.decode()
    assert client.get(f"{SHARED}{item.uuid}/").status_code == 404


def test_c5_lifted_item_leaves_the_members_list(world, login):
    item = shared_with_raad(world.a, lifted=True).item
    client = login(world.a.users[Role.COUNCIL_MEMBER])
    assert item.subject not in client.get(SHARED).content.decode()


def test_shared_list_appears_in_the_council_portal_and_register_on_the_home_page(world, login):
    assert SHARED in login(world.a.users[Role.COUNCIL_MEMBER]).get("/raad/").content.decode()
    assert REGISTER in login(world.a.users[Role.CLERK]).get("/").content.decode()


# --- query counts (B1) ------------------------------------------------------------------


def test_b1_register_query_count_is_constant_for_1_and_20_items(world, login):
    client = login(world.a.users[Role.CLERK])
    shared_with_raad(world.a)
    one = count(client, REGISTER)
    for _ in range(19):
        shared_with_raad(world.a)
    twenty = count(client, REGISTER)
    print(f"B1 queries {REGISTER} rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= MAX_QUERIES


def test_b1_shared_list_query_count_is_constant_for_1_and_20_items(world, login):
    client = login(world.a.users[Role.COUNCIL_MEMBER])
    shared_with_raad(world.a)
    one = count(client, SHARED)
    for _ in range(19):
        shared_with_raad(world.a)
    twenty = count(client, SHARED)
    print(f"B1 queries {SHARED} rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= MAX_QUERIES


def add_document(item, n):
    """A document with two versions (the secret one and the public one, C10) and a passage."""
    from confidentiality.models import Document, DocumentVersion, Passage

    document = Document.objects.create(item=item, title=f"Bijlage {n}")
    for number, public in ((1, False), (2, True)):
        DocumentVersion.objects.create(
            document=document,
            number=number,
            is_public=public,
            file=f"confidentiality/test/{n}-{number}.pdf",
            size=1024,
            sha256="0" * 64,
            uploaded_by=item.registered_by,
        )
    Passage.objects.create(document=document, location="pagina 2", grounds=item.grounds)


def test_b1_details_query_count_is_constant_for_1_and_20_documents(world, login):
    item = shared_with_raad(world.a).item
    clerk = login(world.a.users[Role.CLERK])
    member = login(world.a.users[Role.COUNCIL_MEMBER])
    register, shared = f"{REGISTER}{item.uuid}/", f"{SHARED}{item.uuid}/"
    add_document(item, 0)
    one = (count(clerk, register), count(member, shared))
    for n in range(1, 20):
        add_document(item, n)
    twenty = (count(clerk, register), count(member, shared))
    print(f"B1 queries register detail {one[0]}/{twenty[0]}, shared detail {one[1]}/{twenty[1]}")
    assert one == twenty
    assert max(twenty) <= MAX_QUERIES


def test_c10_register_detail_lists_versions_and_passages_with_their_grounds(world, login):
    item = shared_with_raad(world.a).item
    add_document(item, 7)
    page = login(world.a.users[Role.CLERK]).get(f"{REGISTER}{item.uuid}/").content.decode()
    assert "Bijlage 7" in page
    assert "openbare versie" in page and "geheime versie" in page
    assert "pagina 2" in page


def test_x1_register_detail_history_shows_the_items_audit_events(world, login):
    from confidentiality import services

    item = SecrecyItemFactory(imposing_body=world.a.college)
    clerk = world.a.users[Role.CLERK]
    services.item_share_with_body(actor=clerk, item=item, body=world.a.raad)
    client = login(clerk)
    page = client.get(f"{REGISTER}{item.uuid}/").content.decode()
    # X7: the history names each action by its label, never by the stored string.
    assert "Geheim stuk gedeeld met een orgaan" in page
    assert "Geheim stuk bekeken" in page  # this very visit
    assert "secrecy.share" not in page and "secrecy.viewed" not in page
    assert escape(world.a.raad.name) in page  # shared with
    history = client.get(f"{REGISTER}{item.uuid}/geschiedenis/")
    assert history.status_code == 200
    assert "Geheim stuk gedeeld met een orgaan" in history.content.decode()
    assert opened_events(item).count() == 2  # the detail and the history page


def test_c7_register_detail_lists_reviews(world, login):
    from confidentiality import services

    item = SecrecyItemFactory(imposing_body=world.a.college)
    clerk = world.a.users[Role.CLERK]
    today = timezone.localdate()
    services.review_record(
        actor=clerk,
        item=item,
        reviewed_on=today,
        next_review_date=today + datetime.timedelta(days=180),
        note="Onderhandelingen lopen nog",
    )
    page = login(clerk).get(f"{REGISTER}{item.uuid}/").content.decode()
    assert "Onderhandelingen lopen nog" in page
    assert (today + datetime.timedelta(days=180)).strftime("%d-%m-%Y") in page


def test_b1_council_dashboard_and_filtered_register_constant_for_1_and_20_items(world, login):
    """The filtered register must still render 20 rows: every item is due and has the ground."""
    from confidentiality.constants import WooGround

    member = login(world.a.users[Role.COUNCIL_MEMBER])
    clerk = login(world.a.users[Role.CLERK])
    filtered = f"{REGISTER}?ground={WooGround.LID2_B.value}&status=active&due=1"
    shared_with_raad(world.a, due_for_review=True)
    one = (count(member, "/raad/"), count(clerk, filtered))
    for _ in range(19):
        shared_with_raad(world.a, due_for_review=True)
    twenty = (count(member, "/raad/"), count(clerk, filtered))
    print(f"B1 queries /raad/ {one[0]}/{twenty[0]}, filtered register {one[1]}/{twenty[1]}")
    assert one == twenty
    assert max(twenty) <= MAX_QUERIES


def test_c1_register_filters_by_ground(world, login):
    from confidentiality.constants import WooGround

    SecrecyItemFactory(imposing_body=world.a.college, subject="Economisch belang")
    SecrecyItemFactory(
        imposing_body=world.a.college, subject="Privacy", grounds=[WooGround.LID2_E.value]
    )
    page = (
        login(world.a.users[Role.CLERK])
        .get(REGISTER, {"ground": WooGround.LID2_E.value})
        .content.decode()
    )
    assert "Privacy" in page and "Economisch belang" not in page


def test_register_csv_exports_the_filtered_register_and_is_audited(world, login):
    SecrecyItemFactory(imposing_body=world.a.college, subject="=HYPERLINK(evil)")
    SecrecyItemFactory(imposing_body=world.a.college, subject="Opgeheven", lifted=True)
    SecrecyItemFactory(imposing_body=world.b.college, subject="Van Beta")
    response = login(world.a.users[Role.CLERK]).get(f"{REGISTER}register.csv", {"status": "active"})
    body = b"".join(response.streaming_content).decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "'=HYPERLINK(evil)" in body  # CSV injection neutralised
    assert "Opgeheven" not in body and "Van Beta" not in body
    assert AuditEvent.objects.filter(action="secrecy.register_exported").count() == 1


def test_b1_exclusion_list_query_count_is_constant_for_1_and_20(world, login):
    from tests.factories import MembershipFactory

    client = login(world.a.users[Role.CLERK])
    ExclusionFactory(member=world.a.users[Role.COUNCIL_MEMBER], raad=world.a.raad)
    one = count(client, f"{REGISTER}uitsluitingen/")
    for _ in range(19):
        member = MembershipFactory(body=world.a.raad).user
        ExclusionFactory(member=member, raad=world.a.raad)
    twenty = count(client, f"{REGISTER}uitsluitingen/")
    print(f"B1 queries exclusions {one}/{twenty}")
    assert one == twenty <= MAX_QUERIES


def test_c4_item_page_says_art_88_lid_5_once(world, login):
    """Before anything is shared, the page says once that secret items go to bodies; the
    hint of the first empty section used to follow every later empty section (five times)."""
    item = SecrecyItemFactory(imposing_body=world.a.college)
    page = login(world.a.users[Role.CLERK]).get(f"{REGISTER}{item.uuid}/").content.decode()
    assert "nog met geen enkel orgaan gedeeld" in page
    assert "nog geen documenten" in page and "nog niet heroverwogen" in page
    assert page.count("Gemeentewet art. 88 lid 5") == 1
