"""A municipality's look: its colour (checked for contrast) and its logo (checked by content).

Both are public branding, not municipality data: the stylesheet and the logo are served without
sign-in (portal.theme_views), like the static files they stand in for.
"""

import io
import re
import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.svg import NotSvg, UnsafeSvg, check_svg
from portal.uploads import hidden_content

DEFAULT_THEME_COLOUR = "#154273"
MIN_CONTRAST_WITH_WHITE = 4.5  # WCAG 2.1 SC 1.4.3, normal text, level AA
LOGO_MAX_BYTES = 200 * 1024
LOGO_MAX_PIXELS = 4000  # per side, for PNG
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"  # the IEND chunk: empty, with its CRC

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


# --- colour ---------------------------------------------------------------------------------
def _channels(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour such as ``#154273``."""

    def linear(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_theme_colour(value: str) -> None:
    """WCAG 2.1 SC 1.4.3: the colour carries white text (navigation, buttons, footer) and is the
    colour of links on white, so it needs a contrast of at least 4.5:1 with white."""
    if not _HEX.match(value or ""):
        return  # the format validator reports this one
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < MIN_CONTRAST_WITH_WHITE:
        raise ValidationError(
            _(
                "Deze kleur heeft met witte tekst een contrast van %(ratio)s:1; WCAG 2.1 "
                "succescriterium 1.4.3 (contrast, niveau AA) vraagt minstens 4,5:1. Kies een "
                "donkerdere tint, bijvoorbeeld %(suggestion)s."
            ),
            code="contrast",
            params={
                "ratio": f"{ratio:.2f}".replace(".", ","),
                "suggestion": darken_until_contrast(value),
            },
        )


def darken(colour: str, factor: float) -> str:
    """The colour mixed with black: ``factor`` 0 leaves it, 1 gives black."""
    return "#" + "".join(f"{round(c * (1 - factor)):02x}" for c in _channels(colour))


def darken_until_contrast(colour: str, minimum: float = MIN_CONTRAST_WITH_WHITE) -> str:
    for step in range(1, 21):
        candidate = darken(colour, step / 20)
        if contrast_ratio(candidate, "#ffffff") >= minimum + 0.05:
            return candidate
    return "#000000"


def theme_css(colour: str, name: str = "") -> str:
    """The municipality's stylesheet: the brand colour and its hover and active shades. The
    mapping onto the NL Design System tokens lives in static/portal/portal.css."""
    if not _HEX.match(colour or "") or contrast_ratio(colour, "#ffffff") < MIN_CONTRAST_WITH_WHITE:
        colour = DEFAULT_THEME_COLOUR  # an old row from before the check: stay readable
    colour = colour.lower()
    comment = re.sub(r"[^\w .-]", "", name)[:100]
    return (
        f"/* {comment} */\n"
        ":root.utrecht-theme {\n"
        f"  --portal-brand: {colour};\n"
        f"  --portal-brand-hover: {darken(colour, 0.2)};\n"
        f"  --portal-brand-active: {darken(colour, 0.35)};\n"
        "}\n"
    )


# --- logo -----------------------------------------------------------------------------------
LOGO_TYPES = {".png": "image/png", ".svg": "image/svg+xml"}


def sniff_logo(head: bytes) -> str | None:
    """The logo's kind by its content, never its name: '.png', '.svg' or None."""
    if head.startswith(PNG_SIGNATURE):
        return ".png"
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:9].lower().startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype")) and b"<svg" in head:
        return ".svg"
    return None


def _check_png(data: bytes) -> None:
    # IHDR is the first chunk: length (4), type (4), width (4), height (4).
    if len(data) < 24 or data[12:16] != b"IHDR":
        raise ValidationError(_("Dit PNG-bestand is beschadigd. Sla het opnieuw op als PNG."))
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    if not (0 < width <= LOGO_MAX_PIXELS and 0 < height <= LOGO_MAX_PIXELS):
        raise ValidationError(
            _(
                "Het logo is %(w)s × %(h)s pixels; het mag hoogstens %(max)s pixels breed "
                "en hoog zijn."
            ),
            params={"w": width, "h": height, "max": LOGO_MAX_PIXELS},
        )
    if hidden_content(io.BytesIO(data)) or not data.endswith(PNG_END):
        # D1: a PNG that is also a web page or an archive (GIFAR-style), or has bytes after
        # its end. The logo is public: nobody may use it to serve something else.
        raise ValidationError(
            _(
                "Dit PNG-bestand is niet alleen een afbeelding: het bevat ook een webpagina of "
                "een ZIP-archief, of er staat iets achter het einde van de afbeelding. Sla het "
                "logo opnieuw op als PNG."
            ),
            code="logo_polyglot",
        )


def _check_svg(data: bytes) -> None:
    """Issue 14: an SVG logo holds only what the allow-list of :mod:`portal.svg` names; script,
    event handlers, links, animation, references outside the file, DTDs and CSS beyond a few
    drawing properties are refused, naming the first part found."""
    try:
        check_svg(data)
    except UnsafeSvg as exc:
        raise ValidationError(
            _(
                "Dit SVG-bestand bevat script, gebeurtenissen (on…), externe verwijzingen of een "
                "DTD, of iets anders wat een logo niet nodig heeft (hier: %(what)s). Exporteer "
                "het logo als 'gewone' SVG zonder script, of gebruik PNG."
            ),
            code="svg_unsafe",
            params={"what": exc.what},
        ) from exc
    except NotSvg as exc:
        raise ValidationError(
            _("Dit bestand is geen geldige SVG-afbeelding. Sla het opnieuw op als SVG."),
            code="svg_invalid",
        ) from exc


def validate_logo(file) -> None:
    """R7-style checks for the logo: by content, limited in size, PNG or SVG without script."""
    size = getattr(file, "size", None)
    if size is not None and size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Het logo is %(kb)s kB; het mag hoogstens 200 kB zijn. Verklein het bestand."),
            params={"kb": round(size / 1024)},
        )
    file.seek(0)
    data = file.read(LOGO_MAX_BYTES + 1)
    file.seek(0)
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Het logo is groter dan 200 kB. Verklein het bestand."),
        )
    if not data:
        raise ValidationError(_("Het bestand is leeg. Kies een PNG- of SVG-bestand."))
    kind = sniff_logo(data[:512])
    if kind == ".png":
        _check_png(data)
    elif kind == ".svg":
        _check_svg(data)
    else:
        raise ValidationError(
            _(
                "Het logo moet een PNG- of SVG-afbeelding zijn (gecontroleerd op de inhoud, "
                "niet op de naam)."
            ),
            code="logo_type",
        )


def logo_upload_to(instance, filename) -> str:
    """A generated name with the extension of what the content is, never the uploaded name.
    (``FieldFile.save()`` from code names the file before it is attached: there the given
    extension is kept if it is one we serve; uploads through a form always have content.)"""
    try:
        file = instance.logo.file
    except ValueError:
        suffix = "." + filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
        kind = suffix if suffix in LOGO_TYPES else ".bin"
    else:
        file.seek(0)
        kind = sniff_logo(file.read(512)) or ".bin"
        file.seek(0)
    return f"logos/{uuid.uuid4().hex}{kind}"


# --- reads ----------------------------------------------------------------------------------
def municipality_for_theme(slug: str):
    """The active municipality with this slug, or a 404 (only public branding is read)."""
    from django.http import Http404

    from portal.models import Municipality

    municipality = (
        Municipality.objects.filter(slug=slug, is_active=True)
        .only("name", "slug", "theme_colour", "logo", "updated_at")
        .first()
    )
    if municipality is None:
        raise Http404
    return municipality


def theme_version(municipality) -> str:
    """Changes whenever the municipality is saved: the cache-busting ``?v=`` of its theme URLs."""
    return str(int(municipality.updated_at.timestamp()))
