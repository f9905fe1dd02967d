"""The audit actions of Woo publication and Woo requests, with their labels (X7)."""

from django.utils.translation import gettext_lazy as _

from portal.registry import AuditActions, register_audit_actions


class WooActions(AuditActions):
    RELEASE_PREPARED = (
        "woo.release_prepared",
        _("Conceptpublicatie klaargezet na einde geheimhouding"),
    )
    RELEASE_DECLINED = "woo.release_declined", _("Besloten een stuk niet te publiceren")
    PUBLICATION_UPDATED = "woo.publication_updated", _("Conceptpublicatie bewerkt")
    PUBLISHED = "woo.published", _("Woo-publicatie gepubliceerd")
    WITHDRAWN = "woo.withdrawn", _("Woo-publicatie ingetrokken")
    REQUEST_REGISTERED = "woo.request_registered", _("Woo-verzoek om een geheim stuk vastgelegd")
    REQUEST_EXTENDED = "woo.request_extended", _("Beslistermijn van een Woo-verzoek verdaagd")
    REQUEST_DECIDED = "woo.request_decided", _("Beslissing op een Woo-verzoek vastgelegd")


register_audit_actions("publications", _("Woo-publicaties en Woo-verzoeken"), WooActions)
