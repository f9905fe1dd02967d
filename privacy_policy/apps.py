from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyPolicyConfig(AppConfig):
    name = "privacy_policy"
    verbose_name = _("Moties, toezeggingen en privacybeleid")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        pass
