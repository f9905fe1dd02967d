"""C1 and T1 checks that several models of the register make: the grounds of Woo art. 5.1, and
bodies of the item's own municipality."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..constants import WooGround


def validate_grounds(value) -> None:
    """C1: at least one ground, each from Woo art. 5.1 lid 1 (a–e) or lid 2 (a–i)."""
    if not isinstance(value, list) or not value:
        raise ValidationError(
            _(
                "Geheimhouding rust op ten minste één grond uit artikel 5.1, eerste of tweede "
                "lid, van de Wet open overheid."  # C1
            ),
            code="no_ground",
        )
    unknown = [str(v) for v in value if v not in WooGround.values]
    if unknown:
        raise ValidationError(
            _(
                "Alleen de gronden van artikel 5.1, eerste lid (a–e) en tweede lid (a–i), van de "
                "Wet open overheid zijn toegestaan, niet: %(grounds)s."  # C1
            ),
            code="invalid_ground",
            params={"grounds": ", ".join(unknown)},
        )


def grounds_display(grounds) -> list[str]:
    """The law's wording of each stored ground (C1), for pages and reports."""
    labels = dict(WooGround.choices)
    return [str(labels.get(g, g)) for g in grounds or []]


def clean_grounds(obj) -> None:
    try:
        validate_grounds(obj.grounds)
    except ValidationError as exc:
        raise ValidationError({"grounds": exc}) from exc
    obj.grounds = sorted(set(obj.grounds))


def same_municipality(body, municipality_id, field):
    if body is not None and body.municipality_id != municipality_id:
        raise ValidationError({field: _("Dit orgaan hoort bij een andere gemeente.")})  # T1
