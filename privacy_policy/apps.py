from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyPolicyConfig(AppConfig):
    name = "privacy_policy"
    verbose_name = _("Moties, toezeggingen en privacybeleid")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_module,
            register_scale_seeder,
        )

        from . import reports, tasks  # noqa: F401  (tasks registers the daily reminders)
        from .demo import seed_demo
        from .scale import seed_motions

        reports.register()
        register_scale_seeder("motions", seed_motions)
        register_module(
            Module(
                key="privacy_policy.motions",
                title=_("Moties en toezeggingen"),
                description=_("Opdrachten uit moties en toezeggingen: eigenaar, termijn, status."),
                url_name="privacy_policy:overview",
                permission="privacy_policy.view_motions",
                menu_title=_("Moties"),
            )
        )
        register_module(
            Module(
                key="privacy_policy.motions_council",
                title=_("Moties en toezeggingen"),
                description=_("Hoe het college moties en toezeggingen uitvoert (alleen lezen)."),
                url_name="privacy_policy:overview",
                permission="privacy_policy.view_motions",
                council_portal=True,
                menu_title=_("Moties"),
            )
        )
        register_module(
            Module(
                key="privacy_policy.policy",
                title=_("Privacybeleid"),
                description=_("Privacynota, normenkaders en audits, plannen en voorbeeldbeleid."),
                url_name="privacy_policy:policy_overview",
                permission="privacy_policy.view_policy",
                menu_title=_("Beleid"),
            )
        )
        register_demo_seeder("privacy_policy", seed_demo)
