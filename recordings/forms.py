"""Forms of the recordings app: they parse input; the rules live in the services, whose
ValidationError messages (naming R1–R6, T1) the views add to the form."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.forms import iso_date_input
from portal.uploads import SingleFileField, SingleFileInput

from .constants import MeetingKind, ObjectionDecision, RetentionPolicy


def _local(day: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, time))


class RecordingCreateForm(forms.Form):
    """R1, R5. The availability window is given in days: viewing starts on the first and
    lapses at the end of the last."""

    meeting_kind = forms.ChoiceField(label=_("Soort bijeenkomst"), choices=MeetingKind.choices)
    meeting_date = forms.DateField(label=_("Datum van de bijeenkomst"), widget=iso_date_input())
    title = forms.CharField(label=_("Titel"), max_length=200)
    purpose = forms.CharField(
        label=_("Doel"),
        max_length=300,
        initial="Alleen voor intern gebruik",
        help_text=_("Waarvoor de opname gebruikt mag worden, bijvoorbeeld 'intern gebruik'."),
    )
    retention_policy = forms.ChoiceField(
        label=_("Bewaarbeleid"),
        choices=[("", _("Volgens de soort bijeenkomst")), *RetentionPolicy.choices],  # R5
        required=False,
        help_text=_(
            "Vergaderingen waarin wordt besloten: archiefmaster blijvend bewaren; "
            "informatiemarkten en overige bijeenkomsten: verwijderen op de bewaardatum."
        ),
    )
    retain_until = forms.DateField(label=_("Bewaren tot"), required=False, widget=iso_date_input())
    available_from = forms.DateField(label=_("Te bekijken vanaf"), widget=iso_date_input())
    available_until = forms.DateField(
        label=_("Te bekijken tot en met"),
        widget=iso_date_input(),
        help_text=_("Daarna vervalt het kijkrecht vanzelf."),  # R5
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_until")
        if start and end and end < start:
            self.add_error(
                "available_until",
                _("Het einde van de beschikbaarheid ligt vóór het begin. Kies een latere datum."),
            )
        return data

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        if meetings:
            # R8: a synced meeting gives the recording its agenda as chapters.
            self.fields["meeting_uuid"] = forms.TypedChoiceField(
                label=_("Vergadering uit het raadsinformatiesysteem"),
                choices=[("", _("(geen)")), *meetings],
                required=False,
                empty_value=None,
                help_text=_("De agendapunten worden hoofdstukken in de speler."),
            )

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data["available_from"] = _local(data["available_from"], datetime.time.min)
        data["available_until"] = _local(data["available_until"], datetime.time.max)
        return data


class GrantAddForm(forms.Form):
    """R2: exactly one audience; the choices hold only the organiser's own municipality (T1)."""

    domain = forms.ModelChoiceField(queryset=None, required=False, label=_("Identiteitsdomein"))
    body = forms.ModelChoiceField(queryset=None, required=False, label=_("Orgaan"))
    group = forms.ModelChoiceField(queryset=None, required=False, label=_("Rol"))
    user = forms.ModelChoiceField(queryset=None, required=False, label=_("Persoon"))
    may_download = forms.BooleanField(
        label=_("Mag downloaden"),
        required=False,
        help_text=_("Downloaden staat uit tenzij u het hier toestaat."),  # R4
    )

    def __init__(self, *args, domains, bodies, groups, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["domain"].queryset = domains
        self.fields["body"].queryset = bodies
        self.fields["group"].queryset = groups
        self.fields["user"].queryset = people
        for name in self.fields:
            self.fields[name].error_messages["invalid_choice"] = _(  # T1, R2
                "Kies uit de lijst: alleen domeinen, organen en personen van uw eigen gemeente."
            )

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("domain", "body", "group", "user") if data.get(name)]
        if len(chosen) != 1 and not self.errors:
            raise forms.ValidationError(
                _("Kies precies één domein, orgaan, rol of persoon."),
                code="one_target",  # R2
            )
        return data


class EmployeeAddForm(forms.Form):
    """R1: someone who appears in the recording — a portal user or, without an account, a
    name."""

    user = forms.ModelChoiceField(queryset=None, required=False, label=_("Medewerker"))
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        help_text=_("Voor iemand zonder account in het portaal."),
    )
    informed = forms.BooleanField(label=_("Is geïnformeerd over de opname"), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people

    def clean(self):
        data = super().clean()
        if not data.get("user") and not data.get("name", "").strip() and not self.errors:
            raise forms.ValidationError(
                _("Kies een medewerker of vul een naam in."),
                code="who",  # R1
            )
        return data


class ObjectionDecideForm(forms.Form):
    """R6: the organiser's decision on an objection, with reasons."""

    decision = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[c for c in ObjectionDecision.choices if c[0] != ObjectionDecision.PENDING],
    )
    reasons = forms.CharField(
        label=_("Redenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class UploadForm(forms.Form):
    """R7: one file; its checks happen while it streams in (recordings.media)."""

    file = forms.FileField(
        label=_("Bestand met de opname"),
        help_text=_(
            "MP4, M4A, WebM, MP3, Ogg of WAV. Het soort wordt aan de inhoud herkend, niet aan de "
            "naam."
        ),
    )


class CaptionsForm(forms.Form):
    """R8: the captions, one WebVTT file; checked by content in the service."""

    file = SingleFileField(
        label=_("Bestand met de ondertiteling (WebVTT)"),
        help_text=_(
            "Een .vtt-bestand in UTF-8, zoals ondertitelprogramma's het maken. De kijkers zien de "
            "ondertiteling in de speler."
        ),
        widget=SingleFileInput(attrs={"accept": ".vtt,text/vtt"}),
    )


class InvitationForm(forms.Form):
    """R3: the person to send a test invitation to (a council member, say)."""

    user = forms.ModelChoiceField(queryset=None, label=_("Persoon"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self.fields["user"].error_messages["invalid_choice"] = _(
            "Kies uit de lijst: alleen personen van uw eigen gemeente."  # T1
        )


class WithdrawForm(forms.Form):
    """R6: withdrawing a recording, with the reasons recorded."""

    reasons = forms.CharField(
        label=_("Redenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de redenen van de intrekking.")},  # R6
    )
