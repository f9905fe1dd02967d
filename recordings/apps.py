from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordingsConfig(AppConfig):
    name = "recordings"
    verbose_name = _("Opnames")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.registry import (
            Module,
            register_demo_seeder,
            register_module,
            register_scale_seeder,
        )

        from . import tasks  # noqa: F401  (registers the daily retention job, R5)
        from .demo import seed_recordings
        from .scale import seed_recordings as seed_scale_recordings

        # R8: the demo recording follows a meeting of the example RIS, synced first.
        register_demo_seeder("recordings", seed_recordings, after=("ris",))
        register_scale_seeder("recordings", seed_scale_recordings)

        register_module(
            Module(
                key="recordings",
                title=_("Opnames"),
                description=_(
                    "Opnames die u organiseert: delen en vooraf controleren wie kan kijken."
                ),
                url_name="recordings:list",
                permission="recordings.organise_recordings",
                menu_title=_("Opnames"),
            )
        )
        register_module(
            Module(
                key="recordings_available",
                title=_("Opnames bekijken"),
                description=_("Opnames die met u zijn gedeeld en die u nu kunt bekijken."),
                url_name="recordings:available",
                # Anyone can be granted a recording (R2: a person, a role, a body); the list
                # holds only what the person may watch now.
                permission=None,
            )
        )
        register_module(
            Module(
                key="recordings_council",
                title=_("Opnames bekijken"),
                description=_("Opnames die met u zijn gedeeld en die u nu kunt bekijken."),
                url_name="recordings:available",
                permission="portal.use_council_portal",
                council_portal=True,
                menu_title=_("Opnames"),
            )
        )
        register_module(
            Module(
                key="recordings_appearances",
                title=_("In beeld"),
                description=_("Opnames waarin u in beeld bent; hier maakt u bezwaar."),  # R6
                url_name="recordings:my_appearances",
                permission=None,
            )
        )
