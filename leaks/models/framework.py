"""L1: the afwegingskader — its versions, steps, considerations and tracks."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import TrackKind


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
