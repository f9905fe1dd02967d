"""The secrecy register (geheimhoudingsregister) of a municipality: DOMAIN C1–C10.

Terms of art, defined once:

- *geheimhouding*: a duty of secrecy on information, imposed by a body (Gemeentewet art. 87) or
  following by law from a closed session (art. 23 lid 4, art. 82 lid 5);
- *opleggen* / *opheffen*: to impose / to lift secrecy; the raad no longer ratifies
  (*bekrachtigen*) it since 1 April 2023 (C5);
- *besloten vergadering*: a closed session of the raad or a commissie (C3);
- *griffie*: the raad's clerks, who keep the register.
"""

import uuid

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from .conf import exclusion_article, exclusion_max_months
from .constants import (
    CLOSED_SESSION_BODY_KINDS,
    IMPOSING_BODY_KINDS,
    SHARE_BODY_KINDS,
    SecrecyOrigin,
    SecrecyStatus,
    WooGround,
)


def validate_grounds(value) -> None:
    """C1: at least one ground, each from Woo art. 5.1 lid 1 (a–e) or lid 2 (a–i)."""
    if not isinstance(value, list) or not value:
        raise ValidationError(
            _(
                "Geheimhouding rust op ten minste één grond uit artikel 5.1, eerste of tweede "
                "lid, van de Wet open overheid (C1)."
            ),
            code="no_ground",
        )
    unknown = [str(v) for v in value if v not in WooGround.values]
    if unknown:
        raise ValidationError(
            _(
                "Alleen de gronden van artikel 5.1, eerste lid (a–e) en tweede lid (a–i), van de "
                "Wet open overheid zijn toegestaan, niet: %(grounds)s (C1)."
            ),
            code="invalid_ground",
            params={"grounds": ", ".join(unknown)},
        )


def grounds_display(grounds) -> list[str]:
    """The law's wording of each stored ground (C1), for pages and reports."""
    labels = dict(WooGround.choices)
    return [str(labels.get(g, g)) for g in grounds or []]


def _clean_grounds(obj) -> None:
    try:
        validate_grounds(obj.grounds)
    except ValidationError as exc:
        raise ValidationError({"grounds": exc}) from exc
    obj.grounds = sorted(set(obj.grounds))


def _same_municipality(body, municipality_id, field):
    if body is not None and body.municipality_id != municipality_id:
        raise ValidationError({field: _("Dit orgaan hoort bij een andere gemeente (T1).")})


class ClosedSession(TimestampedModel):
    """A besloten vergadering of the raad (Gemeentewet art. 23 lid 4) or a commissie (art. 82
    lid 5). C3: what was said there is secret by law; registering the session puts its minutes
    and documents under secrecy without a separate decision, until the raad or the commissie
    lifts it."""

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="closed_sessions",
        verbose_name=_("gemeente"),
    )
    body = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="closed_sessions",
        verbose_name=_("raad of commissie"),
    )
    date = models.DateField(_("datum van de vergadering"))
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    # C1 is checked in clean() (an empty list would skip field validators) and by a constraint.
    grounds = models.JSONField(_("gronden (Woo art. 5.1)"), default=list, blank=True)
    registered_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )

    class Meta:
        verbose_name = _("besloten vergadering")
        verbose_name_plural = _("besloten vergaderingen")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=~Q(grounds=[]), name="closedsession_has_ground"),
        ]

    def __str__(self):
        return f"{self.body} {self.date:%d-%m-%Y}" if self.body_id else str(self.date)

    def clean(self):
        _clean_grounds(self)
        if self.body_id:
            _same_municipality(self.body, self.municipality_id, "body")
            if self.body.kind not in CLOSED_SESSION_BODY_KINDS:
                raise ValidationError(
                    {
                        "body": _(
                            "Alleen de raad (Gemeentewet art. 23 lid 4) en een commissie "
                            "(art. 82 lid 5) vergaderen besloten met geheimhouding van "
                            "rechtswege (C3)."
                        )
                    }
                )


class SecrecyItemQuerySet(models.QuerySet):
    def secret(self, on=None):
        """Items still under secrecy on ``on``: active and not past their end date. An item
        stops being secret at its end date even before the daily task marks it expired."""
        on = on or timezone.localdate()
        return self.filter(
            Q(status=SecrecyStatus.ACTIVE), Q(expires_on__isnull=True) | Q(expires_on__gte=on)
        )

    def due_for_review(self, on=None):
        """C7: active items whose review date has come (the register marks them)."""
        on = on or timezone.localdate()
        return self.filter(status=SecrecyStatus.ACTIVE, review_date__lte=on)


class SecrecyItem(TimestampedModel):
    """One entry in the register: information under geheimhouding.

    C1 grounds from Woo art. 5.1 only; C2 imposed by the raad, the college, the burgemeester or
    a commissie with a motivation and a date, and the body competent to lift it (art. 89), or
    C3 secret by law from a closed session; C7 a review date or an end date.
    """

    municipality = models.ForeignKey(
        "portal.Municipality",
        on_delete=models.PROTECT,
        related_name="secrecy_items",
        verbose_name=_("gemeente"),
    )
    subject = models.CharField(_("onderwerp"), max_length=300)
    reference = models.CharField(_("kenmerk"), max_length=100, blank=True)
    origin = models.CharField(
        _("herkomst"),
        max_length=20,
        choices=SecrecyOrigin.choices,
        default=SecrecyOrigin.DECISION,
    )
    imposing_body = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="secrecy_imposed",
        null=True,
        blank=True,
        verbose_name=_("orgaan dat geheimhouding oplegde"),
    )
    lifting_body = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="secrecy_to_lift",
        verbose_name=_("orgaan bevoegd tot opheffen (art. 89)"),
    )
    closed_session = models.ForeignKey(
        ClosedSession,
        on_delete=models.PROTECT,
        related_name="items",
        null=True,
        blank=True,
        verbose_name=_("besloten vergadering"),
    )
    motivation = models.TextField(_("motivering"), blank=True)
    decision_date = models.DateField(_("datum van het besluit"), null=True, blank=True)
    # C1 is checked in clean() (an empty list would skip field validators) and by a constraint.
    grounds = models.JSONField(_("gronden (Woo art. 5.1)"), default=list, blank=True)
    review_date = models.DateField(_("heroverwegen op"), null=True, blank=True)
    expires_on = models.DateField(_("geheim tot en met"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SecrecyStatus.choices, default=SecrecyStatus.ACTIVE
    )
    registered_by = models.ForeignKey(
        "portal.User",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )

    objects = SecrecyItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("geheim stuk")
        verbose_name_plural = _("geheime stukken")
        ordering = ["-created_at"]
        permissions = [
            ("view_register", _("Ziet het geheimhoudingsregister van de eigen gemeente")),
            ("manage_register", _("Beheert het geheimhoudingsregister (griffie)")),
            (
                "view_shared_secrets",
                _("Ziet geheime stukken die met een eigen orgaan zijn gedeeld"),
            ),
            (
                "trace_copies",
                _("Zoekt op aan wie een exemplaar met een traceercode is verstrekt (C8)"),
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(grounds=[]), name="secrecyitem_has_ground"),
            # C7: a review date, an end date, or both.
            models.CheckConstraint(
                condition=Q(review_date__isnull=False) | Q(expires_on__isnull=False),
                name="secrecyitem_review_or_end",
            ),
            # C2: a decision has a body, a date and a motivation; C3: secrecy by law has none
            # and comes from a closed session.
            models.CheckConstraint(
                condition=(
                    Q(
                        origin=SecrecyOrigin.DECISION,
                        imposing_body__isnull=False,
                        decision_date__isnull=False,
                        closed_session__isnull=True,
                    )
                    & ~Q(motivation="")
                )
                | Q(
                    origin=SecrecyOrigin.CLOSED_SESSION,
                    imposing_body__isnull=True,
                    closed_session__isnull=False,
                ),
                name="secrecyitem_decision_or_closed_session",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SecrecyStatus.values), name="secrecyitem_status_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "status"], name="secrecyitem_scope"),
            # B1/B3: the register and the council members' list page through one municipality's
            # items newest first; without it every page sorts all 20,000 of them.
            models.Index(fields=["municipality", "-created_at"], name="secrecyitem_scope_newest"),
        ]

    def __str__(self):
        return self.subject

    def clean(self):
        errors = {}
        try:
            _clean_grounds(self)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        for field in ("imposing_body", "lifting_body"):
            body = getattr(self, field) if getattr(self, f"{field}_id") else None
            try:
                _same_municipality(body, self.municipality_id, field)
            except ValidationError as exc:
                errors.update(exc.error_dict)
            if body is not None and body.kind not in IMPOSING_BODY_KINDS and field not in errors:
                errors[field] = _(
                    "Geheimhouding wordt opgelegd en opgeheven door de raad, het college, de "
                    "burgemeester of een commissie (Gemeentewet art. 87 en 89, C2)."
                )
        if self.origin == SecrecyOrigin.DECISION:
            if not self.imposing_body_id and "imposing_body" not in errors:
                errors["imposing_body"] = _("Vermeld het orgaan dat geheimhouding oplegde (C2).")
            if not self.decision_date:
                errors["decision_date"] = _("Vermeld de datum van het besluit (C2).")
            if not (self.motivation or "").strip():
                errors["motivation"] = _("Motiveer de geheimhouding (C2).")
        if not self.review_date and not self.expires_on:
            errors["review_date"] = _(
                "Vermeld een datum van heroverweging of een einddatum van de geheimhouding (C7)."
            )
        imposed_on = self.decision_date
        if self.origin == SecrecyOrigin.CLOSED_SESSION and self.closed_session_id:
            imposed_on = self.closed_session.date
        if imposed_on:
            if self.review_date and self.review_date <= imposed_on and "review_date" not in errors:
                errors["review_date"] = _(
                    "De datum van heroverweging ligt na de dag waarop geheimhouding werd "
                    "opgelegd (%(day)s) (C7)."
                ) % {"day": date_format(imposed_on, "d-m-Y")}
            if self.expires_on and self.expires_on <= imposed_on:
                errors["expires_on"] = _(
                    "De einddatum ligt na de dag waarop geheimhouding werd opgelegd (%(day)s) (C7)."
                ) % {"day": date_format(imposed_on, "d-m-Y")}
        if errors:
            raise ValidationError(errors)

    @property
    def is_secret(self) -> bool:
        return self.status == SecrecyStatus.ACTIVE and (
            self.expires_on is None or self.expires_on >= timezone.localdate()
        )

    @property
    def is_due_for_review(self) -> bool:
        """C7: the same test as ``SecrecyItemQuerySet.due_for_review``."""
        return (
            self.status == SecrecyStatus.ACTIVE
            and self.review_date is not None
            and self.review_date <= timezone.localdate()
        )

    @property
    def ground_labels(self) -> list[str]:
        return grounds_display(self.grounds)


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
        help_text=_("De versie zonder de geheime passages (C10)."),
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
        _clean_grounds(self)


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
            _same_municipality(self.body, self.item.municipality_id, "body")
            if self.body.kind not in SHARE_BODY_KINDS:
                raise ValidationError(
                    {
                        "body": _(
                            "Geheime stukken gaan naar de raad, het college, een commissie of "
                            "de rekenkamer (C4)."
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
        _same_municipality(self.body, item.municipality_id, "body")
        given_to_raad = (
            self.body.kind == "raad" and item.shares.filter(body_id=self.body_id).exists()
        )
        if self.body_id != item.lifting_body_id and not given_to_raad:
            raise ValidationError(
                {
                    "body": ValidationError(
                        _(
                            "Alleen %(competent)s kan deze geheimhouding opheffen (Gemeentewet "
                            "art. 89), of de raad voor informatie die aan de raad is verstrekt "
                            "(C5)."
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
                    "De volgende heroverweging ligt na de datum van deze heroverweging (C7)."
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
            _same_municipality(self.raad, self.municipality_id, "raad")
            if self.raad.kind != "raad":
                raise ValidationError({"raad": _("Alleen de raad besluit tot uitsluiting (C6).")})
        if self.start and self.end:
            if self.end < self.start:
                raise ValidationError({"end": _("De laatste dag ligt vóór de eerste dag.")})
            latest = exclusion_latest_end(self.start)
            if self.end > latest:
                too_long = ValidationError(
                    _(
                        "Een uitsluiting duurt ten hoogste %(months)s maanden (%(article)s, "
                        "C6): de laatste dag is uiterlijk %(latest)s."
                    ),
                    code="too_long",
                    params={
                        "months": exclusion_max_months(),
                        "article": exclusion_article(),
                        "latest": latest.strftime("%d-%m-%Y"),
                    },
                )
                raise ValidationError({"end": too_long})
