from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input

from .links import GROUND_CHOICES


class PersonLinkForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Account in het portaal"),
        queryset=None,
        required=False,
        empty_label=_("(niet gekoppeld)"),
        help_text=_(
            "Alleen accounts van het domein van de raad. Koppel nooit op e-mailadres alleen."
        ),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.email} ({u.email})"
        )


class ConfirmForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=_("Gronden (Woo art. 5.1)"),
        choices=GROUND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    review_date = forms.DateField(label=_("Herbeoordelen op"), widget=iso_date_input())
