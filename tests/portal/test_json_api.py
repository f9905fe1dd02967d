"""Issue 14 finding 12: the JSON APIs answer as APIs — a caller without a session gets 401, an
unknown municipality 404, a caller without the permission 403, another method 405, each as an
``application/problem+json`` document (NLGov REST API Design Rules, RFC 9457), never a redirect
to the sign-in page or an HTML page. The mechanism is ``portal.api.json_api``.

The JSON APIs (every URL with ``api/`` in its route, or ending in ``.json`` or
``openapi.json``):
- /privacy/api/v1/moties/, /privacy/api/v1/toezeggingen/, /privacy/api/v1/openapi.json and
  /privacy/api/v2/moties, /privacy/api/v2/toezeggingen, /privacy/api/v2/openapi.json (X6;
  signed-in callers with privacy_policy.view_motions)
- /geheimhouding/openbaar/openapi.json, /geheimhouding/openbaar/<slug>/register.json (C9; public)
- /woo/api/v1/openapi.json, /woo/api/v1/gemeenten/<slug>/publicaties[/<uuid>] (C11; public)
- /ris/voorbeeld-api/<collection> (the demo's example RIS; public, a 404 outside the demo)
Not an API: /lekken/<uuid>/datalek/melding.json, a file the privacy officer downloads from the
case page (a page link, so a sign-in redirect is what a person needs)."""

import json
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from portal.api import PROBLEM, is_json_api
from portal.middleware import MFA_VERIFIED_KEY
from portal.roles import Role

pytestmark = pytest.mark.django_db

SIGNED_IN_APIS = ["/privacy/api/v1/moties/", "/privacy/api/v1/toezeggingen/"]
SIGNED_IN_APIS += ["/privacy/api/v1/openapi.json", "/privacy/api/v2/moties"]
SIGNED_IN_APIS += ["/privacy/api/v2/toezeggingen", "/privacy/api/v2/openapi.json"]
UNKNOWN = "nergenshuizen"
UNKNOWN_MUNICIPALITY = [
    f"/geheimhouding/openbaar/{UNKNOWN}/register.json",
    f"/woo/api/v1/gemeenten/{UNKNOWN}/publicaties",
    f"/woo/api/v1/gemeenten/{UNKNOWN}/publicaties/{uuid.uuid4()}",
    # No route matches: a slug the route refuses, an address under an API that is not there.
    "/geheimhouding/openbaar/gemeente Ö/register.json",
    "/privacy/api/v1/bestaat-niet/",
]
PUBLIC_DOCUMENTS = ["/geheimhouding/openbaar/openapi.json", "/woo/api/v1/openapi.json"]
NOT_AN_API = {"leaks:breach_json"}


def assert_problem(response, status):
    assert response.status_code == status, (response.status_code, response.get("Location"))
    assert response["Content-Type"] == PROBLEM
    body = json.loads(response.content)
    assert body["status"] == status and body["title"] and body["type"] == "about:blank"
    return body


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    session[MFA_VERIFIED_KEY] = True
    session.save()
    return client


@pytest.mark.parametrize("path", SIGNED_IN_APIS)
def test_x6_anonymous_api_call_is_401_problem_json_not_a_sign_in_redirect(path):
    response = Client().get(path)
    assert_problem(response, 401)
    assert response["WWW-Authenticate"]
    assert_problem(Client().post(path), 401)


@pytest.mark.parametrize("path", SIGNED_IN_APIS)
def test_x6_api_without_the_permission_is_403_problem_json(world, path):
    administrator = world.a.users[Role.ADMINISTRATOR]
    assert not administrator.has_perm("privacy_policy.view_motions")
    assert_problem(signed_in(administrator).get(path), 403)


@pytest.mark.parametrize("path", SIGNED_IN_APIS)
def test_x6_api_other_methods_are_405_problem_json(world, path):
    response = signed_in(world.a.users[Role.CLERK]).post(path)
    assert_problem(response, 405)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.parametrize("path", SIGNED_IN_APIS)
def test_x4_council_members_write_to_an_api_is_403_problem_json(world, path):
    assert_problem(signed_in(world.a.users[Role.COUNCIL_MEMBER]).post(path), 403)


@pytest.mark.parametrize("path", UNKNOWN_MUNICIPALITY)
def test_t1_unknown_municipality_in_an_api_url_is_404_problem_json(world, path):
    assert_problem(Client().get(path), 404)
    assert_problem(signed_in(world.a.users[Role.CLERK]).get(path), 404)


@pytest.mark.parametrize("path", PUBLIC_DOCUMENTS)
def test_c9_c11_public_api_descriptions_need_no_session(path):
    response = Client().get(path)
    assert response.status_code == 200
    assert json.loads(response.content)["openapi"].startswith("3.")


def _routes(patterns=None, prefix="", namespace=None):
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(x for x in [namespace, p.namespace] if x) or None
            yield from _routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield name, prefix + str(p.pattern), p.callback


def test_x6_every_json_api_url_uses_the_portals_json_api_mechanism():
    """A new JSON API (``api/`` in its route, or a ``.json`` address) answers errors as an API
    only if its view is marked with ``portal.api.json_api``."""
    apis = [
        (name, route, callback)
        for name, route, callback in _routes()
        if ("api/" in route or route.rstrip("$").endswith(".json")) and name not in NOT_AN_API
    ]
    assert len(apis) >= 8
    unmarked = [name for name, _route, callback in apis if not is_json_api(callback)]
    assert not unmarked, f"JSON API views without portal.api.json_api: {unmarked}"
