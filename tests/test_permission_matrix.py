"""A1: every URL × every principal × GET/POST against the declarative matrix."""

from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from portal.audit import audit_record
from portal.middleware import MFA_VERIFIED_KEY
from portal.models import AssignableRole, AuditEvent, User
from portal.roles import Role
from tests.factories import DomainTrustFactory, UserFactory
from tests.permission_matrix import (
    METHODS,
    PRINCIPALS,
    Report,
    classify,
    load_rules,
    path_for,
    rule_for,
    walk_urls,
)

pytestmark = pytest.mark.django_db


@dataclass
class MatrixContext:
    world: object
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def admin_object(self, app, model):
        return self.objects.get((app, model))


def build_context(world) -> MatrixContext:
    a, b = world.a, world.b
    ctx = MatrixContext(world=world)
    ctx.users = {role: a.users[role] for role in a.users}
    ctx.users["other_municipality_admin"] = b.users[Role.ADMINISTRATOR]
    ctx.users["other_municipality_clerk"] = b.users[Role.CLERK]
    ctx.users["other_domain_clerk"] = UserFactory(
        email="clerk@org.alfa.example", identity_domain=a.org, role=Role.CLERK
    )
    ctx.users["inactive"] = UserFactory(
        email="inactive@alfa.example", identity_domain=a.council, role=Role.CLERK, inactive=True
    )
    ctx.users["superuser"] = User.objects.create_superuser("ssc@ssc.example", "Test-wachtwoord-123")
    ctx.a_raad = a.raad
    ctx.a_membership = a.raad.memberships.get(user=a.users[Role.COUNCIL_MEMBER])
    ctx.a_event = audit_record(action="test.seed", municipality=a.municipality)
    ctx.user_ct = ContentType.objects.get_for_model(User)
    ctx.any_group = Group.objects.order_by("name").first()
    trust = DomainTrustFactory(source=a.org, target=a.council)
    # Role assignment (issue 14 finding 3): which roles administrators may give is the service
    # centre's list; its change, delete and history pages are asked for a real entry.
    assignable, _ = AssignableRole.objects.get_or_create(group=ctx.any_group)
    ctx.objects = {
        ("portal", "municipality"): a.municipality,
        ("portal", "identitydomain"): a.org,
        ("portal", "domaintrust"): trust,
        ("portal", "body"): a.raad,
        ("portal", "membership"): ctx.a_membership,
        ("portal", "user"): a.users[Role.CLERK],
        ("portal", "auditevent"): AuditEvent.objects.get(pk=ctx.a_event.pk),
        ("auth", "group"): ctx.any_group,
        ("portal", "assignablerole"): assignable,
    }
    return ctx


def session_keys(ctx) -> dict:
    """One signed-in session per principal, made once; each cell runs in a transaction that
    is rolled back, so a cell that signs out does not end the session for the next."""
    keys = {}
    for principal, user in ctx.users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[MFA_VERIFIED_KEY] = True  # MFA enrolment has its own tests
        session.save()
        keys[principal] = session.session_key
    return keys


def client_for(keys, principal) -> Client:
    client = Client()
    if principal != "anonymous":
        client.cookies[settings.SESSION_COOKIE_NAME] = keys[principal]
    return client


def test_a1_permission_matrix_covers_every_url_and_holds(world, capsys):
    ctx = build_context(world)
    keys = session_keys(ctx)
    rules = load_rules()
    report = Report()
    entries = list(walk_urls())
    report.urls = len(entries)
    for entry in entries:
        rule = rule_for(rules, entry.key)
        if rule is None:
            report.unmapped.append(entry.key)
            continue
        path = path_for(rule, ctx, entry)
        for principal in PRINCIPALS:
            for method in METHODS:
                expected = rule.expected(ctx, entry.key, principal, method)
                cache.clear()  # rate limits must not leak between cells
                with transaction.atomic():
                    client = client_for(keys, principal)
                    response = getattr(client, method.lower())(path)
                    transaction.set_rollback(True)  # every cell starts from the same world
                actual = classify(response, path)
                report.record((entry.key, path, principal, method), expected, actual)
    line = report.line(len(PRINCIPALS))
    with capsys.disabled():
        print("\n" + line)
    problems = {
        "unmapped": report.unmapped,
        "unexpected_allow": report.unexpected_allow,
        "unexpected_deny": report.unexpected_deny,
        "mismatched": report.mismatched,
        "errors": report.errors,
    }
    details = "\n".join(f"{kind}: {row}" for kind, rows in problems.items() for row in rows)
    assert not any(problems.values()), f"{line}\n{details}"
    assert report.cells > 1000  # the matrix really walked the URL space
