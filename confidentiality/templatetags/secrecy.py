from django import template

from confidentiality.models import grounds_display

register = template.Library()


@register.filter
def woo_grounds(grounds) -> list[str]:
    """C1: stored ground codes in the law's wording."""
    return grounds_display(grounds)
