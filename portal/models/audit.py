"""The audit trail (X1, BIO 8.15.01): append-only, hash-chained events, one chain per
municipality and one for installation-wide events (issue 20: no single hot row)."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.constants import AuditChannel, AuditResult


class AuditEvent(models.Model):
    """One thing that happened: who (actor), did what (action) to what (object), with which
    result, from where (origin: channel, address, user agent, request id), when (UTC).

    Rows are never changed or deleted: a trigger refuses UPDATE and DELETE. Each event belongs
    to one chain (``chain``: the municipality's id, 0 for installation-wide events) at position
    ``chain_seq`` (1, 2, … without gaps) and carries ``hash`` = HMAC(key, canonical content +
    ``prev_hash``, the hash of the event before it in its chain), so ``manage.py verify_audit``
    finds a modified, deleted or swapped row and a cut tail (against the chain's signed
    :class:`AuditHead`). The key is not in the database.

    ``seq`` is the installation-wide number (a PostgreSQL sequence, taken with the chain's head):
    the order of events across chains, shown on the pages. It has gaps where a transaction rolled
    back; the positions in a chain have none.

    Actor and municipality are kept as ids without foreign-key constraints: the trail must
    outlive what it describes.

    The table is partitioned by month of ``created_at`` (issue 20; migration 0015, ADR 0004):
    a page or the verifier reads the indexes of the months it needs, and a year's events are a
    dozen tables of their own. PostgreSQL requires every unique index of a partitioned table to
    hold the partition key, so the database's primary key is (id, created_at) and a chain's
    positions are unique with their time; ``seq``, ``uuid`` and ``id`` come from a sequence or
    uuid4 and are not constrained. ``seq`` has no index of its own (migration 0016): the pages
    read a municipality's events through (municipality, seq), and an index on ``seq`` alone
    lured the planner into walking every month's newest events of all municipalities.
    ``portal.audit_partitions`` makes months ahead.
    """

    seq = models.BigIntegerField(_("volgnummer"), editable=False)
    chain = models.BigIntegerField(_("keten"), default=0, editable=False)
    chain_seq = models.BigIntegerField(_("plaats in de keten"), editable=False)
    uuid = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("tijdstip (UTC)"), editable=False)
    actor = models.ForeignKey(
        "portal.User",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the composite indexes below start with it
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(_("actor (zoals toen)"), max_length=254, blank=True)
    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,  # the composite indexes below start with it
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    action = models.CharField(_("actie"), max_length=80)
    object_type = models.CharField(_("soort object"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    result = models.CharField(_("resultaat"), max_length=10, choices=AuditResult.choices)
    channel = models.CharField(_("kanaal"), max_length=10, choices=AuditChannel.choices)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    request_id = models.CharField(_("request-id"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("audittrail")
        ordering = ["-seq"]
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["chain", "chain_seq", "created_at"], name="audit_chain_position"
            ),
        ]
        indexes = [
            models.Index(fields=["uuid"], name="audit_uuid"),
            models.Index(fields=["created_at"], name="audit_created_at"),
            models.Index(fields=["action"], name="audit_action"),
            models.Index(fields=["municipality", "-seq"], name="audit_municipality_seq"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["actor", "-seq"], name="audit_actor_seq"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.action} {self.result}"


class AuditHead(models.Model):
    """The end of one chain, signed with the audit key: a cut tail leaves the head pointing
    past the last row. One row per chain (``chain`` 0: installation-wide events), made when the
    chain's first event is written; writers of different chains never take the same row."""

    chain = models.BigIntegerField(unique=True)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    signature = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("einde van de auditketen")
        verbose_name_plural = _("einde van de auditketen")
        default_permissions = ()

    def __str__(self):
        return f"head {self.chain} #{self.last_seq}"
