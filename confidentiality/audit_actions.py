"""The secrecy register's audit actions with their labels (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class SecrecyActions(AuditActions):
    REGISTER = "secrecy.register", _("Geheimhouding vastgelegd")
    CLOSED_SESSION = "secrecy.closed_session_register", _("Besloten vergadering vastgelegd")
    SHARE = "secrecy.share", _("Geheim stuk gedeeld met een orgaan")
    LIFT = "secrecy.lift", _("Geheimhouding opgeheven")
    REVIEW = "secrecy.review", _("Heroverweging vastgelegd")
    EXPIRE = "secrecy.expire", _("Geheimhouding afgelopen op de einddatum")
    EXCLUDE = "secrecy.exclude", _("Raadslid uitgesloten van geheime stukken")
    EXCLUSION_STARTED = "secrecy.exclusion_started", _("Uitsluiting begonnen")
    EXCLUSION_ENDED = "secrecy.exclusion_ended", _("Uitsluiting afgelopen")
    DOCUMENT_UPLOAD = "secrecy.document_upload", _("Documentversie toegevoegd")
    PASSAGE_ADD = "secrecy.passage_add", _("Geheime passage toegevoegd")
    VIEWED = "secrecy.viewed", _("Geheim stuk bekeken")
    DOCUMENT_OPENED = "secrecy.document_opened", _("Geheim document geopend")
    DOWNLOADED = "secrecy.downloaded", _("Geheim document gedownload (met watermerk)")
    REGISTER_EXPORTED = "secrecy.register_exported", _("Geheimhoudingsregister geëxporteerd")
    TRACE_RESOLVED = "secrecy.trace_resolved", _("Traceercode van een kopie opgezocht")


register_audit_actions("confidentiality", _("Geheimhouding"), SecrecyActions)
