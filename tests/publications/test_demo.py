"""C11 in the demo: the item the raad lifted is published, so that /robots.txt of a fresh demo
leads to a sitemap with at least one document; a Woo request waits on a secret item (C12).
Seeding twice adds nothing."""

import pytest
from django.test import Client
from lxml import etree

from portal.demo import seed_demo
from publications.constants import PublicationStatus
from publications.models import Publication, ReleaseTask, WooRequest
from tests.publications.test_sitemap_xsd import NS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_the_demo(settings):
    settings.PORTAL_DEMO = True
    settings.SITE_URL = "http://127.0.0.1:8000"


def test_c11_robots_txt_of_a_fresh_demo_leads_to_a_sitemap_with_a_document(private_storage):
    seed_demo()
    counts = (Publication.objects.count(), ReleaseTask.objects.count(), WooRequest.objects.count())
    seed_demo()
    assert counts == (
        Publication.objects.count(),
        ReleaseTask.objects.count(),
        WooRequest.objects.count(),
    )
    assert Publication.objects.filter(status=PublicationStatus.PUBLISHED).count() == 2
    assert WooRequest.objects.count() == 2
    client = Client()
    robots = client.get("/robots.txt").content.decode()
    sitemaps = [
        line.split(": ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:")
    ]
    assert sitemaps == [
        "http://127.0.0.1:8000/woo/openbaar/oosterbroek/sitemap.xml",
        "http://127.0.0.1:8000/woo/openbaar/westerdijk/sitemap.xml",
    ]
    for sitemap in sitemaps:
        index = b"".join(
            client.get(sitemap.removeprefix("http://127.0.0.1:8000")).streaming_content
        )
        page = index.split(b"<loc>", 1)[1].split(b"</loc>", 1)[0].decode()
        urlset = b"".join(client.get(page.removeprefix("http://127.0.0.1:8000")).streaming_content)
        assert urlset.count(b"<url>") >= 1
        # each entry a DiWoo document (the harvester's diwoo:Document), linked to its download
        tree = etree.fromstring(urlset)
        documents = tree.xpath("//s:url/d:Document", namespaces=NS)
        assert len(documents) >= 1, urlset[:500]
        assert all(d.xpath("d:DiWoo", namespaces=NS) for d in documents)
        assert b"Vertrouwelijke bijlage begroting zwembad" in urlset
        # the fictional CBS codes give TOOI identifiers of the same shape
        assert b"https://identifier.overheid.nl/tooi/id/gemeente/gm990" in urlset
