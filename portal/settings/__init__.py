"""Settings: ``base`` reads everything from the environment; ``production`` and ``test`` override
only what differs. DJANGO_SETTINGS_MODULE picks one (default: ``portal.settings.base``)."""
