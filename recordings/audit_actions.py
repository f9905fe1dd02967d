"""The recordings' audit actions with their labels (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class RecordingActions(AuditActions):
    CREATE = "recording.create", _("Opname aangemaakt")
    UPLOAD = "recording.upload", _("Bestand van een opname geüpload")
    CAPTIONS = "recording.captions", _("Ondertiteling van een opname geüpload")
    EMPLOYEE_ADD = "recording.employee_add", _("Medewerker in beeld vastgelegd")
    GRANT_ADD = "recording.grant_add", _("Kijkrecht gegeven")
    GRANT_REMOVE = "recording.grant_remove", _("Kijkrecht ingetrokken")
    TEST_INVITATION = "recording.test_invitation", _("Testuitnodiging verstuurd")
    PUBLISH = "recording.publish", _("Opname gepubliceerd")
    WITHDRAW = "recording.withdraw", _("Opname ingetrokken")
    OBJECTION = "recording.objection", _("Bezwaar van een medewerker in beeld")
    OBJECTION_DECIDE = "recording.objection_decide", _("Besluit over een bezwaar")
    PLAY = "recording.play", _("Opname afgespeeld")
    DOWNLOAD = "recording.download", _("Opname gedownload")
    STREAM = "recording.stream", _("Link om af te spelen gebruikt")
    DELETION_NOTICE = "recording.deletion_notice", _("Verwijdering aangekondigd")
    FILE_DELETED = "recording.file_deleted", _("Bestand verwijderd na de bewaartermijn")
    ARCHIVED = "recording.archived", _("Opname gearchiveerd")


register_audit_actions("recordings", _("Opnames"), RecordingActions)
