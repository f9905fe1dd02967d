from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConfidentialityConfig(AppConfig):
    name = "confidentiality"
    verbose_name = _("Geheimhouding")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_module,
            register_scale_seeder,
        )

        from . import reports, tasks  # noqa: F401  (tasks registers the daily job)
        from .demo import seed_demo
        from .scale import seed_items

        reports.register()
        register_demo_seeder("confidentiality", seed_demo)
        register_scale_seeder("secrecy_items", seed_items)

        register_module(
            Module(
                key="confidentiality.register",
                title=_("Geheimhoudingsregister"),
                description=_("Geheime stukken, hun gronden en wat te heroverwegen is."),
                url_name="confidentiality:register_list",
                permission="confidentiality.view_register",
                menu_title=_("Geheimhouding"),
            )
        )
        register_module(
            Module(
                key="confidentiality.shared",
                title=_("Geheime stukken"),
                description=_("Wat onder geheimhouding met uw organen is gedeeld."),
                url_name="confidentiality:shared_list",
                permission="confidentiality.view_shared_secrets",
                council_portal=True,
                menu_title=_("Geheimhouding"),
            )
        )
