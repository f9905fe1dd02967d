from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RisConfig(AppConfig):
    """The council information system (T5): bodies, people and memberships, meetings with
    their agendas, motions and commitments synchronised through the VNG Open Raads- en
    Stateninformatie API. Plugs into the core through ``portal.registry`` and
    ``portal.background``; reaches the motions and the secrecy register through
    ``ris.links`` only (the one place, like ``leaks.links``)."""

    name = "ris"
    verbose_name = _("Raadsinformatiesysteem")
    default_auto_field = "django.db.models.BigAutoField"
    portal_absent = {
        "scale_seeder": "the benchmark's data set (QUALITY.md B1-B9) has no council information "
        "system; its rows come from a sync, measured when a sync figure is added",
    }

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_meetings,
            register_module,
        )

        from . import tasks  # noqa: F401  (registers the nightly sync)
        from .demo import seed_demo
        from .meetings import RisMeetings

        register_meetings("ris", RisMeetings())
        register_demo_seeder("ris", seed_demo)
        register_module(
            Module(
                key="ris.manage",
                title=_("Raadsinformatiesysteem"),
                description=_(
                    "Organen, leden, vergaderingen en moties uit het raadsinformatiesysteem; "
                    "besloten agendapunten bevestigen."
                ),
                url_name="ris:overview",
                permission="ris.manage_ris",
            )
        )
