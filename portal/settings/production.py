"""Production: a PostgreSQL server, Redis, TLS in front (nginx). ``check --deploy`` is clean."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CSRF_TRUSTED_ORIGINS, SITE_URL, database_from_env, env, site_origin

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")  # required: no default in production
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# X1: the audit chain's key is required here and kept apart from SECRET_KEY (portal.W002); an
# empty key would chain the events with a hash anyone can recompute.
AUDIT_HMAC_KEY = env("PORTAL_AUDIT_HMAC_KEY")
if not AUDIT_HMAC_KEY:
    raise ImproperlyConfigured("PORTAL_AUDIT_HMAC_KEY must not be empty in production.")
DATABASES = {"default": database_from_env()}  # required: no default in production
# Never the demo, whatever the environment says: seed_demo refuses (issue 14).
PORTAL_DEMO = False

# Behind nginx (deploy/nginx.conf), which sets X-Forwarded-Proto and appends the client address
# to X-Forwarded-For; gunicorn is reachable only through it.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# nginx passes the Host with its port ($http_host), so the origin check of CSRF holds on any
# port; the public origin is trusted as well, for a proxy that drops the port (issue 14).
CSRF_TRUSTED_ORIGINS = [*CSRF_TRUSTED_ORIGINS, site_origin(SITE_URL)]
PORTAL_TRUST_X_FORWARDED_FOR = env.bool("PORTAL_TRUST_X_FORWARDED_FOR", default=True)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
# __Host- cookies: Secure, Path=/, no Domain: a sibling subdomain cannot set or read them.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_NAME = "__Host-csrftoken"
LANGUAGE_COOKIE_NAME = "__Host-language"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
