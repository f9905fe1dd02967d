"""One audited refusal for every app (issue 16). A refusal by policy or by a rule is recorded
as exactly one denied audit event (E1) and then stops the request one of two ways:

- :func:`refuse`: who may not do this at all gets a 403 (the view's guard);
- :func:`refuse_with_reason` and :func:`refusal_audited`: a refusal the person can act on is a
  ``ValidationError`` naming the rule in its ``code`` and saying in words what to do; the form
  flow (:mod:`portal.form_flow`) shows it on the field or above the form, status 400.

:func:`audited_write` is the usual shape of a service: one transaction for the write, and a
refusal raised inside (or by ``full_clean``) rolls the write back before it is recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from portal.audit import audit_record
from portal.constants import AuditResult


def refuse(*, actor: Any, action: str, obj: Any, rule: str = "") -> NoReturn:
    """Record a refusal by policy (one audit event) and stop the request with a 403."""
    audit_record(
        action=action,
        actor=actor,
        obj=obj,
        result=AuditResult.DENIED,
        details={"rule": rule} if rule else None,
    )
    raise PermissionDenied


def refuse_with_reason(
    *,
    actor: Any,
    action: str,
    obj: Any,
    rule: str,
    message: Any,
    code: str,
    details: dict | None = None,
) -> NoReturn:
    """Record the refusal (outside the write's transaction, so it stays) and tell the person
    why in ``message``; ``code`` names the reason for tests and the audit trail."""
    audit_record(
        action=action,
        actor=actor,
        obj=obj,
        result=AuditResult.DENIED,
        details={"rule": rule, "reason": code, **(details or {})},
    )
    raise ValidationError(message, code=code)


@contextmanager
def refusal_audited(
    *, actor: Any, action: str, obj: Any = None, municipality: Any = None, rule: str
) -> Iterator[None]:
    """A refusal by rule (a ValidationError naming the rule) raised inside is recorded as one
    denied audit event — after the write inside has rolled back — and then let through to the
    form. Wrap the service's transaction in it: ``with refusal_audited(...): with atomic():``,
    or use :func:`audited_write`, which does both."""
    try:
        yield
    except ValidationError as exc:
        audit_record(
            action=action,
            actor=actor,
            obj=obj,
            municipality=municipality,
            result=AuditResult.DENIED,
            details={"rule": rule, "errors": exc.messages},
        )
        raise


@contextmanager
def audited_write(
    *, actor: Any, action: str, rule: str, obj: Any = None, municipality: Any = None
) -> Iterator[None]:
    """One transaction for the write. A refusal by a rule (a ValidationError, raised inside or
    by ``full_clean``) rolls the write back and is then recorded as one denied event, in the
    actor's municipality unless ``municipality`` names another."""
    if municipality is None and getattr(actor, "municipality_id", None):
        municipality = actor.municipality
    with (
        refusal_audited(actor=actor, action=action, obj=obj, municipality=municipality, rule=rule),
        transaction.atomic(),
    ):
        yield
