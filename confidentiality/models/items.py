"""C1-C3, C7: the secret item and the closed session that makes items secret by law."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import CLOSED_SESSION_BODY_KINDS, IMPOSING_BODY_KINDS, SecrecyOrigin, SecrecyStatus
from .common import clean_grounds, grounds_display, same_municipality


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
        clean_grounds(self)
        if self.body_id:
            same_municipality(self.body, self.municipality_id, "body")
            if self.body.kind not in CLOSED_SESSION_BODY_KINDS:
                raise ValidationError(
                    {
                        "body": _(
                            "Alleen de raad (Gemeentewet art. 23 lid 4) en een commissie "
                            "(art. 82 lid 5) vergaderen besloten met geheimhouding van "
                            "rechtswege."  # C3
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
    # C9: the internal subject may name people or what is at stake ("Personeelsdossier
    # gemeentesecretaris"); the public register shows only this one.
    public_subject = models.CharField(
        _("openbaar onderwerp"),
        max_length=300,
        blank=True,
        help_text=_(
            "Wordt gepubliceerd in het openbare register. Noem geen namen of wat geheim is; "
            "leeg toont het register 'Onderwerp niet openbaar'."
        ),
    )
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
                _("Zoekt op aan wie een exemplaar met een traceercode is verstrekt"),  # C8
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
            clean_grounds(self)
        except ValidationError as exc:
            errors.update(exc.error_dict)
        for field in ("imposing_body", "lifting_body"):
            body = getattr(self, field) if getattr(self, f"{field}_id") else None
            try:
                same_municipality(body, self.municipality_id, field)
            except ValidationError as exc:
                errors.update(exc.error_dict)
            if body is not None and body.kind not in IMPOSING_BODY_KINDS and field not in errors:
                errors[field] = _(
                    "Geheimhouding wordt opgelegd en opgeheven door de raad, het college, de "
                    "burgemeester of een commissie (Gemeentewet art. 87 en 89)."  # C2
                )
        if self.origin == SecrecyOrigin.DECISION:
            if not self.imposing_body_id and "imposing_body" not in errors:
                errors["imposing_body"] = _("Vermeld het orgaan dat geheimhouding oplegde.")  # C2
            if not self.decision_date:
                errors["decision_date"] = _("Vermeld de datum van het besluit.")  # C2
            if not (self.motivation or "").strip():
                errors["motivation"] = _("Motiveer de geheimhouding.")  # C2
        if not self.review_date and not self.expires_on:
            errors["review_date"] = _(
                "Vermeld een datum van heroverweging of een einddatum van de geheimhouding."  # C7
            )
        imposed_on = self.decision_date
        if self.origin == SecrecyOrigin.CLOSED_SESSION and self.closed_session_id:
            imposed_on = self.closed_session.date
        if imposed_on:
            if self.review_date and self.review_date <= imposed_on and "review_date" not in errors:
                errors["review_date"] = _(
                    "De datum van heroverweging ligt na de dag waarop geheimhouding werd "
                    "opgelegd (%(day)s)."  # C7
                ) % {"day": date_format(imposed_on, "d-m-Y")}
            if self.expires_on and self.expires_on <= imposed_on:
                errors["expires_on"] = _(
                    # C7
                    "De einddatum ligt na de dag waarop geheimhouding werd opgelegd (%(day)s)."
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
