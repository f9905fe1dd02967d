"""Settings for the benchmark's gunicorn (B2): the test settings plus the floor view's URL."""

from portal.settings.test import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
