"""An uploaded SVG logo, checked against an allow-list (issue 14, finding 9).

A logo is public and may be opened on its own, where an SVG is a document that runs script,
follows links and loads what it names. A deny-list of what is dangerous misses what it does not
list (``<set attributeName="href" to="java&#9;script:…">``, ``@\\69mport`` in a stylesheet), so
this module lists what a logo may hold and refuses the rest:

- **elements**: the static drawing elements of SVG 1.1/2 (shapes, text, gradients, patterns,
  clips, masks, markers, filters without ``feImage``) and ``style``; no script, no
  ``foreignObject``, no links (``a``), no animation (``set``, ``animate`` …: they can write any
  attribute), no ``feImage``. Elements of the editors' own namespaces (Inkscape, Sodipodi, and
  RDF/Creative Commons/Dublin Core metadata) are inert and allowed; elements of any other
  namespace (XHTML's ``script``) are not.
- **attributes**: geometry, presentation, filter and ARIA attributes by name, no ``on…`` or
  ``xml:base``; ``href``/``xlink:href`` only to a fragment of the same file (``#id``), or on
  ``image`` to a PNG, JPEG, GIF or WebP in a ``data:`` URL. A value is read as the browser reads
  it: character references decoded by the parser; whitespace and control characters, which
  browsers strip from URLs, stripped before any comparison.
- **CSS** (``style`` attributes and elements): properties by name; values without backslash
  (no escapes), ``@``, ``<``, and with no function but colour, transform and ``url(#id)``;
  rules of a ``<style>`` element are plain ``selector { declarations }``: no at-rules
  (``@import``, ``@font-face``), no comments hiding anything (they are removed first).
- **document**: no DTD (entities), no processing instruction (``<?xml-stylesheet?>``), the root
  is ``svg`` in the SVG namespace.

What is refused names the first offending part (:attr:`UnsafeSvg.what`) so the municipality's
administrator knows what to remove.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # nosec B405 - the TreeBuilder only; defusedxml parses

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# What drawing programs write next to the drawing; browsers render none of it.
EDITOR_NS = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://creativecommons.org/ns#",
        "http://web.resource.org/cc/",
        "http://purl.org/dc/elements/1.1/",
    }
)

ELEMENTS = _names(
    """svg g defs symbol use title desc metadata switch path rect circle ellipse line polyline
    polygon text tspan textPath linearGradient radialGradient stop pattern clipPath mask marker
    image style filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix
    feDiffuseLighting feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB
    feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset fePointLight
    feSpecularLighting feSpotLight feTile feTurbulence"""
)

# Presentation attributes (SVG 1.1 §M.2, SVG 2) double as the CSS properties a logo may set.
PRESENTATION = _names(
    """alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-rendering direction display dominant-baseline
    enable-background fill fill-opacity fill-rule filter flood-color flood-opacity font
    font-family font-size font-size-adjust font-stretch font-style font-variant font-weight
    glyph-orientation-horizontal glyph-orientation-vertical image-rendering kerning
    letter-spacing lighting-color marker marker-end marker-mid marker-start mask mask-type
    opacity overflow paint-order pointer-events shape-rendering solid-color solid-opacity
    stop-color stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor text-decoration
    text-rendering transform transform-origin unicode-bidi vector-effect visibility
    word-spacing writing-mode mix-blend-mode isolation"""
)
CSS_ONLY = _names(
    """line-height text-align white-space font-variant-ligatures font-variant-caps
    font-variant-numeric font-variant-east-asian font-feature-settings text-orientation
    text-transform text-indent inline-size"""
)
ATTRIBUTES = PRESENTATION | _names(
    """id class style lang tabindex role focusable version baseProfile x y x1 y1 x2 y2 cx cy r
    rx ry fx fy fr width height d points pathLength viewBox preserveAspectRatio dx dy rotate
    textLength lengthAdjust startOffset method spacing side gradientUnits gradientTransform
    spreadMethod offset patternUnits patternContentUnits patternTransform clipPathUnits
    maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient
    filterUnits primitiveUnits filterRes in in2 result stdDeviation mode type values operator
    k1 k2 k3 k4 surfaceScale diffuseConstant specularConstant specularExponent
    kernelUnitLength kernelMatrix order divisor bias targetX targetY edgeMode preserveAlpha
    radius scale xChannelSelector yChannelSelector baseFrequency numOctaves seed stitchTiles
    azimuth elevation pointsAtX pointsAtY pointsAtZ limitingConeAngle tableValues slope
    intercept amplitude exponent z requiredFeatures requiredExtensions systemLanguage
    media href aria-label aria-labelledby aria-describedby aria-hidden"""
)
XLINK_ATTRIBUTES = frozenset({"href", "title", "type"})
XML_ATTRIBUTES = frozenset({"space", "lang"})  # not xml:base: it moves every relative URL
CSS_FUNCTIONS = _names(
    """rgb rgba hsl hsla url matrix translate translatex translatey scale scalex scaley
    rotate skewx skewy"""
)

_URL_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_LOCAL_URL = re.compile(r"url\(\s*(['\"]?)#[\w.:-]+\1\s*\)", re.IGNORECASE)
_FUNCTION = re.compile(r"([\w-]+)\s*\(")
_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[a-z0-9+/=]*", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_RULE = re.compile(r"\s*([^{}]+)\{([^{}]*)\}\s*")
_SELECTOR = re.compile(r"[\w\s.#,>+~*:()\-]+")
_PROPERTY = re.compile(r"-?[a-z][a-z-]*")


class UnsafeSvg(Exception):
    """The logo holds something the allow-list does not; ``what`` names it for the user."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what[:60]


class NotSvg(Exception):
    """Not well-formed XML, or its root is not an SVG element."""


def _split(name: str) -> tuple[str, str]:
    if name.startswith("{"):
        namespace, local = name[1:].split("}", 1)
        return namespace, local
    return "", name


class _Builder(ET.TreeBuilder):
    """A tree builder that also keeps the processing instructions outside the root element
    (``<?xml-stylesheet?>`` stands before it), which the tree itself would drop."""

    def __init__(self):
        super().__init__()
        self.instructions: list[str] = []

    def pi(self, target, text=None):
        self.instructions.append(target)
        return super().pi(target, text)


def check_svg(data: bytes) -> None:
    """Raise :class:`UnsafeSvg` unless every part of the SVG document is on the allow-list,
    :class:`NotSvg` when it is no SVG at all."""
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=True, forbid_entities=True)
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException as exc:
        raise UnsafeSvg("DTD") from exc
    except ParseError as exc:
        raise NotSvg from exc
    if builder.instructions:
        raise UnsafeSvg(f"<?{builder.instructions[0]}?>")
    if root.tag != f"{{{SVG_NS}}}svg":
        raise NotSvg
    for element in root.iter():
        namespace, tag = _split(element.tag)
        if namespace in EDITOR_NS:
            continue  # inert; its attributes too (an element of another namespace is checked)
        if namespace != SVG_NS or tag not in ELEMENTS:
            raise UnsafeSvg(f"<{tag}>")
        for name, value in element.attrib.items():
            _check_attribute(tag, name, value)
        if tag == "style":
            _check_stylesheet("".join(element.itertext()))


def _check_attribute(tag: str, name: str, value: str) -> None:
    namespace, local = _split(name)
    allowed = (
        (namespace == "" and local in ATTRIBUTES)
        or (namespace == "" and local.startswith("data-"))
        or (namespace == XLINK_NS and local in XLINK_ATTRIBUTES)
        or (namespace == XML_NS and local in XML_ATTRIBUTES)
        or namespace in EDITOR_NS
    )
    if not allowed:
        raise UnsafeSvg(f"{local}=")
    if namespace in EDITOR_NS:
        return
    if local == "href":
        _check_reference(tag, value)
    elif local == "style":
        _check_declarations(value)
    elif local in PRESENTATION:
        _check_css_value(local, value)
    elif "url(" in _URL_INVISIBLE.sub("", value).lower():
        raise UnsafeSvg(f"{local}=")


def _check_reference(tag: str, value: str) -> None:
    """``#id`` in the same file; a raster image in a data: URL on ``image``."""
    url = _URL_INVISIBLE.sub("", value)
    if re.fullmatch(r"#[\w.:-]+", url):
        return
    if tag == "image" and _DATA_IMAGE.fullmatch(url):
        return
    raise UnsafeSvg(f'href="{url[:30]}"')


def _check_css_value(prop: str, value: str) -> None:
    lowered = value.lower()
    if any(c in value for c in "\\@<>{};") or "/*" in value:
        raise UnsafeSvg(f"{prop}: {value[:30]}")
    for function in _FUNCTION.findall(lowered):
        if function not in CSS_FUNCTIONS:
            raise UnsafeSvg(f"{prop}: {function}(")
    for url in re.findall(r"url\s*\([^)]*\)?", lowered):
        if not _LOCAL_URL.fullmatch(url):
            raise UnsafeSvg(f"{prop}: {url[:30]}")


def _check_declarations(text: str) -> None:
    """``prop: value; …`` of a style attribute or a rule: allowed properties, safe values."""
    if "\\" in text or "@" in text:  # CSS escapes and at-rules, wherever they are
        raise UnsafeSvg("@" if "@" in text else "\\")
    for declaration in text.split(";"):
        if not declaration.strip():
            continue
        prop, colon, value = declaration.partition(":")
        prop = prop.strip().lower()
        if not colon or not _PROPERTY.fullmatch(prop):
            raise UnsafeSvg(declaration.strip()[:30])
        if not (prop in PRESENTATION or prop in CSS_ONLY or prop.startswith("-inkscape-")):
            raise UnsafeSvg(f"{prop}:")
        _check_css_value(prop, value.replace("!important", ""))


def _check_stylesheet(text: str) -> None:
    """A ``<style>`` element: rules of a plain selector and declarations, nothing else."""
    if "\\" in text or "@" in text or "<" in text:
        raise UnsafeSvg("<style> @" if "@" in text else "<style> \\")
    text = _CSS_COMMENT.sub(" ", text)
    if "/*" in text:
        raise UnsafeSvg("<style> /*")
    position = 0
    for match in _CSS_RULE.finditer(text):
        if match.start() != position:
            break
        selector, declarations = match.groups()
        if not _SELECTOR.fullmatch(selector.strip()):
            raise UnsafeSvg(f"<style> {selector.strip()[:30]}")
        _check_declarations(declarations)
        position = match.end()
    if text[position:].strip():
        raise UnsafeSvg(f"<style> {text[position:].strip()[:30]}")
