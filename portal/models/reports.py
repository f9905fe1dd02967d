"""PDF reports rendered in the background (X3) and watermarked per recipient (C8)."""

import secrets

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel

# Crockford's base32 without I, L, O, U: a code read aloud or typed from a photo of a page
# cannot be misread.
TRACE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_trace_code() -> str:
    """Twelve random base32 characters (60 bits) in three groups: ``7KQ2-M9XD-4HPA``."""
    raw = "".join(secrets.choice(TRACE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def report_file_name(job, filename):
    """Generated, never the user's words: ``reports/2026/11/<job uuid>-<random>.pdf``. Each
    rendering writes its own file, so a run that lost its lease can remove what it wrote
    without touching the file of the run that took over."""
    made = job.created_at or timezone.now()
    return f"reports/{made:%Y}/{made:%m}/{job.uuid}-{secrets.token_hex(4)}.pdf"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RENDERING = "rendering", _("wordt gemaakt")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class ReportJob(TimestampedModel):
    """One requested PDF report: what (``kind`` and ``parameters``, optionally about a
    ``subject``), for whom (``requested_by``, the recipient whose name is stamped on every
    page), and how far the background rendering is (``status``, ``progress``).

    The file lives on the private default storage under a generated name; it is handed out only
    by the permission-checked download view. ``trace_code`` is printed on every page and
    recorded in the audit trail when the watermark is applied, so a leaked copy leads back to
    its recipient (C8, L6).
    """

    requested_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="report_jobs",
        verbose_name=_("aangevraagd door"),
    )
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="report_jobs",
        verbose_name=_("gemeente"),
    )
    kind = models.CharField(_("soort rapport"), max_length=80)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    subject_type = models.ForeignKey(
        ContentType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("soort onderwerp"),
    )
    subject_id = models.CharField(_("onderwerp-id"), max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    status = models.CharField(
        _("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    progress_message = models.CharField(_("voortgangsmelding"), max_length=200, blank=True)
    file = models.FileField(_("bestand"), upload_to=report_file_name, max_length=255, blank=True)
    size = models.PositiveBigIntegerField(_("grootte (bytes)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error_message = models.TextField(_("foutmelding"), blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    trace_code = models.CharField(
        _("traceercode"), max_length=14, unique=True, default=new_trace_code, editable=False
    )

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-created_at"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["requested_by", "-created_at"], name="report_requester_recent"),
            models.Index(fields=["subject_type", "subject_id"], name="report_subject"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_max_100"),
            models.CheckConstraint(
                condition=Q(subject_type__isnull=True, subject_id="")
                | Q(subject_type__isnull=False) & ~Q(subject_id=""),
                name="report_subject_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReportStatus.DONE) | ~Q(file="") & ~Q(sha256=""),
                name="report_done_has_file",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}" if self.created_at else self.kind

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)
