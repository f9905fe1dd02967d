"""Forms of the breach track (L5, L9). They parse input and show the rules' refusals on their
fields; the rules themselves live in ``leaks.rules`` (read by these forms and the services)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input

from . import rules
from .constants import (
    BREACH_FIELDS,
    BreachRisk,
    ConsequenceKind,
    DataKind,
    Likelihood,
    NatureKind,
    NotificationPhase,
    ProtectionKind,
    Severity,
    SubjectKind,
    SubjectsDecision,
)
from .forms import _now_local, _textarea, local_datetime_input
from .models import Breach
from .notification import SECTIONS


def _checklist(choices, label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": _("Kies alleen uit de opties in de lijst.")},
    )


def _count(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        error_messages={
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Een aantal is 0 of meer."),
        },
    )


AWARE_AT_HELP = _(
    "Het moment waarop de gemeente redelijk zeker wist dat er persoonsgegevens betrokken zijn. "
    "Meestal is dat het moment van ontdekken. Vanaf dit moment loopt de termijn van 72 uur "
    "(AVG art. 33 lid 1)."
)


class BreachOpenForm(forms.Form):
    """L5: open the breach track; the clock runs from the discovery unless a reason says
    otherwise (the view sets the discovery as the initial moment)."""

    aware_at = forms.DateTimeField(
        label=_("Bekend geworden op"), widget=local_datetime_input(), help_text=AWARE_AT_HELP
    )
    aware_reason = forms.CharField(
        label=_("Reden, als dit een ander moment is dan de ontdekking"),
        required=False,
        widget=_textarea(2),
    )


class BreachAwarenessForm(forms.Form):
    """L5: the privacy officer records or corrects the moment of awareness."""

    aware_at = forms.DateTimeField(
        label=_("Bekend geworden op"), widget=local_datetime_input(), help_text=AWARE_AT_HELP
    )
    reason = forms.CharField(
        label=_("Reden van de correctie"),
        required=False,
        widget=_textarea(2),
        help_text=_(
            "Verplicht als u het moment wijzigt. Bijvoorbeeld: pas na onderzoek bleek dat er "
            "persoonsgegevens in het bestand stonden."
        ),
    )


class BreachForm(forms.ModelForm):
    """L9: the facts of the AP's notification form, section by section (AVG art. 33(3) a–d,
    the risk, and the art. 34 decision). Checklists are multiple choice; numbers of people and
    records a minimum and a maximum."""

    nature_kinds = _checklist(NatureKind.choices, _("Wat is er met de gegevens gebeurd?"))
    data_kinds = _checklist(
        DataKind.choices,
        _("Om welke persoonsgegevens gaat het?"),
        _("Kies alles wat van toepassing is, ook als het om een deel van de mensen gaat."),
    )
    subject_kinds = _checklist(SubjectKind.choices, _("Van welke groepen mensen?"))
    protection_kinds = _checklist(
        ProtectionKind.choices,
        _("Hoe waren de gegevens beveiligd vóór het datalek?"),
        _("Niets aangevinkt betekent: niet beveiligd."),
    )
    consequence_kinds = _checklist(
        ConsequenceKind.choices, _("Welke gevolgen kan het datalek hebben voor de mensen?")
    )
    people_min = _count(_("Aantal betrokkenen, minimaal"))
    people_max = _count(_("Aantal betrokkenen, maximaal"))
    records_min = _count(_("Aantal gegevensrecords, minimaal"))
    records_max = _count(_("Aantal gegevensrecords, maximaal"))

    class Meta:
        model = Breach
        fields = list(BREACH_FIELDS)
        widgets = {
            "contact": _textarea(2),
            "other_organisations": _textarea(2),
            "started_at": local_datetime_input(),
            "ended_at": local_datetime_input(),
            "nature": _textarea(),
            "cause": _textarea(2),
            "measures_before": _textarea(2),
            "consequences": _textarea(),
            "risk_reasons": _textarea(2),
            "subjects_reasons": _textarea(2),
            "subjects_decided_on": iso_date_input(),
            "subjects_informed_at": local_datetime_input(),
            "subjects_message": _textarea(4),
            "measures": _textarea(),
            "cross_border_note": _textarea(2),
            "other_remarks": _textarea(2),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, choices in (
            ("risk", BreachRisk.choices),
            ("subjects_decision", SubjectsDecision.choices),
            ("likelihood", Likelihood.choices),
            ("severity", Severity.choices),
        ):
            self.fields[name].choices = [("", "—"), *choices]

    def clean(self):
        data = super().clean()
        for field, message in rules.facts_refusals(data).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def sections(self):
        """The fields by the AP form's sections, for the fieldsets of the page."""
        return [
            (section, [self[name] for name in section.fields if name in self.fields])
            for section in SECTIONS
            if any(name in self.fields for name in section.fields)
        ]


class BreachNotifyForm(forms.Form):
    """L9: a notification to the AP, recorded as a frozen version of the facts as they are."""

    phase = forms.ChoiceField(
        label=_("Fase (AVG art. 33 lid 4)"), choices=NotificationPhase.choices
    )
    notified_at = forms.DateTimeField(
        label=_("Gemeld op"), widget=local_datetime_input(), initial=_now_local
    )
    reference = forms.CharField(
        label=_("Meldnummer AP"),
        max_length=100,
        required=False,
        help_text=_(
            "Het nummer dat de Autoriteit Persoonsgegevens geeft. Verplicht bij een "
            "aanvulling, correctie of intrekking."
        ),
    )
    late_reasons = forms.CharField(
        label=_("Redenen van de vertraging"),
        required=False,
        widget=_textarea(2),
        help_text=_("Verplicht als de eerste melding later is dan 72 uur (AVG art. 33 lid 1)."),
    )
    note = forms.CharField(
        label=_("Toelichting bij deze versie"),
        required=False,
        widget=_textarea(2),
        help_text=_(
            "Wat u aanvult of corrigeert. Bij een intrekking: waarom de melding wordt "
            "ingetrokken (verplicht)."
        ),
    )
