"""The rules of a breach's facts (L9, AVG art. 33 and 34), in one place: the breach form shows
them on its fields and ``breach_update`` refuses by them, so both say the same. Each returns
``{field: message}``; empty means allowed. The database holds the same limits as constraints
(``Breach.Meta.constraints``), the last line should a write come around both."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import BreachRisk, SubjectsDecision

MIN_MAX = (
    ("people_min", "people_max", _("Het maximum aantal betrokkenen is kleiner dan het minimum.")),
    (
        "records_min",
        "records_max",
        _("Het maximum aantal gegevensrecords is kleiner dan het minimum."),
    ),
)
#: AVG art. 34: decisions under which the people affected are (or are publicly) informed.
INFORMING = (SubjectsDecision.INFORM, SubjectsDecision.EXEMPT_C)


def facts_refusals(values: dict, *, now=None) -> dict:
    """``values``: the breach's facts as they would be after the change (all of them)."""
    now = now or timezone.now()
    errors: dict = {}
    for low, high, message in MIN_MAX:
        low_value, high_value = values.get(low), values.get(high)
        if low_value is not None and high_value is not None and low_value > high_value:
            errors[high] = message
    started, ended = values.get("started_at"), values.get("ended_at")
    for name in ("started_at", "ended_at", "subjects_informed_at"):
        if values.get(name) and values[name] > now:
            errors[name] = _(
                "Dit moment ligt in de toekomst. Vul het moment in waarop het gebeurde."
            )
    if started and ended and ended < started:
        errors["ended_at"] = _("Het einde van het datalek ligt vóór het begin.")
    if values.get("ongoing") and ended:
        errors["ended_at"] = _(
            "Het datalek duurt nog voort of het heeft een einde: vul geen einde in, of vink "
            "'duurt nog voort' uit."
        )
    decision = values.get("subjects_decision") or ""
    if decision and decision != SubjectsDecision.NOT_YET:
        if not (values.get("subjects_reasons") or "").strip():
            errors["subjects_reasons"] = _(
                "Motiveer het besluit over het informeren van betrokkenen (AVG art. 34)."
            )
        if not values.get("subjects_decided_on"):
            errors["subjects_decided_on"] = _("Vul de datum van het besluit in (AVG art. 34).")
    if values.get("risk") == BreachRisk.HIGH and decision == SubjectsDecision.NO_HIGH_RISK:
        errors["subjects_decision"] = _(
            "Bij een hoog risico worden betrokkenen geïnformeerd, tenzij een uitzondering "
            "van AVG art. 34 lid 3 (a–c) geldt: kies die uitzondering."
        )
    if values.get("subjects_informed_at") and decision not in INFORMING:
        errors["subjects_informed_at"] = _(
            "Betrokkenen zijn geïnformeerd, maar het besluit zegt iets anders: kies "
            "'betrokkenen informeren' of de openbare mededeling (AVG art. 34 lid 3 sub c)."
        )
    if values.get("risk") and not (values.get("risk_reasons") or "").strip():
        errors["risk_reasons"] = _("Motiveer de inschatting van het risico (AVG art. 33 lid 1).")
    return errors
