"""C12: a Woo request for a document under secrecy, which is also a request to lift it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import WooOutcome, WooRequestStatus


class WooRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=WooRequestStatus.OPEN)


class WooRequest(TimestampedModel):
    """A request under the Wet open overheid for information under secrecy. C12: it counts as a
    request to lift the secrecy (Raad van State, ECLI:NL:RVS:2023:1925), so it opens a review by
    the body competent to lift it (Gemeentewet art. 89), with the Woo's decision period: four
    weeks from receipt, extendable once by two (Woo art. 4.4).

    Who asked is deliberately not recorded: no field holds a name, an address or any other
    trace of the requester — the register keeps the request's date and its reference in the
    municipality's own case system, nothing more."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="woo_requests",
        verbose_name=_("gemeente"),
    )
    item = models.ForeignKey(
        "confidentiality.SecrecyItem",
        on_delete=models.PROTECT,
        related_name="woo_requests",
        verbose_name=_("geheim stuk"),
    )
    received_on = models.DateField(_("datum van ontvangst"))
    reference = models.CharField(
        _("kenmerk van het verzoek"),
        max_length=100,
        blank=True,
        help_text=_(
            "Het zaaknummer of kenmerk in het eigen zaaksysteem. Geen naam, adres of e-mailadres "
            "van de verzoeker: die blijven buiten het register."
        ),
    )
    deadline = models.DateField(_("beslissen uiterlijk"))
    extended = models.BooleanField(_("verdaagd"), default=False)
    extension_reason = models.TextField(_("reden van verdaging"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WooRequestStatus.choices,
        default=WooRequestStatus.OPEN,
    )
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=WooOutcome.choices, blank=True)
    decided_on = models.DateField(_("datum van de beslissing"), null=True, blank=True)
    deciding_body = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("orgaan dat besliste"),
    )
    decision_reference = models.CharField(_("kenmerk van het besluit"), max_length=100, blank=True)
    # C12 with C1: when the secrecy stays, the grounds of Woo art. 5.1 it rests on.
    kept_grounds = models.JSONField(_("gronden (Woo art. 5.1)"), default=list, blank=True)
    motivation = models.TextField(_("motivering"), blank=True)
    registered_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("vastgelegd door")
    )

    objects = WooRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("Woo-verzoek om een geheim stuk")
        verbose_name_plural = _("Woo-verzoeken om geheime stukken")
        ordering = ["deadline", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("received_on")),
                name="woorequest_deadline_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(status=WooRequestStatus.OPEN)
                | (~Q(outcome="") & Q(decided_on__isnull=False) & Q(deciding_body__isnull=False)),
                name="woorequest_decided_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(extended=True) | ~Q(extension_reason=""),
                name="woorequest_extension_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "deadline"], name="woorequest_due"),
        ]

    def __str__(self):
        return self.reference or f"{self.received_on:%d-%m-%Y}"
