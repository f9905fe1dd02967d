"""The organiser's pages (R1–R3, R6) and the viewers' list (R2, R5)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.models import AuditEvent, Body, DomainTrust, Notification
from portal.roles import Role
from recordings.constants import MeetingKind, ObjectionDecision, RecordingStatus, RetentionPolicy
from recordings.models import AccessGrant, AppearingEmployee, Recording
from tests.factories import DomainTrustFactory
from tests.recordings.factories import (
    AccessGrantFactory,
    AppearingEmployeeFactory,
    RecordingFactory,
)

pytestmark = pytest.mark.django_db


def url(recording):
    return f"/opnames/{recording.uuid}/"


def test_r3_organiser_sees_who_can_watch(world, login, organiser, recording):
    AccessGrantFactory(recording=recording, body=world.a.raad)
    page = login(organiser).get(url(recording)).content.decode()
    assert "Wie kan kijken" in page
    assert "Geen vertrouwensrelatie" in page


def test_t1_other_municipality_and_other_domain_get_404(world, login, recording):
    for user in (
        world.b.users[Role.CIVIL_SERVANT],
        world.a.users[Role.CLERK],
        world.a.users[Role.COUNCIL_MEMBER],
    ):
        assert login(user).get(url(recording)).status_code == 404


def test_publish_refusal_is_shown(world, login, organiser, recording):
    response = login(organiser).post(f"{url(recording)}publiceren/", follow=True)
    assert "kan nog niet worden gepubliceerd" in response.content.decode()


def test_detail_query_count_is_the_same_for_1_and_20_grants(world, login, organiser, recording):
    DomainTrust.objects.create(source=world.a.org, target=world.a.council, purpose="Opnames")
    client = login(organiser)
    AccessGrantFactory(recording=recording, body=world.a.raad)
    one = b1_count(client, url(recording))
    for n in range(19):
        body = Body.objects.create(
            municipality=world.a.municipality,
            kind="commissie",
            name=f"Commissie {n}",
            domain=world.a.council,
        )
        AccessGrantFactory(recording=recording, body=body)
    twenty = b1_count(client, url(recording))
    print(f"B1 queries /opnames/<uuid>/ grants=1:{one} grants=20:{twenty}")
    assert one == twenty <= 12


# --- the organiser's pages and the viewers' list -----------------------------------------------

LIST = "/opnames/"
AVAILABLE = "/opnames/beschikbaar/"


def b1_count(client, path):
    """Queries of one request, without transaction control (tests/portal/test_query_counts)."""
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT"))
    )


def create_through_the_form(client, **overrides):
    data = {
        "meeting_kind": MeetingKind.INFORMATION_MARKET,
        "meeting_date": "2026-10-04",
        "title": "Informatiemarkt Programmabegroting 2027",
        "purpose": "Alleen voor intern gebruik",
        "retention_policy": RetentionPolicy.DELETE,
        "available_from": "2026-10-04",
        "available_until": "2026-12-31",
        **overrides,
    }
    return client.post("/opnames/nieuw/", data)


def test_r3_organiser_sees_warning_then_trust_makes_it_go_away(world, login, organiser):
    """Seed 000 in the browser: the organiser creates the recording, shares it with the raad,
    sees at once that the council domain cannot watch, and after the administrator set the
    trust sees the council members as viewers and can publish."""
    client = login(organiser)
    assert "U organiseert nog geen opnames" in client.get(LIST).content.decode()

    response = create_through_the_form(client)
    assert response.status_code == 302
    recording = Recording.objects.get(title="Informatiemarkt Programmabegroting 2027")
    assert response["Location"] == url(recording)
    assert recording.organiser_domain == world.a.org
    # R5: "tot en met 31-12" means viewing lapses at the end of that day.
    assert timezone.localtime(recording.available_until).date() == datetime.date(2026, 12, 31)
    assert timezone.localtime(recording.available_from).time() == datetime.time.min

    response = client.post(f"{url(recording)}kijkrechten/", {"grant-body": world.a.raad.pk})
    assert response.status_code == 302
    page = client.get(url(recording)).content.decode()
    assert "Geen vertrouwensrelatie" in page
    listing = client.get(LIST).content.decode()
    assert 'utrecht-status-badge--danger">1<' in listing

    client.post(f"{url(recording)}publiceren/")
    recording.refresh_from_db()
    assert recording.status == RecordingStatus.DRAFT

    DomainTrustFactory(source=world.a.org, target=world.a.council)  # the administrator
    page = client.get(url(recording)).content.decode()
    assert "Geen vertrouwensrelatie" not in page
    assert 'utrecht-status-badge--success">0<' in client.get(LIST).content.decode()
    client.post(f"{url(recording)}publiceren/")
    recording.refresh_from_db()
    assert recording.status == RecordingStatus.PUBLISHED
    member = login(world.a.users[Role.COUNCIL_MEMBER])
    assert recording.title in member.get(AVAILABLE).content.decode()


def test_r2_grant_form_offers_only_own_municipality(world, login, organiser, recording):
    client = login(organiser)
    page = client.get(f"{url(recording)}kijkrechten/").content.decode()
    assert world.a.raad.name in page and world.a.council.name in page
    assert world.b.municipality.name not in page
    assert world.b.users[Role.CIVIL_SERVANT].email not in page

    for field, target in (
        ("grant-domain", world.b.org),
        ("grant-body", world.b.raad),
        ("grant-user", world.b.users[Role.CIVIL_SERVANT]),
    ):
        response = client.post(f"{url(recording)}kijkrechten/", {field: target.pk})
        assert response.status_code == 400
        assert "alleen domeinen, organen en personen van uw eigen gemeente" in (
            response.content.decode()
        )
    assert not AccessGrant.objects.exists()


def test_r2_person_of_another_domain_shows_the_rule_and_stores_nothing(
    world, login, organiser, recording
):
    response = login(organiser).post(
        f"{url(recording)}kijkrechten/", {"grant-user": world.a.users[Role.COUNCIL_MEMBER].pk}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "portal-error-summary" in page and "geen vertrouwensrelatie" in page
    assert not AccessGrant.objects.exists()


def test_r2_grant_form_needs_exactly_one_target(world, login, organiser, recording):
    response = login(organiser).post(
        f"{url(recording)}kijkrechten/",
        {"grant-domain": world.a.org.pk, "grant-body": world.a.raad.pk},
    )
    assert response.status_code == 400
    assert "Kies precies één domein, orgaan, rol of persoon." in response.content.decode()
    assert not AccessGrant.objects.exists()


def test_r2_grant_removed_through_the_page(world, login, organiser, recording):
    grant = AccessGrantFactory(recording=recording, domain=world.a.org)
    response = login(organiser).post(f"/opnames/kijkrechten/{grant.uuid}/verwijderen/")
    assert response.status_code == 302
    assert not AccessGrant.objects.exists()
    assert AuditEvent.objects.filter(action="recording.grant_remove").count() == 1


def test_r1_create_form_errors_store_nothing(world, login, organiser):
    client = login(organiser)
    response = create_through_the_form(
        client, title="", available_from="2026-12-31", available_until="2026-10-04"
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "portal-error-summary" in page
    assert "Het einde van de beschikbaarheid ligt vóór het begin" in page
    assert not Recording.objects.exists()


def test_r1_employee_added_and_form_error_stores_nothing(world, login, organiser, recording):
    client = login(organiser)
    response = client.post(f"{url(recording)}medewerkers/", {"employee-name": ""})
    assert response.status_code == 400
    assert "Kies een medewerker of vul een naam in." in response.content.decode()
    assert not AppearingEmployee.objects.exists()

    response = client.post(
        f"{url(recording)}medewerkers/",
        {"employee-user": world.a.users[Role.MANAGEMENT].pk, "employee-informed": "on"},
    )
    assert response.status_code == 302
    (employee,) = AppearingEmployee.objects.all()
    assert employee.user == world.a.users[Role.MANAGEMENT] and employee.informed


def test_r6_objection_recorded_through_the_form_notifies_organiser(
    world, login, organiser, recording
):
    employee = AppearingEmployeeFactory(recording=recording, user=world.a.users[Role.MANAGEMENT])
    client = login(organiser)
    response = client.post(f"/opnames/medewerkers/{employee.uuid}/bezwaar/")
    assert response.status_code == 302
    (notification,) = Notification.objects.filter(kind="recording.objection")
    assert notification.recipient == organiser
    page = client.get(url(recording)).content.decode()
    assert "1 bezwaar wacht op een beslissing" in page

    decide = f"/opnames/medewerkers/{employee.uuid}/beslissing/"
    prefix = f"decide-{employee.uuid}"
    response = client.post(decide, {f"{prefix}-decision": "keep", f"{prefix}-reasons": " "})
    assert response.status_code == 400
    assert "Geef de redenen van de beslissing op het bezwaar." in response.content.decode()
    employee.refresh_from_db()
    assert employee.decision == ObjectionDecision.PENDING

    response = client.post(
        decide,
        {f"{prefix}-decision": "keep", f"{prefix}-reasons": "Alleen technische toelichting."},
    )
    assert response.status_code == 302
    employee.refresh_from_db()
    assert employee.decision == ObjectionDecision.KEEP
    assert employee.decision_reasons == "Alleen technische toelichting."


def test_r5_lapsed_recording_disappears_from_the_viewers_list(world, login, organiser):
    current = RecordingFactory(
        organiser_domain=world.a.org, organiser=organiser, published=True, title="Nu te zien"
    )
    lapsed = RecordingFactory(
        organiser_domain=world.a.org, organiser=organiser, lapsed=True, title="Verlopen opname"
    )
    for recording in (current, lapsed):
        AccessGrantFactory(recording=recording, domain=world.a.org)
    page = login(world.a.users[Role.MANAGEMENT]).get(AVAILABLE).content.decode()
    assert "Nu te zien" in page
    assert "Verlopen opname" not in page
    # Another municipality sees neither (T1).
    other = login(world.b.users[Role.MANAGEMENT]).get(AVAILABLE).content.decode()
    assert "Nu te zien" not in other and "Er zijn op dit moment geen opnames" in other


def test_r2_council_members_find_the_viewers_list_in_their_portal(world, login):
    page = login(world.a.users[Role.COUNCIL_MEMBER]).get("/raad/").content.decode()
    assert AVAILABLE in page
    home = login(world.a.users[Role.CIVIL_SERVANT]).get("/").content.decode()
    assert LIST in home and AVAILABLE in home
    # Anyone can be granted a recording; only organisers have a list of their own.
    home = login(world.a.users[Role.MANAGEMENT]).get("/").content.decode()
    assert AVAILABLE in home and f'href="{LIST}"' not in home


def test_b1_organiser_list_query_count_is_constant(world, login, organiser):
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    client = login(organiser)

    def grow(n):
        for _ in range(n):
            recording = RecordingFactory(organiser_domain=world.a.org, organiser=organiser)
            AccessGrantFactory(recording=recording, body=world.a.raad)
            AccessGrantFactory(recording=recording, domain=world.a.org)
            AppearingEmployeeFactory(recording=recording, objecting=True)

    grow(1)
    one = b1_count(client, LIST)
    grow(19)
    twenty = b1_count(client, LIST)
    print(f"B1 queries {LIST} rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= 12


def test_b1_viewers_list_query_count_is_constant(world, login, organiser):
    DomainTrustFactory(source=world.a.org, target=world.a.council)
    client = login(world.a.users[Role.COUNCIL_MEMBER])

    def grow(n):
        for _ in range(n):
            recording = RecordingFactory(
                organiser_domain=world.a.org, organiser=organiser, published=True
            )
            AccessGrantFactory(recording=recording, body=world.a.raad)

    grow(1)
    one = b1_count(client, AVAILABLE)
    grow(19)
    twenty = b1_count(client, AVAILABLE)
    print(f"B1 queries {AVAILABLE} rows=1:{one} rows=20:{twenty}")
    assert one == twenty <= 12
