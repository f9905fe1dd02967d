"""The states of a publication, a publication task and a Woo request, with the moves allowed."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    """C11: concept → gepubliceerd → ingetrokken (the words of the GPP-Woo publicatiebank)."""

    CONCEPT = "concept", _("Concept")
    PUBLISHED = "gepubliceerd", _("Gepubliceerd")
    WITHDRAWN = "ingetrokken", _("Ingetrokken")


class ReleaseCause(models.TextChoices):
    """Why an item came up for publication."""

    LIFTED = "lifted", _("geheimhouding opgeheven")
    EXPIRED = "expired", _("geheimhouding afgelopen op de einddatum")


class TaskStatus(models.TextChoices):
    """C11: the clerk's task "publiceren?" — open until published or decided against."""

    OPEN = "open", _("Te beslissen")
    PUBLISHED = "published", _("Gepubliceerd")
    DECLINED = "declined", _("Besloten niet te publiceren")


class WooRequestStatus(models.TextChoices):
    OPEN = "open", _("In behandeling")
    DECIDED = "decided", _("Beslist")


class WooOutcome(models.TextChoices):
    """C12: what the competent body decided on the secrecy the request asks to lift."""

    LIFTED = "lifted", _("Geheimhouding geheel opgeheven")
    PARTLY_LIFTED = "partly_lifted", _("Geheimhouding opgeheven, behalve de geheime passages")
    KEPT = "kept", _("Geheimhouding blijft")
