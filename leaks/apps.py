from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeaksConfig(AppConfig):
    name = "leaks"
    verbose_name = _("Informatielekken")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_module,
            register_report_kind,
            register_scale_seeder,
        )

        from . import tasks  # noqa: F401  (registers the breach reminder job)
        from .breach_reports import LETTER, NOTIFICATION
        from .demo import seed_demo
        from .reports import WEIGHING_RECORD
        from .scale import seed_cases

        register_report_kind(WEIGHING_RECORD)
        register_report_kind(NOTIFICATION)
        register_report_kind(LETTER)
        register_module(
            Module(
                key="leaks.cases",
                title=_("Informatielekken"),
                description=_(
                    "Meld een (vermoedelijk) lek van vertrouwelijke informatie; zie de "
                    "leksituaties van uw zaakteams."
                ),
                url_name="leaks:case_list",
                permission="leaks.report_leak",
                menu_title=_("Lekken"),
            )
        )
        register_module(
            Module(
                key="leaks.dashboard",
                title=_("Leksituaties"),
                description=_("Open leksituaties, de 72-uursklok van datalekken en het register."),
                url_name="leaks:dashboard",
                permission="leaks.view_all_cases",
            )
        )
        register_module(
            Module(
                key="leaks.destruction",
                title=_("Vernietigingslijsten datalekken"),
                description=_(
                    "Datalekdossiers waarvan de bewaartermijn is verstreken: keur de lijst goed "
                    "voordat ze worden vernietigd."
                ),
                url_name="leaks:destruction_lists",
                permission="leaks.approve_breach_destruction",
            )
        )
        register_demo_seeder("leaks", seed_demo)
        register_scale_seeder("leak_cases", seed_cases)
