"""The two pages of the demo that answered 500 while the suite was green (issue 13, X8).

On the embedded SQLite of the old demo, a document version's UUID came back from a
``JSONObject`` without dashes, so reversing ``shared_document`` (a council member's shared item)
and ``access_trace`` (a leak case with a linked secret item) failed. PostgreSQL is now the only
engine; these tests walk both pages on the demo data, as the users who found them did.

Why the old A3 crawl did not find them: it followed no redirects, and a council member's "/"
answers 302 to "/raad/", so the crawl of every council member ended after one page; and no leak
case of the demo had a linked secret item (linking is a POST the crawl never made).
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from confidentiality.models import SecrecyItem
from leaks.models import LeakCase
from portal.demo import seed_demo
from portal.middleware import MFA_VERIFIED_KEY
from portal.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "Demo-wachtwoord-2026"


def signed_in(email: str) -> Client:
    """Through the sign-in form, as the users did."""
    client = Client()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    session = client.session
    session[MFA_VERIFIED_KEY] = True  # MFA is off in the demo; the test settings require it
    session.save()
    return client


@pytest.mark.parametrize("slug", ["westerdijk", "oosterbroek"])
def test_x8_c4_c8_council_member_opens_every_shared_item_with_its_document(slug, private_storage):
    seed_demo()
    client = signed_in(f"raadslid1@raad{slug}.example")
    listing = client.get(reverse("confidentiality:shared_list"))
    assert listing.status_code == 200
    items = re.findall(r'href="(/geheimhouding/gedeeld/[0-9a-f-]{36}/)"', listing.text)
    assert items, "the demo shares items with the raad"
    with_document = 0
    for path in sorted(set(items)):
        page = client.get(path)
        assert page.status_code == 200, path
        downloads = re.findall(r'href="([^"]+/download/)"', page.text)
        with_document += bool(downloads)
        for download in downloads:
            response = client.get(download)
            assert response.status_code == 200, download
            body = b"".join(response.streaming_content) if response.streaming else response.content
            assert body.startswith(b"%PDF"), download
    assert with_document >= 1, "at least one shared item of the demo has a document"


@pytest.mark.parametrize("slug", ["westerdijk", "oosterbroek"])
def test_x8_l6_leak_case_with_a_linked_secret_item_opens_with_its_access_trace(
    slug, private_storage
):
    seed_demo()
    officer = User.objects.get(email=f"privacy@{slug}.example")
    open_cases = LeakCase.objects.filter(municipality=officer.municipality).exclude(status="closed")
    case = open_cases.order_by("created_at").first()
    item = SecrecyItem.objects.filter(municipality=officer.municipality).first()
    client = signed_in(officer.email)
    response = client.post(
        reverse("leaks:link_add", args=[case.uuid]), {"item_reference": item.reference}
    )
    assert response.status_code == 302
    page = client.get(reverse("leaks:case_detail", args=[case.uuid]))
    assert page.status_code == 200
    link = case.links.get(secrecy_item=item)
    trace = reverse("leaks:access_trace", args=[case.uuid, link.uuid])
    assert trace in page.text
    assert client.get(trace).status_code == 200
