"""Forms: they parse input; the rules live in the services, whose ValidationError messages
(naming P1–P8, T1) the views add to the form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input

from .constants import (
    ActionTarget,
    DisplayStatus,
    FindingResult,
    ItemKind,
    LetterKind,
    MotionStatus,
    PolicyKind,
)

TEXTAREA = forms.Textarea(attrs={"rows": 4})


class MotionForm(forms.Form):
    number = forms.CharField(label=_("Nummer"), max_length=20)
    title = forms.CharField(label=_("Titel"), max_length=300)
    meeting = forms.CharField(
        label=_("Vergadering"), max_length=200, help_text=_("Bijvoorbeeld 'Kadernota 2016'.")
    )
    meeting_date = forms.DateField(label=_("Datum van de vergadering"), widget=iso_date_input())
    submitters = forms.CharField(label=_("Indieners"), max_length=500)
    status = forms.ChoiceField(
        label=_("Status"), choices=MotionStatus.choices, initial=MotionStatus.ADOPTED
    )
    text = forms.CharField(label=_("Tekst van de motie"), widget=TEXTAREA)
    college_advice = forms.CharField(
        label=_("Advies van het college"), required=False, widget=TEXTAREA
    )


class OwnedItemForm(forms.Form):
    """The fields of an assignment or commitment (P1, P3)."""

    description = forms.CharField(label=_("Omschrijving"), widget=TEXTAREA)
    owner_portfolio_holder = forms.CharField(
        label=_("Portefeuillehouder"), max_length=200, required=False
    )
    owner_department = forms.CharField(label=_("Afdeling"), max_length=200, required=False)
    owner = forms.ModelChoiceField(
        label=_("Eigenaar (meldt de voortgang)"),
        queryset=None,
        required=False,
        error_messages={
            "invalid_choice": _("Kies een eigenaar uit de lijst: alleen uw eigen gemeente.")  # T1
        },
    )
    deadline = forms.DateField(label=_("Uiterste datum"), widget=iso_date_input())

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.email


class CommitmentForm(OwnedItemForm):
    number = forms.CharField(label=_("Nummer"), max_length=20)
    title = forms.CharField(label=_("Titel"), max_length=300)
    meeting = forms.CharField(label=_("Vergadering"), max_length=200)
    made_on = forms.DateField(label=_("Gedaan op"), widget=iso_date_input())

    field_order = ["number", "title", "meeting", "made_on", "description"]


class ProgressForm(forms.Form):
    reported_on = forms.DateField(
        label=_("Datum"), initial=timezone.localdate, widget=iso_date_input()
    )
    text = forms.CharField(label=_("Voortgang"), widget=TEXTAREA)


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort stuk"), choices=LetterKind.choices)
    reference = forms.CharField(label=_("Kenmerk"), max_length=100)
    title = forms.CharField(label=_("Onderwerp"), max_length=300)
    sent_on = forms.DateField(label=_("Datum van de brief"), widget=iso_date_input())


class AcceptForm(forms.Form):
    accepted_on = forms.DateField(
        label=_("Afgedaan door de raad op"), initial=timezone.localdate, widget=iso_date_input()
    )
    reference = forms.CharField(
        label=_("Besluit van afdoening"),
        max_length=200,
        help_text=_("Bijvoorbeeld het nummer van het raadsbesluit of de lijst van afdoening."),
    )


class FilterForm(forms.Form):
    """P4: filters of the council-facing list (GET)."""

    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("alle")), *ItemKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle")), *DisplayStatus.choices]
    )
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)


class PolicyVersionForm(forms.Form):
    text = forms.CharField(label=_("Tekst"), widget=forms.Textarea(attrs={"rows": 10}))
    adopted_by = forms.ModelChoiceField(label=_("Vastgesteld door"), queryset=None)
    adopted_on = forms.DateField(label=_("Vastgesteld op"), widget=iso_date_input())
    decision_reference = forms.CharField(label=_("Besluit"), max_length=200)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopted_by"].queryset = bodies


class FindingForm(forms.Form):
    norm = forms.ModelChoiceField(label=_("Norm"), queryset=None)
    result = forms.ChoiceField(label=_("Resultaat"), choices=FindingResult.choices)
    text = forms.CharField(label=_("Bevinding"), required=False, widget=TEXTAREA)

    def __init__(self, *args, norms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["norm"].queryset = norms


class AdoptionForm(forms.Form):
    version = forms.ModelChoiceField(label=_("Versie"), queryset=None)
    adopted_by = forms.ModelChoiceField(label=_("Vastgesteld door"), queryset=None)
    adopted_on = forms.DateField(label=_("Vastgesteld op"), widget=iso_date_input())
    decision_reference = forms.CharField(label=_("Besluit"), max_length=200)

    def __init__(self, *args, versions, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = versions
        self.fields["version"].label_from_instance = lambda v: _("versie %(n)s") % {"n": v.number}
        self.fields["adopted_by"].queryset = bodies


class DeviationForm(forms.Form):
    section_key = forms.ChoiceField(label=_("Paragraaf"), choices=())
    text = forms.CharField(label=_("Eigen tekst"), widget=TEXTAREA)
    reason = forms.CharField(label=_("Reden van de afwijking"), widget=TEXTAREA)

    def __init__(self, *args, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section_key"].choices = [(s.key, f"{s.key} {s.heading}") for s in sections]


class PlanActionForm(forms.Form):
    title = forms.CharField(label=_("Actie"), max_length=300)
    target_kind = forms.ChoiceField(label=_("Gericht op"), choices=ActionTarget.choices)
    target = forms.CharField(label=_("Doelgroep of product"), max_length=200)
    owner_department = forms.CharField(label=_("Verantwoordelijke afdeling"), max_length=200)


class ModelVersionForm(forms.Form):
    sections = forms.CharField(
        label=_("Paragrafen"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Begin elke paragraaf met een regel '## <nummer> <kop>'."),
    )
    published_on = forms.DateField(label=_("Uitgebracht op"), widget=iso_date_input())
    notes = forms.CharField(label=_("Toelichting"), required=False, widget=TEXTAREA)


class PolicyDocumentForm(PolicyVersionForm):
    """P5: a new document with its first version."""

    kind = forms.ChoiceField(label=_("Soort"), choices=PolicyKind.choices)
    title = forms.CharField(label=_("Titel"), max_length=300)

    field_order = ["kind", "title", "text"]


class FrameworkForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    norms = forms.CharField(
        label=_("Normen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Eén norm per regel: eerst de code, dan de tekst, bijvoorbeeld 'N1 Er is een register'."
        ),
    )

    def clean_norms(self):
        rows = []
        for line in self.cleaned_data["norms"].splitlines():
            if not line.strip():
                continue
            code, _sep, title = line.strip().partition(" ")
            if not title.strip():
                raise forms.ValidationError(
                    _("Elke regel heeft een code en een tekst, gescheiden door een spatie.")  # P6
                )
            rows.append((code, title.strip()))
        return rows


class AuditPlanForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Titel"), max_length=300)
    norms = forms.ModelMultipleChoiceField(
        label=_("Normen"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, norms, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["norms"].queryset = norms


class MeasureForm(forms.Form):
    description = forms.CharField(label=_("Maatregel"), widget=TEXTAREA)
    owner_department = forms.CharField(label=_("Verantwoordelijke afdeling"), max_length=200)
    deadline = forms.DateField(label=_("Uiterste datum"), widget=iso_date_input())


class PlanForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    description = forms.CharField(label=_("Omschrijving"), required=False, widget=TEXTAREA)


class EvaluationForm(forms.Form):
    evaluated_on = forms.DateField(
        label=_("Datum"), initial=timezone.localdate, widget=iso_date_input()
    )
    text = forms.CharField(label=_("Evaluatie"), widget=TEXTAREA)
