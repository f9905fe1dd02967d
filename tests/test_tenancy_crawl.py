"""A2/A3 across every app (issue 8): with the demo data of every app loaded, each demo account
of Westerdijk follows every link it can reach, and no page, list, count, export or download
may carry anything of Oosterbroek — no UUID of its objects, no e-mail address of its people.
The crawl also proves that no reachable page answers with a server error.

Prints ``A3 crawl: accounts=… pages=… errors=0 leaks=0``.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client

from portal.demo import seed_demo
from portal.middleware import MFA_VERIFIED_KEY
from portal.models import Municipality, User

pytestmark = pytest.mark.django_db

MAX_PAGES_PER_ACCOUNT = 150
# Links a crawler must not follow: signing out, switching language, the admin's delete pages.
SKIP = re.compile(r"^/(accounts/logout|i18n/|admin/.*/delete/|admin/logout|jsi18n)")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "link", "iframe", "source", "video", "audio", "img"):
            for name, value in attrs:
                if name in ("href", "src") and value:
                    self.hrefs.append(value)


def other_municipality_fingerprints(other: Municipality) -> set[str]:
    """UUIDs of every object that belongs to ``other`` (models with a municipality and a
    uuid) and the e-mail addresses of its people."""
    found = set()
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if "uuid" in names and "municipality" in names:
            found.update(
                str(u)
                for u in model._default_manager.filter(municipality=other).values_list(
                    "uuid", flat=True
                )
            )
    found.update(
        User.objects.filter(identity_domain__municipality=other).values_list("email", flat=True)
    )
    return found


def crawl(client, start="/"):
    seen, queue, pages = set(), [start], []
    while queue and len(seen) < MAX_PAGES_PER_ACCOUNT:
        path = queue.pop(0)
        if path in seen or SKIP.match(path):
            continue
        seen.add(path)
        cache.clear()  # throttles must not turn the crawl into 429s
        response = client.get(path)
        pages.append((path, response))
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or "text/html" not in content_type:
            continue
        parser = Links()
        parser.feed(response.content.decode(errors="replace"))
        for href in parser.hrefs:
            url = urlsplit(urljoin(path, href))
            if url.scheme in ("", "http") and url.netloc in ("", "testserver"):
                target = url.path + (f"?{url.query}" if url.query else "")
                if (
                    target.startswith("/")
                    and target not in seen
                    and not target.startswith("/static/")
                ):
                    queue.append(target)
    return pages


def signed_in(user):
    client = Client()
    client.force_login(user)
    session = client.session
    session[MFA_VERIFIED_KEY] = True
    session.save()
    return client


def body_of(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    return body.decode(errors="replace")


def test_a3_no_page_of_westerdijk_shows_anything_of_oosterbroek(capsys):
    accounts = seed_demo()
    westerdijk = Municipality.objects.get(slug="westerdijk")
    oosterbroek = Municipality.objects.get(slug="oosterbroek")
    fingerprints = other_municipality_fingerprints(oosterbroek)
    assert len(fingerprints) > 20, "the demo data gave Oosterbroek too little to look for"
    # The check can fail: Oosterbroek's own griffier does see Oosterbroek's objects.
    own = crawl(signed_in(User.objects.get(email="griffier@raadoosterbroek.example")))
    assert any(f in body_of(r) for _, r in own for f in fingerprints)

    leaks, errors, total = [], [], 0
    people = [a for a in accounts if a.municipality == westerdijk.name]
    for account in people:
        for path, response in crawl(signed_in(User.objects.get(email=account.email))):
            total += 1
            if response.status_code >= 500:
                errors.append((account.email, path, response.status_code))
                continue
            text = body_of(response)
            hits = [f for f in fingerprints if f in text]
            if hits:
                leaks.append((account.email, path, hits[:3]))
    line = f"A3 crawl: accounts={len(people)} pages={total} errors={len(errors)} leaks={len(leaks)}"
    with capsys.disabled():
        print("\n" + line)
    assert total > 10 * len(people), line  # the crawl really walked the portal
    assert not errors and not leaks, f"{line}\n{errors}\n{leaks}"
