"""Choices used by the shared core (tenancy, audit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DomainKind(models.TextChoices):
    ORGANISATION = "organisation", _("Ambtelijke organisatie")
    COUNCIL = "council", _("Raad en griffie")


class BodyKind(models.TextChoices):
    """T4: bestuursorganen en gremia."""

    RAAD = "raad", _("Gemeenteraad")
    COLLEGE = "college", _("College van B&W")
    BURGEMEESTER = "burgemeester", _("Burgemeester")
    COMMISSIE = "commissie", _("Raadscommissie")
    REKENKAMER = "rekenkamer", _("Rekenkamer")
    PRESIDIUM = "presidium", _("Presidium")
    CMT = "cmt", _("Concernmanagementteam (CMT)")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Lid")
    CHAIR = "chair", _("Voorzitter")
    CLERK = "clerk", _("Griffier")
    SECRETARY = "secretary", _("Secretaris")


class AuditResult(models.TextChoices):
    SUCCESS = "success", _("Geslaagd")
    DENIED = "denied", _("Geweigerd")
    FAILURE = "failure", _("Mislukt")


class AuditChannel(models.TextChoices):
    WEB = "web", _("Webportaal")
    ADMIN = "admin", _("Beheer (admin)")
    API = "api", _("API")
    TASK = "task", _("Achtergrondtaak")
    CLI = "cli", _("Commandoregel")
