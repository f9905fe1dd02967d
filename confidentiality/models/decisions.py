"""C4-C7: what is decided about an item after it is registered: shared with a body, lifted,
reviewed; and the raad's exclusion of a member (C6)."""

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..conf import exclusion_article, exclusion_max_months
from ..constants import SHARE_BODY_KINDS
from .common import same_municipality
from .items import SecrecyItem


class Share(TimestampedModel):
    """C4, Gemeentewet art. 88 lid 5: a secret item given to a body — the raad, the college, a
    commissie or the rekenkamer — never to persons. It reaches the body's *current* members
    and follows membership changes (T4); there is deliberately no field for a person."""

    item = models.ForeignKey(
        SecrecyItem, on_delete=models.PROTECT, related_name="shares", verbose_name=_("stuk")
    )
    body = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="secrecy_shares",
        verbose_name=_("orgaan"),
    )
    shared_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("gedeeld door")
    )

    class Meta:
        verbose_name = _("verstrekking aan een orgaan")
        verbose_name_plural = _("verstrekkingen aan organen")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["item", "body"], name="share_unique_item_body"),
        ]

    def __str__(self):
        return f"{self.item} → {self.body}"

    def clean(self):
        if self.body_id and self.item_id:
            same_municipality(self.body, self.item.municipality_id, "body")
            if self.body.kind not in SHARE_BODY_KINDS:
                raise ValidationError(
                    {
                        "body": _(
                            "Geheime stukken gaan naar de raad, het college, een commissie of "
                            "de rekenkamer."  # C4
                        )
                    }
                )


class Lifting(TimestampedModel):
    """C5: the decision that lifts (opheft) secrecy — by the competent body (art. 89) or, for
    information given to it, by the raad. From then on the item is no longer secret."""

    item = models.OneToOneField(
        SecrecyItem, on_delete=models.PROTECT, related_name="lifting", verbose_name=_("stuk")
    )
    body = models.ForeignKey(
        "portal.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("orgaan")
    )
    date = models.DateField(_("datum van het besluit"))
    reference = models.CharField(_("kenmerk van het besluit"), max_length=100)
    recorded_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("opheffing van geheimhouding")
        verbose_name_plural = _("opheffingen van geheimhouding")

    def __str__(self):
        return f"{self.item} ({self.date:%d-%m-%Y})" if self.date else str(self.item)

    def clean(self):
        if not (self.item_id and self.body_id):
            return
        item = self.item
        same_municipality(self.body, item.municipality_id, "body")
        given_to_raad = (
            self.body.kind == "raad" and item.shares.filter(body_id=self.body_id).exists()
        )
        if self.body_id != item.lifting_body_id and not given_to_raad:
            raise ValidationError(
                {
                    "body": ValidationError(
                        _(
                            "Alleen %(competent)s kan deze geheimhouding opheffen (Gemeentewet "
                            "art. 89), of de raad voor informatie die aan de raad is verstrekt."
                        ),
                        code="not_competent",
                        params={"competent": item.lifting_body.name},
                    )
                }
            )


class Review(TimestampedModel):
    """C7: a recorded review (heroverweging) of an active item, setting the next review date.
    Ending secrecy is not a review outcome but a lifting decision (C5)."""

    item = models.ForeignKey(
        SecrecyItem, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("stuk")
    )
    reviewed_on = models.DateField(_("heroverwogen op"))
    next_review_date = models.DateField(_("volgende heroverweging"))
    note = models.TextField(_("toelichting"), blank=True)
    reviewed_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("heroverweging")
        verbose_name_plural = _("heroverwegingen")
        ordering = ["item", "-reviewed_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_date__gt=models.F("reviewed_on")),
                name="review_next_after_reviewed",
                violation_error_message=_(
                    "De volgende heroverweging ligt na de datum van deze heroverweging."  # C7
                ),
            ),
        ]

    def __str__(self):
        return f"{self.item} ({self.reviewed_on:%d-%m-%Y})" if self.reviewed_on else str(self.item)


def exclusion_latest_end(start):
    """C6: the last day an exclusion starting on ``start`` may run (less than the maximum
    number of months after it)."""
    return start + relativedelta(months=exclusion_max_months()) - relativedelta(days=1)


class Exclusion(TimestampedModel):
    """C6 *(check the article: conf.exclusion_article)*: a raad decision that a member who
    breached secrecy receives no secret information from ``start`` to ``end`` (inclusive), at
    most three months. During it the member opens no secret item and counts none; access
    returns by itself afterwards."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="secrecy_exclusions",
        verbose_name=_("gemeente"),
    )
    member = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="secrecy_exclusions",
        verbose_name=_("raads- of commissielid"),
    )
    raad = models.ForeignKey(
        "portal.Body", on_delete=models.PROTECT, related_name="+", verbose_name=_("raad")
    )
    decision_date = models.DateField(_("datum van het raadsbesluit"))
    reference = models.CharField(_("kenmerk van het besluit"), max_length=100)
    start = models.DateField(_("eerste dag"))
    end = models.DateField(_("laatste dag"))
    recorded_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    class Meta:
        verbose_name = _("uitsluiting van geheime informatie")
        verbose_name_plural = _("uitsluitingen van geheime informatie")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="exclusion_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["member", "start", "end"], name="exclusion_member_period")]

    def __str__(self):
        return f"{self.member} ({self.start:%d-%m-%Y} – {self.end:%d-%m-%Y})"

    def clean(self):
        if self.raad_id:
            same_municipality(self.raad, self.municipality_id, "raad")
            if self.raad.kind != "raad":
                raise ValidationError({"raad": _("Alleen de raad besluit tot uitsluiting.")})  # C6
        if self.start and self.end:
            if self.end < self.start:
                raise ValidationError({"end": _("De laatste dag ligt vóór de eerste dag.")})
            latest = exclusion_latest_end(self.start)
            if self.end > latest:
                too_long = ValidationError(
                    _(
                        "Een uitsluiting duurt ten hoogste %(months)s maanden (%(article)s): "
                        "de laatste dag is uiterlijk %(latest)s."
                    ),
                    code="too_long",
                    params={
                        "months": exclusion_max_months(),
                        "article": exclusion_article(),
                        "latest": latest.strftime("%d-%m-%Y"),
                    },
                )
                raise ValidationError({"end": too_long})
