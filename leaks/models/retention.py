"""L9/retention: breach records are kept for a configurable period after the case is closed
(Selectielijst gemeenten en intergemeentelijke organen 2020, docs/leaks.md), then flagged by a
periodic job onto a destruction list; they are destroyed only once the archivist approved the
list (Archiefwet 1995 art. 3 and 5; Archiefbesluit 1995 art. 8: a record of what was
destroyed)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel


class BreachDestructionList(TimestampedModel):
    """A municipality's list of breach records proposed for destruction. The periodic job adds
    to the open list (not yet approved); the archivist (``leaks.approve_breach_destruction``)
    approves it, after which the worker destroys what is on it. The list and its items stay as
    the record of destruction (verklaring van vernietiging)."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="breach_destruction_lists",
        verbose_name=_("gemeente"),
    )
    approved_at = models.DateTimeField(_("goedgekeurd op"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("goedgekeurd door"),
    )
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst datalekken")
        verbose_name_plural = _("vernietigingslijsten datalekken")
        ordering = ["-created_at"]
        default_permissions = ("view",)
        permissions = [
            (
                "approve_breach_destruction",
                _("Keurt de vernietigingslijst van datalekken goed (archivaris)"),
            )
        ]
        constraints = [
            # One open (unapproved) list per municipality: the job adds to it.
            models.UniqueConstraint(
                fields=["municipality"],
                condition=Q(approved_at__isnull=True),
                name="breachdestruction_one_open_list",
            ),
            models.CheckConstraint(
                condition=Q(destroyed_at__isnull=True) | Q(approved_at__isnull=False),
                name="breachdestruction_destroyed_only_approved",
            ),
        ]

    def __str__(self):
        return f"{self.created_at:%d-%m-%Y}"


class BreachDestructionItem(TimestampedModel):
    """One breach record on a destruction list. It names the breach by its UUID, not by a
    foreign key, so that it outlives the breach as the record of what was destroyed; the
    database lets a breach and its notifications be deleted only while an approved list names
    it (migration 0005)."""

    destruction_list = models.ForeignKey(
        BreachDestructionList,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("vernietigingslijst"),
    )
    breach_uuid = models.UUIDField(_("datalek"), unique=True)
    case = models.ForeignKey(
        "leaks.LeakCase", on_delete=models.PROTECT, related_name="+", verbose_name=_("leksituatie")
    )
    case_reference = models.CharField(_("kenmerk"), max_length=20)
    aware_on = models.DateField(_("bekend geworden op"))
    closed_on = models.DateField(_("afgehandeld op"))
    retain_until = models.DateField(_("bewaren tot"))
    destroyed_at = models.DateTimeField(_("vernietigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("te vernietigen datalek")
        verbose_name_plural = _("te vernietigen datalekken")
        ordering = ["retain_until", "case_reference"]

    def __str__(self):
        return self.case_reference
