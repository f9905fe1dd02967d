"""Words of the council information system (RIS) and of the VNG Open Raads- en
Stateninformatie API (ORI 2.0.0-beta) that the portal keeps (T5)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Shown next to every field that comes from the RIS and cannot be changed here (T5).
FROM_RIS = _("uit het raadsinformatiesysteem")

#: The collections the sync reads (ORI paths, relative to the connection's base URL).
PATH_PERSONS = "natuurlijkpersonen"
PATH_GROUP_MEMBERSHIPS = "fractielidmaatschappen"
PATH_MEETINGS = "vergaderingen"
PATH_AGENDA_ITEMS = "agendapunten"
PATH_DOCUMENTS = "informatieobjecten"
PATH_SUBMITTERS = "indieners"
PATH_VOTES = "stemmingen"

#: ORI ``vergaderingstype`` → the kind of body that meets (portal.constants.BodyKind values).
BODY_KIND_OF_MEETING_TYPE = {
    "raadsvergadering": "raad",
    "commissievergadering": "commissie",
    "presidium": "presidium",
}

#: ORI ``Functie`` values whose fractie membership is a seat in the raad (T4): a burgerlid
#: (citizen committee member) belongs to a fractie without sitting in the raad.
COUNCIL_FUNCTIONS = {"raadslid"}


class SyncStatus(models.TextChoices):
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt, niets gewijzigd")


class ProposalStatus(models.TextChoices):
    """C3: a closed agenda item proposes a closed-session entry; the clerk confirms it."""

    NONE = "", _("geen")
    PROPOSED = "proposed", _("voorgesteld, wacht op de griffie")
    CONFIRMED = "confirmed", _("bevestigd en geregistreerd")
