"""D3 (QUALITY.md): every download carries the headers that keep a file from acting as a page.

The permission matrix knows every URL and who may GET it. This test GETs each one as a
principal who may, and checks every response that is a file rather than a page (not HTML, not
the JSON APIs, not the theme's stylesheet or the JavaScript catalogue):

- ``X-Content-Type-Options: nosniff``;
- a Content-Security-Policy of ``default-src 'none'`` with ``sandbox``;
- ``Content-Disposition: attachment`` — except media a player streams (audio/video) and images
  shown in the page (the municipality's logo), which are ``inline`` and sandboxed;
- a content type from the allow-list.

Prints ``D3 downloads: urls=… files=… problems=0``.

C (header and file name injection): with every title, subject and name in the portal ending in
a quote, a line break with a header after it and a right-to-left override, every download's
Content-Disposition is still one plain ASCII name. Prints ``C download-names: …``.
"""

import re

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Concat, Left
from django.db.models.signals import pre_save

from tests.permission_matrix import ALLOW, PRINCIPALS, load_rules, path_for, rule_for, walk_urls
from tests.test_permission_matrix import build_context, client_for, session_keys

pytestmark = pytest.mark.django_db

PAGES = ("text/html", "application/json", "application/vnd.oai.openapi", "text/css")
SCRIPTS = ("text/javascript", "application/javascript")
ALLOWED_TYPES = (
    "application/pdf",
    "text/csv",
    "image/png",
    "image/svg+xml",
    "video/mp4",
    "video/webm",
    "audio/mpeg",
    "audio/mp4",
    "audio/ogg",
    "audio/wav",
    "video/ogg",
    "text/vtt",  # R8: a recording's chapters track, which the player loads
)
INLINE_OK = ("video/", "audio/", "image/")
# Read by machines, not downloaded by people: the Woo sitemaps (application/xml) and
# /robots.txt (text/plain) are served inline for crawlers, but sandboxed and never sniffed like
# every file (C11).
MACHINE_READ = ("application/xml", "text/plain")


def file_responses(ctx, keys, rules):
    for entry in walk_urls():
        if entry.key.startswith(("admin:", "account_", "mfa_", "socialaccount_")):
            continue
        rule = rule_for(rules, entry.key)
        if rule is None:
            continue
        principal = next(
            (
                p
                for p in PRINCIPALS
                if p not in ("inactive",) and rule.expected(ctx, entry.key, p, "GET") == ALLOW
            ),
            None,
        )
        if principal is None:
            continue
        path = path_for(rule, ctx, entry)
        if path.startswith("/admin/"):
            continue
        cache.clear()
        response = client_for(keys, principal).get(path, follow=True)
        yield entry.key, principal, path, response


def test_d3_every_download_is_a_sandboxed_attachment_of_an_allowed_type(world, capsys):
    ctx = build_context(world)
    keys = session_keys(ctx)
    rules = load_rules()
    urls = files = 0
    problems = []
    for key, principal, path, response in file_responses(ctx, keys, rules):
        urls += 1
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if response.status_code not in (200, 206) or content_type.startswith(PAGES + SCRIPTS):
            continue
        files += 1
        csp = response.get("Content-Security-Policy", "")
        disposition = response.get("Content-Disposition", "")
        cell = (key, principal, path, content_type)
        if response.get("X-Content-Type-Options") != "nosniff":
            problems.append((*cell, "no nosniff"))
        if "default-src 'none'" not in csp or "sandbox" not in csp:
            problems.append((*cell, f"CSP {csp!r}"))
        if content_type not in ALLOWED_TYPES + MACHINE_READ:
            problems.append((*cell, "type not allow-listed"))
        inline_ok = content_type.startswith(INLINE_OK + MACHINE_READ)
        if not disposition.startswith("attachment") and not inline_ok:
            problems.append((*cell, f"disposition {disposition!r}"))
    line = f"D3 downloads: urls={urls} files={files} problems={len(problems)}"
    with capsys.disabled():
        print("\n" + line)
    assert not problems, f"{line}\n" + "\n".join(map(str, problems))


# What a user could type into a title or a name to break a download's header or disguise its
# name: a quote, a line break with a header after it, a right-to-left override.
HOSTILE = '"\r\nSet-Cookie: hx-c=1\u202efdp.exe'
USER_TEXT_FIELDS = ("title", "subject", "name", "first_name", "last_name")
PORTAL_APPS = (
    "portal",
    "confidentiality",
    "recordings",
    "leaks",
    "privacy_policy",
    "publications",
    "ris",
)
SAFE_DISPOSITION = re.compile(r'^(attachment|inline); filename="[A-Za-z0-9._-]+"$')


def _user_text_fields(model):
    if model._meta.app_label not in PORTAL_APPS or not model._meta.managed:
        return []
    return [
        f
        for f in model._meta.concrete_fields
        if f.name in USER_TEXT_FIELDS and isinstance(f, (models.CharField, models.TextField))
    ]


def _room(f) -> int:
    return (f.max_length or 10_000) - len(HOSTILE)


def _poison_on_save(sender, instance, **kwargs):
    """Objects the matrix makes on the way (for the URL that needs them) are poisoned too."""
    for f in _user_text_fields(sender):
        value = getattr(instance, f.attname) or ""
        if not value.endswith(HOSTILE):
            setattr(instance, f.attname, value[: _room(f)] + HOSTILE)


@pytest.fixture
def poisoned_user_text(world):
    """Every title, subject and name in the portal's own apps ends in :data:`HOSTILE`: the
    rows there are, and every row saved during the test."""
    rows = 0
    for model in apps.get_models():
        for f in _user_text_fields(model):
            rows += model._base_manager.update(
                **{f.name: Concat(Left(F(f.name), _room(f)), Value(HOSTILE))}
            )
    pre_save.connect(_poison_on_save, weak=False, dispatch_uid="c-poison")
    yield rows
    pre_save.disconnect(dispatch_uid="c-poison")


def test_c_no_title_or_name_a_user_typed_reaches_a_download_header(
    world, poisoned_user_text, capsys
):
    """C: the name of every download is made from safe parts (kind, date, trace code), so
    whatever users typed into titles and names, the header stays one plain ASCII name."""
    ctx = build_context(world)
    keys = session_keys(ctx)
    files, problems = 0, []
    for key, principal, path, response in file_responses(ctx, keys, load_rules()):
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if response.status_code not in (200, 206) or content_type.startswith(PAGES + SCRIPTS):
            continue
        if content_type in MACHINE_READ:
            continue  # no file name at all: a crawler's document, not a download
        files += 1
        disposition = response.get("Content-Disposition", "")
        if not SAFE_DISPOSITION.match(disposition):
            problems.append((key, principal, path, disposition))
    # Every title and name behind those downloads was hostile, including rows made on the way.
    clean = [
        (model._meta.label, f.name)
        for model in apps.get_models()
        for f in _user_text_fields(model)
        if model._base_manager.exclude(**{f"{f.name}__endswith": HOSTILE}).exists()
    ]
    line = (
        f"C download-names: poisoned_rows={poisoned_user_text} files={files} "
        f"unpoisoned_fields={len(clean)} problems={len(problems)}"
    )
    with capsys.disabled():
        print("\n" + line)
    assert poisoned_user_text and files >= 4 and not clean, f"{line} {clean}"
    assert not problems, f"{line}\n" + "\n".join(map(str, problems))
