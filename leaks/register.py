"""L5/L9, AVG art. 33(5): the breach register — its filters and its columns, one list for the
page and the CSV export."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .constants import SENSITIVE_DATA_KINDS, DataKind
from .notification import span

YES_NO = [("", _("Alle")), ("yes", _("Ja")), ("no", _("Nee"))]


def _yes_no(label):
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        required=False,
        error_messages={"invalid_choice": _("Kies ja, nee of alle.")},
    )


class RegisterFilterForm(forms.Form):
    """The register's filters (a GET form): a year of awareness and the structured columns."""

    year = forms.IntegerField(
        label=_("Jaar (bekend geworden)"),
        required=False,
        min_value=2018,
        max_value=2100,
        error_messages={
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Het register begint in 2018, toen de AVG van kracht werd."),
            "max_value": _("Vul een jaartal in, bijvoorbeeld 2026."),
        },
    )
    kind = forms.ChoiceField(
        label=_("Soort persoonsgegevens"),
        choices=[("", _("Alle")), *DataKind.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een soort persoonsgegevens uit de lijst.")},
    )
    sensitive = _yes_no(_("Bijzondere of strafrechtelijke gegevens"))
    notified = _yes_no(_("Gemeld aan de AP"))
    late = _yes_no(_("Te laat"))
    informed = _yes_no(_("Betrokkenen geïnformeerd"))


def apply_filters(breaches: QuerySet, data: dict) -> QuerySet:
    """``data``: the form's cleaned data (only valid fields). ``breaches`` carries the clock
    annotations of ``selectors.with_clock``."""
    if data.get("year"):
        breaches = breaches.filter(aware_at__year=data["year"])
    if data.get("kind"):
        breaches = breaches.filter(data_kinds__contains=[data["kind"]])
    for name, lookup in (
        ("sensitive", lambda yes: {"data_kinds__overlap": list(SENSITIVE_DATA_KINDS)}),
        ("notified", lambda yes: {"first_notified_at__isnull": False}),
        ("late", lambda yes: {"late": True}),
        ("informed", lambda yes: {"subjects_informed_at__isnull": False}),
    ):
        choice = data.get(name)
        if choice == "yes":
            breaches = breaches.filter(**lookup(True))
        elif choice == "no":
            breaches = breaches.exclude(**lookup(True))
    return breaches


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    on_page: bool = True


COLUMNS = (
    Column("reference", _("Kenmerk")),
    Column("aware_at", _("Bekend geworden op")),
    Column("deadline", _("Uiterste meldmoment"), on_page=False),
    Column("nature", _("Aard (AVG art. 33 lid 3 sub a)"), on_page=False),
    Column("data_kinds", _("Soorten persoonsgegevens")),
    Column("sensitive", _("Bijzondere of strafrechtelijke gegevens")),
    Column("people", _("Betrokkenen (min.–max.)")),
    Column("consequences", _("Gevolgen (sub c)"), on_page=False),
    Column("measures", _("Maatregelen (sub d)"), on_page=False),
    Column("risk", _("Risico"), on_page=False),
    Column("notified", _("Gemeld aan de AP")),
    Column("notified_at", _("Gemeld op"), on_page=False),
    Column("ap_reference", _("Meldnummer")),
    Column("late", _("Te laat")),
    Column("late_reasons", _("Redenen van de vertraging"), on_page=False),
    Column("informed", _("Betrokkenen geïnformeerd")),
    Column("informed_at", _("Geïnformeerd op"), on_page=False),
    Column("subjects_decision", _("Besluit betrokkenen informeren (art. 34)"), on_page=False),
    Column("destruction", _("Voorgedragen voor vernietiging"), on_page=False),
)
PAGE_COLUMNS = tuple(c for c in COLUMNS if c.on_page)


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%d-%m-%Y %H:%M") if value else ""


def _yes(value) -> str:
    return gettext("ja") if value else gettext("nee")


def row(breach) -> dict:
    """One breach as the register shows it (text per column key, plus what the page links)."""
    first = breach.notification_list[0] if breach.notification_list else None
    kinds = dict(DataKind.choices)
    return {
        "uuid": breach.case.uuid,
        "reference": breach.case.reference,
        "aware_at": _moment(breach.aware_at),
        "deadline": _moment(breach.deadline_at),
        "nature": breach.nature,
        "data_kinds": "; ".join(str(kinds.get(k, k)) for k in breach.data_kinds),
        "sensitive": _yes(any(k in SENSITIVE_DATA_KINDS for k in breach.data_kinds)),
        "people": span(breach.people_min, breach.people_max),
        "consequences": breach.consequences,
        "measures": breach.measures,
        "risk": breach.get_risk_display(),
        "notified": _yes(first) + (f" ({_moment(first.notified_at)})" if first else ""),
        "notified_at": _moment(first.notified_at) if first else "",
        "ap_reference": next((n.reference for n in breach.notification_list if n.reference), ""),
        "late": _yes(breach.late),
        "late_reasons": first.late_reasons if first else "",
        "informed": _yes(breach.subjects_informed_at),
        "informed_at": _moment(breach.subjects_informed_at),
        "subjects_decision": breach.get_subjects_decision_display(),
        "destruction": _moment(breach.destruction_flagged_at),
        "is_late": breach.late,
        "is_notified": first is not None,
    }
