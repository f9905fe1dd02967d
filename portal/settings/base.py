"""Settings shared by every environment, read from the environment (see ``.env.example``).

The defaults give a development run on the machine's PostgreSQL (``bin/demo`` and ``bin/test``
set ``DATABASE_URL`` to the embedded PostgreSQL instead), no Redis, debug off unless asked for.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="embedded-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# The public address, https://<host>[:<port>]: links in e-mails, a trusted origin for CSRF in
# production, and the base of the OpenID Connect redirect URIs registered at the providers
# (docs/operations.md; check portal.W004).
SITE_URL = env("PORTAL_SITE_URL", default="http://127.0.0.1:8000")


def site_origin(url: str) -> str:
    """``scheme://host[:port]`` of an address such as PORTAL_SITE_URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "guardian",
    "simple_history",
    "django_celery_beat",
    "csp",
    "portal",
    "confidentiality",
    "recordings",
    "leaks",
    "privacy_policy",
    "publications",
    "ris",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.RequestOriginMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.SessionTimeoutMiddleware",
    # Deny by default: every view needs a signed-in user unless marked @login_not_required.
    # (Django's, with a 401 problem+json for the JSON APIs: portal/api.py.)
    "portal.middleware.LoginRequiredMiddleware",
    "portal.middleware.MfaRequiredMiddleware",
    "portal.middleware.ReadOnlyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSP: its form-action addition for a provider's sign-in page is read by django-csp.
    "portal.security_headers.SecurityHeadersMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    }
]


def database_from_env(default: str | None = None) -> dict:
    """``DATABASE_URL`` as Django's database settings. PostgreSQL is the only engine (X8): the
    demo, the tests and production run the same one. A Unix socket folder may stand for the
    host, percent-encoded (``postgres://postgres@%2Fpath%2Fto%2F.pgdata:5432/portal``, as the
    embedded server of ``bin/demo`` is reached)."""
    database = (
        env.db("DATABASE_URL") if default is None else env.db("DATABASE_URL", default=default)
    )
    if database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(
            "DATABASE_URL must point at PostgreSQL (postgres://…): it is the only database "
            "engine of the portal. bin/demo and bin/test start an embedded one."
        )
    database["HOST"] = unquote(database.get("HOST") or "")
    database["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    database["CONN_HEALTH_CHECKS"] = True
    return database


DATABASES = {"default": database_from_env(default="postgres://postgres@127.0.0.1:5432/portal")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "portal.backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: e-mail login for local accounts; OIDC providers are SocialApps tied to an
# identity domain (portal.IdentityDomain.social_app). Accounts are never linked by e-mail (T3).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# T3: one address per account, set by the administrator or the identity provider; allauth's
# e-mail page is replaced by a read-only one (portal.views.account_email).
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("PORTAL_LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
}
SOCIALACCOUNT_ADAPTER = "portal.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_ONLY = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env("PORTAL_MFA_ISSUER", default="Informatieportaal")
# MFA is required for users holding portal.require_mfa (administrators and privileged roles).
# Only the embedded demo turns this off, with a banner on every page.
PORTAL_REQUIRE_MFA = env.bool("PORTAL_REQUIRE_MFA", default=True)
# The embedded demo (bin/demo sets PORTAL_DEMO=true): only then does `manage.py seed_demo` run,
# whose accounts have the password the README prints. Production switches it off for good.
PORTAL_DEMO = env.bool("PORTAL_DEMO", default=False)

# Model change history (django-simple-history): viewing only. A revert would bypass the
# services that validate and audit writes.
SIMPLE_HISTORY_REVERT_DISABLED = True

# django-guardian: no anonymous object permissions (deny by default).
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# Sessions: idle timeout (cookie age, refreshed on each request) and an absolute limit.
# Sessions live in the database and are read through the cache (Redis in production).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = env.int("PORTAL_SESSION_IDLE_SECONDS", default=30 * 60)
# Renewed by SessionTimeoutMiddleware at most once a minute, not saved on every request.
SESSION_SAVE_EVERY_REQUEST = False
PORTAL_SESSION_RENEW_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PORTAL_SESSION_ABSOLUTE_SECONDS = env.int("PORTAL_SESSION_ABSOLUTE_SECONDS", default=10 * 3600)
SESSION_COOKIE_HTTPONLY = True
# Issue 14 finding 12: messages live in the session, not in a cookie of their own (which was no
# __Host- cookie and carried the person's full name: "Aangemeld als …").
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"  # in the layout, in words, in Dutch

# Audit trail (X1): events are chained with an HMAC whose key is not in the database.
AUDIT_HMAC_KEY = env("PORTAL_AUDIT_HMAC_KEY", default=SECRET_KEY)
# Each chain's signed head, exported once a day to a file that is never overwritten
# (portal/audit_checkpoints.py): on storage the database's owner cannot change.
PORTAL_AUDIT_CHECKPOINT_DIR = env(
    "PORTAL_AUDIT_CHECKPOINT_DIR", default=str(BASE_DIR / "audit-checkpoints")
)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
# Each domain app keeps its own catalogue (<app>/locale) so that its strings travel with it;
# makemessages files a source file under the first path whose folder contains it, so the apps
# come before the project's catalogue (portal/, templates/ and the rest).
DOMAIN_APPS = ["confidentiality", "recordings", "leaks", "privacy_policy", "publications", "ris"]
# The portal's wording for the third-party apps' strings comes first: it wins over their own
# catalogues (Dutch where they have none, "u" where allauth says "je"); see its header.
LOCALE_PATHS = [
    BASE_DIR / "locale" / "thirdparty",
    *(BASE_DIR / app / "locale" for app in DOMAIN_APPS),
    BASE_DIR / "locale",
]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
# NL Design System CSS and fonts come from the npm registry (package.json; `npm ci` in bin/demo
# and bin/test), never vendored. Only folders that exist are listed, so without npm the pages
# still work on static/portal/portal.css alone.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    *(
        (prefix, path)
        for prefix, path in [
            ("nlds/components", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
            ("nlds/tokens", NODE_MODULES / "@utrecht" / "design-tokens" / "dist"),
            ("nlds/fonts", NODE_MODULES / "@fontsource-variable" / "noto-sans" / "files"),
        ]
        if path.is_dir()
    ),
]
# Files WhiteNoise serves at the site root: /favicon.ico, which every browser asks for on its
# first page (a 404 there is an error in the browser's console on every visit, admin included).
WHITENOISE_ROOT = BASE_DIR / "portal" / "webroot"
STATICFILES_FINDERS = [
    "portal.staticfiles.StaticFilesDirsFinder",  # skips the npm packages' non-CSS exports
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    # Confidential files never live under a public URL: private storage has no base_url.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env("PORTAL_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")),
            "base_url": None,
        },
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="portaal@example.nl")
# bin/demo: portal.demo_mail.DemoMailBackend writes each message here (one line in the terminal).
PORTAL_DEMO_MAIL_DIR = env("PORTAL_DEMO_MAIL_DIR", default=str(BASE_DIR / ".demo-mail"))
if env("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

# Background work (portal/background.py): a transactional outbox in the database, sent to
# Celery with Redis as broker ("celery"), or run by `manage.py run_background` in the embedded
# default without Redis ("embedded").
PORTAL_BACKGROUND = env(
    "PORTAL_BACKGROUND",
    default="celery" if (REDIS_URL or env("CELERY_BROKER_URL", default="")) else "embedded",
)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = ("portal.background.route_task",)
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 3, "socket_timeout": 10}
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_SEND_TASK_EVENTS = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE

# Content-Security-Policy (django-csp 4): no inline script or style, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
        # Issue 14 finding 12: no other origin, except on the sign-in page of an OpenID
        # Connect provider, which adds that provider's origin (portal/security_headers.py).
        # PORTAL_CSP_FORM_ACTION: origins to add everywhere (a provider whose authorization
        # endpoint is on another host than its server_url).
        "form-action": ["'self'", *env.list("PORTAL_CSP_FORM_ACTION", default=[])],
    }
}
# Issue 14 finding 12: the browser's powerful features are off; fullscreen stays for the
# recordings player. nginx sends the same value on the answers Django does not make.
PORTAL_PERMISSIONS_POLICY = env(
    "PORTAL_PERMISSIONS_POLICY",
    default=(
        # Only names Chromium knows: an unknown one is an error in the browser's console.
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), "
        "fullscreen=(self), geolocation=(), gyroscope=(), hid=(), idle-detection=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
        "publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), "
        "xr-spatial-tracking=()"
    ),
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "portal.logging.RedactPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],  # E3: no BSN in the log (portal/logging.py)
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every laid-out page at INFO; refused URLs still come through (ERROR).
        "weasyprint.progress": {"level": "WARNING"},
        # fontTools lists at INFO the glyphs of every watermark it subsets: the characters of
        # the recipient's name (confidentiality/watermark.py).
        "fontTools": {"level": "WARNING"},
    },
}

PORTAL_HEALTHZ_TIMEOUT = timedelta(seconds=2)

# Private files (PDF reports, …) are handed to nginx after the permission check with
# X-Accel-Redirect to its internal location /protected/ (deploy/nginx.conf); without nginx in
# front, Django streams them itself.
PORTAL_X_ACCEL_REDIRECT = env.bool("PORTAL_X_ACCEL_REDIRECT", default=False)
