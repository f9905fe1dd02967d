"""Choices and fixed rules of leak cases (DOMAIN L1–L8), with the law they come from."""

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    """L2: a case moves reported → weighing → measures → closed (see TRANSITIONS)."""

    REPORTED = "reported", _("Gemeld")
    WEIGHING = "weighing", _("In afweging")
    MEASURES = "measures", _("Maatregelen")
    CLOSED = "closed", _("Gesloten")


#: L2: the allowed status changes. A step back from measures to weighing is allowed (new facts);
#: a closed case stays closed (L1: it keeps the framework version it was weighed under).
TRANSITIONS = {
    CaseStatus.REPORTED: (CaseStatus.WEIGHING, CaseStatus.CLOSED),
    CaseStatus.WEIGHING: (CaseStatus.MEASURES, CaseStatus.CLOSED),
    CaseStatus.MEASURES: (CaseStatus.WEIGHING, CaseStatus.CLOSED),
    CaseStatus.CLOSED: (),
}

OPEN_STATUSES = (CaseStatus.REPORTED, CaseStatus.WEIGHING, CaseStatus.MEASURES)


class LeakedTo(models.TextChoices):
    """L2: to whom the information leaked."""

    PRESS = "press", _("Pers")
    EXTERNAL = "external", _("Externe partij")
    SOCIAL_MEDIA = "social_media", _("Sociale media")
    UNKNOWN = "unknown", _("Onbekend")


class TrackKind(models.TextChoices):
    """L4: the tracks of the weighing, each decided with a date, a decision-maker and reasons."""

    INTERNAL_INQUIRY = "internal_inquiry", _("Intern onderzoek")
    INTEGRITY = (
        "integrity",
        _(
            "Integriteitsfunctionaris en disciplinaire route (Ambtenarenwet 2017, ambtseed, "
            "gedragscode)"
        ),
    )
    WHISTLEBLOWER = "whistleblower", _("Toets klokkenluider (Wet bescherming klokkenluiders)")
    POLICE_REPORT = "police_report", _("Aangifte (art. 272 Wetboek van Strafrecht)")
    INFORM_COUNCIL = "inform_council", _("De raad informeren")
    PRESS_RESPONSE = "press_response", _("Reactie aan de pers")


class TrackChoice(models.TextChoices):
    TAKE = "take", _("Wel")
    DECLINE = "decline", _("Niet")


class PoliceOutcome(models.TextChoices):
    """L4: what became of a report to the police (art. 272 Sr)."""

    PENDING = "pending", _("Nog geen beslissing")
    DISMISSED = "dismissed", _("Geseponeerd")
    PROSECUTED = "prosecuted", _("Vervolgd")
    OTHER = "other", _("Anders")


class CouncilMode(models.TextChoices):
    """L4: the raad is informed openly or under secrecy (then a secrecy item is linked)."""

    OPEN = "open", _("Openbaar")
    SECRET = "secret", _("Onder geheimhouding")


class BreachRisk(models.TextChoices):
    """AVG art. 33(1) and 34(1): no notification when a risk is unlikely; data subjects are told
    when the risk is high."""

    UNLIKELY = "unlikely", _("Geen risico waarschijnlijk (geen melding nodig, art. 33 lid 1)")
    RISK = "risk", _("Risico (melden aan de Autoriteit Persoonsgegevens)")
    HIGH = "high", _("Hoog risico (melden en betrokkenen informeren, art. 34 lid 1)")


class NotificationPhase(models.TextChoices):
    """AVG art. 33(4): a notification may be given in phases."""

    INITIAL = "initial", _("Eerste melding")
    SUPPLEMENT = "supplement", _("Aanvulling (art. 33 lid 4)")
    AMENDMENT = "amendment", _("Wijziging")
    WITHDRAWAL = "withdrawal", _("Intrekking")


class SubjectsDecision(models.TextChoices):
    """AVG art. 34: inform the data subjects, or not and why (34(3) a–c)."""

    INFORM = "inform", _("Betrokkenen informeren (art. 34 lid 1)")
    NO_HIGH_RISK = "no_high_risk", _("Niet: geen hoog risico (art. 34 lid 1)")
    EXEMPT_A = (
        "exempt_a",
        _("Niet: passende beschermingsmaatregelen, zoals versleuteling (art. 34 lid 3 sub a)"),
    )
    EXEMPT_B = (
        "exempt_b",
        _(
            "Niet: achteraf genomen maatregelen maken het hoge risico onwaarschijnlijk "
            "(art. 34 lid 3 sub b)"
        ),
    )
    EXEMPT_C = (
        "exempt_c",
        _(
            "Niet: onevenredige inspanning; in plaats daarvan een openbare mededeling "
            "(art. 34 lid 3 sub c)"
        ),
    )


class AwarenessBasis(models.TextChoices):
    """L5, AVG art. 33(1): where the moment of awareness — the start of the 72-hour clock —
    comes from. By default the moment of discovery the reporter entered; the privacy officer
    records it (and may correct it, with a reason). ``entered`` marks breaches whose clock
    ran from the moment the case was typed in, before that was corrected."""

    DISCOVERY = "discovery", _("het moment van ontdekken")
    RECORDED = "recorded", _("vastgesteld door de privacyfunctionaris")
    ENTERED = "entered", _("het moment van invoeren van de melding")


#: L5, AVG art. 33(1): notify within 72 hours after becoming aware — elapsed hours, so a
#: daylight-saving change in between does not move the deadline (the clock runs in UTC).
BREACH_NOTIFY_WITHIN = timedelta(hours=72)
#: L8: reminders this many hours before the breach deadline.
BREACH_REMINDER_HOURS = (48, 24, 4)
