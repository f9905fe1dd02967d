"""A6 (QUALITY.md) across the portal: a council member's every unsafe request — POST, PUT,
PATCH, DELETE to every URL the permission matrix knows, with a payload — is refused (X4) and
executes no INSERT, UPDATE or DELETE but the refusal's audit event.

The exceptions are the member's own account and inbox (portal.middleware: ACCOUNT_SELF_SERVICE,
READ_ONLY_OWN_INBOX: signing out, the language, two-step verification, marking own
notifications read); they are counted apart, and what they write must stay in those tables.

Prints ``A6 council-read-only: urls=… requests=… refused=… exempt=… writes=0``.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from portal.middleware import ACCOUNT_SELF_SERVICE, READ_ONLY_OWN_INBOX
from portal.models import AuditEvent
from tests.permission_matrix import load_rules, path_for, rule_for, walk_urls
from tests.test_permission_matrix import build_context, client_for, session_keys

pytestmark = pytest.mark.django_db

UNSAFE = ("post", "put", "patch", "delete")
# What a refusal may write: its audit event (and the chain head), the session.
REFUSAL_TABLES = ("portal_auditevent", "portal_audithead", "django_session")
# What the member's own account and inbox may write besides.
SELF_SERVICE_TABLES = (
    *REFUSAL_TABLES,
    "portal_notification",
    "portal_notificationpreference",
    "portal_user",
    "mfa_authenticator",
    "account_",
)
PAYLOAD = {"name": "a6", "title": "a6", "status": "done", "end": "2026-01-02", "user": "1"}


def _writes(queries, allowed):
    return [
        q["sql"][:160]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and not any(table in q["sql"] for table in allowed)
    ]


def _exempt(path) -> bool:
    match = resolve(path.split("?")[0])
    return match.url_name in ACCOUNT_SELF_SERVICE or match.view_name in READ_ONLY_OWN_INBOX


def test_a6_every_unsafe_request_of_a_council_member_is_refused_and_writes_nothing(world, capsys):
    ctx = build_context(world)
    keys = session_keys(ctx)
    rules = load_rules()
    member = ctx.users["council_member"]
    urls = requests = refused = exempt = 0
    writes, not_refused = [], []
    for entry in walk_urls():
        rule = rule_for(rules, entry.key)
        if rule is None:
            continue
        path = path_for(rule, ctx, entry)
        if path.startswith("/static/"):
            continue
        urls += 1
        is_exempt = _exempt(path)
        for method in UNSAFE:
            client = client_for(keys, "council_member")
            with transaction.atomic():
                seq_before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True)[:1]
                seq_before = seq_before[0] if seq_before else 0
                with CaptureQueriesContext(connection) as queries:
                    response = getattr(client, method)(path, PAYLOAD)
                requests += 1
                if is_exempt:
                    exempt += 1
                    found = _writes(queries.captured_queries, SELF_SERVICE_TABLES)
                else:
                    found = _writes(queries.captured_queries, REFUSAL_TABLES)
                    events = list(
                        AuditEvent.objects.filter(seq__gt=seq_before).values_list(
                            "action", "actor_id", "result"
                        )
                    )
                    if response.status_code == 403 and events == [
                        ("write.refused", member.pk, "denied")
                    ]:
                        refused += 1
                    else:
                        not_refused.append((method, path, response.status_code, events))
                if found:
                    writes.append((method, path, found))
                transaction.set_rollback(True)
    line = (
        f"A6 council-read-only: urls={urls} requests={requests} refused={refused} "
        f"exempt={exempt} not_refused={len(not_refused)} writes={len(writes)}"
    )
    with capsys.disabled():
        print("\n" + line)
    assert urls > 200, line  # the walk reached the whole portal
    assert not_refused == [], not_refused[:5]
    assert writes == [], writes[:5]
    assert refused == requests - exempt
