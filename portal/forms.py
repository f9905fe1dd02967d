from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.constants import MembershipRole
from portal.models import EmailDelivery


def iso_date_input():
    """A native date picker: its value is always ISO (yyyy-mm-dd), whatever the language; a
    localized value (23-11-2026) would be dropped by the browser."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipAddForm(forms.Form):
    user = forms.ModelChoiceField(
        queryset=None,
        label=_("Persoon"),
        error_messages={
            "invalid_choice": _(
                "Kies een persoon uit de lijst: alleen actieve personen "
                "van het domein van dit orgaan kunnen lid worden."
            )
        },
    )
    role = forms.ChoiceField(choices=MembershipRole.choices, label=_("Rol"))
    start = forms.DateField(label=_("Begin"), initial=timezone.localdate, widget=iso_date_input())
    end = forms.DateField(label=_("Einde"), required=False, widget=iso_date_input())

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("Het einde ligt vóór het begin. Kies een latere datum."))
        return data


class MembershipEndForm(forms.Form):
    end = forms.DateField(
        label=_("Laatste dag"),
        initial=timezone.localdate,
        widget=iso_date_input(),
    )


class NotificationPreferenceForm(forms.Form):
    email_delivery = forms.ChoiceField(
        choices=EmailDelivery.choices,
        widget=forms.RadioSelect,
        label=_("Meldingen per e-mail"),
        error_messages={"required": _("Kies hoe u meldingen per e-mail wilt ontvangen.")},
    )
