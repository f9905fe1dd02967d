"""L2-L4, L6, L7: a leak case, its team (object grants), timeline, links to what leaked,
answers and decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.models.base import TimestampedModel

from ..constants import CaseStatus, CouncilMode, LeakedTo, PoliceOutcome, TrackChoice, TrackKind
from .framework import Consideration, FrameworkVersion


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
            raise ValidationError(_("De tijdlijn van een leksituatie wordt niet gewijzigd."))  # L7
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("De tijdlijn van een leksituatie wordt niet gewijzigd."))  # L7


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
