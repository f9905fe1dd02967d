"""C11: the public pages of a municipality's Woo publications — open to anyone, only what is
published, visible and not secret; search by title and category; downloads sandboxed; a
withdrawn one is 410. B1: every list's query count is the same for 1 and for 20 rows."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from confidentiality.constants import SecrecyStatus
from confidentiality.demo import minimal_pdf
from confidentiality.models import SecrecyItem
from portal.roles import Role
from publications.constants import PublicationStatus
from publications.models import PublishedDocument, ReleaseTask
from publications.tooi import InformationCategory
from tests.confidentiality.factories import SecrecyItemFactory
from tests.publications.factories import LiftedItemFactory, PublicationFactory, WooRequestFactory

pytestmark = pytest.mark.django_db


def with_document(publication, text="Openbaar stuk"):
    content = minimal_pdf([text])
    PublishedDocument.objects.create(
        publication=publication,
        title=f"Document bij {publication.official_title}",
        file=ContentFile(content, name="copy.pdf"),
        size=len(content),
        sha256="0" * 64,
        source_version="00000000-0000-0000-0000-000000000000",
    )
    return publication


def published(side, **kwargs):
    item = LiftedItemFactory(imposing_body=side.college)
    return with_document(PublicationFactory(source_item=item, published=True, **kwargs))


def queries(client, path) -> int:
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, path
    return sum(1 for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"])


def test_c11_the_public_list_searches_by_title_and_category(woo):
    vaart = published(woo.a, official_title="Grondaankoop De Vaart")
    zwembad = published(
        woo.a,
        official_title="Begroting zwembad",
        information_category=InformationCategory.ONDERZOEKSRAPPORTEN,
    )
    beta = published(woo.b, official_title="Grondaankoop in Beta")
    client = Client()
    page = client.get("/woo/openbaar/alfa/").content.decode()
    assert vaart.official_title in page and zwembad.official_title in page
    assert beta.official_title not in page  # T1
    page = client.get("/woo/openbaar/alfa/?q=grondaankoop").content.decode()
    assert vaart.official_title in page and zwembad.official_title not in page
    category = InformationCategory.ONDERZOEKSRAPPORTEN.value
    page = client.get("/woo/openbaar/alfa/", {"categorie": category}).content.decode()
    assert zwembad.official_title in page and vaart.official_title not in page
    response = client.get("/woo/openbaar/alfa/", {"categorie": "geen-categorie"})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert client.get("/woo/openbaar/bestaat-niet/").status_code == 404


def test_c11_only_published_visible_and_no_longer_secret_publications_are_public(woo):
    client = Client()
    concept = with_document(
        PublicationFactory(source_item=LiftedItemFactory(imposing_body=woo.a.college))
    )
    later = published(woo.a, visible_from=timezone.now() + datetime.timedelta(days=1))
    secret_again = published(woo.a)
    SecrecyItem.objects.filter(pk=secret_again.source_item_id).update(status=SecrecyStatus.ACTIVE)
    # and a row forced to 'published' for an item that was never lifted: no path publishes it
    forced = with_document(
        PublicationFactory(
            source_item=SecrecyItemFactory(imposing_body=woo.a.college), published=True
        )
    )
    visible = published(woo.a)
    listing = client.get("/woo/openbaar/alfa/").content.decode()
    assert str(visible.uuid) in listing
    for hidden in (concept, later, secret_again, forced):
        assert str(hidden.uuid) not in listing
        assert client.get(f"/woo/openbaar/alfa/{hidden.uuid}/").status_code == 404
        document = hidden.documents.get()
        assert (
            client.get(f"/woo/openbaar/alfa/{hidden.uuid}/documenten/{document.uuid}").status_code
            == 404
        )
        api = client.get(f"/woo/api/v1/gemeenten/alfa/publicaties/{hidden.uuid}")
        assert api.status_code == 404
    sitemap = b"".join(client.get("/woo/openbaar/alfa/sitemap-1.xml").streaming_content)
    assert str(visible.uuid).encode() in sitemap
    for hidden in (concept, later, secret_again, forced):
        assert str(hidden.uuid).encode() not in sitemap
    # the other municipality's slug does not show Alfa's
    assert client.get(f"/woo/openbaar/beta/{visible.uuid}/").status_code == 404


def test_c11_d3_the_download_is_an_attachment_sandboxed_and_not_sniffed(woo):
    publication = published(woo.a, official_title="Grondaankoop De Vaart")
    document = publication.documents.get()
    response = Client().get(f"/woo/openbaar/alfa/{publication.uuid}/documenten/{document.uuid}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="woo-{document.uuid}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_c11_the_detail_page_shows_the_metadata_and_documents(woo):
    publication = published(
        woo.a, official_title="Grondaankoop De Vaart", description="Over grond."
    )
    page = Client().get(f"/woo/openbaar/alfa/{publication.uuid}/").content.decode()
    assert "Grondaankoop De Vaart" in page and "Over grond." in page
    assert "vergaderstukken decentrale overheden" in page
    assert publication.documents.get().title in page


def grow_public(woo, n):
    for _ in range(n):
        published(woo.a)


def grow_manage(woo, n):
    for _ in range(n):
        item = LiftedItemFactory(imposing_body=woo.a.college)
        publication = with_document(PublicationFactory(source_item=item))
        ReleaseTask.objects.create(
            municipality=woo.a.municipality, item=item, cause="lifted", publication=publication
        )
        published(woo.a)


def grow_requests(woo, n):
    for _ in range(n):
        WooRequestFactory(item=SecrecyItemFactory(imposing_body=woo.a.college))


@pytest.mark.parametrize(
    ("grow", "path", "role"),
    [
        (grow_public, "/woo/openbaar/alfa/", None),
        (grow_public, "/woo/openbaar/alfa/?q=grond", None),
        (grow_public, "/woo/api/v1/gemeenten/alfa/publicaties", None),
        (grow_manage, "/woo/", Role.CLERK),
        (grow_requests, "/woo/verzoeken/", Role.CLERK),
        (grow_manage, "/geheimhouding/", Role.CLERK),  # the register's publication notes
    ],
)
def test_b1_the_lists_query_count_is_the_same_for_1_and_20_rows(woo, login, grow, path, role):
    client = login(woo.a.users[role]) if role else Client()
    grow(woo, 1)
    one = queries(client, path)
    grow(woo, 19)
    twenty = queries(client, path)
    assert one == twenty, (path, one, twenty)
    assert twenty <= 12


def test_c11_withdrawn_is_410_on_the_page_and_the_download(woo):
    publication = published(woo.a)
    document = publication.documents.get()
    publication.status = PublicationStatus.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.withdrawal_reason = "Procedurefout"
    publication.save()
    client = Client()
    response = client.get(f"/woo/openbaar/alfa/{publication.uuid}/")
    assert response.status_code == 410
    assert "Deze publicatie is ingetrokken" in response.content.decode()
    assert "Procedurefout" not in response.content.decode()  # the reason stays with the griffie
    assert (
        client.get(f"/woo/openbaar/alfa/{publication.uuid}/documenten/{document.uuid}").status_code
        == 410
    )
    assert str(publication.uuid) not in client.get("/woo/openbaar/alfa/").content.decode()


def test_b1_a_sitemap_page_is_the_same_queries_for_1_and_20_publications(woo):
    """The sitemap streams its entries: the queries run while the body is read."""

    def streamed() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = Client().get("/woo/openbaar/alfa/sitemap-1.xml")
            assert response.status_code == 200
            b"".join(response.streaming_content)
        return sum(1 for q in ctx.captured_queries if "SAVEPOINT" not in q["sql"])

    grow_public(woo, 1)
    one = streamed()
    grow_public(woo, 19)
    assert streamed() == one
