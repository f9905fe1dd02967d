"""L5/L9: the personal data breach of a case — its clock (AVG art. 33(1)) and its facts as the
Autoriteit Persoonsgegevens' notification form asks for them (art. 33(3), 34)."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import (
    BREACH_NOTIFY_WITHIN,
    AwarenessBasis,
    BreachRisk,
    ConsequenceKind,
    DataKind,
    Likelihood,
    NatureKind,
    ProtectionKind,
    Severity,
    SubjectKind,
    SubjectsDecision,
)
from .cases import LeakCase


def checklist(choices, label, help_text=""):
    """A checklist of the AP form stored as an array of choice values, so the register filters
    and counts with one indexed query (``__overlap``, ``__contains``)."""
    return ArrayField(
        models.CharField(max_length=30, choices=choices),
        verbose_name=label,
        default=list,
        blank=True,
        help_text=help_text,
    )


def _min_max(prefix: str) -> models.CheckConstraint:
    low, high = f"{prefix}_min", f"{prefix}_max"
    return models.CheckConstraint(
        condition=Q(**{f"{low}__isnull": True})
        | Q(**{f"{high}__isnull": True})
        | Q(**{f"{low}__lte": F(high)}),
        name=f"breach_{prefix}_min_le_max",
    )


class Breach(TimestampedModel):
    """L5: the GDPR breach track of a case (personal data involved). The 72-hour clock of AVG
    art. 33(1) runs from ``aware_at``, the moment the organisation became aware — by default
    the moment of discovery the reporter entered, recorded and correctable (with a reason) by
    the privacy officer; never the moment the case was typed in. Every breach, notified or
    not, is a row of the art. 33(5) register.

    L9: the facts follow the sections of the AP's notification form (leaks/notification.py
    lays them out); each notification to the AP freezes them in a version
    (``BreachNotification``)."""

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

    # 1. contact (AVG art. 33(3)(b)) and other organisations involved
    contact_name = models.CharField(_("naam van de contactpersoon"), max_length=200, blank=True)
    contact_function = models.CharField(_("functie"), max_length=200, blank=True)
    contact_phone = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    contact_email = models.EmailField(_("e-mailadres"), blank=True)
    contact = models.TextField(
        _("overige contactgegevens, bijvoorbeeld van de functionaris gegevensbescherming"),
        blank=True,
    )
    other_organisations = models.TextField(
        _("andere organisaties die bij het datalek betrokken zijn, zoals een verwerker"),
        blank=True,
    )
    # 2. timeline (discovery: the case; awareness: above)
    started_at = models.DateTimeField(_("begin van het datalek"), null=True, blank=True)
    ended_at = models.DateTimeField(_("einde van het datalek"), null=True, blank=True)
    ongoing = models.BooleanField(_("het datalek duurt nog voort"), default=False)
    # 3. what happened (AVG art. 33(3)(a))
    nature_kinds = checklist(NatureKind.choices, _("wat is er met de gegevens gebeurd"))
    nature = models.TextField(_("aard van de inbreuk (art. 33 lid 3 sub a)"), blank=True)
    cause = models.TextField(_("hoe het is gebeurd (oorzaak)"), blank=True)
    # 4. the personal data
    data_kinds = checklist(DataKind.choices, _("soorten persoonsgegevens"))
    record_categories = models.CharField(
        _("toelichting op de persoonsgegevens"), max_length=300, blank=True
    )
    records_min = models.PositiveIntegerField(
        _("aantal gegevensrecords (minimaal)"), null=True, blank=True
    )
    records_max = models.PositiveIntegerField(
        _("aantal gegevensrecords (maximaal)"), null=True, blank=True
    )
    # 5. the people affected
    subject_kinds = checklist(SubjectKind.choices, _("groepen betrokkenen"))
    subject_categories = models.CharField(
        _("toelichting op de betrokkenen"), max_length=300, blank=True
    )
    people_min = models.PositiveIntegerField(
        _("aantal betrokkenen (minimaal)"), null=True, blank=True
    )
    people_max = models.PositiveIntegerField(
        _("aantal betrokkenen (maximaal)"), null=True, blank=True
    )
    # 6. measures beforehand
    protection_kinds = checklist(
        ProtectionKind.choices, _("beveiliging van de gegevens vóór het datalek")
    )
    measures_before = models.TextField(_("toelichting op de beveiliging vooraf"), blank=True)
    # 7. consequences (AVG art. 33(3)(c)) and the risk (art. 33(1), 34(1))
    consequence_kinds = checklist(ConsequenceKind.choices, _("mogelijke gevolgen"))
    consequences = models.TextField(_("waarschijnlijke gevolgen (art. 33 lid 3 sub c)"), blank=True)
    likelihood = models.CharField(
        _("kans op de gevolgen"), max_length=10, choices=Likelihood.choices, blank=True
    )
    severity = models.CharField(
        _("ernst van de gevolgen"), max_length=15, choices=Severity.choices, blank=True
    )
    risk = models.CharField(_("risico"), max_length=10, choices=BreachRisk.choices, blank=True)
    risk_reasons = models.TextField(_("motivering van het risico"), blank=True)
    # 8. follow-up: informing the people affected (AVG art. 34), measures (art. 33(3)(d)),
    # cross-border processing
    subjects_decision = models.CharField(
        _("betrokkenen informeren (art. 34)"),
        max_length=20,
        choices=SubjectsDecision.choices,
        blank=True,
    )
    subjects_reasons = models.TextField(_("motivering (art. 34)"), blank=True)
    subjects_decided_on = models.DateField(_("besloten op (art. 34)"), null=True, blank=True)
    subjects_informed_at = models.DateTimeField(
        _("betrokkenen geïnformeerd op"), null=True, blank=True
    )
    subjects_informed_how = models.CharField(
        _("hoe betrokkenen zijn geïnformeerd"), max_length=200, blank=True
    )
    subjects_message = models.TextField(_("de tekst aan de betrokkenen"), blank=True)
    measures = models.TextField(
        _("maatregelen om het datalek aan te pakken en de gevolgen te beperken (sub d)"),
        blank=True,
    )
    cross_border = models.BooleanField(
        _("grensoverschrijdende verwerking (andere EU-lidstaten)"), default=False
    )
    cross_border_note = models.TextField(_("welke lidstaten en toezichthouders"), blank=True)
    # 9. other
    other_remarks = models.TextField(_("overige opmerkingen"), blank=True)

    # Retention (Archiefwet; Selectielijst gemeenten 2020, docs/leaks.md): flagged by the job,
    # destroyed only from a destruction list the archivist approved.
    destruction_flagged_at = models.DateTimeField(
        _("voorgedragen voor vernietiging op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("datalek")
        verbose_name_plural = _("datalekken")
        ordering = ["-aware_at"]
        indexes = [
            GinIndex(fields=["data_kinds"], name="breach_data_kinds_gin"),
            models.Index(fields=["aware_at"], name="breach_aware_at"),
        ]
        constraints = [
            _min_max("people"),
            _min_max("records"),
            models.CheckConstraint(
                condition=Q(started_at__isnull=True)
                | Q(ended_at__isnull=True)
                | Q(started_at__lte=F("ended_at")),
                name="breach_started_before_ended",
            ),
            models.CheckConstraint(
                condition=Q(ongoing=False) | Q(ended_at__isnull=True),
                name="breach_ongoing_has_no_end",
            ),
        ]

    def __str__(self):
        return str(self.case)

    @property
    def deadline(self):
        """AVG art. 33(1): 72 hours after becoming aware — elapsed time. Python adds a
        timedelta to an aware datetime in its own zone's wall-clock time, which would move the
        deadline by an hour across a daylight-saving change; in UTC it cannot."""
        return self.aware_at.astimezone(datetime.UTC) + BREACH_NOTIFY_WITHIN
