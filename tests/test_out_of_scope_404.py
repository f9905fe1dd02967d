"""T1, issue 14 finding 12: an object of another municipality does not exist for you — every
address of one object (detail, history, edit, share, download, approve, …) answers 404, never
403, whatever your role and whether or not your role may use that page at all. A 403 said that
the secret item existed.

The sweep takes every URL of an app area that names an object, builds it for Alfa's object as
the permission matrix does (the rules' own kwargs), and asks it as every person of Beta and as
the service centre's superuser (who belongs to no municipality), with GET and POST. The only
403 allowed is X4's: a council member's POST is refused before any address is looked at (the
same answer for any address, so it tells nothing)."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from portal.middleware import MFA_VERIFIED_KEY
from portal.models import AuditEvent
from portal.roles import Role
from tests.permission_matrix import DENY, classify, load_rules, path_for, rule_for, walk_urls
from tests.test_permission_matrix import build_context

pytestmark = pytest.mark.django_db

# URL arguments that name one object of a municipality.
OBJECT_ARGUMENTS = {"uuid", "list_uuid", "item", "version", "document"}
# What is the same for every municipality or public by design: model policies (P7), the public
# Woo pages and APIs, the user's own notifications and reports (scoped to the person).
NOT_MUNICIPAL = ("privacy_policy:model_policy", "privacy_policy:adoption", "publications:public")
NOT_MUNICIPAL += ("publications:api_", "portal:notification", "portal:report_")


def sessions(world, ctx) -> dict[str, Client]:
    people = {f"beta_{role}": user for role, user in world.b.users.items()}
    people["superuser"] = ctx.users["superuser"]
    clients = {}
    for label, user in people.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session[MFA_VERIFIED_KEY] = True
        session.save()
        clients[label] = client
    return clients


def sweep(world, namespace: str) -> tuple[list, list]:
    ctx = build_context(world)
    clients = sessions(world, ctx)
    rules = load_rules()
    asked, refused = [], []
    for entry in walk_urls():
        if not entry.key.startswith(f"{namespace}:") or entry.key.startswith(NOT_MUNICIPAL):
            continue
        if not OBJECT_ARGUMENTS & set(entry.kwarg_names):
            continue
        path = path_for(rule_for(rules, entry.key), ctx, entry)
        for label, client in clients.items():
            for method in ("GET", "POST"):
                cache.clear()
                with transaction.atomic():
                    response = getattr(client, method.lower())(path)
                    transaction.set_rollback(True)
                outcome = classify(response, path)
                asked.append((entry.key, label, method, outcome))
                x4 = label == f"beta_{Role.COUNCIL_MEMBER}" and method == "POST"
                if outcome == DENY and not x4:
                    refused.append((entry.key, path, label, method))
    return asked, refused


@pytest.mark.parametrize(
    "namespace",
    ["confidentiality", "publications", "leaks", "recordings", "privacy_policy", "ris"],
)
def test_t1_another_municipalitys_object_is_404_never_403(world, namespace, capsys):
    asked, refused = sweep(world, namespace)
    with capsys.disabled():
        print(f"\nT1 out-of-scope {namespace}: cells={len(asked)} refused_403={len(refused)}")
    assert len({key for key, *_ in asked}) >= 1, "the sweep found no object URL"
    assert not refused, "\n".join(map(str, refused))


def test_t1_another_municipalitys_audit_event_is_404_never_403(world):
    """The audit trail's detail page (portal), for Beta's people with and without the trail's
    permission; the miss is audited as out of scope."""
    asked, refused = sweep(world, "portal")
    assert any(key == "portal:audit_detail" for key, *_ in asked)
    assert not refused, "\n".join(map(str, refused))
    event = AuditEvent.objects.filter(municipality=world.a.municipality).first()
    client = Client()
    client.force_login(world.b.users[Role.CIVIL_SERVANT])  # no permission for the trail at all
    assert client.get(f"/audit/{event.uuid}/").status_code == 404
    assert AuditEvent.objects.filter(
        action="access.out_of_scope", object_id=str(event.uuid)
    ).exists()
