"""Leak cases under the municipality's *afwegingskader informatielekken*: DOMAIN L1–L8.

Terms of art, defined once:

- *afwegingskader informatielekken*: a municipality's weighing framework for (suspected) leaks
  of confidential information or internal messages to third parties or the press (seed 002,
  version 1 of 11-3-2020). Facts differ per case, so it holds no standard actions, only steps
  and considerations to weigh, and tracks to decide on;
- *afwegingsverslag*: the weighing record, the PDF of every answer and decision with reasons;
- *datalek*: a personal data breach (AVG art. 4(12)), with its own 72-hour clock (art. 33);
- *aangifte* / *sepot*: a report to the police / the prosecutor's decision not to prosecute.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.models.base import TimestampedModel

from .constants import (
    BREACH_NOTIFY_WITHIN,
    BreachRisk,
    CaseStatus,
    CouncilMode,
    LeakedTo,
    NotificationPhase,
    PoliceOutcome,
    SubjectsDecision,
    TrackChoice,
    TrackKind,
)


class FrameworkVersion(TimestampedModel):
    """L1: one version of a municipality's afwegingskader. A draft is edited by administrators
    (in the admin); once published it is frozen, and the newest published version is the one a
    new case is weighed under. Cases keep the version they were opened under."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="leak_frameworks",
        verbose_name=_("gemeente"),
    )
    number = models.PositiveIntegerField(_("versie"))
    title = models.CharField(_("titel"), max_length=200)
    dated = models.DateField(_("gedateerd"))
    introduction = models.TextField(_("inleiding"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("versie van het afwegingskader")
        verbose_name_plural = _("versies van het afwegingskader")
        ordering = ["municipality", "-number"]
        permissions = [("manage_framework", _("Beheert het afwegingskader informatielekken"))]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "number"], name="leakframework_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.title} v{self.number} ({self.dated:%d-%m-%Y})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class FrameworkStep(TimestampedModel):
    """L1: a step of the framework (e.g. 'Feiten vaststellen'), with guidance."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="steps", verbose_name=_("versie")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    title = models.CharField(_("titel"), max_length=200)
    guidance = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("stap")
        verbose_name_plural = _("stappen")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="leakstep_unique_order"),
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Consideration(TimestampedModel):
    """L1/L4: a question to weigh within a step, with guidance; a case answers it with reasons."""

    step = models.ForeignKey(
        FrameworkStep,
        on_delete=models.CASCADE,
        related_name="considerations",
        verbose_name=_("stap"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"))
    question = models.CharField(_("afweging"), max_length=300)
    guidance = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("afweging")
        verbose_name_plural = _("afwegingen")
        ordering = ["step__order", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["step", "order"], name="leakconsideration_unique_order"
            ),
        ]

    def __str__(self):
        return self.question


class FrameworkTrack(TimestampedModel):
    """L1/L4: the guidance a framework version gives for one track (the tracks themselves are
    fixed by law: TrackKind)."""

    version = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="tracks", verbose_name=_("versie")
    )
    kind = models.CharField(_("spoor"), max_length=30, choices=TrackKind.choices)
    guidance = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("spoor")
        verbose_name_plural = _("sporen")
        ordering = ["version", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["version", "kind"], name="leaktrack_unique_kind"),
        ]

    def __str__(self):
        return self.get_kind_display()


class LeakCase(TimestampedModel):
    """L2: a (suspected) leak of confidential information or internal messages. Visible only to
    its case team (object grants) and to roles holding ``leaks.view_all_cases`` (L3)."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="leak_cases",
        verbose_name=_("gemeente"),
    )
    reference = models.CharField(_("kenmerk"), max_length=20)
    framework_version = models.ForeignKey(
        FrameworkVersion,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("versie van het afwegingskader"),
    )
    title = models.CharField(_("korte omschrijving"), max_length=200)
    what_leaked = models.TextField(_("wat is gelekt"))
    leaked_to = models.CharField(
        _("aan wie"), max_length=20, choices=LeakedTo.choices, default=LeakedTo.UNKNOWN
    )
    leaked_at = models.DateTimeField(
        _("moment van het lek"),
        null=True,
        blank=True,
        help_text=_("Voor zover bekend; het toegangsspoor kijkt naar wat daarvóór gebeurde."),
    )
    discovered_at = models.DateTimeField(_("ontdekt op"))
    discovered_how = models.TextField(_("hoe ontdekt"))
    reported_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeld door")
    )
    # L2: unknown by default; recorded and shown only to the case team.
    suspected_source = models.TextField(_("vermoedelijke bron"), blank=True)
    personal_data = models.BooleanField(_("persoonsgegevens betrokken"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.REPORTED
    )
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("leksituatie")
        verbose_name_plural = _("leksituaties")
        ordering = ["-created_at"]
        default_permissions = ("add", "change", "delete", "view")
        permissions = [
            ("report_leak", _("Meldt een (vermoedelijk) informatielek")),
            ("view_all_cases", _("Ziet alle leksituaties van de eigen gemeente")),
            ("manage_cases", _("Behandelt leksituaties: weegt, stelt het zaakteam samen")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "reference"], name="leakcase_unique_reference"
            ),
            models.CheckConstraint(
                condition=Q(status=CaseStatus.CLOSED, closed_at__isnull=False)
                | (~Q(status=CaseStatus.CLOSED) & Q(closed_at__isnull=True)),
                name="leakcase_closed_has_moment",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"


class LeakCaseUserObjectPermission(UserObjectPermissionBase):
    """L3: the case team — per-case grants (django-guardian, direct foreign key)."""

    content_object = models.ForeignKey(LeakCase, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("zaakteamrecht (persoon)")
        verbose_name_plural = _("zaakteamrechten (personen)")


class LeakCaseGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(LeakCase, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("zaakteamrecht (rol)")
        verbose_name_plural = _("zaakteamrechten (rollen)")


class CaseEvent(models.Model):
    """L7: the case's timeline, append-only: rows are inserted, never changed or deleted."""

    case = models.ForeignKey(
        LeakCase, on_delete=models.PROTECT, related_name="events", verbose_name=_("leksituatie")
    )
    at = models.DateTimeField(_("tijdstip"))
    actor = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    kind = models.CharField(_("soort"), max_length=60)
    # Dutch source text (gettext_noop) and its parameters: translated when shown (X5).
    summary = models.CharField(_("samenvatting"), max_length=300)
    params = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["case", "at"], name="leakevent_case_at")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("De tijdlijn van een leksituatie wordt niet gewijzigd (L7)."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("De tijdlijn van een leksituatie wordt niet gewijzigd (L7)."))


class CaseLink(TimestampedModel):
    """L2/L6: what leaked, where known: an item of the secrecy register (and one of its
    documents), or a document outside the register by its description."""

    case = models.ForeignKey(
        LeakCase, on_delete=models.CASCADE, related_name="links", verbose_name=_("leksituatie")
    )
    secrecy_item = models.ForeignKey(
        "confidentiality.SecrecyItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geheim stuk"),
    )
    document_reference = models.CharField(_("document (omschrijving)"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("toegevoegd door")
    )

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(secrecy_item__isnull=False) | ~Q(document_reference=""),
                name="leaklink_names_something",
            ),
            models.UniqueConstraint(fields=["case", "secrecy_item"], name="leaklink_unique_item"),
        ]

    def __str__(self):
        return self.document_reference or str(self.secrecy_item_id)


class ConsiderationAnswer(TimestampedModel):
    """L4: the case's answer to one consideration of its framework version, with reasons."""

    case = models.ForeignKey(
        LeakCase, on_delete=models.CASCADE, related_name="answers", verbose_name=_("leksituatie")
    )
    consideration = models.ForeignKey(
        Consideration, on_delete=models.PROTECT, related_name="+", verbose_name=_("afweging")
    )
    answer = models.TextField(_("antwoord"))
    reasons = models.TextField(_("motivering"))
    answered_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )

    class Meta:
        verbose_name = _("antwoord op een afweging")
        verbose_name_plural = _("antwoorden op afwegingen")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "consideration"], name="leakanswer_unique_consideration"
            ),
        ]


class TrackDecision(TimestampedModel):
    """L4: the decision on one track, with date, decision-maker and reasons; for a police
    report (art. 272 Sr) its filing and outcome; for informing the raad how (openly or under
    secrecy, linking the secrecy item)."""

    case = models.ForeignKey(
        LeakCase, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("leksituatie")
    )
    kind = models.CharField(_("spoor"), max_length=30, choices=TrackKind.choices)
    choice = models.CharField(_("besluit"), max_length=10, choices=TrackChoice.choices)
    decided_on = models.DateField(_("datum van het besluit"))
    decision_maker = models.CharField(_("besluitvormer"), max_length=200)
    reasons = models.TextField(_("motivering"))
    police_filed_on = models.DateField(_("aangifte gedaan op"), null=True, blank=True)
    police_reference = models.CharField(_("kenmerk aangifte"), max_length=100, blank=True)
    police_outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=PoliceOutcome.choices, blank=True
    )
    police_outcome_reason = models.TextField(_("reden van de uitkomst"), blank=True)
    council_mode = models.CharField(
        _("hoe de raad is geïnformeerd"), max_length=10, choices=CouncilMode.choices, blank=True
    )
    council_secrecy_item = models.ForeignKey(
        "confidentiality.SecrecyItem",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geheim stuk waarmee de raad is geïnformeerd"),
    )
    decided_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("besluit per spoor")
        verbose_name_plural = _("besluiten per spoor")
        ordering = ["case", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind"], name="leakdecision_unique_kind"),
        ]


class Breach(TimestampedModel):
    """L5: the GDPR breach track of a case (personal data involved). The 72-hour clock of AVG
    art. 33(1) runs from ``aware_at``; every breach, notified or not, is a row of the art. 33(5)
    register."""

    case = models.OneToOneField(
        LeakCase, on_delete=models.CASCADE, related_name="breach", verbose_name=_("leksituatie")
    )
    aware_at = models.DateTimeField(_("bekend geworden op"))
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
