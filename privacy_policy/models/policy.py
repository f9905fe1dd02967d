"""Policy documents with their versions and adoption (P5), norm frameworks, audits, findings
and measures (P6), and action plans (P8).

- *privacynota*: the municipality's privacy policy note (seed 004: Haarlem, 2017);
- *normenkader*: a norm framework to audit against; each *norm* is one testable requirement;
- *plan van aanpak*: an action plan, like the Digivangnet plan of seed 004.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from portal.models.base import TimestampedModel

from ..constants import ActionTarget, AuditStatus, FindingResult, ItemStatus, PolicyKind


class PolicyDocument(TimestampedModel):
    """P5: a policy document of one municipality; its content lives in its versions."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="policy_documents"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=PolicyKind.choices)
    title = models.CharField(_("titel"), max_length=300)

    class Meta:
        verbose_name = _("beleidsstuk")
        verbose_name_plural = _("beleidsstukken")
        ordering = ["title"]
        permissions = [
            ("view_policy", _("Privacybeleid, normenkaders, audits en plannen bekijken")),
            ("manage_policy", _("Privacybeleid, normenkaders, audits en plannen bijhouden")),
        ]

    def __str__(self):
        return self.title


class PolicyVersion(TimestampedModel):
    """P5: one version, with its adoption: which body adopted it, when, by which decision."""

    document = models.ForeignKey(PolicyDocument, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("versie"))
    text = models.TextField(_("tekst"))
    adopted_by = models.ForeignKey(
        "portal.Body",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    adopted_on = models.DateField(_("vastgesteld op"))
    decision_reference = models.CharField(_("besluit"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = _("versie van een beleidsstuk")
        verbose_name_plural = _("versies van beleidsstukken")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="pp_policy_version_number")
        ]

    def __str__(self):
        return f"{self.document.title} v{self.number}"


class NormFramework(TimestampedModel):
    """P6: a normenkader, usually attached to a privacy note."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="norm_frameworks"
    )
    title = models.CharField(_("titel"), max_length=300)
    document = models.ForeignKey(
        PolicyDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("hoort bij beleidsstuk"),
    )

    class Meta:
        verbose_name = _("normenkader")
        verbose_name_plural = _("normenkaders")
        ordering = ["title"]

    def __str__(self):
        return self.title


class Norm(TimestampedModel):
    """P6: one requirement of a framework, e.g. "Koppelingen van bestanden zijn vooraf
    getoetst op privacyrisico's"."""

    framework = models.ForeignKey(NormFramework, on_delete=models.PROTECT, related_name="norms")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("norm"), max_length=300)

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("normen")
        ordering = ["framework", "code"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="pp_norm_code_unique")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Audit(TimestampedModel):
    """P6: an audit planned in a year against some norms of a framework."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="privacy_audits"
    )
    framework = models.ForeignKey(NormFramework, on_delete=models.PROTECT, related_name="audits")
    year = models.PositiveSmallIntegerField(_("jaar"))
    title = models.CharField(_("titel"), max_length=300)
    norms = models.ManyToManyField(Norm, related_name="audits", verbose_name=_("normen"))
    status = models.CharField(
        _("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-year", "title"]

    def __str__(self):
        return f"{self.title} ({self.year})"


class Finding(TimestampedModel):
    """P6: what an audit found for one of its norms."""

    audit = models.ForeignKey(Audit, on_delete=models.PROTECT, related_name="findings")
    norm = models.ForeignKey(Norm, on_delete=models.PROTECT, related_name="findings")
    result = models.CharField(_("resultaat"), max_length=20, choices=FindingResult.choices)
    text = models.TextField(_("bevinding"), blank=True)

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        constraints = [
            models.UniqueConstraint(fields=["audit", "norm"], name="pp_finding_one_per_norm")
        ]


class Measure(TimestampedModel):
    """P6: a measure taken on a finding, with an owner and a deadline."""

    finding = models.ForeignKey(Finding, on_delete=models.PROTECT, related_name="measures")
    description = models.TextField(_("maatregel"))
    owner_department = models.CharField(_("afdeling"), max_length=200)
    deadline = models.DateField(_("uiterste datum"))
    done_on = models.DateField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")
        ordering = ["deadline"]


class ActionPlan(TimestampedModel):
    """P8: a plan of approach with actions per target group or product and its evaluations."""

    municipality = models.ForeignKey(
        "portal.Municipality", on_delete=models.PROTECT, related_name="action_plans"
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        verbose_name = _("plan van aanpak")
        verbose_name_plural = _("plannen van aanpak")
        ordering = ["title"]

    def __str__(self):
        return self.title


class PlanAction(TimestampedModel):
    """P8: one action, aimed at a target group (e.g. "ouderen: testpanel") or a product."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(_("actie"), max_length=300)
    target_kind = models.CharField(_("gericht op"), max_length=20, choices=ActionTarget.choices)
    target = models.CharField(_("doelgroep of product"), max_length=200)
    owner_department = models.CharField(_("verantwoordelijke afdeling"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NEW
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["plan", "target_kind", "title"]


class Evaluation(TimestampedModel):
    """P8: a dated evaluation of a plan (seed 004: "een eerste evaluatie")."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("datum"))
    text = models.TextField(_("evaluatie"))

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["evaluated_on"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="pp_evaluation_has_text")]
