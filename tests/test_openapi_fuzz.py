"""X6, C9: schemathesis against the portal's own two OpenAPI documents — the public secrecy
register and the privacy_policy JSON API — loaded from the app and exercised in-process through
the WSGI application.

For every operation of each document, positive and negative cases are generated, and every
response must pass schemathesis' checks (no 5xx; status code, content type, headers and body as
documented; invalid input refused; a declared session actually required) and ours: the status
the caller should get, and nothing of the other municipality in the body (T1). The run is
bounded and derandomised: the same tree draws the same cases (hypothesis also mixes in literals
it finds in the project's loaded modules, so an edit elsewhere can change which cases are drawn,
never how many).

One figure line per document and caller:
``SCHEMATHESIS <document>/<caller>: operations=… examples=… statuses=… failures=0``."""

import logging
from collections import Counter
from dataclasses import dataclass, field

import pytest
import werkzeug
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis import Config, GenerationMode
from schemathesis.errors import FailureGroup
from schemathesis.openapi import from_dict, from_wsgi

from portal.roles import Role
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory
from tests.privacy_policy.factories import AssignmentFactory, CommitmentFactory, MotionFactory

pytestmark = pytest.mark.django_db

PUBLIC_SCHEMA = "/geheimhouding/openbaar/openapi.json"
API_SCHEMA = "/privacy/api/v1/openapi.json"
# Per operation and generation mode: enough to reach each parameter's edge cases (absent,
# huge, zero, negative, non-numeric, non-ASCII page; odd slugs; a missing or forged session)
# while the whole file runs in well under a minute on a shared machine.
MAX_EXAMPLES = 30
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)


@dataclass
class Tally:
    """What one run saw: the figure line, and the failures (title, curl, detail) to report."""

    operations: int = 0
    examples: int = 0
    statuses: Counter = field(default_factory=Counter)
    shown: int = 0
    failures: list = field(default_factory=list)

    def line(self, label: str) -> str:
        statuses = ",".join(f"{code}:{n}" for code, n in sorted(self.statuses.items()))
        return (
            f"SCHEMATHESIS {label}: operations={self.operations} examples={self.examples} "
            f"statuses={statuses} own_data_shown={self.shown} failures={len(self.failures)}"
        )


@pytest.fixture
def wsgi_app():
    """The WSGI application production serves (portal.wsgi's, without a second
    django.setup()), inside the test's transaction. As in Django's test client,
    close_old_connections is kept away from the requests: with the test's atomic block open,
    autocommit is off and it would close the connection, and the test data with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    # Every 400, 403 and 404 would log a django.request warning: hundreds of lines of noise.
    request_logger = logging.getLogger("django.request")
    level = request_logger.level
    request_logger.setLevel(logging.ERROR)
    yield WSGIHandler()
    request_logger.setLevel(level)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def sent_session(response, session_key) -> bool:
    """Whether the request carried the caller's real session (not none, not a generated one)."""
    # Split by hand: generated cookies are often more than http.cookies will parse.
    pairs = (
        part.strip().partition("=")
        for part in response.request.headers.get("Cookie", "").split(";")
    )
    sent = {name: value for name, _eq, value in pairs}
    return session_key is not None and sent.get(settings.SESSION_COOKIE_NAME) == session_key


def fuzz(schema, *, signed_in=(), signed_out=(), session_key=None, forbidden=(), own=(), slug=None):
    """Run every operation of ``schema`` in both generation modes and tally what came back.
    A request that carried ``session_key`` must get a status in ``signed_in``, any other one
    a status in ``signed_out``; ``forbidden``: texts that must never be in a body; ``own``:
    texts of which one shows that a body held the caller's own data (``shown`` counts them)."""
    tally = Tally()
    for result in schema.get_all_operations():
        operation = result.ok()
        tally.operations += 1
        for mode in MODES:
            strategy = operation.as_strategy(mode, path_parameters={"slug": slug} if slug else None)

            @hypothesis_settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            )
            @given(case=strategy)
            def run(case):
                response = case.call()
                tally.examples += 1
                tally.statuses[response.status_code] += 1
                curl = case.as_curl_command()
                try:
                    case.validate_response(response)
                except FailureGroup as group:
                    tally.failures.extend((f.title, curl, str(group)) for f in group.exceptions)
                expected = signed_in if sent_session(response, session_key) else signed_out
                if response.status_code not in expected:
                    title = f"{response.status_code}, expected one of {sorted(expected)}"
                    tally.failures.append((title, curl, ""))
                body = response.content.decode(errors="replace")
                tally.shown += any(text in body for text in own)
                tally.failures.extend(
                    (f"{text!r} in the body", curl, "") for text in forbidden if text in body
                )

            run()
    return tally


def report(tally: Tally, label: str) -> None:
    print(tally.line(label))
    assert tally.operations and tally.examples, "nothing was generated"
    kinds = Counter(title for title, _curl, _detail in tally.failures)
    first = {title: (curl, detail) for title, curl, detail in reversed(tally.failures)}
    assert not tally.failures, "\n\n".join(
        f"{n}x {title}, e.g. {first[title][0]}\n{first[title][1]}" for title, n in kinds.items()
    )


@pytest.fixture
def register(world):
    """Alfa publishes an active, a lifted and an ended item (review date and secret-until both
    set and null); Beta has one item that must never show in Alfa's register. Returns (what
    shows Alfa's register was there, what must never be in it)."""
    item = SecrecyItemFactory(imposing_body=world.a.college, subject="Grondaankoop De Vaart")
    ShareFactory(item=item, body=world.a.raad)
    SecrecyItemFactory(imposing_body=world.a.college, lifted=True)
    SecrecyItemFactory(imposing_body=world.a.college, ended=True)
    other = SecrecyItemFactory(imposing_body=world.b.college, subject="Geheim stuk van Beta")
    ShareFactory(item=other, body=world.b.raad)
    beta = (str(other.uuid), other.subject, other.reference, world.b.municipality.name)
    return (str(item.uuid),), beta


def test_c9_public_register_conforms_to_its_openapi_document(world, register, wsgi_app):
    """Anonymous, as the register is public: generated slugs (unknown: the documented 404)
    and Alfa's slug (200 pages checked against the schema, or the documented 400 for a page
    that is not a whole number ≥ 1), never with Beta's item in them."""
    own, beta = register
    schema = from_wsgi(PUBLIC_SCHEMA, wsgi_app)
    generated = fuzz(schema, signed_out={404}, forbidden=beta)
    alfa = fuzz(
        schema, slug=world.a.municipality.slug, signed_out={200, 400}, forbidden=beta, own=own
    )
    report(generated, "public-register/generated-slug")
    report(alfa, "public-register/alfa")
    assert alfa.shown and alfa.statuses[400]


@pytest.fixture
def motions(world):
    """Alfa has motions with assignments in each state, and commitments; Beta has one of each.
    Returns (what only Alfa's callers may see, what nobody of Alfa may see)."""
    alfa = MotionFactory(municipality=world.a.municipality)
    AssignmentFactory(motion=alfa, overdue=True)
    AssignmentFactory(motion=alfa, done=True)
    AssignmentFactory(motion=MotionFactory(municipality=world.a.municipality), in_progress=True)
    alfa_commitment = CommitmentFactory(municipality=world.a.municipality)
    CommitmentFactory(municipality=world.a.municipality, overdue=True)
    beta = MotionFactory(municipality=world.b.municipality, title="Motie van Beta", number="B-901")
    beta_assignment = AssignmentFactory(motion=beta, description="Opdracht van Beta")
    beta_commitment = CommitmentFactory(
        municipality=world.b.municipality, title="Toezegging van Beta", number="B-902"
    )
    own = (str(alfa.uuid), str(alfa_commitment.uuid))
    other = (
        *(str(obj.uuid) for obj in (beta, beta_assignment, beta_commitment)),
        *(beta.title, beta.number, beta_assignment.description),
        *(beta_commitment.title, beta_commitment.number, world.b.municipality.name),
    )
    return own, other


def session_of(login, user) -> str:
    return login(user).cookies[settings.SESSION_COOKIE_NAME].value


def load_api_schema(wsgi_app, *, reader, key):
    """The API's document is behind the same permission as the API, so it is fetched with the
    session ``reader`` (``from_wsgi`` cannot send one: werkzeug's client replaces a ``Cookie``
    header by its own, empty, jar).

    ``key`` is the session the generated cases are signed in with, through the document's own
    security scheme, so schemathesis knows it is the credential: it also sends cases without
    it, and with a forged one (ignored_auth), and those must be refused. The API's refusal of a
    request without a (valid) session is the documented 401 problem+json (issue 14 finding
    12), one of schemathesis' own rejection statuses."""
    client = werkzeug.Client(wsgi_app)
    client.set_cookie(settings.SESSION_COOKIE_NAME, reader, domain="localhost")
    response = client.get(API_SCHEMA)
    assert response.status_code == 200, response.status
    config = {}
    if key is not None:
        config["auth"] = {"openapi": {"session": {"api_key": key}}}
    schema = from_dict(response.json, config=Config.from_dict(config))
    schema.app = wsgi_app
    return schema


@pytest.fixture
def api(world, login, wsgi_app):
    """``api(key)``: the API's document as Alfa's clerk reads it, with cases signed in with
    the session ``key``, or with none."""
    reader = session_of(login, world.a.users[Role.CLERK])
    return lambda key: load_api_schema(wsgi_app, reader=reader, key=key)


@pytest.mark.parametrize("role", [Role.COUNCIL_MEMBER, Role.CLERK])
def test_x6_api_conforms_to_its_openapi_document_and_stays_in_the_own_municipality(
    world, motions, login, api, role
):
    """Signed in to Alfa: pages of Alfa's motions and commitments (200), the documented 400
    for a bad page, and nothing of Beta; without the session, the documented 401."""
    own, other = motions
    key = session_of(login, world.a.users[role])
    tally = fuzz(
        api(key),
        session_key=key,
        signed_in={200, 400},
        signed_out={401},
        forbidden=other,
        own=own,
    )
    report(tally, f"privacy-api/{role}")
    assert tally.shown and tally.statuses[400] and tally.statuses[401]


def test_x6_api_refuses_anonymous_and_callers_without_the_permission(world, motions, login, api):
    """Anonymous: the documented 401 problem+json; signed in without
    privacy_policy.view_motions (an administrator): the documented 403. Neither sees a thing
    of either municipality."""
    own, other = motions
    anonymous = fuzz(api(None), signed_out={401}, forbidden=own + other)
    key = session_of(login, world.a.users[Role.ADMINISTRATOR])
    refused = fuzz(
        api(key), session_key=key, signed_in={403}, signed_out={401}, forbidden=own + other
    )
    report(anonymous, "privacy-api/anonymous")
    report(refused, "privacy-api/administrator")
    assert refused.statuses[403]
