"""The leak cases' audit actions with their labels (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class LeakActions(AuditActions):
    REPORT = "leaks.report", _("Lek gemeld")
    VIEWED = "leaks.viewed", _("Lekzaak bekeken")
    TRANSITION = "leaks.transition", _("Status van een lekzaak gewijzigd")
    FACTS_UPDATE = "leaks.facts_update", _("Feiten van een lekzaak bijgewerkt")
    TEAM_ADD = "leaks.team_add", _("Lid aan het zaakteam toegevoegd")
    TEAM_REMOVE = "leaks.team_remove", _("Lid uit het zaakteam gehaald")
    LINK_ADD = "leaks.link_add", _("Gelekt stuk aan een lekzaak gekoppeld")
    WEIGH = "leaks.weigh", _("Afweging vastgelegd")
    DECIDE = "leaks.decide", _("Besluit over een spoor vastgelegd")
    WEIGHING_RECORD = "leaks.weighing_record", _("Afwegingsverslag aangevraagd")
    ACCESS_TRACE = "leaks.access_trace", _("Toegangsspoor van een gelekt stuk bekeken")
    TRACE_CODE = "leaks.trace_code", _("Traceercode opzoeken")
    TRACE_RESOLVED = "leaks.trace_resolved", _("Traceercode opgezocht voor een lekzaak")
    BREACH_OPEN = "leaks.breach_open", _("Datalek vastgelegd")
    BREACH_UPDATE = "leaks.breach_update", _("Datalek bijgewerkt")
    BREACH_AWARENESS = (
        "leaks.breach_awareness",
        _("Moment van bekend worden met een datalek vastgesteld"),
    )
    BREACH_NOTIFY = (
        "leaks.breach_notify",
        _("Melding aan de Autoriteit Persoonsgegevens vastgelegd"),
    )
    BREACH_NOTIFICATION = (
        "leaks.breach_notification",
        _("Melding van een datalek als PDF aangevraagd"),
    )
    BREACH_JSON = "leaks.breach_json", _("Melding van een datalek als JSON gedownload")
    BREACH_LETTER = "leaks.breach_letter", _("Brief aan betrokkenen over een datalek aangevraagd")
    BREACH_REMINDER = "leaks.breach_reminder", _("Herinnering aan de meldtermijn van een datalek")
    DECISION_OVERDUE = "leaks.decision_overdue", _("Herinnering: besluit over een lekzaak te laat")
    BREACH_REGISTER_EXPORT = "leaks.breach_register_export", _("Datalekregister geëxporteerd")
    BREACH_DESTRUCTION_FLAGGED = (
        "leaks.breach_destruction_flagged",
        _("Datalekken voorgedragen voor vernietiging"),
    )
    BREACH_DESTRUCTION_APPROVED = (
        "leaks.breach_destruction_approved",
        _("Vernietigingslijst van datalekken goedgekeurd"),
    )
    BREACH_DESTROYED = "leaks.breach_destroyed", _("Datalekdossier vernietigd")
    FRAMEWORK_PUBLISH = "leaks.framework_publish", _("Afwegingskader gepubliceerd")
    FRAMEWORK_NEW_VERSION = (
        "leaks.framework_new_version",
        _("Nieuwe versie van het afwegingskader gemaakt"),
    )


register_audit_actions("leaks", _("Lekken"), LeakActions)
