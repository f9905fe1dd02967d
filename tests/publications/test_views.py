"""C11, C12 through the griffie's pages: the register shows per item whether it is secret,
lifted and not yet published, published (with the link) or decided not to be published; the
concept is edited and published; bad input is refused with a message in Dutch and nothing is
stored; a Woo request is registered, extended and decided from the pages."""

import datetime

import pytest

from confidentiality.constants import WooGround
from portal.models import AuditEvent
from portal.roles import Role
from publications.constants import PublicationStatus, TaskStatus, WooOutcome
from publications.models import Publication, ReleaseTask, WooRequest
from publications.tooi import DEFAULT_CATEGORY, DocumentActionKind
from tests.confidentiality.factories import SecrecyItemFactory, today
from tests.publications.conftest import lift, prepared_from_outbox

pytestmark = pytest.mark.django_db


@pytest.fixture
def griffie(woo, login):
    return login(woo.a.users[Role.CLERK])


@pytest.fixture
def concept(secret_item, clerk):
    lift(secret_item, clerk)
    prepared_from_outbox()
    return ReleaseTask.objects.get(item=secret_item).publication


def register_page(griffie, item=None) -> str:
    path = f"/geheimhouding/{item.uuid}/" if item else "/geheimhouding/"
    response = griffie.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_c11_the_register_shows_each_items_state_of_publication(woo, griffie, secret_item, clerk):
    assert "nog niet gepubliceerd" not in register_page(griffie)  # still secret
    lift(secret_item, clerk)
    assert "Opgeheven – nog niet gepubliceerd" in register_page(griffie)  # before the worker ran
    prepared_from_outbox()
    assert "Opgeheven – nog niet gepubliceerd" in register_page(griffie, secret_item)
    publication = ReleaseTask.objects.get().publication
    griffie.post(f"/woo/{publication.uuid}/publiceren/", {})
    page = register_page(griffie)
    assert "Gepubliceerd" in page and f"/woo/openbaar/alfa/{publication.uuid}/" in page
    other = SecrecyItemFactory(imposing_body=woo.a.college, subject="Zwembad", lifted=True)
    from publications import services

    task = services.release_prepare(item_id=other.pk, cause="lifted")
    services.release_decline(actor=clerk, task=task, reason="Al openbaar.")
    assert "Besloten niet te publiceren" in register_page(griffie, other)


def test_c11_edit_then_publish_the_concept_through_the_pages(griffie, concept):
    form = {
        "official_title": "Raadsvoorstel grondaankoop De Vaart",
        "short_title": "Grondaankoop",
        "description": "Het voorstel om grond te kopen voor het bedrijventerrein.",
        "creation_date": "2026-03-01",
        "information_category": DEFAULT_CATEGORY,
        "action_kind": DocumentActionKind.VASTSTELLING,
        "action_date": "2026-03-10",
        "action_body": "Gemeenteraad",
    }
    response = griffie.post(f"/woo/{concept.uuid}/bewerken/", form)
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.short_title == "Grondaankoop"
    assert concept.actions.get().at.date() == datetime.date(2026, 3, 10)
    response = griffie.post(f"/woo/{concept.uuid}/publiceren/", {"visible_from": ""}, follow=True)
    assert "De publicatie staat op de openbare pagina van de gemeente." in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == PublicationStatus.PUBLISHED
    # a published publication is no longer edited: refused on the form, nothing changed
    response = griffie.post(f"/woo/{concept.uuid}/bewerken/", {**form, "short_title": "Anders"})
    assert response.status_code == 400
    assert "Alleen een concept kan worden bewerkt" in response.content.decode()
    concept.refresh_from_db()
    assert concept.short_title == "Grondaankoop"


def test_c11_bad_input_is_refused_in_dutch_and_nothing_is_stored(griffie, concept):
    before = AuditEvent.objects.filter(action="woo.publication_updated").count()
    response = griffie.post(
        f"/woo/{concept.uuid}/bewerken/",
        {"official_title": "", "creation_date": "gisteren", "information_category": "x"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit veld is verplicht." in page and "Voer een geldige datum in." in page
    assert "C11" not in page
    concept.refresh_from_db()
    assert concept.official_title == "Grondaankoop De Vaart"
    assert AuditEvent.objects.filter(action="woo.publication_updated").count() == before
    response = griffie.post(f"/woo/{concept.uuid}/intrekken/", {"reason": ""})
    assert response.status_code == 400


def test_c11_the_clerk_checks_the_clean_copy_before_publishing(griffie, concept):
    document = concept.documents.get()
    response = griffie.get(f"/woo/{concept.uuid}/documenten/{document.uuid}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_c11_deciding_not_to_publish_through_the_page(griffie, concept):
    task = ReleaseTask.objects.get(publication=concept)
    response = griffie.post(f"/woo/taken/{task.uuid}/niet-publiceren/", {"reason": ""})
    assert response.status_code == 400
    assert ReleaseTask.objects.get().status == TaskStatus.OPEN
    response = griffie.post(
        f"/woo/taken/{task.uuid}/niet-publiceren/", {"reason": "Valt niet onder de Woo."}
    )
    assert response.status_code == 302
    assert ReleaseTask.objects.get().status == TaskStatus.DECLINED
    assert not Publication.objects.exists()


def test_c12_register_extend_and_decide_a_woo_request_through_the_pages(griffie, secret_item, woo):
    page = register_page(griffie, secret_item)
    assert f"/woo/verzoeken/nieuw/{secret_item.uuid}/" in page  # the register's action
    response = griffie.post(
        f"/woo/verzoeken/nieuw/{secret_item.uuid}/",
        {"received_on": (today() + datetime.timedelta(days=2)).isoformat(), "reference": ""},
    )
    assert response.status_code == 400
    assert "De datum van ontvangst ligt in de toekomst." in response.content.decode()
    assert not WooRequest.objects.exists()
    response = griffie.post(
        f"/woo/verzoeken/nieuw/{secret_item.uuid}/",
        {"received_on": today().isoformat(), "reference": "Z-2026-7"},
    )
    request = WooRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/woo/verzoeken/{request.uuid}/"
    assert "Woo-verzoek: beslissen uiterlijk" in register_page(griffie, secret_item)
    response = griffie.post(f"/woo/verzoeken/{request.uuid}/verdagen/", {"reason": "Derden."})
    assert response.status_code == 302
    response = griffie.post(
        f"/woo/verzoeken/{request.uuid}/beslissen/",
        {
            "outcome": WooOutcome.KEPT,
            "body": str(secret_item.lifting_body_id),
            "decided_on": today().isoformat(),
            "reference": "B-2026-5",
            "grounds": [WooGround.LID2_B.value],
            "motivation": "Onderhandelingen lopen.",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.outcome == WooOutcome.KEPT and request.extended


def test_t1_another_municipalitys_item_is_a_404_for_a_woo_request(woo, login, secret_item):
    other_clerk = login(woo.b.users[Role.CLERK])
    response = other_clerk.get(f"/woo/verzoeken/nieuw/{secret_item.uuid}/")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="access.out_of_scope").exists()
