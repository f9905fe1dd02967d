"""Helpers shared by the services of this app."""

from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.constants import AuditResult

MSG_OWNER_ELSEWHERE = _("Kies een eigenaar van uw eigen gemeente.")  # T1


@contextmanager
def audited_write(*, actor, action: str, rule: str, obj=None):
    """One transaction for the write. A refusal by a rule (a ValidationError, raised inside or
    by ``full_clean``) rolls the write back and is then recorded as one denied event."""
    try:
        with transaction.atomic():
            yield
    except ValidationError as exc:
        audit_record(
            action=action,
            actor=actor,
            obj=obj,
            municipality=actor.municipality if actor.municipality_id else None,
            result=AuditResult.DENIED,
            details={"rule": rule, "errors": exc.messages},
        )
        raise


def refuse_other_municipality(*, actor, user):
    """T1: people named on an item (its owner) belong to the actor's municipality. Call
    inside :func:`audited_write`."""
    if user is not None and user.municipality_id != actor.municipality_id:
        raise ValidationError(MSG_OWNER_ELSEWHERE, code="other_municipality")
