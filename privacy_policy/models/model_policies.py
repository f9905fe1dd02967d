"""Model policies (voorbeeldbeleid) shared across municipalities, and each municipality's own
adoption with deviations per section (P7, seed 001: the Twente "kapstok").

A model policy and its versions are the only objects shared between municipalities (T1).
Who may edit one is an object grant on that model policy (``edit_model_policy``, django-guardian),
not a role of a municipality: the authors may work for several municipalities or for a shared
service centre. Adoptions and deviations belong to one municipality and are scoped like
everything else.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.models.base import TimestampedModel


class ModelPolicy(TimestampedModel):
    """P7: a voorbeeldbeleid, e.g. "Gegevensverwerking en privacy in het sociaal domein"."""

    title = models.CharField(_("titel"), max_length=300, unique=True)
    authors = models.CharField(
        _("opgesteld door"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld 'Enschede, Hengelo, Deventer en Zwolle met BZK'."),
    )

    class Meta:
        verbose_name = _("voorbeeldbeleid")
        verbose_name_plural = _("voorbeeldbeleid")
        ordering = ["title"]
        permissions = [
            ("edit_model_policy", _("Dit voorbeeldbeleid bewerken (nieuwe versies uitbrengen)")),
            ("manage_adoptions", _("Voorbeeldbeleid vaststellen met lokale afwijkingen")),
        ]

    def __str__(self):
        return self.title


class ModelPolicyUserObjectPermission(UserObjectPermissionBase):
    """The grant that makes someone an editor of one model policy (P7)."""

    content_object = models.ForeignKey(ModelPolicy, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op voorbeeldbeleid (persoon)")
        verbose_name_plural = _("objectrechten op voorbeeldbeleid (personen)")


class ModelPolicyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(ModelPolicy, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("objectrecht op voorbeeldbeleid (rol)")
        verbose_name_plural = _("objectrechten op voorbeeldbeleid (rollen)")


class ModelPolicyVersion(TimestampedModel):
    """P7: a published version; its content is in sections with a stable key ("3.2"), so that
    versions and adoptions can be compared section by section."""

    model_policy = models.ForeignKey(ModelPolicy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versie"))
    published_on = models.DateField(_("uitgebracht op"))
    notes = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("versie van voorbeeldbeleid")
        verbose_name_plural = _("versies van voorbeeldbeleid")
        ordering = ["model_policy", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["model_policy", "number"], name="pp_model_version_number"
            )
        ]

    def __str__(self):
        return f"{self.model_policy.title} v{self.number}"


class ModelPolicySection(models.Model):
    version = models.ForeignKey(
        ModelPolicyVersion, on_delete=models.CASCADE, related_name="sections"
    )
    key = models.CharField(_("paragraaf"), max_length=20)
    heading = models.CharField(_("kop"), max_length=300)
    text = models.TextField(_("tekst"))
    position = models.PositiveSmallIntegerField(_("volgorde"))

    class Meta:
        verbose_name = _("paragraaf van voorbeeldbeleid")
        verbose_name_plural = _("paragrafen van voorbeeldbeleid")
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="pp_model_section_key")
        ]

    def __str__(self):
        return f"{self.key} {self.heading}"


class Adoption(TimestampedModel):
    """P7: one municipality adopted one version of a model policy (body, date, decision). T1:
    invisible to every other municipality."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="model_adoptions"
    )
    model_policy = models.ForeignKey(
        ModelPolicy, on_delete=models.PROTECT, related_name="adoptions"
    )
    version = models.ForeignKey(ModelPolicyVersion, on_delete=models.PROTECT, related_name="+")
    adopted_by = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    adopted_on = models.DateField(_("vastgesteld op"))
    decision_reference = models.CharField(_("besluit"), max_length=200)

    class Meta:
        verbose_name = _("vaststelling van voorbeeldbeleid")
        verbose_name_plural = _("vaststellingen van voorbeeldbeleid")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "model_policy"], name="pp_one_adoption_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.model_policy.title} ({self.municipality.name})"


class Deviation(TimestampedModel):
    """P7: where a municipality's adoption departs from a section: its own text and why."""

    adoption = models.ForeignKey(Adoption, on_delete=models.CASCADE, related_name="deviations")
    section_key = models.CharField(_("paragraaf"), max_length=20)
    text = models.TextField(_("eigen tekst"))
    reason = models.TextField(_("reden"))

    class Meta:
        verbose_name = _("afwijking")
        verbose_name_plural = _("afwijkingen")
        ordering = ["adoption", "section_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["adoption", "section_key"], name="pp_one_deviation_per_section"
            )
        ]
