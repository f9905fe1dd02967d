"""Users: e-mail login, exactly one identity domain (T2)."""

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Belongs to exactly one identity domain (T2), which fixes the
    municipality whose data the person can ever see (T1).

    Roles are groups (data); code checks permissions, never group names.
    """

    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    identity_domain = models.ForeignKey(
        "portal.IdentityDomain",
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("identiteitsdomein"),
        help_text=_("Leeg alleen voor beheerders van het gedeelde servicecentrum."),
    )
    language = models.CharField(
        _("taal"), max_length=5, choices=[("nl", "Nederlands"), ("en", "English")], default="nl"
    )
    is_staff = models.BooleanField(_("toegang tot beheer"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "email"]
        permissions = [
            ("require_mfa", _("Moet aanmelden met tweestapsverificatie")),
            ("read_only_access", _("Alleen lezen: elke wijziging wordt geweigerd")),  # X4
            ("use_council_portal", _("Gebruikt het raadsledenportaal")),
            ("view_bodies", _("Ziet de organen en leden van de eigen gemeente")),
            ("manage_memberships", _("Beheert lidmaatschappen van organen")),
            ("view_audit_trail", _("Ziet de audittrail van de eigen gemeente")),
            (
                "download_audit_checkpoints",
                _("Downloadt de controlepunten van de audittrail van de eigen gemeente"),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email

    def clean(self):
        """T2: every account belongs to an identity domain; only the service centre's
        superusers have none (a domain-less account sees nothing and, before issue 14, signed
        in as "servicecentrum (geen gemeente)")."""
        super().clean()
        if self.identity_domain_id is None and not self.is_superuser:
            raise ValidationError(
                {
                    "identity_domain": ValidationError(
                        _(
                            "Kies het identiteitsdomein waar deze persoon bij hoort: de "
                            "organisatie of de raad van de gemeente. Alleen beheerders van het "
                            "servicecentrum hebben er geen."
                        ),
                        code="t2_domain_required",
                    )
                }
            )

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def municipality_id(self):
        return self.identity_domain.municipality_id if self.identity_domain_id else None

    @property
    def municipality(self):
        return self.identity_domain.municipality if self.identity_domain_id else None
