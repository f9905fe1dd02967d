"""C11: a Woo publication with its DiWoo metadata, its document actions and its clean copies,
and the clerk's task "publiceren?" for an item whose secrecy ended."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import PublicationStatus, ReleaseCause, TaskStatus
from ..tooi import (
    DEFAULT_CATEGORY,
    DocumentActionKind,
    InformationCategory,
    Language,
    WithdrawalReason,
)

TOOI_GEMEENTE = r"^https://identifier\.overheid\.nl/tooi/id/gemeente/gm\d{4}$"


def copy_upload_to(instance, filename):
    """Generated names only; the clean copies live on the private storage and are served by a
    view (never under a public MEDIA_URL)."""
    municipality = instance.publication.municipality.uuid
    return f"publications/{municipality}/{uuid.uuid4().hex}.pdf"


class PublicationQuerySet(models.QuerySet):
    def visible(self, now):
        """Published and past the moment from which it may be seen."""
        return self.filter(status=PublicationStatus.PUBLISHED).filter(
            Q(visible_from__isnull=True) | Q(visible_from__lte=now)
        )


class Publication(TimestampedModel):
    """An active publication under the Woo (art. 3.3) with DiWoo metadata: official and short
    title, description, creation date, publisher and responsible organisation as TOOI
    identifiers (the municipality's from its CBS code), the Woo information category, language,
    format, and its documents. C11: concept → gepubliceerd → ingetrokken (with a reason);
    it becomes visible at ``visible_from`` if set, else when published."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="publications",
        verbose_name=_("gemeente"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.CONCEPT,
    )
    official_title = models.CharField(_("officiële titel"), max_length=500)
    short_title = models.CharField(_("verkorte titel"), max_length=200, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    creation_date = models.DateField(_("datum van het document"))
    information_category = models.CharField(
        _("informatiecategorie (Woo art. 3.3)"),
        max_length=100,
        choices=InformationCategory.choices,
        default=DEFAULT_CATEGORY,
    )
    language = models.CharField(
        _("taal"), max_length=100, choices=Language.choices, default=Language.DUTCH
    )
    publisher = models.CharField(
        _("uitgever (TOOI)"),
        max_length=100,
        blank=True,
        help_text=_("De TOOI-identificatie van de gemeente, afgeleid van de CBS-gemeentecode."),
    )
    responsible = models.CharField(_("verantwoordelijke (TOOI)"), max_length=100, blank=True)
    visible_from = models.DateTimeField(
        _("zichtbaar vanaf"),
        null=True,
        blank=True,
        help_text=_("Leeg: zichtbaar zodra de publicatie is gepubliceerd."),
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawal_reason_kind = models.CharField(
        _("soort reden van intrekking"),
        max_length=100,
        choices=WithdrawalReason.choices,
        blank=True,
    )
    withdrawal_reason = models.TextField(_("reden van intrekking"), blank=True)
    # The item of the secrecy register this publication comes from (C11); a string reference,
    # so that the only Python module of this app that enters ``confidentiality`` is sources.py.
    source_item = models.ForeignKey(
        "confidentiality.SecrecyItem",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("stuk uit het geheimhoudingsregister"),
    )
    created_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("aangemaakt door"),
    )

    objects = PublicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Woo-publicatie")
        verbose_name_plural = _("Woo-publicaties")
        ordering = ["-published_at", "-created_at"]
        permissions = [
            (
                "manage_publications",
                _("Beheert Woo-publicaties en Woo-verzoeken om geheime stukken (griffie)"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="publication_status_valid"
            ),
            # C11: withdrawal is recorded with a reason.
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.WITHDRAWN)
                | (Q(withdrawn_at__isnull=False) & ~Q(withdrawal_reason="")),
                name="publication_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.CONCEPT) | Q(published_at__isnull=False),
                name="publication_published_has_moment",
            ),
            # A concept may wait for the municipality's CBS code; what is published names its
            # publisher as a TOOI identifier.
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.CONCEPT)
                | (Q(publisher__regex=TOOI_GEMEENTE) & Q(responsible__regex=TOOI_GEMEENTE)),
                name="publication_publisher_is_tooi",
            ),
        ]
        indexes = [
            # The public list and the sitemap page through one municipality's visible
            # publications newest first.
            models.Index(
                fields=["municipality", "status", "-published_at"], name="publication_public"
            ),
        ]

    def __str__(self):
        return self.official_title

    def clean(self):
        if self.visible_from and self.published_at and self.visible_from < self.published_at:
            # Visible before it was published means: visible at once.
            self.visible_from = None
        if not self.official_title.strip():
            raise ValidationError({"official_title": _("Geef de publicatie een titel.")})

    @property
    def is_withdrawn(self) -> bool:
        return self.status == PublicationStatus.WITHDRAWN


class DocumentAction(TimestampedModel):
    """A documenthandeling (DiWoo): what happened to the document, when and by which body —
    for a council's document usually its vaststelling by the raad or the college."""

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("publicatie"),
    )
    kind = models.CharField(
        _("handeling"),
        max_length=100,
        choices=DocumentActionKind.choices,
        default=DocumentActionKind.VASTSTELLING,
    )
    at = models.DateTimeField(_("datum en tijd"))
    body_name = models.CharField(_("door (orgaan)"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("documenthandeling")
        verbose_name_plural = _("documenthandelingen")
        ordering = ["publication", "at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.at:%d-%m-%Y}" if self.at else self.kind


class PublishedDocument(TimestampedModel):
    """C11: a clean copy of one document of the item — no watermark (the stored version, never
    a recipient's copy), no document metadata (author, XMP, embedded files, scripts removed),
    and where secret passages remain, made from the public version only."""

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("publicatie"),
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("bestand"), upload_to=copy_upload_to, max_length=300)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    source_version = models.UUIDField(_("gemaakt van documentversie"))
    from_public_version = models.BooleanField(
        _("gemaakt van de openbare versie"),
        default=False,
        help_text=_("Het document heeft geheime passages; alleen de openbare versie is gebruikt."),
    )
    withdrawn = models.BooleanField(_("ingetrokken"), default=False)

    class Meta:
        verbose_name = _("gepubliceerd document")
        verbose_name_plural = _("gepubliceerde documenten")
        ordering = ["publication", "title"]

    def __str__(self):
        return self.title


class ReleaseTask(TimestampedModel):
    """C11: the clerk's task "publiceren?" for one item of the register whose secrecy was lifted
    (C5) or ended (C7): publish its concept, or record the decision not to publish, with the
    reason. One per item."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="release_tasks",
        verbose_name=_("gemeente"),
    )
    item = models.OneToOneField(
        "confidentiality.SecrecyItem",
        on_delete=models.PROTECT,
        related_name="release_task",
        verbose_name=_("stuk uit het geheimhoudingsregister"),
    )
    cause = models.CharField(_("aanleiding"), max_length=20, choices=ReleaseCause.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    publication = models.OneToOneField(
        Publication,
        on_delete=models.SET_NULL,
        related_name="task",
        null=True,
        blank=True,
        verbose_name=_("publicatie"),
    )
    left_out = models.JSONField(
        _("documenten niet meegenomen"),
        default=list,
        blank=True,
        help_text=_(
            "Documenten met geheime passages zonder openbare versie, of die niet konden worden "
            "opgeschoond."
        ),
    )
    decline_reason = models.TextField(_("reden om niet te publiceren"), blank=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("beslist door"),
    )

    class Meta:
        verbose_name = _("taak: publiceren?")
        verbose_name_plural = _("taken: publiceren?")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TaskStatus.DECLINED) | ~Q(decline_reason=""),
                name="releasetask_declined_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status"], name="releasetask_open")]

    def __str__(self):
        return str(self.item)
