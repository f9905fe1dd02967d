"""C11: harvesting. /robots.txt names each municipality's sitemap index; the index and its pages
validate against sitemaps.org 0.9 and DiWoo 0.9.8 (the XSDs in ./schemas, with their sources);
a withdrawn publication leaves the sitemap; the pages split at the page size."""

from pathlib import Path

import pytest
from django.test import Client
from lxml import etree

from publications import services
from publications.models import ReleaseTask
from tests.publications.conftest import lift, prepared_from_outbox

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "schemas"
MDTO = "https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "d": "https://standaarden.overheid.nl/diwoo/metadata/",
}


class OfflineResolver(etree.Resolver):
    """The MDTO import of diwoo-metadata.xsd goes to the local stub; nothing is fetched."""

    def resolve(self, url, pubid, context):
        if url == MDTO:
            return self.resolve_filename(str(SCHEMAS / "mdto-stub.xsd"), context)
        return None


def schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(OfflineResolver())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def valid(xsd: etree.XMLSchema, content: bytes):
    document = etree.fromstring(content)
    assert xsd.validate(document), "\n".join(str(e) for e in xsd.error_log)
    return document


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def published(woo, secret_item, clerk):
    """Alfa's item, lifted, its concept given a short title, a description and a category, and
    published."""
    lift(secret_item, clerk)
    prepared_from_outbox()
    publication = ReleaseTask.objects.get(item=secret_item).publication
    publication.short_title = "Grondaankoop"
    publication.save()
    return services.publication_publish(actor=clerk, publication=publication)


def sitemap_of(client, slug) -> tuple[etree._Element, list[etree._Element]]:
    index_response = client.get(f"/woo/openbaar/{slug}/sitemap.xml")
    assert index_response.status_code == 200
    assert index_response["Content-Type"] == "application/xml; charset=utf-8"
    index = valid(schema("siteindex.xsd"), body(index_response))
    pages = []
    for loc in index.xpath("//s:sitemap/s:loc/text()", namespaces=NS):
        path = loc.split("://", 1)[1].split("/", 1)[1]
        page_response = client.get("/" + path)
        assert page_response.status_code == 200
        pages.append(valid(schema("sitemap-diwoo.xsd"), body(page_response)))
    return index, pages


def test_c11_robots_txt_leads_to_a_sitemap_that_validates_against_the_diwoo_xsd(
    published, settings
):
    settings.SITE_URL = "https://portaal.example.nl"
    client = Client()
    robots = client.get("/robots.txt")
    assert robots.status_code == 200 and robots["Content-Type"].startswith("text/plain")
    sitemaps = [
        line.split(": ", 1)[1]
        for line in robots.content.decode().splitlines()
        if line.startswith("Sitemap:")
    ]
    assert sitemaps == ["https://portaal.example.nl/woo/openbaar/alfa/sitemap.xml"]
    _index, pages = sitemap_of(client, "alfa")
    (page,) = pages
    (url,) = page.xpath("//s:url", namespaces=NS)
    loc = url.xpath("s:loc/text()", namespaces=NS)[0]
    document = published.documents.get()
    assert (
        loc
        == f"https://portaal.example.nl/woo/openbaar/alfa/{published.uuid}/documenten/{document.uuid}"
    )
    diwoo = url.xpath("d:Document/d:DiWoo", namespaces=NS)[0]
    assert diwoo.xpath("d:publisher/@resource", namespaces=NS) == [
        "https://identifier.overheid.nl/tooi/id/gemeente/gm0363"
    ]
    assert diwoo.xpath("d:titelcollectie/d:officieleTitel/text()", namespaces=NS) == [
        "Grondaankoop De Vaart"
    ]
    assert diwoo.xpath(
        "d:classificatiecollectie/d:informatiecategorieen/d:informatiecategorie/@resource",
        namespaces=NS,
    ) == ["https://identifier.overheid.nl/tooi/def/thes/kern/c_db4862c3"]
    assert diwoo.xpath(
        "d:documenthandelingen/d:documenthandeling/d:soortHandeling/text()", namespaces=NS
    ) == ["vaststelling"]
    # the downloaded document is the clean copy
    download = client.get(loc.removeprefix("https://portaal.example.nl"))
    assert download.status_code == 200


def test_c11_a_withdrawn_publication_is_410_and_gone_from_the_sitemap(published, clerk):
    client = Client()
    document = published.documents.get()
    detail = f"/woo/openbaar/alfa/{published.uuid}/"
    download = f"{detail}documenten/{document.uuid}"
    assert client.get(detail).status_code == 200
    _index, pages = sitemap_of(client, "alfa")
    assert len(pages[0].xpath("//s:url", namespaces=NS)) == 1
    services.publication_withdraw(
        actor=clerk, publication=published, reason="Procedurefout bij het opheffen."
    )
    assert client.get(detail).status_code == 410
    assert client.get(download).status_code == 410
    assert "ingetrokken" in client.get(detail).content.decode()
    assert client.get("/woo/openbaar/alfa/").content.decode().count(str(published.uuid)) == 0
    # the only publication left the sitemap: nothing to harvest, and robots.txt says no more
    assert client.get("/woo/openbaar/alfa/sitemap.xml").status_code == 404
    assert "Sitemap:" not in client.get("/robots.txt").content.decode()


def test_c11_sitemaps_are_paged_at_the_page_size(published, woo, settings):
    """50,000 in production (the sitemaps.org limit); two here, with five documents."""
    from django.core.files.base import ContentFile

    from confidentiality.demo import minimal_pdf
    from publications.models import PublishedDocument

    settings.WOO_SITEMAP_PAGE_SIZE = 2
    for n in range(4):
        content = minimal_pdf([f"Bijlage {n}"])
        PublishedDocument.objects.create(
            publication=published,
            title=f"Bijlage {n}",
            file=ContentFile(content, name="copy.pdf"),
            size=len(content),
            sha256="0" * 64,
            source_version="00000000-0000-0000-0000-000000000000",
        )
    _index, pages = sitemap_of(Client(), "alfa")
    assert len(pages) == 3
    assert [len(p.xpath("//s:url", namespaces=NS)) for p in pages] == [2, 2, 1]
    assert Client().get("/woo/openbaar/alfa/sitemap-4.xml").status_code == 404


def test_c11_the_xsd_refuses_what_the_woo_index_would(published):
    """The validation is real: a publisher that is not in TOOI's list of municipalities (the
    demo's fictional GM9901) and a category outside the Woo's list are refused."""
    content = body(Client().get("/woo/openbaar/alfa/sitemap-1.xml"))
    xsd = schema("sitemap-diwoo.xsd")
    fictional = content.replace(b"gemeente/gm0363", b"gemeente/gm9901")
    assert not xsd.validate(etree.fromstring(fictional))
    unknown = content.replace(b"c_db4862c3", b"c_00000000")
    assert not xsd.validate(etree.fromstring(unknown))
    assert xsd.validate(etree.fromstring(content))


def test_c11_a_change_to_a_publication_is_in_the_sitemap_at_once(published, clerk):
    before = body(Client().get("/woo/openbaar/alfa/sitemap-1.xml"))
    assert b"Grondaankoop De Vaart" in before
    published.official_title = "Grondaankoop De Vaart (gewijzigd)"
    published.save()
    response = Client().get("/woo/openbaar/alfa/sitemap-1.xml")
    assert b"Grondaankoop De Vaart (gewijzigd)" in body(response)
    assert response["Last-Modified"]
