"""L5: the personal data breach of a case and its notifications to the Autoriteit
Persoonsgegevens (AVG art. 33/34)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import (
    BREACH_NOTIFY_WITHIN,
    AwarenessBasis,
    BreachRisk,
    NotificationPhase,
    SubjectsDecision,
)
from .cases import LeakCase


class Breach(TimestampedModel):
    """L5: the GDPR breach track of a case (personal data involved). The 72-hour clock of AVG
    art. 33(1) runs from ``aware_at``, the moment the organisation became aware — by default
    the moment of discovery the reporter entered, recorded and correctable (with a reason) by
    the privacy officer; never the moment the case was typed in. Every breach, notified or
    not, is a row of the art. 33(5) register."""

    case = models.OneToOneField(
        LeakCase, on_delete=models.CASCADE, related_name="breach", verbose_name=_("leksituatie")
    )
    aware_at = models.DateTimeField(_("bekend geworden op"))
    aware_basis = models.CharField(
        _("grond van het moment van bekend worden"),
        max_length=12,
        choices=AwarenessBasis.choices,
        default=AwarenessBasis.DISCOVERY,
    )
    aware_reason = models.TextField(_("reden van de correctie"), blank=True)
    aware_recorded_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    aware_recorded_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    # AVG art. 33(3) a–d
    nature = models.TextField(_("aard van de inbreuk (art. 33 lid 3 sub a)"), blank=True)
    subject_categories = models.CharField(_("categorieën betrokkenen"), max_length=300, blank=True)
    subjects_approx = models.PositiveIntegerField(
        _("aantal betrokkenen (bij benadering)"), null=True, blank=True
    )
    record_categories = models.CharField(
        _("categorieën persoonsgegevens"), max_length=300, blank=True
    )
    records_approx = models.PositiveIntegerField(
        _("aantal registers (bij benadering)"), null=True, blank=True
    )
    contact = models.TextField(
        _("contactpunt, bijvoorbeeld de FG (art. 33 lid 3 sub b)"), blank=True
    )
    consequences = models.TextField(_("waarschijnlijke gevolgen (art. 33 lid 3 sub c)"), blank=True)
    measures = models.TextField(_("maatregelen (art. 33 lid 3 sub d)"), blank=True)
    risk = models.CharField(_("risico"), max_length=10, choices=BreachRisk.choices, blank=True)
    risk_reasons = models.TextField(_("motivering van het risico"), blank=True)
    subjects_decision = models.CharField(
        _("betrokkenen informeren (art. 34)"),
        max_length=20,
        choices=SubjectsDecision.choices,
        blank=True,
    )
    subjects_reasons = models.TextField(_("motivering (art. 34)"), blank=True)
    subjects_decided_on = models.DateField(_("besloten op (art. 34)"), null=True, blank=True)

    class Meta:
        verbose_name = _("datalek")
        verbose_name_plural = _("datalekken")
        ordering = ["-aware_at"]

    def __str__(self):
        return str(self.case)

    @property
    def deadline(self):
        """AVG art. 33(1): 72 hours after becoming aware — elapsed time. Python adds a
        timedelta to an aware datetime in its own zone's wall-clock time, which would move the
        deadline by an hour across a daylight-saving change; in UTC it cannot."""
        return self.aware_at.astimezone(datetime.UTC) + BREACH_NOTIFY_WITHIN


class BreachNotification(TimestampedModel):
    """L5, AVG art. 33(1) and (4): a notification to the Autoriteit Persoonsgegevens, in phases.
    A notification after the 72 hours states the reasons for the delay."""

    breach = models.ForeignKey(
        Breach, on_delete=models.PROTECT, related_name="notifications", verbose_name=_("datalek")
    )
    notified_at = models.DateTimeField(_("gemeld op"))
    reference = models.CharField(_("meldnummer AP"), max_length=100)
    phase = models.CharField(_("fase"), max_length=20, choices=NotificationPhase.choices)
    late_reasons = models.TextField(_("redenen van de vertraging (art. 33 lid 1)"), blank=True)
    recorded_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("melding aan de AP")
        verbose_name_plural = _("meldingen aan de AP")
        ordering = ["notified_at"]
