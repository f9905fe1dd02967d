"""The connection to a municipality's council information system and what the portal keeps of
it (T5). Terms of art:

- *raadsinformatiesysteem* (RIS): where the griffie keeps bodies, members, meetings, agendas and
  motions (iBabs, NotuBiz, GO., …), read through the VNG Open Raads- en Stateninformatie API;
- *vergadering* / *agendapunt*: a meeting and one item of its agenda; an item with
  ``indicatorBesloten`` is dealt with behind closed doors (C3).

Bodies and memberships live in the core (``portal.Body.ris_id``, ``portal.Membership.ris_id``),
motions and commitments in ``privacy_policy`` (``ris_id``); this app holds what has no home
there: the connection, its runs, the people of the RIS and the meetings with their agendas.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from .constants import ProposalStatus, SyncStatus


def validate_secret_reference(value: str) -> None:
    if value and not value.replace("_", "").isalnum():
        raise ValidationError(
            _("Gebruik de naam van een omgevingsvariabele, zoals PORTAL_RIS_TOKEN_WESTERDIJK.")
        )


class Connection(TimestampedModel):
    """T5: a municipality's RIS, set up by the service centre. The credential is never stored:
    the connection names the environment variable (a secret reference) that holds the API key,
    so the admin never shows it and a database copy does not leak it."""

    municipality = models.OneToOneField(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="ris_connection",
        verbose_name=_("gemeente"),
    )
    base_url = models.URLField(
        _("adres van de API"),
        help_text=_("Bijvoorbeeld https://ris.example.nl/api/ori/v2 (zonder / aan het eind)."),
    )
    secret_reference = models.CharField(
        _("geheim (naam van de omgevingsvariabele)"),
        max_length=100,
        blank=True,
        validators=[validate_secret_reference],
        help_text=_(
            "De API-sleutel staat niet in de database: vul de naam in van de omgevingsvariabele "
            "die hem bevat. Leeg: de API vraagt geen sleutel."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    last_success_at = models.DateTimeField(_("laatst gelukt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("koppeling met het raadsinformatiesysteem")
        verbose_name_plural = _("koppelingen met het raadsinformatiesysteem")
        permissions = [
            (
                "manage_ris",
                _("Synchroniseert met het raadsinformatiesysteem en bevestigt (griffie)"),
            )
        ]

    def __str__(self):
        return f"{self.municipality}: {self.base_url}"


class SyncRun(TimestampedModel):
    """One run of the sync, with what it created, changed and ended, or why it failed (then
    nothing was written)."""

    connection = models.ForeignKey(
        Connection, on_delete=models.CASCADE, related_name="runs", verbose_name=_("koppeling")
    )
    started_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SyncStatus.choices, default=SyncStatus.RUNNING
    )
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    created = models.PositiveIntegerField(_("nieuw"), default=0)
    changed = models.PositiveIntegerField(_("gewijzigd"), default=0)
    ended = models.PositiveIntegerField(_("beëindigd"), default=0)
    summary = models.JSONField(_("overzicht"), default=dict, blank=True)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("synchronisatie")
        verbose_name_plural = _("synchronisaties")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.connection.municipality} {self.created_at:%d-%m-%Y %H:%M}"


class Person(TimestampedModel):
    """A natuurlijk persoon of the RIS. T5: matched to a portal user only once the griffie
    linked them (``user``), never by e-mail address; until then their seats wait here."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    ris_id = models.CharField(_("kenmerk in het RIS"), max_length=40)
    name = models.CharField(_("naam"), max_length=300)
    function = models.CharField(_("functie"), max_length=40, blank=True)
    user = models.OneToOneField(
        "portal.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ris_person",
        verbose_name=_("gebruiker in het portaal"),
    )

    class Meta:
        verbose_name = _("persoon uit het RIS")
        verbose_name_plural = _("personen uit het RIS")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "ris_id"], name="ris_person_unique")
        ]

    def __str__(self):
        return self.name


class Seat(TimestampedModel):
    """A membership as the RIS has it (a fractie membership of a raadslid is a seat in the raad),
    kept for people not linked yet; linked people get a ``portal.Membership`` with the same
    ``ris_id``."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="seats")
    body = models.ForeignKey("portal.Body", on_delete=models.PROTECT, related_name="+")
    ris_id = models.CharField(_("kenmerk in het RIS"), max_length=40)
    role = models.CharField(_("rol"), max_length=20)
    start = models.DateField(_("begin"))
    end = models.DateField(_("einde"), null=True, blank=True)

    class Meta:
        verbose_name = _("zetel uit het RIS")
        verbose_name_plural = _("zetels uit het RIS")
        constraints = [models.UniqueConstraint(fields=["person", "ris_id"], name="ris_seat_unique")]


class Meeting(TimestampedModel):
    """A vergadering of a body, with its agenda (R8: a recording follows its meeting)."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        "portal.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("orgaan")
    )
    ris_id = models.CharField(_("kenmerk in het RIS"), max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    date = models.DateField(_("datum"))
    starts_at = models.DateTimeField(_("aanvang"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, blank=True)
    location = models.CharField(_("locatie"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vergadering")
        verbose_name_plural = _("vergaderingen")
        ordering = ["-date", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "ris_id"], name="ris_meeting_unique")
        ]

    def __str__(self):
        return f"{self.name} {self.date:%d-%m-%Y}"


class AgendaItem(TimestampedModel):
    """An agendapunt. C3: a closed one proposes a closed-session entry that the griffie confirms
    (the register entry itself is made by the secrecy register's own service)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    ris_id = models.CharField(_("kenmerk in het RIS"), max_length=40)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    label = models.CharField(_("agendapunt"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=300)
    closed = models.BooleanField(_("besloten"), default=False)
    starts_at = models.DateTimeField(_("start"), null=True, blank=True)
    ends_at = models.DateTimeField(_("einde"), null=True, blank=True)
    proposal = models.CharField(
        _("besloten vergadering"),
        max_length=20,
        choices=ProposalStatus.choices,
        blank=True,
        default=ProposalStatus.NONE,
    )
    closed_session_uuid = models.UUIDField(
        _("besloten vergadering in het register"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["meeting", "position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "ris_id"], name="ris_agenda_item_unique"),
            models.CheckConstraint(
                condition=~Q(proposal="confirmed") | Q(closed_session_uuid__isnull=False),
                name="ris_confirmed_has_session",
            ),
        ]

    def __str__(self):
        return f"{self.label} {self.title}".strip()
