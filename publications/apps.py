from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    """Woo publication after secrecy (C11) and Woo requests for secret items (C12). Plugs into
    the core through ``portal.registry`` only, and into the secrecy register through
    ``publications.sources`` only."""

    name = "publications"
    verbose_name = _("Woo-publicaties")
    default_auto_field = "django.db.models.BigAutoField"
    # Pieces of portal.registry this app has none of, on purpose (checked: portal.E103).
    portal_absent = {
        "scale_seeder": "the benchmark's data set (QUALITY.md B1-B9) has no Woo publications "
        "yet; a seeder comes with a publication figure",
    }

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_module,
            register_sitemaps,
        )

        from . import sources, tasks  # noqa: F401  (tasks registers the background work)
        from .demo import seed_demo
        from .selectors import sitemap_index_paths

        sources.connect()
        register_demo_seeder("publications", seed_demo)
        register_sitemaps("publications", sitemap_index_paths)
        register_module(
            Module(
                key="publications.manage",
                title=_("Woo-publicaties"),
                description=_(
                    "Wat niet meer geheim is openbaar maken, en Woo-verzoeken om geheime stukken."
                ),
                url_name="publications:manage_list",
                permission="publications.manage_publications",
            )
        )
