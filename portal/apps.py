from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portaal (kern)")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate
        from django.utils.module_loading import autodiscover_modules

        from . import checks, signals, tasks  # noqa: F401
        from .reports import audit_extract  # noqa: F401  (registers the core's report kind)
        from .reports import tasks as report_tasks  # noqa: F401

        post_migrate.connect(_sync_schedule, sender=self)
        # Every app's audit actions with their labels (X7), the core's own included.
        autodiscover_modules("audit_actions")


def _sync_schedule(sender, **kwargs):
    """Periodic jobs are registered in code and written to django-celery-beat's tables, where
    beat reads them and administrators see them."""
    from portal.background import sync_schedule

    sync_schedule()
