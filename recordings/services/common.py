"""What the writes of recordings share: the messages of refusals the organiser can act on
and the row lock; the audited refusal is the core's (``portal.refusals.refuse_with_reason``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


def locked(recording: Recording) -> Recording:
    return (
        Recording.objects.select_for_update(of=("self",))
        .select_related("municipality", "organiser_domain")
        .get(pk=recording.pk)
    )
