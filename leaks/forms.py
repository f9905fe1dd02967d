"""Forms of leak cases: they parse input; the rules live in the services, whose
ValidationError messages (naming L1–L8 and the articles) the views add to the form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input

from .constants import (
    CouncilMode,
    LeakedTo,
    PoliceOutcome,
    TrackChoice,
    TrackKind,
)


def local_datetime_input():
    """A native date-and-time picker (ISO value, local time Europe/Amsterdam)."""
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _now_local():
    return timezone.localtime().replace(second=0, microsecond=0, tzinfo=None)


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class CaseReportForm(forms.Form):
    """L2: what leaked, to whom, when and how it was discovered."""

    title = forms.CharField(label=_("Korte omschrijving"), max_length=200)
    what_leaked = forms.CharField(
        label=_("Wat is gelekt"),
        widget=_textarea(),
        help_text=_("Zo precies als u weet: welk stuk, welk bericht, welke gegevens."),
    )
    leaked_to = forms.ChoiceField(label=_("Aan wie"), choices=LeakedTo.choices)
    discovered_at = forms.DateTimeField(
        label=_("Ontdekt op"), widget=local_datetime_input(), initial=_now_local
    )
    discovered_how = forms.CharField(label=_("Hoe ontdekt"), widget=_textarea(2))
    leaked_at = forms.DateTimeField(
        label=_("Moment van het lek"),
        required=False,
        widget=local_datetime_input(),
        help_text=_("Alleen als u dit weet."),
    )
    personal_data = forms.BooleanField(
        label=_("Er zijn persoonsgegevens betrokken"),
        required=False,
        help_text=_(
            "Dan is het ook een datalek: de meldtermijn van 72 uur (AVG art. 33) gaat lopen."
        ),
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("Nieuwe status"), choices=())
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s.value, s.label) for s in allowed]


class FactsForm(forms.Form):
    leaked_at = forms.DateTimeField(
        label=_("Moment van het lek"), required=False, widget=local_datetime_input()
    )
    suspected_source = forms.CharField(
        label=_("Vermoedelijke bron"),
        required=False,
        widget=_textarea(2),
        help_text=_("Leeg betekent onbekend. Alleen het zaakteam ziet dit."),  # L2
    )


class WeighForm(forms.Form):
    """L4: an answer and reasons for every consideration of the case's framework version."""

    def __init__(self, *args, steps, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        self.from_report = {}  # answer field -> the report's words it starts from (issue 15)
        for step in steps:
            for consideration in step.considerations.all():
                answer = consideration.answer
                a = f"answer_{consideration.pk}"
                r = f"reasons_{consideration.pk}"
                self.fields[a] = forms.CharField(
                    label=consideration.question,
                    help_text=consideration.guidance,
                    required=False,
                    widget=_textarea(2),
                    # Issue 15: an unanswered question starts from what the report says.
                    initial=answer.answer if answer else getattr(consideration, "from_report", ""),
                )
                if not answer and getattr(consideration, "from_report", ""):
                    self.from_report[a] = consideration.from_report
                self.fields[r] = forms.CharField(
                    label=_("Motivering"),
                    required=False,
                    widget=_textarea(2),
                    initial=answer.reasons if answer else "",
                )
                self.rows.append((step, consideration, a, r))

    def clean(self):
        data = super().clean()
        for _step, _consideration, a, r in self.rows:
            untouched = a in self.from_report and (
                data.get(a, "").strip() == self.from_report[a].strip()
            )
            if untouched and not data.get(r, "").strip():
                data[a] = ""  # the report's words, not yet weighed: nothing to save
            if data.get(a, "").strip() and not data.get(r, "").strip():
                self.add_error(r, _("Geef bij elk antwoord de motivering."))  # L4
        return data

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (self.cleaned_data.get(a, ""), self.cleaned_data.get(r, ""))
            for _s, c, a, r in self.rows
        }

    def bound_rows(self):
        return [(step, c, self[a], self[r]) for step, c, a, r in self.rows]


class TrackDecisionForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Besluit"), choices=TrackChoice.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(
        label=_("Datum van het besluit"), widget=iso_date_input(), initial=timezone.localdate
    )
    decision_maker = forms.CharField(
        label=_("Besluitvormer"),
        max_length=200,
        help_text=_("Wie besloot, bijvoorbeeld 'gemeentesecretaris' of 'college'."),
    )
    reasons = forms.CharField(label=_("Motivering"), widget=_textarea())
    police_filed_on = forms.DateField(
        label=_("Aangifte gedaan op"), required=False, widget=iso_date_input()
    )
    police_reference = forms.CharField(label=_("Kenmerk aangifte"), required=False, max_length=100)
    police_outcome = forms.ChoiceField(
        label=_("Uitkomst"), required=False, choices=[("", "—"), *PoliceOutcome.choices]
    )
    police_outcome_reason = forms.CharField(
        label=_("Reden van de uitkomst"),
        required=False,
        widget=_textarea(2),
        help_text=_("Bijvoorbeeld de reden van het sepot."),
    )
    council_mode = forms.ChoiceField(
        label=_("Hoe is de raad geïnformeerd"),
        required=False,
        choices=[("", "—"), *CouncilMode.choices],
    )
    council_item_reference = forms.CharField(
        label=_("Kenmerk van het geheime stuk"),
        required=False,
        max_length=100,
        help_text=_("Bij informeren onder geheimhouding: het kenmerk uit het register."),
    )

    POLICE = ("police_filed_on", "police_reference", "police_outcome", "police_outcome_reason")
    COUNCIL = ("council_mode", "council_item_reference")

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        drop = []
        if kind != TrackKind.POLICE_REPORT:
            drop += self.POLICE
        if kind != TrackKind.INFORM_COUNCIL:
            drop += self.COUNCIL
        for name in drop:
            del self.fields[name]


class TeamAddForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=None,
        label=_("Persoon"),
        error_messages={
            "invalid_choice": _(
                "Kies een persoon uit de lijst: alleen medewerkers van de eigen gemeente."  # L3
            )
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates


class LinkForm(forms.Form):
    item_reference = forms.CharField(
        label=_("Kenmerk in het geheimhoudingsregister"),
        required=False,
        max_length=100,
        help_text=_("Voor een geheim stuk: dan kunt u het toegangsspoor bekijken."),  # L6
    )
    document_reference = forms.CharField(
        label=_("Of: omschrijving van het document"), required=False, max_length=300
    )


class TraceCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Traceercode"),
        max_length=20,
        help_text=_(
            "De code onderaan elke pagina van een gelekt exemplaar, bijvoorbeeld ABCD-EFGH-JKMN."
        ),
    )
