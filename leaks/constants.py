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
    AMENDMENT = "amendment", _("Correctie")
    WITHDRAWAL = "withdrawal", _("Intrekking")


class SubjectsDecision(models.TextChoices):
    """AVG art. 34: inform the data subjects, or not and why (34(3) a–c)."""

    NOT_YET = "not_yet", _("Nog niet besloten")
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


# --- L9: the structured facts of the AP's notification form (meldformulier datalekken) --------
# The checklists are stored as arrays of these values, so the register can filter and count
# them (``data_kinds__overlap``); labels follow the AP form's wording where it has one.


class NatureKind(models.TextChoices):
    """L9, section 3 of the AP form: what happened to the personal data."""

    READ = "read", _("Ingezien door iemand die dat niet mocht (vertrouwelijkheid)")
    COPIED = "copied", _("Gekopieerd")
    CHANGED = "changed", _("Veranderd (integriteit)")
    DELETED = "deleted", _("Verwijderd of vernietigd (beschikbaarheid)")
    STOLEN = "stolen", _("Gestolen")
    LOST = "lost", _("Verloren")
    WRONG_RECIPIENT = "wrong_recipient", _("Verstuurd naar een verkeerde ontvanger")
    PUBLISHED = "published", _("Openbaar gemaakt")
    OTHER = "other", _("Anders")


class DataKind(models.TextChoices):
    """L9, section 4: the kinds of personal data involved — identification numbers, the special
    categories of AVG art. 9 and the criminal data of art. 10 among them."""

    NAME_ADDRESS = "name_address", _("Naam-, adres- en woonplaatsgegevens")
    PHONE = "phone", _("Telefoonnummers")
    EMAIL = "email", _("E-mailadressen of andere adressen voor elektronische communicatie")
    CREDENTIALS = "credentials", _("Toegangs- of inloggegevens (gebruikersnaam, wachtwoord)")
    BIRTH_GENDER = "birth_gender", _("Geslacht, geboortedatum of leeftijd")
    FINANCIAL = "financial", _("Financiële of economische gegevens")
    ID_COPIES = "id_copies", _("Kopieën van identiteitsbewijzen")
    BSN = "bsn", _("Burgerservicenummer (BSN)")
    OTHER_ID = "other_id", _("Andere wettelijke identificatienummers")
    RACE = "race", _("Ras of etnische afkomst (AVG art. 9)")
    POLITICAL = "political", _("Politieke opvattingen (AVG art. 9)")
    RELIGION = "religion", _("Religieuze of levensbeschouwelijke overtuigingen (AVG art. 9)")
    TRADE_UNION = "trade_union", _("Lidmaatschap van een vakbond (AVG art. 9)")
    GENETIC = "genetic", _("Genetische gegevens (AVG art. 9)")
    BIOMETRIC = "biometric", _("Biometrische gegevens om iemand te identificeren (AVG art. 9)")
    HEALTH = "health", _("Gegevens over gezondheid (AVG art. 9)")
    SEX_LIFE = "sex_life", _("Seksueel gedrag of seksuele gerichtheid (AVG art. 9)")
    CRIMINAL = "criminal", _("Strafrechtelijke gegevens (AVG art. 10)")
    OTHER = "other", _("Andere persoonsgegevens")


#: AVG art. 9(1): the special categories of personal data.
SPECIAL_DATA_KINDS = (
    DataKind.RACE,
    DataKind.POLITICAL,
    DataKind.RELIGION,
    DataKind.TRADE_UNION,
    DataKind.GENETIC,
    DataKind.BIOMETRIC,
    DataKind.HEALTH,
    DataKind.SEX_LIFE,
)
#: The register's "special categories" column: art. 9 and the criminal data of art. 10.
SENSITIVE_DATA_KINDS = (*SPECIAL_DATA_KINDS, DataKind.CRIMINAL)


class SubjectKind(models.TextChoices):
    """L9, section 5: the groups of people whose data are involved."""

    RESIDENTS = "residents", _("Inwoners")
    EMPLOYEES = "employees", _("Medewerkers")
    COUNCIL = "council", _("Raads- en commissieleden")
    CHILDREN = "children", _("Kinderen")
    CLIENTS = "clients", _("Cliënten, bijvoorbeeld in het sociaal domein")
    APPLICANTS = "applicants", _("Sollicitanten")
    BUSINESSES = "businesses", _("Ondernemers en contactpersonen van organisaties")
    VULNERABLE = "vulnerable", _("Andere kwetsbare groepen")
    OTHER = "other", _("Anders")


class ProtectionKind(models.TextChoices):
    """L9, section 6: how the data were protected before the breach (AVG art. 34(3)(a))."""

    ENCRYPTED = "encrypted", _("Versleuteld")
    HASHED = "hashed", _("Gehasht")
    PSEUDONYMISED = "pseudonymised", _("Gepseudonimiseerd")
    ACCESS_CONTROL = "access_control", _("Afgeschermd met toegangsbeveiliging")
    OTHER = "other", _("Andere maatregelen")


class ConsequenceKind(models.TextChoices):
    """L9, section 7: the likely consequences for the people affected (AVG art. 33(3)(c))."""

    STIGMA = "stigma", _("Stigmatisering of uitsluiting")
    HEALTH_DAMAGE = "health_damage", _("Schade aan de gezondheid")
    FRAUD = "fraud", _("(Identiteits)fraude")
    PHISHING = "phishing", _("Spam of phishing")
    FINANCIAL = "financial", _("Financiële schade")
    REPUTATION = "reputation", _("Schade aan de goede naam")
    LOSS_OF_CONTROL = "loss_of_control", _("Verlies van controle over de eigen gegevens")
    OTHER = "other", _("Anders")


class Likelihood(models.TextChoices):
    """L9, section 7: how likely the consequences are."""

    SMALL = "small", _("Klein")
    MEDIUM = "medium", _("Gemiddeld")
    LARGE = "large", _("Groot")


class Severity(models.TextChoices):
    """L9, section 7: how serious the consequences would be for the people affected."""

    LIMITED = "limited", _("Beperkt")
    SIGNIFICANT = "significant", _("Aanzienlijk")
    SERIOUS = "serious", _("Ernstig")
    VERY_SERIOUS = "very_serious", _("Zeer ernstig")


#: L5/L9: what of a breach its page edits and ``breach_update`` writes — the facts of the AP
#: form by section (leaks/notification.py lays them out), the risk and the art. 34 decision.
#: The form's fields and the service's check read this one list.
BREACH_FIELDS = (
    # 1 contact
    "contact_name",
    "contact_function",
    "contact_phone",
    "contact_email",
    "contact",
    "other_organisations",
    # 2 timeline (discovery and awareness are the case's and the clock's)
    "started_at",
    "ended_at",
    "ongoing",
    # 3 what happened
    "nature_kinds",
    "nature",
    "cause",
    # 4 the personal data
    "data_kinds",
    "record_categories",
    "records_min",
    "records_max",
    # 5 the people affected
    "subject_kinds",
    "subject_categories",
    "people_min",
    "people_max",
    # 6 measures beforehand
    "protection_kinds",
    "measures_before",
    # 7 consequences
    "consequence_kinds",
    "consequences",
    "likelihood",
    "severity",
    "risk",
    "risk_reasons",
    # 8 follow-up
    "subjects_decision",
    "subjects_reasons",
    "subjects_decided_on",
    "subjects_informed_at",
    "subjects_informed_how",
    "subjects_message",
    "measures",
    "cross_border",
    "cross_border_note",
    # 9 other
    "other_remarks",
)
