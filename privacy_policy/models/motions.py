"""Motions and commitments to the council, and how their execution is followed (P1–P4).

Terms of art, defined once:

- *motie*: a motion adopted by the raad; its *dictum* (what the raad asks) splits into
  *opdrachten* (assignments) to the college;
- *toezegging*: a commitment a portfolio holder made to the raad or a committee (P3);
- *afdoening*: the raad accepting that an assignment or commitment was carried out (P2);
- *raadsinformatiebrief* (RIB): the college's letter informing the raad, e.g. of execution.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import DisplayStatus, ItemStatus, LetterKind, MotionStatus


class Motion(TimestampedModel):
    """P1: a motion with its number, meeting, submitters, text and the college's advice. It is
    done (*afgedaan*) when all its assignments are (P2): ``closed_on`` records that moment."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="motions"
    )
    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    meeting = models.CharField(
        _("vergadering"), max_length=200, help_text=_("Bijvoorbeeld 'Kadernota 2016'.")
    )
    meeting_date = models.DateField(_("datum van de vergadering"))
    submitters = models.CharField(
        _("indieners"), max_length=500, help_text=_("Namen en fracties, gescheiden door komma's.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.ADOPTED
    )
    text = models.TextField(_("tekst"))
    college_advice = models.TextField(_("advies van het college"), blank=True)
    closed_on = models.DateField(_("afgedaan op"), null=True, blank=True)
    # T5: set when the motion comes from the council information system; its RIS fields
    # (constants.MOTION_RIS_FIELDS) are then read-only here, the follow-up stays the portal's.
    ris_id = models.CharField(
        _("kenmerk in het raadsinformatiesysteem"), max_length=40, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("motie")
        verbose_name_plural = _("moties")
        ordering = ["-meeting_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "meeting_date", "number"],
                name="pp_motion_number_unique_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(status=MotionStatus.ADOPTED),
                name="pp_motion_only_adopted_closed",
            ),
            models.UniqueConstraint(
                fields=["municipality", "ris_id"],
                condition=~Q(ris_id=""),
                name="pp_motion_unique_ris_id",
            ),
        ]
        # B1: the motion list pages in this order; the unique constraint's index cannot serve a
        # mixed-direction sort (meeting date descending, number ascending).
        indexes = [
            models.Index(
                fields=["municipality", "-meeting_date", "number"], name="pp_motion_list_order"
            )
        ]
        permissions = [
            ("view_motions", _("Moties en toezeggingen en hun voortgang bekijken")),
            ("manage_motions", _("Moties, opdrachten en toezeggingen registreren en afdoen")),
            ("report_progress", _("Voortgang melden op eigen opdrachten en toezeggingen")),
        ]

    def __str__(self):
        return f"{_('Motie')} {self.number}: {self.title}"


class TrackedItem(TimestampedModel):
    """What assignments and commitments share (P3: tracked the same way): an owner, a deadline,
    a status, dated progress updates, the letters reporting execution, and the raad's
    acceptance. Done ⇔ accepted (a database constraint); accepting needs a letter (P2,
    enforced in the service, which can count the letters)."""

    municipality = models.ForeignKey("portal.Municipality", on_delete=models.PROTECT)
    description = models.TextField(_("omschrijving"))
    owner_portfolio_holder = models.CharField(_("portefeuillehouder"), max_length=200, blank=True)
    owner_department = models.CharField(_("afdeling"), max_length=200, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (meldt voortgang)"),
    )
    deadline = models.DateField(_("uiterste datum"))
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NEW
    )
    accepted_on = models.DateField(_("afgedaan door de raad op"), null=True, blank=True)
    acceptance_reference = models.CharField(_("besluit van afdoening"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def display_status(self, on=None) -> str:
        """P4: done, overdue (the day after the deadline, not on it), in progress, new."""
        on = on or timezone.localdate()
        if self.status == ItemStatus.DONE:
            return DisplayStatus.DONE
        if self.deadline < on:
            return DisplayStatus.OVERDUE
        return self.status


def _done_means_accepted(prefix: str):
    return models.CheckConstraint(
        condition=(Q(status=ItemStatus.DONE) & Q(accepted_on__isnull=False))
        | (~Q(status=ItemStatus.DONE) & Q(accepted_on__isnull=True)),
        name=f"pp_{prefix}_done_iff_accepted",
    )


class Assignment(TrackedItem):
    """P1: one part of a motion's dictum (opdracht), e.g. motion 15's "extend the internal
    auditor's task with privacy risks of linking big data"."""

    motion = models.ForeignKey(Motion, on_delete=models.PROTECT, related_name="assignments")
    number = models.PositiveSmallIntegerField(_("volgnummer"))

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["motion", "number"]
        constraints = [
            models.UniqueConstraint(fields=["motion", "number"], name="pp_assignment_number"),
            _done_means_accepted("assignment"),
        ]
        indexes = [models.Index(fields=["municipality", "status", "deadline"])]

    def __str__(self):
        return f"{self.motion.number}.{self.number}"


class Commitment(TrackedItem):
    """P3: a toezegging made to the raad or a committee at a meeting."""

    number = models.CharField(_("nummer"), max_length=20)
    title = models.CharField(_("titel"), max_length=300)
    meeting = models.CharField(_("vergadering"), max_length=200)
    made_on = models.DateField(_("gedaan op"))
    ris_id = models.CharField(
        _("kenmerk in het raadsinformatiesysteem"), max_length=40, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("toezegging")
        verbose_name_plural = _("toezeggingen")
        ordering = ["-made_on", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="pp_commitment_number_unique"
            ),
            models.UniqueConstraint(
                fields=["municipality", "ris_id"],
                condition=~Q(ris_id=""),
                name="pp_commitment_unique_ris_id",
            ),
            _done_means_accepted("commitment"),
        ]
        indexes = [models.Index(fields=["municipality", "status", "deadline"])]

    def __str__(self):
        return f"{_('Toezegging')} {self.number}: {self.title}"


def _exactly_one_item(prefix: str):
    return models.CheckConstraint(
        condition=(Q(assignment__isnull=False) & Q(commitment__isnull=True))
        | (Q(assignment__isnull=True) & Q(commitment__isnull=False)),
        name=f"pp_{prefix}_one_item",
    )


class ProgressUpdate(models.Model):
    """P1: a dated progress report by the owner. Append-only: never changed, never deleted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="updates"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, null=True, blank=True, related_name="updates"
    )
    reported_on = models.DateField(_("datum"))
    text = models.TextField(_("voortgang"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("voortgangsmelding")
        verbose_name_plural = _("voortgangsmeldingen")
        ordering = ["reported_on", "created_at"]
        constraints = [_exactly_one_item("update")]

    def __str__(self):
        return f"{self.reported_on:%d-%m-%Y}: {self.text[:60]}"


class ExecutionLetter(models.Model):
    """P2: a letter (e.g. raadsinformatiebrief) reporting how an item was carried out."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.PROTECT, null=True, blank=True, related_name="letters"
    )
    kind = models.CharField(
        _("soort"),
        max_length=20,
        choices=LetterKind.choices,
        default=LetterKind.RAADSINFORMATIEBRIEF,
    )
    reference = models.CharField(_("kenmerk"), max_length=100)
    title = models.CharField(_("onderwerp"), max_length=300)
    sent_on = models.DateField(_("datum"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("brief over de uitvoering")
        verbose_name_plural = _("brieven over de uitvoering")
        ordering = ["sent_on", "created_at"]
        constraints = [_exactly_one_item("letter")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.reference}"
