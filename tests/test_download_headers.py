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
"""

import pytest
from django.core.cache import cache

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
)
INLINE_OK = ("video/", "audio/", "image/")


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
        if content_type not in ALLOWED_TYPES:
            problems.append((*cell, "type not allow-listed"))
        inline_ok = content_type.startswith(INLINE_OK)
        if not disposition.startswith("attachment") and not inline_ok:
            problems.append((*cell, f"disposition {disposition!r}"))
    line = f"D3 downloads: urls={urls} files={files} problems={len(problems)}"
    with capsys.disabled():
        print("\n" + line)
    assert not problems, f"{line}\n" + "\n".join(map(str, problems))
