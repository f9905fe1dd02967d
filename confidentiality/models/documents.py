"""C8, C10: a secret item's documents, their versions on private storage, and secret passages."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from .common import clean_grounds, grounds_display
from .items import SecrecyItem


def document_upload_to(instance, filename):
    """Generated names only: nothing of the uploaded name reaches the disk."""
    return f"confidentiality/{instance.document.item.municipality.uuid}/{uuid.uuid4().hex}.pdf"


class Document(TimestampedModel):
    """A document belonging to a secret item (e.g. a report, the minutes of a closed
    session), with versions. C10: it may have a public version next to the secret one, and
    secret passages each with their own grounds."""

    item = models.ForeignKey(
        SecrecyItem, on_delete=models.PROTECT, related_name="documents", verbose_name=_("stuk")
    )
    title = models.CharField(_("titel"), max_length=300)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        ordering = ["title"]

    def __str__(self):
        return self.title


class DocumentVersion(TimestampedModel):
    """One uploaded file of a document, on private storage (no public URL). Checked by content
    (PDF), limited in size, stored under a generated name with its SHA-256."""

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("versie"))
    is_public = models.BooleanField(
        _("openbare versie"),
        default=False,
        help_text=_("De versie zonder de geheime passages."),  # C10
    )
    file = models.FileField(_("bestand"), upload_to=document_upload_to, max_length=300)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        "portal.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("geüpload door")
    )

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documentversion_unique_number"
            ),
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"


class Passage(TimestampedModel):
    """C10: a secret passage of a document (where it is, and its own Woo grounds); the rest of
    the document may be public."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="passages", verbose_name=_("document")
    )
    location = models.CharField(
        _("vindplaats"), max_length=200, help_text=_("Bijvoorbeeld: pagina 4, tweede alinea.")
    )
    # C1 is checked in clean() (an empty list would skip field validators) and by a constraint.
    grounds = models.JSONField(_("gronden (Woo art. 5.1)"), default=list, blank=True)

    class Meta:
        verbose_name = _("geheime passage")
        verbose_name_plural = _("geheime passages")
        ordering = ["document", "location"]
        constraints = [
            models.CheckConstraint(condition=~Q(grounds=[]), name="passage_has_ground"),
        ]

    def __str__(self):
        return self.location

    @property
    def ground_labels(self) -> list[str]:
        return grounds_display(self.grounds)

    def clean(self):
        clean_grounds(self)
