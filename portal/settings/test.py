"""Test settings: the suite runs on PostgreSQL, the machine's own when it answers on
127.0.0.1:5432 (CI), the embedded one otherwise (``bin/test`` sets ``DATABASE_URL``)."""

from .base import *  # noqa: F403
from .base import database_from_env

SECRET_KEY = "test-secret-key-not-for-production-0123456789abcdefghijklmnopqrstuvwxyz"  # nosec B105
AUDIT_HMAC_KEY = "test-audit-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PORTAL_REQUIRE_MFA = True
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES = {"default": database_from_env(default="postgres://postgres@127.0.0.1:5432/portal")}
# Tests open and close connections per test; a kept connection would outlive its test database.
DATABASES["default"]["CONN_MAX_AGE"] = 0
