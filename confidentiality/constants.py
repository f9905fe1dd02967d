"""Choices and fixed lists of the secrecy register, with the law they come from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.constants import BodyKind


class WooGround(models.TextChoices):
    """C1: the only grounds secrecy may rest on — Wet open overheid art. 5.1 lid 1 (a–e) and
    lid 2 (a–i), in the law's wording. Nothing else is accepted: not art. 5.1 lid 5, not
    art. 5.2 (Gemeentewet art. 87 lid 1 refers to art. 5.1 lid 1 and 2 only)."""

    LID1_A = "5.1.1.a", _("Woo art. 5.1 lid 1 sub a: de eenheid van de Kroon")
    LID1_B = "5.1.1.b", _("Woo art. 5.1 lid 1 sub b: de veiligheid van de Staat")
    LID1_C = (
        "5.1.1.c",
        _(
            "Woo art. 5.1 lid 1 sub c: bedrijfs- en fabricagegegevens die vertrouwelijk aan de "
            "overheid zijn meegedeeld"
        ),
    )
    LID1_D = (
        "5.1.1.d",
        _(
            "Woo art. 5.1 lid 1 sub d: bijzondere persoonsgegevens en persoonsgegevens van "
            "strafrechtelijke aard"
        ),
    )
    LID1_E = "5.1.1.e", _("Woo art. 5.1 lid 1 sub e: nationale identificatienummers")
    LID2_A = (
        "5.1.2.a",
        _(
            "Woo art. 5.1 lid 2 sub a: de betrekkingen van Nederland met andere staten en met "
            "internationale organisaties"
        ),
    )
    LID2_B = (
        "5.1.2.b",
        _(
            "Woo art. 5.1 lid 2 sub b: de economische of financiële belangen van de Staat, andere "
            "publiekrechtelijke lichamen of bestuursorganen"
        ),
    )
    LID2_C = (
        "5.1.2.c",
        _("Woo art. 5.1 lid 2 sub c: de opsporing en vervolging van strafbare feiten"),
    )
    LID2_D = (
        "5.1.2.d",
        _("Woo art. 5.1 lid 2 sub d: de inspectie, controle en toezicht door bestuursorganen"),
    )
    LID2_E = (
        "5.1.2.e",
        _("Woo art. 5.1 lid 2 sub e: de eerbiediging van de persoonlijke levenssfeer"),
    )
    LID2_F = (
        "5.1.2.f",
        _(
            "Woo art. 5.1 lid 2 sub f: de bescherming van andere dan in lid 1 sub c genoemde "
            "concurrentiegevoelige bedrijfs- en fabricagegegevens"
        ),
    )
    LID2_G = "5.1.2.g", _("Woo art. 5.1 lid 2 sub g: de bescherming van het milieu")
    LID2_H = (
        "5.1.2.h",
        _(
            "Woo art. 5.1 lid 2 sub h: de beveiliging van personen en bedrijven en het "
            "voorkomen van sabotage"
        ),
    )
    LID2_I = (
        "5.1.2.i",
        _(
            "Woo art. 5.1 lid 2 sub i: het goed functioneren van de Staat, andere "
            "publiekrechtelijke lichamen of bestuursorganen"
        ),
    )


class SecrecyStatus(models.TextChoices):
    ACTIVE = "active", _("Geheim")
    LIFTED = "lifted", _("Opgeheven")
    EXPIRED = "expired", _("Verlopen")


class SecrecyOrigin(models.TextChoices):
    """C2/C3: secrecy is imposed by a decision, or follows by law from a closed session."""

    DECISION = "decision", _("Besluit tot geheimhouding")
    CLOSED_SESSION = "closed_session", _("Besloten vergadering (geheim van rechtswege)")


#: C2, Gemeentewet art. 87: the bodies that can impose secrecy (and so be competent to lift it).
IMPOSING_BODY_KINDS = (BodyKind.RAAD, BodyKind.COLLEGE, BodyKind.BURGEMEESTER, BodyKind.COMMISSIE)
#: C3, art. 23 lid 4 and art. 82 lid 5: the bodies whose closed sessions are secret by law.
CLOSED_SESSION_BODY_KINDS = (BodyKind.RAAD, BodyKind.COMMISSIE)
#: C4, art. 88: secret information goes to these bodies, never to persons.
SHARE_BODY_KINDS = (BodyKind.RAAD, BodyKind.COLLEGE, BodyKind.COMMISSIE, BodyKind.REKENKAMER)
#: C6: an excluded member sits in the raad or in one of its commissies.
EXCLUDABLE_MEMBER_BODY_KINDS = (BodyKind.RAAD, BodyKind.COMMISSIE)
