"""Settings of Woo publication and Woo requests, each with a default. Periods of the law are
settings (DOMAIN: facts marked *(check)* are configurable) so that a corrected reading needs no
code change."""

from django.conf import settings


def decision_weeks() -> int:
    """C12, Woo art. 4.4 lid 1: the decision on a Woo request within four weeks of receipt."""
    return getattr(settings, "WOO_DECISION_WEEKS", 4)


def extension_weeks() -> int:
    """C12, Woo art. 4.4 lid 2: the period can be extended once, by at most two weeks."""
    return getattr(settings, "WOO_EXTENSION_WEEKS", 2)


def reminder_days() -> list[int]:
    """C12: how many days before the deadline the griffie is reminded (each once)."""
    return sorted(set(getattr(settings, "WOO_REQUEST_REMINDER_DAYS", [7, 2])), reverse=True)


def sitemap_page_size() -> int:
    """C11: entries per sitemap file; sitemaps.org 0.9 allows at most 50,000."""
    return min(getattr(settings, "WOO_SITEMAP_PAGE_SIZE", 50_000), 50_000)


def public_page_size() -> int:
    return getattr(settings, "WOO_PUBLIC_PAGE_SIZE", 25)
