"""Settings for extracting msgids into a scratch folder (tests/portal/test_i18n.py)."""

import os

from portal.settings.test import *  # noqa: F403

LOCALE_PATHS = [os.environ["PORTAL_I18N_LOCALE_PATH"]]
