"""D1, issue 14 finding 9: an SVG logo is checked against an allow-list of elements,
attributes and CSS (portal/svg.py). Every trick the old deny-list let through is refused with
the logo's message; what drawing programs really write (Inkscape's namespaces and metadata,
Illustrator's <style> with classes, gradients, an embedded PNG) is accepted."""

import base64

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from portal.theme import validate_logo
from tests.portal.test_theme import png

NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
PNG_DATA = "data:image/png;base64," + base64.b64encode(png()).decode()


def svg(body: str, attributes: str = "") -> bytes:
    return f'<svg {NS} viewBox="0 0 10 10" {attributes}>{body}</svg>'.encode()


HOSTILE = {
    # The review's two findings.
    "set-href-javascript-tab": svg(
        '<use href="#r"><set attributeName="href" to="java&#9;script:alert(1)"/></use>'
    ),
    "a-set-href-javascript-tab": svg(
        '<a><set attributeName="href" to="java&#9;script:alert(1)"/><rect width="9"/></a>'
    ),
    "style-escaped-import": svg("<style>@\\69mport url(https://evil.example/x.css);</style>"),
    "style-escaped-import-string": svg("<style>@\\69mport 'https://evil.example/x.css';</style>"),
    # Animation writing attributes, and links in every spelling.
    "set-onclick": svg('<rect width="9"><set attributeName="onclick" to="alert(1)"/></rect>'),
    "animate-href": svg(
        '<use href="#r"><animate attributeName="href" values="javascript:alert(1)"/></use>'
    ),
    "animate-transform": svg(
        '<rect width="9"><animateTransform attributeName="transform"/></rect>'
    ),
    "a-javascript-entity": svg('<a xlink:href="&#106;avascript:alert(1)"><rect width="9"/></a>'),
    "use-href-newline-javascript": svg('<use href="java&#10;script:alert(1)"/>'),
    "use-external": svg('<use href="https://evil.example/s.svg#x"/>'),
    "use-data-svg": svg('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/>'),
    "image-data-svg": svg('<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'),
    "image-external": svg('<image xlink:href="//evil.example/p.png"/>'),
    "fe-image": svg('<filter id="f"><feImage href="https://evil.example/p.png"/></filter>'),
    "xml-base": svg('<use href="#r"/>', 'xml:base="https://evil.example/"'),
    # CSS: escapes, at-rules, external urls, comments splitting words, bindings.
    "style-import": svg("<style>@import 'https://evil.example/x.css';</style>"),
    "style-comment-import": svg("<style>@im/**/port 'x.css';</style>"),
    "style-font-face": svg("<style>@font-face{font-family:x;src:url(https://e.example/f)}</style>"),
    "style-escaped-url": svg("<style>rect{fill:u\\72l(https://evil.example/x)}</style>"),
    "style-url": svg("<style>rect{fill:url(https://evil.example/x#a)}</style>"),
    "style-image-set": svg("<style>rect{fill:image-set('https://evil.example/x' 1x)}</style>"),
    "style-attribute-url": svg('<rect style="fill:url(https://evil.example/t.png)"/>'),
    "style-attribute-escape": svg('<rect style="fill:\\75rl(https://evil.example/t.png)"/>'),
    "style-attribute-behavior": svg('<rect style="behavior:url(#x)"/>'),
    "style-attribute-binding": svg('<rect style="-moz-binding:url(#x)"/>'),
    "fill-external-url": svg('<rect fill="url(https://evil.example/x#a)"/>'),
    "cursor": svg('<rect cursor="url(https://evil.example/c.cur)"/>'),
    # Other namespaces, processing instructions, no namespace, event handlers.
    "xhtml-script": svg(
        '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>'
    ),
    "xhtml-inside-editor-element": svg(
        '<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd">'
        '<h:iframe xmlns:h="http://www.w3.org/1999/xhtml" src="https://evil.example/"/>'
        "</sodipodi:namedview>"
    ),
    "svg-prefixed-script": svg(
        '<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'
    ),
    "xml-stylesheet": b'<?xml-stylesheet href="https://evil.example/x.css"?>' + svg(""),
    "event-handler": svg('<rect width="9" onmouseover="alert(1)"/>'),
    "event-handler-on-stop": svg('<linearGradient><stop onbegin="alert(1)"/></linearGradient>'),
}


# Why each is refused: the part the message names (so a refusal is for the right reason).
WHY = {
    "set-href-javascript-tab": "<set>",
    "a-set-href-javascript-tab": "<a>",
    "style-escaped-import": "<style> @",
    "style-escaped-import-string": "<style> @",
    "set-onclick": "<set>",
    "animate-href": "<animate>",
    "animate-transform": "<animateTransform>",
    "a-javascript-entity": "<a>",
    "use-href-newline-javascript": 'href="javascript:',  # the newline is stripped, as browsers do
    "use-external": 'href="https:',
    "use-data-svg": 'href="data:image/svg+xml',
    "image-data-svg": 'href="data:image/svg+xml',
    "image-external": 'href="//evil',
    "fe-image": "<feImage>",
    "xml-base": "base=",
    "style-import": "<style> @",
    "style-comment-import": "<style> @",
    "style-font-face": "<style> @",
    "style-escaped-url": "<style> \\",
    "style-url": "fill: url(https:",
    "style-image-set": "fill: image-set(",
    "style-attribute-url": "fill: url(https:",
    "style-attribute-escape": "\\",
    "style-attribute-behavior": "behavior:",
    "style-attribute-binding": "-moz-binding:",
    "fill-external-url": "fill: url(https:",
    "cursor": "cursor=",
    "xhtml-script": "<script>",
    "xhtml-inside-editor-element": "<iframe>",
    "svg-prefixed-script": "<script>",
    "xml-stylesheet": "<?xml-stylesheet?>",
    "event-handler": "onmouseover=",
    "event-handler-on-stop": "onbegin=",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_d1_14_9_an_svg_logo_with_anything_outside_the_allow_list_is_refused(name):
    with pytest.raises(ValidationError) as exc:
        validate_logo(SimpleUploadedFile("logo.svg", HOSTILE[name]))
    error = exc.value.error_list[0]
    assert error.code == "svg_unsafe", exc.value.messages
    assert "Dit SVG-bestand bevat script" in exc.value.messages[0]
    assert error.params["what"].startswith(WHY[name]), error.params["what"]


INKSCAPE = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="60mm" height="20mm" viewBox="0 0 60 20" version="1.1" id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="logo.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" inkscape:zoom="2.1"/>
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
    <dc:title>Gemeente Westerdijk</dc:title></cc:Work></rdf:RDF></metadata>
  <defs id="defs2">
    <linearGradient inkscape:collect="always" id="g1">
      <stop style="stop-color:#154273;stop-opacity:1;" offset="0" id="stop1"/>
      <stop style="stop-color:#154273;stop-opacity:0;" offset="1" id="stop2"/>
    </linearGradient>
    <linearGradient xlink:href="#g1" id="g2" x1="0" y1="0" x2="60" y2="0"
       gradientUnits="userSpaceOnUse" xmlns:xlink="http://www.w3.org/1999/xlink"/>
  </defs>
  <g inkscape:label="Laag 1" inkscape:groupmode="layer" id="layer1"
     transform="translate(-10.5,-20.25) rotate(0)">
    <path style="fill:url(#g2);fill-opacity:1;stroke:#000000;stroke-width:0.264583px"
       d="M 10.5,20.25 H 70.5 V 40.25 H 10.5 Z" id="rect1"/>
    <text xml:space="preserve"
       style="font-size:6.35px;line-height:1.25;font-family:'Noto Sans';
       -inkscape-font-specification:'Noto Sans Bold';fill:#ffffff;stroke-width:0.26"
       x="14" y="32" id="text1"><tspan sodipodi:role="line" id="tspan1" x="14"
       y="32">Westerdijk</tspan></text>
  </g>
</svg>"""

ILLUSTRATOR = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Laag_1" {NS} x="0px" y="0px"
\t viewBox="0 0 100 40" style="enable-background:new 0 0 100 40;" xml:space="preserve">
<style type="text/css">
\t.st0{{fill:#154273;}}
\t.st1{{fill:none;stroke:#FFFFFF;stroke-width:2;stroke-miterlimit:10;}}
\t/* letters */ .st2{{font-family:'NotoSans-Bold';font-size:12px;}}
\t#Laag_1 > g .st3, text:first-child{{fill:rgb(255, 255, 255) !important}}
</style>
<title id="t">Logo van de gemeente</title>
<rect class="st0" width="100" height="40"/>
<clipPath id="c"><circle cx="20" cy="20" r="15"/></clipPath>
<g clip-path="url(#c)"><image width="1" height="1" xlink:href="{PNG_DATA}"
  transform="matrix(30 0 0 30 5 5)"/></g>
<line class="st1" x1="40" y1="5" x2="40" y2="35"/>
<use xlink:href="#t2" x="1"/>
<text id="t2" transform="matrix(1 0 0 1 45 25)" class="st2 st3">Oosterbroek</text>
<filter id="schaduw"><feGaussianBlur in="SourceAlpha" stdDeviation="1"/>
  <feOffset dx="1" dy="1" result="o"/><feMerge><feMergeNode in="o"/>
  <feMergeNode in="SourceGraphic"/></feMerge></filter>
</svg>""".encode()

ACCESSIBLE = svg(
    '<title id="tt">Gemeente</title><desc>Het wapen</desc>'
    '<g role="img" aria-labelledby="tt"><polygon points="0,0 10,0 5,9" fill="#a4141c"/></g>',
    'role="img" aria-label="Logo"',
)


@pytest.mark.parametrize(
    "content", [INKSCAPE, ILLUSTRATOR, ACCESSIBLE], ids=["inkscape", "illustrator", "aria"]
)
def test_d1_14_9_what_drawing_programs_write_is_accepted(content):
    validate_logo(SimpleUploadedFile("logo.svg", content))


def test_d1_14_9_the_message_names_what_to_remove():
    with pytest.raises(ValidationError) as exc:
        validate_logo(SimpleUploadedFile("logo.svg", HOSTILE["set-href-javascript-tab"]))
    assert "(hier: <set>)" in exc.value.messages[0]


def test_d1_14_9_no_svg_at_all_is_said_so():
    for content in (b"<svg><rect/></svg>", b'<svg xmlns="http://www.w3.org/2000/svg"><rect>'):
        with pytest.raises(ValidationError) as exc:
            validate_logo(SimpleUploadedFile("logo.svg", content))
        assert exc.value.error_list[0].code == "svg_invalid"
