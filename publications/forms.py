"""Forms of Woo publication and Woo requests: they parse input; the rules (C11, C12) live in
the services, whose refusals the views put on the form."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input

from .constants import WooOutcome
from .sources import WooGround
from .tooi import DocumentActionKind, InformationCategory, WithdrawalReason


class PublicationForm(forms.Form):
    """C11: the DiWoo metadata of a concept — titles, description, date, Woo category and the
    document action (what happened to it, when, by which body)."""

    official_title = forms.CharField(label=_("Officiële titel"), max_length=500)
    short_title = forms.CharField(
        label=_("Verkorte titel"),
        max_length=200,
        required=False,
        help_text=_("Een korte titel voor lijsten en zoekresultaten (mag leeg blijven)."),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waar het stuk over gaat, in gewone taal. Geen persoonsgegevens."),
    )
    creation_date = forms.DateField(label=_("Datum van het document"), widget=iso_date_input())
    information_category = forms.ChoiceField(
        label=_("Informatiecategorie (Woo art. 3.3)"),
        choices=InformationCategory.choices,
        help_text=_(
            "Stukken van de raad en zijn commissies vallen meestal onder 'vergaderstukken "
            "decentrale overheden'."
        ),
    )
    action_kind = forms.ChoiceField(
        label=_("Wat er met het document gebeurde"), choices=DocumentActionKind.choices
    )
    action_date = forms.DateField(label=_("Op welke datum"), widget=iso_date_input())
    action_body = forms.CharField(
        label=_("Door welk orgaan"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: Gemeenteraad, of College van burgemeester en wethouders."),
    )


class PublishForm(forms.Form):
    visible_from = forms.DateTimeField(
        label=_("Zichtbaar vanaf (niet verplicht)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
        help_text=_("Leeg: meteen zichtbaar voor iedereen."),
    )


class WithdrawForm(forms.Form):
    reason_kind = forms.ChoiceField(
        label=_("Soort reden"),
        choices=[("", _("anders")), *WithdrawalReason.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reden van intrekking"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Deze reden wordt vastgelegd; de publicatie verdwijnt van de openbare pagina's."
        ),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom niet publiceren"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: het stuk valt niet onder een informatiecategorie van de Woo, of het is "
            "al elders openbaar gemaakt."
        ),
    )


class WooRequestForm(forms.Form):
    """C12: when the request came in and its reference — nothing about who asked."""

    received_on = forms.DateField(
        label=_("Datum van ontvangst"), initial=timezone.localdate, widget=iso_date_input()
    )
    reference = forms.CharField(
        label=_("Kenmerk van het verzoek"),
        max_length=100,
        required=False,
        help_text=_(
            "Het zaaknummer in het eigen zaaksysteem. Vul geen naam, adres of e-mailadres van de "
            "verzoeker in: die horen niet in het register."
        ),
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van verdaging"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    """C12: the competent body's decision on the secrecy the request asks to lift."""

    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=WooOutcome.choices)
    body = forms.ModelChoiceField(
        queryset=None,
        label=_("Orgaan dat besliste"),
        error_messages={"invalid_choice": _("Kies een orgaan van uw eigen gemeente uit de lijst.")},
    )
    decided_on = forms.DateField(
        label=_("Datum van de beslissing"), initial=timezone.localdate, widget=iso_date_input()
    )
    reference = forms.CharField(label=_("Kenmerk van het besluit"), max_length=100)
    grounds = forms.MultipleChoiceField(
        label=_("Gronden als de geheimhouding blijft (Woo art. 5.1)"),
        choices=WooGround.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "Alleen invullen als de geheimhouding blijft. Houd Ctrl of Cmd ingedrukt om er meer "
            "te kiezen."
        ),
    )
    motivation = forms.CharField(
        label=_("Motivering als de geheimhouding blijft"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies


class PublicSearchForm(forms.Form):
    """The public list's search: words from the title, and the Woo category."""

    q = forms.CharField(label=_("Zoeken in de titel"), max_length=100, required=False)
    categorie = forms.ChoiceField(
        label=_("Informatiecategorie"),
        choices=[("", _("alle")), *InformationCategory.choices],
        required=False,
    )
