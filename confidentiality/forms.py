"""Forms of the secrecy register: they parse input; the rules (C1–C7, C10) live in the models
and services, whose ValidationError messages naming the rule the views add to the form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.forms import iso_date_input
from portal.uploads import SingleFileField

from .constants import WooGround

CHOOSE_FROM_LIST = _("Kies uit de lijst: alleen organen en personen van uw eigen gemeente.")  # T1


def woo_ground_groups():
    """C1: the grounds in two groups, lid 1 (a–e, absolute) and lid 2 (a–i, weighed)."""
    lid1 = [(g.value, g.label) for g in WooGround if g.value.startswith("5.1.1.")]
    lid2 = [(g.value, g.label) for g in WooGround if g.value.startswith("5.1.2.")]
    return [
        (_("Artikel 5.1 lid 1: absolute gronden (a–e)"), lid1),
        (_("Artikel 5.1 lid 2: af te wegen belangen (a–i)"), lid2),
    ]


def _grounds_field():
    """C1: only the grounds of Woo art. 5.1 lid 1 and 2 can be chosen."""
    return forms.MultipleChoiceField(
        label=_("Gronden (Woo art. 5.1)"),
        # Grouped as the law is (issue 15: a narrow multi-select hid most of the grounds).
        choices=woo_ground_groups(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Ten minste één grond uit artikel 5.1, eerste of tweede lid, van de Wet open "
            "overheid. Vink alle gronden aan die van toepassing zijn."  # C1
        ),
        error_messages={
            "required": _("Kies ten minste één grond uit Woo art. 5.1 lid 1 of 2."),  # C1
            "invalid_choice": _(
                "%(value)s is geen grond uit Woo art. 5.1 lid 1 of 2; alleen die gronden zijn "
                "toegestaan."  # C1
            ),
        },
    )


def _body_field(label, *, required=True, help_text=""):
    return forms.ModelChoiceField(
        queryset=None,
        label=label,
        required=required,
        help_text=help_text,
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )


class ItemRegisterForm(forms.Form):
    """C1, C2, C7: secrecy imposed by a decision of the raad, college, burgemeester or a
    commissie (Gemeentewet art. 87)."""

    subject = forms.CharField(
        label=_("Onderwerp"),
        max_length=300,
        help_text=_("Intern: alleen wie het stuk mag zien, leest dit onderwerp."),
    )
    public_subject = forms.CharField(
        label=_("Openbaar onderwerp"),
        max_length=300,
        required=False,
        help_text=_(
            "Dit onderwerp wordt gepubliceerd in het openbare register. Noem geen namen of wat "
            "geheim is, bijvoorbeeld 'Personeelszaak' in plaats van het dossier. Leeg: het "
            "register toont 'Onderwerp niet openbaar'."
        ),
    )
    reference = forms.CharField(label=_("Kenmerk"), max_length=100, required=False)
    imposing_body = _body_field(_("Orgaan dat geheimhouding oplegde"))
    decision_date = forms.DateField(
        label=_("Datum van het besluit"), initial=timezone.localdate, widget=iso_date_input()
    )
    motivation = forms.CharField(
        label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    grounds = _grounds_field()
    lifting_body = _body_field(
        _("Orgaan bevoegd tot opheffen"),
        required=False,
        help_text=_("Leeg: het orgaan dat de geheimhouding oplegde (Gemeentewet art. 89)."),
    )
    review_date = forms.DateField(
        label=_("Heroverwegen op"), required=False, widget=iso_date_input()
    )
    expires_on = forms.DateField(
        label=_("Geheim tot en met"),
        required=False,
        widget=iso_date_input(),
        help_text=_("Vul een datum van heroverweging in, een einddatum, of beide."),  # C7
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["imposing_body"].queryset = bodies
        self.fields["lifting_body"].queryset = bodies


class ClosedSessionForm(forms.Form):
    """C3: a closed session of the raad or a commissie; its minutes and the documents named are
    secret by law."""

    body = _body_field(_("Raad of commissie"))
    date = forms.DateField(label=_("Datum van de vergadering"), widget=iso_date_input())
    reference = forms.CharField(label=_("Kenmerk"), max_length=100, required=False)
    grounds = _grounds_field()
    review_date = forms.DateField(label=_("Heroverwegen op"), widget=iso_date_input())
    document_subjects = forms.CharField(
        label=_("Stukken van de vergadering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén onderwerp per regel; het verslag wordt altijd opgenomen."),
    )
    share_with_body = forms.BooleanField(
        label=_("Verslag en stukken delen met het orgaan dat vergaderde"),
        required=False,
        initial=True,
        help_text=_(
            "Aangevinkt krijgen de huidige leden van de raad of commissie een melding en kunnen "
            "zij het verslag en de stukken lezen. Vink het uit om later per stuk te delen."
        ),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def clean_document_subjects(self):
        lines = self.cleaned_data.get("document_subjects", "").splitlines()
        return [line.strip()[:300] for line in lines if line.strip()][:50]


class _BodyWithMembersChoice(forms.ModelChoiceField):
    """A body named with the number of its current members: whom sharing reaches (T4)."""

    def label_from_instance(self, obj):
        members = getattr(obj, "current_members", None)
        if members is None:
            return obj.name
        return ngettext(
            "%(body)s (%(n)s huidig lid)", "%(body)s (%(n)s huidige leden)", members
        ) % {"body": obj.name, "n": members}


class ShareForm(forms.Form):
    """C4: a secret item goes to a body as a whole, so the form offers bodies and nothing
    else; the service still refuses persons, for any other way in."""

    body = _BodyWithMembersChoice(
        queryset=None,
        label=_("Orgaan"),
        error_messages={
            "required": _("Kies het orgaan waarmee u het stuk deelt."),
            "invalid_choice": CHOOSE_FROM_LIST,
        },
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies

    def recipient(self):
        return self.cleaned_data["body"]


class LiftForm(forms.Form):
    """C5: the lifting decision."""

    body = _body_field(_("Orgaan dat de geheimhouding ophief"))
    date = forms.DateField(
        label=_("Datum van het besluit"), initial=timezone.localdate, widget=iso_date_input()
    )
    reference = forms.CharField(label=_("Kenmerk van het besluit"), max_length=100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class ReviewForm(forms.Form):
    """C7: a review and the next review date."""

    reviewed_on = forms.DateField(
        label=_("Heroverwogen op"), initial=timezone.localdate, widget=iso_date_input()
    )
    next_review_date = forms.DateField(label=_("Volgende heroverweging"), widget=iso_date_input())
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ExclusionForm(forms.Form):
    """C6: the raad's decision to exclude a member, at most three months."""

    member = forms.ModelChoiceField(
        queryset=None,
        label=_("Raads- of commissielid"),
        error_messages={"invalid_choice": CHOOSE_FROM_LIST},
    )
    raad = _body_field(_("Raad"))
    decision_date = forms.DateField(
        label=_("Datum van het raadsbesluit"), initial=timezone.localdate, widget=iso_date_input()
    )
    reference = forms.CharField(label=_("Kenmerk van het besluit"), max_length=100)
    start = forms.DateField(label=_("Eerste dag"), widget=iso_date_input())
    end = forms.DateField(label=_("Laatste dag"), widget=iso_date_input())

    def __init__(self, *args, members, raden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["raad"].queryset = raden


class DocumentVersionForm(forms.Form):
    """A new document or a new version of an existing one (PDF, checked by content)."""

    document = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Bestaand document"),
        help_text=_("Leeg: een nieuw document met de titel hieronder."),
        error_messages={"invalid_choice": _("Kies een document van dit stuk.")},
    )
    title = forms.CharField(label=_("Titel van een nieuw document"), max_length=300, required=False)
    file = SingleFileField(label=_("Bestand (PDF)"))
    is_public = forms.BooleanField(
        label=_("Dit is de openbare versie, zonder de geheime passages"),
        required=False,  # C10
    )

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents

    def clean(self):
        data = super().clean()
        if not data.get("document") and not (data.get("title") or "").strip() and not self.errors:
            self.add_error("title", _("Geef het nieuwe document een titel of kies een document."))
        return data


class PassageForm(forms.Form):
    """C10: a secret passage with its own grounds."""

    document = forms.ModelChoiceField(
        queryset=None,
        label=_("Document"),
        error_messages={"invalid_choice": _("Kies een document van dit stuk.")},
    )
    location = forms.CharField(
        label=_("Vindplaats"),
        max_length=200,
        help_text=_("Bijvoorbeeld: pagina 4, tweede alinea."),
    )
    grounds = _grounds_field()

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = documents


class TraceCodeForm(forms.Form):
    """C8: the trace code printed on a copy."""

    code = forms.CharField(
        label=_("Traceercode"),
        max_length=40,
        help_text=_("Zoals op de pagina gedrukt, bijvoorbeeld ABCD-EFGH-JKMN."),
    )
