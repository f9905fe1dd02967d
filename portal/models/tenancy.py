"""Tenancy (T1–T4): municipalities, identity domains, bodies, memberships, domain trusts."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from portal.constants import BodyKind, DomainKind, MembershipRole
from portal.theme import logo_upload_to, validate_logo, validate_theme_colour

from .base import TimestampedModel

email_domain_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$",
    _("Voer een e-maildomein in zoals 'medemblik.nl' (kleine letters, zonder @)."),
)


class Municipality(TimestampedModel):
    """A gemeente. T1: one installation serves several municipalities; no user ever sees
    another municipality's data."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^GM\d{4}$", _("Gebruik de vorm GM0420."))],
    )
    theme_colour = models.CharField(
        _("huisstijlkleur"),
        max_length=7,
        default="#154273",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Gebruik een kleur als #154273.")),
            validate_theme_colour,
        ],
        help_text=_(
            "De kleur van navigatie, knoppen en voettekst, met witte tekst erop. Minstens "
            "4,5:1 contrast met wit (WCAG 2.1, 1.4.3)."
        ),
    )
    logo = models.FileField(
        _("logo"),
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo],
        help_text=_(
            "PNG of SVG (zonder script), hoogstens 200 kB. Wordt in de kop van elke pagina "
            "getoond; een logo is openbaar."
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def tooi_uri(self) -> str:
        """The municipality's identifier in TOOI (the government's organisation list), from its
        CBS code: ``GM0363`` → ``https://identifier.overheid.nl/tooi/id/gemeente/gm0363``.
        Woo publications name their publisher with it (C11). Empty without a code."""
        code = (self.cbs_code or "").strip().lower()
        if len(code) != 6 or not code.startswith("gm") or not code[2:].isdigit():
            return ""
        return f"https://identifier.overheid.nl/tooi/id/gemeente/{code}"


class IdentityDomain(TimestampedModel):
    """An identity domain (T2): the organisation or the council of one municipality, each with its
    own e-mail domains and its own sign-in provider (typically its own Entra ID tenant).

    T3: membership of a domain is proven by the provider that authenticated the user — its
    issuer and tenant id — never by an e-mail address someone typed.
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="domains", verbose_name=_("gemeente")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=DomainKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    email_domains = models.JSONField(
        _("e-maildomeinen"),
        default=list,
        blank=True,
        help_text=_(
            'Bijvoorbeeld ["raadmedemblik.nl"]. Alleen ter informatie en voor '
            "uitnodigingen: een adres bewijst geen lidmaatschap."  # T3
        ),
    )
    social_app = models.OneToOneField(
        "socialaccount.SocialApp",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="identity_domain",
        verbose_name=_("aanmeldvoorziening (OpenID Connect)"),
    )
    oidc_issuer = models.URLField(
        _("verwachte issuer"),
        blank=True,
        help_text=_(
            "De 'iss' van het ID-token, bijvoorbeeld "
            "https://login.microsoftonline.com/<tenant>/v2.0."
        ),
    )
    oidc_tenant_id = models.CharField(
        _("verwachte tenant-id"),
        max_length=100,
        blank=True,
        help_text=_("De 'tid' van het ID-token (Entra ID). Leeg: geen tenant-controle."),
    )
    allow_local_accounts = models.BooleanField(
        _("lokale accounts toegestaan"),
        default=True,
        help_text=_("Aanmelden met e-mail en wachtwoord naast de aanmeldvoorziening."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("identiteitsdomein")
        verbose_name_plural = _("identiteitsdomeinen")
        ordering = ["municipality__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "kind"], name="domain_one_per_kind"),
        ]

    def __str__(self):
        return f"{self.name} ({self.municipality})"

    def clean(self):
        cleaned = []
        for value in self.email_domains or []:
            value = str(value).strip().lower()
            try:
                email_domain_validator(value)
            except ValidationError as exc:
                raise ValidationError({"email_domains": exc.messages}) from exc
            cleaned.append(value)
        self.email_domains = cleaned
        if self.social_app_id and not self.oidc_issuer:
            raise ValidationError(
                {"oidc_issuer": _("Een aanmeldvoorziening vraagt een verwachte issuer.")}  # T3
            )


class DomainTrust(TimestampedModel):
    """A trust between two identity domains of the same municipality, set by an administrator.
    R2: crossing identity domains needs one; crossing municipalities is never possible."""

    source = models.ForeignKey(
        IdentityDomain,
        on_delete=models.CASCADE,
        related_name="trusts_given",
        verbose_name=_("domein dat deelt"),
    )
    target = models.ForeignKey(
        IdentityDomain,
        on_delete=models.CASCADE,
        related_name="trusts_received",
        verbose_name=_("domein dat toegang krijgt"),
    )
    purpose = models.CharField(_("doel"), max_length=300)
    is_active = models.BooleanField(_("actief"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vertrouwensrelatie tussen domeinen")
        verbose_name_plural = _("vertrouwensrelaties tussen domeinen")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="trust_unique_pair"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="trust_not_self"),
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"

    def clean(self):
        if (
            self.source_id
            and self.target_id
            and (self.source.municipality_id != self.target.municipality_id)
        ):
            raise ValidationError(
                # T1, R2
                _("Een vertrouwensrelatie kan alleen tussen domeinen van dezelfde gemeente.")
            )


# Whose people sit in which body (T2): the raad, its commissies and the presidium are the
# council's; the college, burgemeester and CMT the organisation's. A rekenkamer may be either
# (some are shared between municipalities or have external members).
DOMAIN_OF_BODY_KIND = {
    BodyKind.RAAD: DomainKind.COUNCIL,
    BodyKind.COMMISSIE: DomainKind.COUNCIL,
    BodyKind.PRESIDIUM: DomainKind.COUNCIL,
    BodyKind.COLLEGE: DomainKind.ORGANISATION,
    BodyKind.BURGEMEESTER: DomainKind.ORGANISATION,
    BodyKind.CMT: DomainKind.ORGANISATION,
}


class Body(TimestampedModel):
    """A bestuursorgaan or gremium (T4): raad, college, burgemeester, a commissie, rekenkamer,
    presidium, CMT. Access that follows from membership starts and ends with it."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("gemeente")
    )
    kind = models.CharField(_("soort"), max_length=20, choices=BodyKind.choices)
    name = models.CharField(_("naam"), max_length=200)
    domain = models.ForeignKey(
        IdentityDomain,
        on_delete=models.PROTECT,
        related_name="bodies",
        verbose_name=_("identiteitsdomein van de leden"),
    )
    # T5: set when the body comes from the council information system; the name is then the
    # RIS's, and the sync keeps it (an app of the RIS, never the core, writes it).
    ris_id = models.CharField(_("kenmerk in het raadsinformatiesysteem"), max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")
        ordering = ["municipality__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="body_unique_name"),
            models.UniqueConstraint(
                fields=["municipality", "ris_id"],
                condition=~Q(ris_id=""),
                name="body_unique_ris_id",
            ),
            # Raad, college, burgemeester, rekenkamer, presidium and CMT exist once per
            # municipality; only commissies come in numbers.
            models.UniqueConstraint(
                fields=["municipality", "kind"],
                condition=~Q(kind="commissie"),
                name="body_single_kind",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if (
            self.domain_id
            and self.municipality_id
            and (self.domain.municipality_id != self.municipality_id)
        ):
            raise ValidationError({"domain": _("Het domein hoort bij een andere gemeente.")})  # T1
        expected = DOMAIN_OF_BODY_KIND.get(self.kind)
        if self.domain_id and expected and self.domain.kind != expected:
            raise ValidationError(
                {
                    "domain": _(
                        "Een %(kind)s hoort bij het domein '%(expected)s': de leden melden "
                        "zich daar aan."
                    )
                    % {"kind": self.get_kind_display().lower(), "expected": expected.label}
                }
            )


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Membership(TimestampedModel):
    """A person's seat in a body with a role and a period (T4). Access that follows from it
    starts on ``start`` and ends after ``end``."""

    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("orgaan")
    )
    user = models.ForeignKey(
        "portal.User",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("persoon"),
    )
    role = models.CharField(
        _("rol"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    start = models.DateField(_("begin"), default=timezone.localdate)
    end = models.DateField(_("einde"), null=True, blank=True)
    # T5: a membership that comes from the council information system; it starts and ends
    # there, and the portal refuses to change it by hand.
    ris_id = models.CharField(_("kenmerk in het raadsinformatiesysteem"), max_length=40, blank=True)
    history = HistoricalRecords()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["body", "user__last_name", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["body", "ris_id"], condition=~Q(ris_id=""), name="membership_unique_ris_id"
            ),
        ]
        indexes = [models.Index(fields=["user", "start", "end"], name="membership_user_period")]

    def __str__(self):
        return f"{self.user} – {self.body} ({self.get_role_display()})"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("Het einde ligt vóór het begin.")})
        if self.user_id and self.body_id:
            if self.user.municipality_id != self.body.municipality_id:
                raise ValidationError(
                    _("Een lid moet bij dezelfde gemeente horen als het orgaan.")  # T1
                )
            if self.user.identity_domain_id != self.body.domain_id:
                raise ValidationError(
                    _(
                        "%(person)s hoort niet bij het domein van %(body)s (%(domain)s): alleen "
                        "wie zich daar aanmeldt kan lid worden."  # T2
                    )
                    % {"person": self.user, "body": self.body, "domain": self.body.domain.name}
                )
            overlapping = (
                Membership.objects.filter(body=self.body, user=self.user)
                .exclude(pk=self.pk)
                .filter(Q(end__isnull=True) | Q(end__gte=self.start))
            )
            if self.end:
                overlapping = overlapping.filter(start__lte=self.end)
            if overlapping.exists():
                raise ValidationError(
                    _("Deze persoon heeft in deze periode al een lidmaatschap van dit orgaan.")
                )

    @property
    def is_future(self):
        return self.start > timezone.localdate()

    @property
    def is_current(self):
        today = timezone.localdate()
        return self.start <= today and (self.end is None or self.end >= today)


class BodyUserObjectPermission(UserObjectPermissionBase):
    """Object grants on a body (django-guardian, direct foreign key: one indexed join instead of
    a generic one). For people who are not members but need a body's view — a substitute
    secretary, an external rekenkamer member."""

    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op orgaan (persoon)")
        verbose_name_plural = _("objectrechten op organen (personen)")


class BodyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op orgaan (rol)")
        verbose_name_plural = _("objectrechten op organen (rollen)")
