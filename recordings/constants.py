"""Choices of the recordings app (DOMAIN R1–R6)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    """R1: the kind of meeting that was recorded."""

    INFORMATION_MARKET = "information_market", _("Informatiemarkt")
    COMMITTEE = "committee", _("Commissievergadering")
    COUNCIL = "council", _("Raadsvergadering")
    CLOSED_SESSION = "closed_session", _("Besloten vergadering")
    OTHER = "other", _("Overige bijeenkomst")


class RecordingStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class RetentionPolicy(models.TextChoices):
    """R5: what happens to the files after the viewing window (Selectielijst gemeenten,
    category 19.1.6 for recordings of decision-making *(check)*)."""

    DELETE = "delete", _("Verwijderen op de bewaardatum")
    ARCHIVE_MASTER = "archive_master", _("Archiefmaster blijvend bewaren, kijkkopieën vervallen")


class ObjectionDecision(models.TextChoices):
    """R6: what the organiser decided on an employee's objection."""

    PENDING = "pending", _("nog niet beslist")
    RESTRICT = "restrict", _("kijkers beperkt")
    WITHDRAW = "withdraw", _("opname ingetrokken")
    KEEP = "keep", _("gehandhaafd, met redenen")


class PreflightIssue(models.TextChoices):
    """R3: why people of a target domain will not be able to watch."""

    NO_TRUST = "no_trust", _("Geen vertrouwensrelatie vanuit het domein van de organisator")
    NO_SIGN_IN = "no_sign_in", _("Niemand kan zich aanmelden: geen aanmeldvoorziening")
    NO_PEOPLE = "no_people", _("Geen actieve leden of gebruikers")


# R5: the retention policy per kind of meeting. Recordings of decision-making (council,
# committee, closed sessions) keep an archival master (Selectielijst gemeenten 2017/2020,
# category 19.1.6 *(check)*); information markets and other meetings are deleted at the
# retention date. The organiser can choose otherwise for one recording; the setting
# RECORDINGS_RETENTION_BY_KIND overrides the table.
RETENTION_BY_KIND = {
    MeetingKind.INFORMATION_MARKET: RetentionPolicy.DELETE,
    MeetingKind.COMMITTEE: RetentionPolicy.ARCHIVE_MASTER,
    MeetingKind.COUNCIL: RetentionPolicy.ARCHIVE_MASTER,
    MeetingKind.CLOSED_SESSION: RetentionPolicy.ARCHIVE_MASTER,
    MeetingKind.OTHER: RetentionPolicy.DELETE,
}
