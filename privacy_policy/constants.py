"""Choices and fixed values of motions, commitments and privacy policy (DOMAIN P1–P8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MotionStatus(models.TextChoices):
    """P1: what the raad did with the motion."""

    SUBMITTED = "submitted", _("ingediend")
    ADOPTED = "adopted", _("aangenomen")
    REJECTED = "rejected", _("verworpen")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class ItemStatus(models.TextChoices):
    """P1–P3: the stored state of an assignment or a commitment. *Overdue* is not stored: it
    follows from the deadline and the day (P4), see :class:`DisplayStatus`."""

    NEW = "new", _("nieuw")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    DONE = "done", _("afgedaan")


class DisplayStatus(models.TextChoices):
    """P4: the status the council sees, with its colour."""

    NEW = "new", _("nieuw")
    IN_PROGRESS = "in_progress", _("in uitvoering")
    OVERDUE = "overdue", _("te laat")
    DONE = "done", _("afgedaan")


# Utrecht status badge per display status (static/portal/portal.css); the text says it too.
STATUS_BADGE = {
    DisplayStatus.NEW: "neutral",
    DisplayStatus.IN_PROGRESS: "warning",
    DisplayStatus.OVERDUE: "danger",
    DisplayStatus.DONE: "success",
}
# Chart colours (SVG fill attributes; contrast ≥ 3:1 against white, WCAG 1.4.11).
STATUS_FILL = {
    DisplayStatus.NEW: "#595959",
    DisplayStatus.IN_PROGRESS: "#8a5a00",
    DisplayStatus.OVERDUE: "#a4141c",
    DisplayStatus.DONE: "#1e6b2f",
}


class ItemKind(models.TextChoices):
    ASSIGNMENT = "assignment", _("opdracht uit een motie")
    COMMITMENT = "commitment", _("toezegging")


class LetterKind(models.TextChoices):
    """P2: how the college reports execution to the raad."""

    RAADSINFORMATIEBRIEF = "rib", _("raadsinformatiebrief")
    COLLEGEBRIEF = "collegebrief", _("collegebrief")
    RAADSVOORSTEL = "raadsvoorstel", _("raadsvoorstel")
    OTHER = "other", _("ander stuk")


class PolicyKind(models.TextChoices):
    """P5: kinds of policy documents."""

    PRIVACYNOTA = "privacynota", _("privacynota")
    NORMENKADER = "normenkader", _("normenkader")
    OPEN_DATA = "open_data", _("open data nota")
    OTHER = "other", _("ander beleidsstuk")


class FindingResult(models.TextChoices):
    """P6: what an audit found for one norm."""

    COMPLIANT = "compliant", _("voldoet")
    PARTIAL = "partial", _("voldoet deels")
    NON_COMPLIANT = "non_compliant", _("voldoet niet")
    NOT_ASSESSED = "not_assessed", _("niet beoordeeld")


RESULT_BADGE = {
    FindingResult.COMPLIANT: "success",
    FindingResult.PARTIAL: "warning",
    FindingResult.NON_COMPLIANT: "danger",
    FindingResult.NOT_ASSESSED: "neutral",
}
RESULT_FILL = {
    FindingResult.COMPLIANT: "#1e6b2f",
    FindingResult.PARTIAL: "#8a5a00",
    FindingResult.NON_COMPLIANT: "#a4141c",
    FindingResult.NOT_ASSESSED: "#595959",
}


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    DONE = "done", _("uitgevoerd")


class ActionTarget(models.TextChoices):
    """P8: an action aims at a target group or at a product (seed 004, Digivangnet)."""

    TARGET_GROUP = "target_group", _("doelgroep")
    PRODUCT = "product", _("product")


# Reminders to owners (P4): once before the deadline, and once when it has passed.
DUE_SOON_DAYS = 14


# T5: what comes from the council information system is read-only in the portal; the
# follow-up (assignments, owners, deadlines, letters, acceptance) stays the portal's own.
FROM_RIS = _("uit het raadsinformatiesysteem")
MOTION_RIS_FIELDS = ("number", "title", "meeting", "meeting_date", "submitters", "status", "text")
COMMITMENT_RIS_FIELDS = ("number", "title", "meeting", "made_on", "description")
