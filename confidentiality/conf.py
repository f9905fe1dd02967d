"""Settings of the secrecy register, each with a default. Facts marked *(check)* in DOMAIN.md
are settings so that a corrected reading of the law needs no code change."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _


def exclusion_max_months() -> int:
    """C6: the longest exclusion the raad can decide, in months (three under the law)."""
    return getattr(settings, "CONFIDENTIALITY_EXCLUSION_MAX_MONTHS", 3)


def exclusion_article() -> str:
    """C6 *(check)*: the article that allows the raad to exclude a member who breached secrecy.
    The Wet bevorderen integriteit en functioneren decentraal bestuur put it in Gemeentewet
    hoofdstuk Va; the exact article number is not verified, so it is a setting
    (``CONFIDENTIALITY_EXCLUSION_ARTICLE``) and the default names only the chapter."""
    return str(
        getattr(settings, "CONFIDENTIALITY_EXCLUSION_ARTICLE", _("Gemeentewet hoofdstuk Va"))
    )


def max_upload_bytes() -> int:
    """The largest document version accepted (``CONFIDENTIALITY_MAX_UPLOAD_BYTES``)."""
    return getattr(settings, "CONFIDENTIALITY_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)


def public_register_enabled(slug: str) -> bool:
    """C9: whether the municipality publishes its register's metadata. The setting
    ``CONFIDENTIALITY_PUBLIC_REGISTER`` lists the slugs that publish, or ``["*"]`` for every
    municipality (the default: the register holds metadata only, never content)."""
    published = getattr(settings, "CONFIDENTIALITY_PUBLIC_REGISTER", ["*"])
    return "*" in published or slug in published


def review_reminder_days() -> int:
    """C7: how many days before the review date the griffie is reminded."""
    return getattr(settings, "CONFIDENTIALITY_REVIEW_REMINDER_DAYS", 14)
