"""Motions, commitments and privacy policy: the audit actions with their labels (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class MotionActions(AuditActions):
    MOTIONS_LIST = "motions.list", _("Lijst van moties geopend")
    MOTIONS_OVERVIEW = "motions.overview", _("Overzicht van moties en toezeggingen geopend")
    MOTION_REGISTER = "motion.register", _("Motie vastgelegd")
    MOTION_UPDATE = "motion.update", _("Motie bijgewerkt")
    MOTION_CLOSE = "motion.close", _("Motie afgedaan")
    ASSIGNMENT_ADD = "assignment.add", _("Opdracht toegevoegd")
    ASSIGNMENT_UPDATE = "assignment.update", _("Opdracht bijgewerkt")
    ASSIGNMENT_PROGRESS = "assignment.progress", _("Voortgang van een opdracht gemeld")
    ASSIGNMENT_LETTER = "assignment.letter", _("Brief aan een opdracht gekoppeld")
    ASSIGNMENT_ACCEPT = "assignment.accept", _("Afdoening van een opdracht vastgelegd")
    COMMITMENT_REGISTER = "commitment.register", _("Toezegging vastgelegd")
    COMMITMENT_UPDATE = "commitment.update", _("Toezegging bijgewerkt")
    COMMITMENT_PROGRESS = "commitment.progress", _("Voortgang van een toezegging gemeld")
    COMMITMENT_LETTER = "commitment.letter", _("Brief aan een toezegging gekoppeld")
    COMMITMENT_ACCEPT = "commitment.accept", _("Afdoening van een toezegging vastgelegd")
    REMINDER_DUE_SOON = "privacy_policy.reminder_due_soon", _("Herinnering: termijn nadert")
    REMINDER_OVERDUE = "privacy_policy.reminder_overdue", _("Herinnering: termijn verstreken")
    API_MOTIONS = "api.motions", _("Moties opgevraagd via de API")
    API_COMMITMENTS = "api.commitments", _("Toezeggingen opgevraagd via de API")
    API_SCHEMA = "api.schema", _("Beschrijving van de API opgevraagd")


class PolicyActions(AuditActions):
    POLICY_LIST = "policy.list", _("Privacybeleid geopend")
    VERSION_ADD = "policy.version_add", _("Versie van een beleidsstuk toegevoegd")
    FRAMEWORK_CREATE = "norms.framework_create", _("Normenkader gemaakt")
    AUDIT_PLAN = "norms.audit_plan", _("Audit gepland")
    FINDING = "norms.finding", _("Bevinding vastgelegd")
    MEASURE = "norms.measure", _("Maatregel toegevoegd")
    PLAN_CREATE = "plan.create", _("Actieplan gemaakt")
    PLAN_ACTION_ADD = "plan.action_add", _("Actie aan een actieplan toegevoegd")
    PLAN_EVALUATION_ADD = "plan.evaluation_add", _("Evaluatie van een actieplan toegevoegd")
    MODEL_POLICY_LIST = "model_policy.list", _("Voorbeeldbeleid geopend")
    MODEL_POLICY_CREATE = "model_policy.create", _("Voorbeeldbeleid aangemaakt")
    MODEL_POLICY_PUBLISH = (
        "model_policy.publish",
        _("Nieuwe versie van voorbeeldbeleid gepubliceerd"),
    )
    MODEL_POLICY_ADOPT = "model_policy.adopt", _("Voorbeeldbeleid vastgesteld")
    MODEL_POLICY_DEVIATE = "model_policy.deviate", _("Afwijking van voorbeeldbeleid vastgelegd")
    EDITOR_GRANTED = "model_policy.editor_granted", _("Redacteur van voorbeeldbeleid aangewezen")
    EDITOR_REVOKED = "model_policy.editor_revoked", _("Redacteur van voorbeeldbeleid ingetrokken")


register_audit_actions("privacy_policy.motions", _("Moties en toezeggingen"), MotionActions)
register_audit_actions("privacy_policy.policy", _("Privacybeleid"), PolicyActions)
