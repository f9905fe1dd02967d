"""The audit actions of the council information system's sync (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class RisActions(AuditActions):
    SYNCED = "ris.synced", _("Gesynchroniseerd met het raadsinformatiesysteem")
    SYNC_FAILED = "ris.sync_failed", _("Synchronisatie met het raadsinformatiesysteem mislukt")
    SYNC_REQUESTED = "ris.sync_requested", _("Synchronisatie aangevraagd")
    BODY_SYNCED = "ris.body_synced", _("Orgaan overgenomen uit het raadsinformatiesysteem")
    PERSON_SYNCED = "ris.person_synced", _("Persoon overgenomen uit het raadsinformatiesysteem")
    MEETING_SYNCED = (
        "ris.meeting_synced",
        _("Vergadering overgenomen uit het raadsinformatiesysteem"),
    )
    AGENDA_ITEM_SYNCED = (
        "ris.agenda_item_synced",
        _("Agendapunt overgenomen uit het raadsinformatiesysteem"),
    )
    PERSON_LINKED = "ris.person_linked", _("Persoon uit het RIS gekoppeld aan een gebruiker")
    CLOSED_SESSION_CONFIRMED = (
        "ris.closed_session_confirmed",
        _("Besloten agendapunt bevestigd als besloten vergadering"),
    )


register_audit_actions("ris", _("Raadsinformatiesysteem"), RisActions)
