"""L9: the notification to the Autoriteit Persoonsgegevens laid out by the sections of the AP's
meldformulier datalekken (the version followed is in docs/leaks.md). One source for the
layout: the breach form's fieldsets, the frozen snapshot of a version, what changed between
versions, the printable notification (PDF) and its JSON all read ``SECTIONS``.

A snapshot holds plain JSON values (ISO moments, choice values, numbers) so that it can be
frozen in a version and compared; ``present`` turns one into labelled rows in the reader's
language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .constants import BREACH_FIELDS, SENSITIVE_DATA_KINDS

FORM_NAME = _("Meldformulier datalekken van de Autoriteit Persoonsgegevens")


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    fields: tuple[str, ...]


#: Section 0 is the version itself (BreachNotification); 1–9 are the breach's facts.
SECTIONS = (
    Section(
        0,
        _("Over deze melding"),
        ("phase", "number", "reference", "notified_at", "note"),
    ),
    Section(
        1,
        _("Contactgegevens en overige algemene informatie"),
        (
            "organisation",
            "case_reference",
            "contact_name",
            "contact_function",
            "contact_phone",
            "contact_email",
            "contact",
            "other_organisations",
        ),
    ),
    Section(
        2,
        _("Tijdlijn"),
        (
            "started_at",
            "ended_at",
            "ongoing",
            "discovered_at",
            "aware_at",
            "deadline",
            "late_reasons",
        ),
    ),
    Section(3, _("Gegevens over het datalek"), ("nature_kinds", "nature", "cause")),
    Section(
        4,
        _("Persoonsgegevens die betrokken zijn bij het datalek"),
        ("data_kinds", "sensitive", "record_categories", "records_min", "records_max"),
    ),
    Section(
        5,
        _("De groep mensen van wie persoonsgegevens betrokken zijn"),
        ("subject_kinds", "subject_categories", "people_min", "people_max"),
    ),
    Section(
        6,
        _("Maatregelen die waren getroffen voordat het datalek plaatsvond"),
        ("protection_kinds", "measures_before"),
    ),
    Section(
        7,
        _("Gevolgen van het datalek"),
        ("consequence_kinds", "consequences", "likelihood", "severity", "risk", "risk_reasons"),
    ),
    Section(
        8,
        _("Vervolgacties naar aanleiding van het datalek"),
        (
            "subjects_decision",
            "subjects_reasons",
            "subjects_decided_on",
            "subjects_informed_at",
            "subjects_informed_how",
            "subjects_message",
            "measures",
            "cross_border",
            "cross_border_note",
        ),
    ),
    Section(9, _("Overig"), ("other_remarks",)),
)

#: What a snapshot holds besides the breach's own fields.
DERIVED_LABELS = {
    "organisation": _("Organisatie"),
    "case_reference": _("Kenmerk van de leksituatie"),
    "discovered_at": _("Ontdekt op"),
    "deadline": _("Uiterste meldmoment (72 uur na bekend worden)"),
    "sensitive": _("Bijzondere of strafrechtelijke persoonsgegevens (AVG art. 9 of 10)"),
}
VERSION_FIELDS = ("phase", "number", "reference", "notified_at", "note", "late_reasons")
FACT_FIELDS = ("aware_at", *BREACH_FIELDS)


def _iso(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def facts_snapshot(breach) -> dict:
    """The breach's facts now, as plain JSON values — what a version freezes."""
    case = breach.case
    snapshot = {name: _iso(getattr(breach, name)) for name in FACT_FIELDS}
    snapshot["data_kinds"] = list(breach.data_kinds)
    snapshot.update(
        organisation=case.municipality.name,
        case_reference=case.reference,
        discovered_at=case.discovered_at.isoformat(),
        deadline=breach.deadline.isoformat(),
        sensitive=any(kind in SENSITIVE_DATA_KINDS for kind in breach.data_kinds),
    )
    return snapshot


def version_values(notification) -> dict:
    return {name: _iso(getattr(notification, name)) for name in VERSION_FIELDS}


def _model_field(name):
    from .models import Breach, BreachNotification

    for model in (Breach, BreachNotification):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def label(name: str) -> str:
    if name in DERIVED_LABELS:
        return str(DERIVED_LABELS[name])
    field = _model_field(name)
    text = str(field.verbose_name) if field is not None else name
    return text[:1].upper() + text[1:]


def _choices(field) -> dict:
    base = getattr(field, "base_field", field)
    return {value: str(text) for value, text in (base.choices or ())}


def display(name: str, value) -> str:
    """A snapshot value as a person reads it: labels for choices, local moments, yes/no."""
    if value in (None, "", []):
        return "–"
    if isinstance(value, bool):
        return gettext("Ja") if value else gettext("Nee")
    field = _model_field(name)
    if name in ("discovered_at", "deadline") or (
        field is not None and field.get_internal_type() == "DateTimeField"
    ):
        moment = parse_datetime(value) if isinstance(value, str) else value
        return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")
    if field is not None and field.get_internal_type() == "DateField":
        day = parse_date(value) if isinstance(value, str) else value
        return day.strftime("%d-%m-%Y")
    if field is not None and (getattr(field, "base_field", None) or field.choices):
        labels = _choices(field)
        if isinstance(value, list):
            return "; ".join(labels.get(v, v) for v in value)
        return labels.get(value, value)
    return str(value)


def span(low, high) -> str:
    """A number given as a minimum and a maximum: "40–60", "40" when both are the same, "?"
    when unknown."""
    if low is None and high is None:
        return "?"
    if low is None or high is None or low == high:
        return str(low if high is None else high)
    return f"{low}–{high}"


def present(snapshot: dict, version: dict | None = None) -> list[dict]:
    """The sections with labelled rows: ``key``, ``label``, ``value`` (plain) and ``text``
    (as read). Section 0 only for a version; a draft (no version) starts at section 1."""
    values = {**snapshot, **(version or {})}
    sections = []
    for section in SECTIONS:
        if section.number == 0 and version is None:
            continue
        rows = [
            {
                "key": name,
                "label": label(name),
                "value": values.get(name),
                "text": display(name, values.get(name)),
            }
            for name in section.fields
        ]
        sections.append({"number": section.number, "title": str(section.title), "rows": rows})
    return sections


def changes(before: dict, after: dict) -> list[dict]:
    """L9: what changed between two versions' snapshots, field by field, in form order."""
    rows = []
    for section in SECTIONS[1:]:
        for name in section.fields:
            if name == "late_reasons":
                continue
            if before.get(name) != after.get(name):
                rows.append(
                    {
                        "section": section.number,
                        "label": label(name),
                        "before": display(name, before.get(name)),
                        "after": display(name, after.get(name)),
                    }
                )
    return rows


def as_json(snapshot: dict, version: dict | None = None) -> dict:
    """The notification as JSON, by the AP form's sections (plain values and their text)."""
    return {
        "form": str(FORM_NAME),
        "draft": version is None,
        "sections": present(snapshot, version),
    }
