"""L9, AVG art. 34(2): the letter to the people affected, in plain Dutch (taalniveau B1). It
describes in clear and plain language the nature of the breach and gives at least the contact
of the data protection officer (art. 33(3)(b)), the likely consequences (c) and the measures
taken or proposed (d). The checklists of the AP form become plain sentences here; the letter is
always in Dutch, the language of the people it goes to.

``missing`` names what the letter still lacks: it is not made without the four contents."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .constants import ConsequenceKind, DataKind, NatureKind

WHAT_HAPPENED = {
    NatureKind.READ: _("Iemand heeft uw gegevens kunnen zien die dat niet mocht."),
    NatureKind.COPIED: _("Iemand heeft uw gegevens gekopieerd."),
    NatureKind.CHANGED: _("Uw gegevens zijn veranderd terwijl dat niet de bedoeling was."),
    NatureKind.DELETED: _("Uw gegevens zijn gewist of vernietigd."),
    NatureKind.STOLEN: _("Uw gegevens zijn gestolen."),
    NatureKind.LOST: _("Uw gegevens zijn kwijtgeraakt."),
    NatureKind.WRONG_RECIPIENT: _("Uw gegevens zijn naar de verkeerde persoon gestuurd."),
    NatureKind.PUBLISHED: _("Uw gegevens waren voor iedereen te zien."),
}

YOUR_DATA = {
    DataKind.NAME_ADDRESS: _("uw naam en adres"),
    DataKind.PHONE: _("uw telefoonnummer"),
    DataKind.EMAIL: _("uw e-mailadres"),
    DataKind.CREDENTIALS: _("uw gebruikersnaam of wachtwoord"),
    DataKind.BIRTH_GENDER: _("uw geboortedatum, leeftijd of geslacht"),
    DataKind.FINANCIAL: _("gegevens over uw geld, zoals inkomen of bankrekening"),
    DataKind.ID_COPIES: _("een kopie van uw identiteitsbewijs"),
    DataKind.BSN: _("uw burgerservicenummer (BSN)"),
    DataKind.OTHER_ID: _("een ander nummer waarmee u bekend bent bij de overheid"),
    DataKind.RACE: _("uw afkomst"),
    DataKind.POLITICAL: _("uw politieke mening"),
    DataKind.RELIGION: _("uw geloof of levensovertuiging"),
    DataKind.TRADE_UNION: _("dat u lid bent van een vakbond"),
    DataKind.GENETIC: _("gegevens over uw DNA"),
    DataKind.BIOMETRIC: _("uw vingerafdruk of andere lichaamskenmerken"),
    DataKind.HEALTH: _("gegevens over uw gezondheid"),
    DataKind.SEX_LIFE: _("gegevens over uw seksuele leven"),
    DataKind.CRIMINAL: _("gegevens over strafbare feiten"),
    DataKind.OTHER: _("andere gegevens over u"),
}

WHAT_IT_MEANS = {
    ConsequenceKind.STIGMA: _("Mensen kunnen anders over u gaan denken of u buitensluiten."),
    ConsequenceKind.HEALTH_DAMAGE: _("Het kan gevolgen hebben voor uw gezondheid."),
    ConsequenceKind.FRAUD: _("Iemand kan doen alsof hij u is, bijvoorbeeld om iets te kopen."),
    ConsequenceKind.PHISHING: _(
        "U kunt nep-berichten krijgen die proberen uw gegevens of geld te krijgen."
    ),
    ConsequenceKind.FINANCIAL: _("U kunt er geld door verliezen."),
    ConsequenceKind.REPUTATION: _("Het kan uw goede naam schaden."),
    ConsequenceKind.LOSS_OF_CONTROL: _("U weet niet meer zeker wie uw gegevens heeft."),
}

#: Advice per kind of data: what the reader can do.
WHAT_YOU_CAN_DO = {
    DataKind.CREDENTIALS: _("Verander uw wachtwoord. Gebruik dat wachtwoord nergens anders."),
    DataKind.FINANCIAL: _("Kijk de komende tijd goed naar uw bankrekening."),
    DataKind.BSN: _(
        "Krijgt u post, mail of telefoon van iemand die u niet kent en die naar uw gegevens "
        "vraagt? Geef dan niets door en bel ons."
    ),
    DataKind.ID_COPIES: _(
        "Denkt u dat iemand uw identiteitsbewijs misbruikt? Meld dat bij het Centraal "
        "Meldpunt Identiteitsfraude."
    ),
    DataKind.EMAIL: _("Let op e-mails die vreemd zijn. Klik niet op links die u niet vertrouwt."),
    DataKind.PHONE: _("Let op telefoontjes en berichten van mensen die u niet kent."),
}


def missing(breach) -> list[str]:
    """What the letter still lacks of AVG art. 34(2) (empty: it can be made)."""
    gaps = []
    if not (breach.nature_kinds or breach.nature.strip()):
        gaps.append(_("wat er is gebeurd"))
    if not (breach.contact_name.strip() and (breach.contact_phone or breach.contact_email)):
        gaps.append(
            _(
                "een contactpersoon met telefoon of e-mail, zoals de functionaris "
                "gegevensbescherming"
            )
        )
    if not (breach.consequence_kinds or breach.consequences.strip()):
        gaps.append(_("de waarschijnlijke gevolgen"))
    if not breach.measures.strip():
        gaps.append(_("de maatregelen"))
    return gaps


def letter_context(breach) -> dict:
    case = breach.case
    return {
        "municipality": case.municipality.name,
        "reference": case.reference,
        "what_happened": [WHAT_HAPPENED[k] for k in breach.nature_kinds if k in WHAT_HAPPENED],
        "nature": breach.nature,
        "your_data": [YOUR_DATA[k] for k in breach.data_kinds if k in YOUR_DATA],
        "aware_at": breach.aware_at,
        "what_it_means": [WHAT_IT_MEANS[k] for k in breach.consequence_kinds if k in WHAT_IT_MEANS],
        "consequences": breach.consequences,
        "measures": breach.measures,
        "what_you_can_do": [WHAT_YOU_CAN_DO[k] for k in breach.data_kinds if k in WHAT_YOU_CAN_DO],
        "message": breach.subjects_message,
        "contact": {
            "name": breach.contact_name,
            "function": breach.contact_function,
            "phone": breach.contact_phone,
            "email": breach.contact_email,
        },
    }
