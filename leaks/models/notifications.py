"""L5/L9: the notifications to the Autoriteit Persoonsgegevens, each a frozen version."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import NotificationPhase
from .breach import Breach

FROZEN = _(
    "Een melding aan de Autoriteit Persoonsgegevens is een vastgelegde versie: zij verandert "
    "niet meer. Leg een aanvulling, correctie of intrekking vast als nieuwe versie."
)


class BreachNotification(TimestampedModel):
    """L5, AVG art. 33(1) and (4); L9: one notification to the Autoriteit Persoonsgegevens — the
    initial one, then supplements, corrections and a withdrawal — as a frozen version: its
    number, phase, moment and the AP's reference (meldnummer), and ``snapshot``, the breach's
    facts by the AP form's sections as they were sent. A later version never changes an
    earlier one: ``save()`` of an existing row raises, and the database refuses UPDATE and,
    unless an archivist approved the breach's destruction, DELETE (migration 0005).

    The first notification after the 72 hours states the reasons for the delay."""

    breach = models.ForeignKey(
        Breach, on_delete=models.PROTECT, related_name="notifications", verbose_name=_("datalek")
    )
    number = models.PositiveSmallIntegerField(_("versie"))
    notified_at = models.DateTimeField(_("gemeld op"))
    reference = models.CharField(_("meldnummer AP"), max_length=100, blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=NotificationPhase.choices)
    late_reasons = models.TextField(_("redenen van de vertraging (art. 33 lid 1)"), blank=True)
    note = models.TextField(_("toelichting bij deze versie"), blank=True)
    snapshot = models.JSONField(_("gemelde gegevens"), default=dict, blank=True)
    recorded_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("melding aan de AP")
        verbose_name_plural = _("meldingen aan de AP")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["breach", "number"], name="breachnotice_unique_number"),
            # L9: a supplement, correction or withdrawal names the notification it belongs to.
            models.CheckConstraint(
                condition=Q(phase=NotificationPhase.INITIAL) | ~Q(reference=""),
                name="breachnotice_later_has_reference",
            ),
            models.UniqueConstraint(
                fields=["breach"],
                condition=Q(phase=NotificationPhase.INITIAL),
                name="breachnotice_one_initial",
            ),
            models.UniqueConstraint(
                fields=["breach"],
                condition=Q(phase=NotificationPhase.WITHDRAWAL),
                name="breachnotice_one_withdrawal",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.get_phase_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(FROZEN, code="frozen")
        super().save(*args, **kwargs)
