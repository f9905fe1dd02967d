"""Background work: the transactional outbox (X2, X3; QUALITY F3, F5, F6)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("wacht")
    DISPATCHED = "dispatched", _("verstuurd naar de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class OutboxMessage(models.Model):
    """A piece of background work, written in the same transaction as the change that causes
    it. A rolled-back change leaves no message; a committed one is sent to the broker after
    commit, and again by the relay if the broker was down or the worker died, until a worker
    marks it done. The task bodies are idempotent: running a message twice has one effect."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task_name = models.CharField(_("taak"), max_length=150)
    kwargs = models.JSONField(_("argumenten"), default=dict)
    queue = models.CharField(_("wachtrij"), max_length=30, default="default")
    status = models.CharField(
        _("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)  # sent to the broker
    # Started by a worker, counted before the body runs: what the outbox gives up on. A copy
    # sent again while the first still waits in the queue is no run (F5).
    runs = models.PositiveSmallIntegerField(_("keer gestart"), default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    dispatched_at = models.DateTimeField(_("laatst verstuurd op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["status", "dispatched_at"],
                name="outbox_open",
                condition=~models.Q(status__in=["done", "failed"]),
            )
        ]

    def __str__(self):
        return f"{self.task_name} ({self.get_status_display()})"
