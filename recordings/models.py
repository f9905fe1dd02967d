"""Recordings of meetings and who may watch them (DOMAIN R1–R6, T1–T4).

Terms, defined once:

- **Recording** (opname): one recorded meeting, owned by a municipality and by the identity
  domain of its organiser (R1). The file itself (upload, playback) is not modelled here yet.
- **Organiser's domain**: the identity domain (T2) the recording was made in. People of that
  domain can watch when a grant reaches them; people of another domain of the same
  municipality only through an active :class:`portal.models.DomainTrust` from the organiser's
  domain to theirs (R2); people of another municipality never (T1).
- **Availability window** (beschikbaarheid, R5): viewing is possible from ``available_from``
  until ``available_until`` and lapses by itself afterwards; nobody has to switch it off.
- **File** (R4, R7): the viewing copy on private storage under a generated name, with its type
  (by content), size and SHA-256; an **archival master** (R5) is the same file moved to
  restricted storage when the viewing copy lapses. The audit trail keeps size and checksum
  after a file is deleted.
- **Appearing employee**: someone who can be seen or heard in the recording, with whether they
  were informed and whether they object (R1, R6).
- **Access grant** (R2): one intended audience: an identity domain, a body (its *current*
  members, T4), a role group, or one person.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from portal.models import Body, IdentityDomain, Municipality
from portal.models.base import TimestampedModel

from .conf import archive_storage, viewing_storage
from .constants import MeetingKind, ObjectionDecision, RecordingStatus, RetentionPolicy


class Recording(TimestampedModel):
    """A recorded meeting (R1): what was recorded, for which purpose, who organised it, when
    it may be watched (R5) and what happens to it afterwards (retention policy)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    organiser_domain = models.ForeignKey(
        IdentityDomain,
        on_delete=models.PROTECT,
        related_name="recordings",
        verbose_name=_("domein van de organisator"),
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_recordings",
        verbose_name=_("organisator"),
    )
    meeting_kind = models.CharField(
        _("soort bijeenkomst"), max_length=30, choices=MeetingKind.choices
    )
    meeting_date = models.DateField(_("datum van de bijeenkomst"))
    # R8: the meeting this recording follows, as the council information system knows it
    # (portal.registry's meeting provider); its agenda items are the player's chapters.
    meeting_uuid = models.UUIDField(_("vergadering"), null=True, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    purpose = models.CharField(
        _("doel"),
        max_length=300,
        # Stored data, not an interface string: it stays as the organiser wrote it.
        default="Alleen voor intern gebruik",
        help_text=_("Waarvoor de opname gebruikt mag worden, bijvoorbeeld 'intern gebruik'."),
    )
    retention_policy = models.CharField(
        _("bewaarbeleid"),
        max_length=20,
        choices=RetentionPolicy.choices,
        default=RetentionPolicy.DELETE,
    )
    retain_until = models.DateField(_("bewaren tot"), null=True, blank=True)
    available_from = models.DateTimeField(_("te bekijken vanaf"))
    available_until = models.DateTimeField(_("te bekijken tot"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=RecordingStatus.choices,
        default=RecordingStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    # The file (R4, R5, R7). Names are generated (recordings.services); no public URL. Code
    # reads and writes the bytes through recordings.conf.viewing_storage()/archive_storage(),
    # never through the field's storage (Django resolves that once, at start-up).
    file = models.FileField(_("bestand"), storage=viewing_storage, max_length=300, blank=True)
    file_type = models.CharField(_("soort bestand"), max_length=40, blank=True)
    file_size = models.BigIntegerField(_("grootte in bytes"), null=True, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file_uploaded_at = models.DateTimeField(_("geüpload op"), null=True, blank=True)
    file_deleted_at = models.DateTimeField(_("bestand verwijderd op"), null=True, blank=True)
    archive_file = models.FileField(
        _("archiefmaster"), storage=archive_storage, max_length=300, blank=True
    )
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)
    # R8: the captions (WebVTT, checked by recordings.captions), private like the file.
    captions = models.FileField(
        _("ondertiteling"), storage=viewing_storage, max_length=300, blank=True
    )
    captions_uploaded_at = models.DateTimeField(
        _("ondertiteling geüpload op"), null=True, blank=True
    )
    deletion_notified_at = models.DateTimeField(
        _("organisator gewaarschuwd op"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("opname")
        verbose_name_plural = _("opnames")
        ordering = ["-meeting_date", "title"]
        permissions = [
            ("organise_recordings", _("Organiseert opnames van bijeenkomsten en deelt ze")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(available_until__gt=F("available_from")),
                name="recording_window_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(status=RecordingStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="recording_published_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "status", "available_until"],
                name="recording_viewable",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.meeting_date:%Y-%m-%d})" if self.meeting_date else self.title

    @property
    def has_file(self) -> bool:
        return bool(self.file)

    @property
    def retention_date(self):
        """R5: the day the file goes (``delete``) or the viewing copy becomes the archival
        master (``archive_master``): the retention date, or else the end of the window."""
        if self.retention_policy == RetentionPolicy.DELETE and self.retain_until:
            return self.retain_until
        return self.available_until.date() if self.available_until else None

    def clean(self):
        if (
            self.organiser_domain_id
            and self.municipality_id
            and self.organiser_domain.municipality_id != self.municipality_id
        ):
            raise ValidationError(
                {"organiser_domain": _("Het domein hoort bij een andere gemeente.")}  # T1
            )
        if (
            self.available_from
            and self.available_until
            and self.available_until <= self.available_from
        ):
            raise ValidationError(
                {"available_until": _("Het einde van de beschikbaarheid ligt vóór het begin.")}
            )


class AppearingEmployee(TimestampedModel):
    """Someone who appears in a recording (R1): a portal user or, for people without an
    account, a name. R6: an objection is acted on; the organiser's decision is recorded here
    with its reasons."""

    recording = models.ForeignKey(
        Recording,
        on_delete=models.CASCADE,
        related_name="appearing_employees",
        verbose_name=_("opname"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    name = models.CharField(_("naam"), max_length=200, blank=True)
    informed = models.BooleanField(_("geïnformeerd"), default=False)
    objects_to_recording = models.BooleanField(_("maakt bezwaar"), default=False)
    objection_at = models.DateTimeField(_("bezwaar gemaakt op"), null=True, blank=True)
    decision = models.CharField(
        _("beslissing op het bezwaar"),
        max_length=12,
        choices=ObjectionDecision.choices,
        default=ObjectionDecision.PENDING,
    )
    decision_reasons = models.TextField(_("motivering van de beslissing"), blank=True)
    decided_at = models.DateTimeField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beslist door"),
    )

    class Meta:
        verbose_name = _("medewerker in beeld")
        verbose_name_plural = _("medewerkers in beeld")
        ordering = ["recording", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="appearing_employee_has_user_or_name",
            ),
            models.UniqueConstraint(
                fields=["recording", "user"],
                condition=Q(user__isnull=False),
                name="appearing_employee_once",
            ),
            models.CheckConstraint(
                condition=Q(decision=ObjectionDecision.PENDING) | Q(decided_at__isnull=False),
                name="appearing_employee_decision_dated",
            ),
        ]

    def __str__(self):
        return self.name or str(self.user)

    @property
    def objection_pending(self) -> bool:
        return self.objects_to_recording and self.decision == ObjectionDecision.PENDING


class AccessGrant(TimestampedModel):
    """R2: one audience of a recording — exactly one of an identity domain, a body (its
    current members, T4), a role group, or a person. A grant states an intention; whether it
    reaches anyone also depends on the domain trust and the viewer's municipality
    (:mod:`recordings.access`)."""

    recording = models.ForeignKey(
        Recording, on_delete=models.CASCADE, related_name="grants", verbose_name=_("opname")
    )
    domain = models.ForeignKey(
        IdentityDomain,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("identiteitsdomein"),
    )
    body = models.ForeignKey(
        Body,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("orgaan"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rol"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("persoon"),
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gedeeld door"),
    )
    may_download = models.BooleanField(
        _("mag downloaden"),
        default=False,
        help_text=_("Downloaden staat uit tenzij het hier wordt toegestaan."),  # R4
    )

    class Meta:
        verbose_name = _("kijkrecht")
        verbose_name_plural = _("kijkrechten")
        ordering = ["recording", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        domain__isnull=False,
                        body__isnull=True,
                        group__isnull=True,
                        user__isnull=True,
                    )
                    | Q(
                        domain__isnull=True,
                        body__isnull=False,
                        group__isnull=True,
                        user__isnull=True,
                    )
                    | Q(
                        domain__isnull=True,
                        body__isnull=True,
                        group__isnull=False,
                        user__isnull=True,
                    )
                    | Q(
                        domain__isnull=True,
                        body__isnull=True,
                        group__isnull=True,
                        user__isnull=False,
                    )
                ),
                name="access_grant_exactly_one_target",
            ),
            *(
                models.UniqueConstraint(
                    fields=["recording", target],
                    condition=Q(**{f"{target}__isnull": False}),
                    name=f"access_grant_unique_{target}",
                )
                for target in ("domain", "body", "group", "user")
            ),
        ]

    def __str__(self):
        return f"{self.recording_id} → {self.target}"

    @property
    def target(self):
        return self.domain or self.body or self.group or self.user

    @property
    def target_domain_id(self) -> int | None:
        """The identity domain the grant addresses, where there is one (a role group spans
        domains)."""
        if self.domain_id:
            return self.domain_id
        if self.body_id:
            return self.body.domain_id
        if self.user_id:
            return self.user.identity_domain_id
        return None

    def clean(self):
        targets = [self.domain_id, self.body_id, self.group_id, self.user_id]
        if sum(t is not None for t in targets) != 1:
            raise ValidationError(
                _("Een kijkrecht geldt voor precies één domein, orgaan, rol of persoon.")  # R2
            )
