"""Shared fixtures: a small world of two municipalities with one user per role, as the
permission matrix and the tenancy tests need."""

from dataclasses import dataclass, field

import pytest
from django.test import Client

from portal.roles import Role
from tests.factories import (
    PASSWORD,
    BodyFactory,
    IdentityDomainFactory,
    MembershipFactory,
    MunicipalityFactory,
    UserFactory,
)

STAFF_ROLES = [
    Role.CLERK,
    Role.CIVIL_SERVANT,
    Role.PRIVACY_OFFICER,
    Role.INTEGRITY_OFFICER,
    Role.MANAGEMENT,
    Role.ADMINISTRATOR,
]
COUNCIL_DOMAIN_ROLES = {Role.CLERK, Role.COUNCIL_MEMBER}


@dataclass
class Side:
    municipality: object
    org: object
    council: object
    raad: object
    college: object
    commissie: object
    users: dict = field(default_factory=dict)


def build_side(slug: str, name: str) -> Side:
    municipality = MunicipalityFactory(slug=slug, name=name)
    org = IdentityDomainFactory(municipality=municipality)
    council = IdentityDomainFactory(municipality=municipality, council=True)
    side = Side(
        municipality=municipality,
        org=org,
        council=council,
        raad=BodyFactory(municipality=municipality, raad=True, domain=council),
        college=BodyFactory(municipality=municipality, college=True, domain=org),
        commissie=BodyFactory(municipality=municipality, name="Commissie Bestuur", domain=council),
    )
    for role in [*STAFF_ROLES, Role.COUNCIL_MEMBER]:
        domain = council if role in COUNCIL_DOMAIN_ROLES else org
        side.users[role] = UserFactory(
            email=f"{role}@{slug}.example",
            identity_domain=domain,
            role=role,
            staff=role == Role.ADMINISTRATOR,
        )
    MembershipFactory(body=side.raad, user=side.users[Role.COUNCIL_MEMBER])
    MembershipFactory(body=side.raad, user=side.users[Role.CLERK], role="clerk")
    return side


@dataclass
class World:
    a: Side
    b: Side


@pytest.fixture
def world(db):
    return World(a=build_side("alfa", "Gemeente Alfa"), b=build_side("beta", "Gemeente Beta"))


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Every test starts in the default language: a request with another language cookie
    leaves that language active in the thread (LocaleMiddleware does not reset it)."""
    from django.utils import translation

    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Files a test stores (PDF reports, uploads) go to the test's own directory, never into
    the working tree's private/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"], "location": str(tmp_path)},
        },
    }
    return tmp_path


# Tests may write made-up actions of their own in these namespaces (chain and paging tests).
TEST_ONLY_ACTION_NAMESPACES = ("test", "bench")


@pytest.fixture(autouse=True)
def audit_actions_are_declared():
    """X7: every audit action the code writes while a test runs is declared with a label (see
    portal/audit_actions.py). Each event is an ``AuditEvent(action=…)`` before it is stored, so
    the model's pre_init signal sees every one, whichever way the code computed its string."""
    from django.db.models.signals import pre_init

    from portal.audit_actions import is_declared
    from portal.models import AuditEvent

    written: list[str] = []

    def remember(sender, args, kwargs, **_):
        if "action" in kwargs:
            written.append(kwargs["action"])

    pre_init.connect(remember, sender=AuditEvent, weak=False, dispatch_uid="x7_actions")
    try:
        yield
    finally:
        pre_init.disconnect(sender=AuditEvent, dispatch_uid="x7_actions")
    undeclared = {
        action
        for action in written
        if not is_declared(action)
        and action.partition(".")[0] not in TEST_ONLY_ACTION_NAMESPACES
        and action != "test"
    }
    if undeclared:
        pytest.fail(
            f"X7: audit actions written but not declared: {sorted(undeclared)}; declare each in "
            "its app's audit_actions.py with a Dutch label (and its English translation)"
        )


@pytest.fixture(autouse=True)
def audit_checkpoint_dir(settings, tmp_path):
    """The audit chains' checkpoints a test exports go to the test's own directory."""
    settings.PORTAL_AUDIT_CHECKPOINT_DIR = str(tmp_path / "audit-checkpoints")
    return tmp_path / "audit-checkpoints"


@pytest.fixture
def login(settings):
    """A client signed in as ``user``; MFA enrolment is marked as done for the session so
    tests of other things need not set up TOTP (MFA has its own tests)."""
    from portal.middleware import MFA_VERIFIED_KEY

    def _login(user, *, mfa_done=True):
        client = Client()
        client.force_login(user)
        if mfa_done:
            session = client.session
            session[MFA_VERIFIED_KEY] = True
            session.save()
        return client

    return _login


@pytest.fixture
def password():
    return PASSWORD
