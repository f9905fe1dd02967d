"""What the writes of recordings share: the messages of refusals the organiser can act on,
the audited refusal with its reason, and the row lock."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.audit import audit_record
from portal.constants import AuditResult

from ..models import Recording

MSG_OTHER_MUNICIPALITY = _("Een opname kan nooit worden gedeeld met een andere gemeente.")  # R2, T1
MSG_PERSON_WITHOUT_TRUST = _(
    "Deze persoon hoort bij een ander identiteitsdomein en er is geen vertrouwensrelatie "
    "vanuit uw domein. Vraag de beheerder die relatie in te stellen, of deel met het "  # R2
    "domein of het orgaan en los de waarschuwing in de controle vooraf op."
)
MSG_WITHDRAWN = _("Een ingetrokken opname kan niet meer worden gewijzigd of gedeeld.")
MSG_NOT_READY = _("De opname kan nog niet worden gepubliceerd. Wat nog in de weg staat:")
MSG_REASONS_REQUIRED = _("Geef de redenen van de beslissing op het bezwaar.")  # R6


def refuse_with_reason(
    *, actor, action: str, obj, rule: str, message, code: str, details: dict | None = None
):
    """Audit the refusal (committed on its own) and tell the organiser why."""
    audit_record(
        action=action,
        actor=actor,
        obj=obj,
        result=AuditResult.DENIED,
        details={"rule": rule, "reason": code, **(details or {})},
    )
    raise ValidationError(message, code=code)


def locked(recording: Recording) -> Recording:
    return (
        Recording.objects.select_for_update(of=("self",))
        .select_related("municipality", "organiser_domain")
        .get(pk=recording.pk)
    )
