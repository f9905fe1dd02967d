"""A municipality's look from the admin: its colour (WCAG 1.4.3 contrast with white text) and
its logo (PNG or SVG without script, by content, at most 200 kB), served publicly as a
generated stylesheet and a sandboxed image."""

import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from portal.theme import contrast_ratio, theme_css, validate_logo, validate_theme_colour
from tests.factories import MunicipalityFactory
from tests.uploads import JAR


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width=2, height=1) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x15\x42\x73" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", zlib.compress(raw))
        + png_chunk(b"IEND", b"")
    )


SVG_OK = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#154273"/></svg>'
)


def upload(content: bytes, name="logo.png"):
    return SimpleUploadedFile(name, content)


# --- colour -----------------------------------------------------------------------------------
def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#154273", "#5b2c6f", "#000000", "#a4141c"])
def test_colours_with_aa_contrast_are_accepted(colour):
    validate_theme_colour(colour)


@pytest.mark.parametrize("colour", ["#ffcc00", "#7f7f7f", "#ffffff", "#3399ff"])
def test_colours_without_aa_contrast_are_refused_naming_wcag_1_4_3(colour):
    with pytest.raises(ValidationError) as exc:
        validate_theme_colour(colour)
    message = exc.value.messages[0]
    assert "1.4.3" in message
    assert "4,5:1" in message
    # … and says how to fix it: a darker shade that passes.
    suggestion = message.rsplit(" ", 1)[-1].rstrip(".")
    assert contrast_ratio(suggestion, "#ffffff") >= 4.5


@pytest.mark.django_db
def test_admin_form_refuses_a_light_theme_colour():
    from django.contrib.admin.sites import site

    from portal.models import Municipality

    municipality = MunicipalityFactory()
    form_class = site._registry[Municipality].get_form(request=None, obj=municipality)
    data = {
        "name": municipality.name,
        "slug": municipality.slug,
        "cbs_code": "",
        "theme_colour": "#ffcc00",
        "is_active": "on",
    }
    form = form_class(data=data, instance=municipality)
    assert not form.is_valid()
    assert "1.4.3" in form.errors["theme_colour"][0]


def test_stylesheet_falls_back_for_an_old_colour_without_contrast():
    assert "--portal-brand: #154273;" in theme_css("#ffff00", "Oud")


# --- logo -------------------------------------------------------------------------------------
def test_a_small_png_and_a_plain_svg_are_accepted():
    validate_logo(upload(png()))
    validate_logo(upload(SVG_OK, "logo.svg"))


@pytest.mark.parametrize(
    ("content", "name", "fragment"),
    [
        (b"GIF89a" + b"\x00" * 20, "logo.png", "PNG- of SVG"),  # wrong type, right name
        (b"", "logo.png", "leeg"),
        (png() + b"\x00" * (200 * 1024), "logo.png", "200 kB"),
        (png(width=100_000), "logo.png", "pixels"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "script",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg", "script"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://example.org/t.png"/></svg>',
            "logo.svg",
            "script",
        ),
        (
            b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
            "logo.svg",
            "DTD",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "logo.svg",
            "script",
        ),
        (png() + JAR, "logo.png", "niet alleen een afbeelding"),  # GIFAR-style
        (png() + b"<html><script>alert(1)</script>", "logo.png", "niet alleen een afbeelding"),
        (
            png()[:33]
            + png_chunk(b"tEXt", b"Comment\x00<html><script>alert(1)</script>")
            + png()[33:],
            "logo.png",
            "niet alleen een afbeelding",
        ),
    ],
    ids=[
        "gif-named-png",
        "empty",
        "too-big",
        "too-wide",
        "script",
        "onload",
        "external",
        "dtd",
        "foreign",
        "png-plus-jar",
        "html-after-iend",
        "html-in-a-text-chunk",
    ],
)
def test_bad_logos_are_refused_with_a_clear_message(content, name, fragment):
    with pytest.raises(ValidationError) as exc:
        validate_logo(upload(content, name))
    assert fragment in " ".join(exc.value.messages)


# --- the public stylesheet and logo -----------------------------------------------------------
@pytest.mark.django_db
def test_theme_stylesheet_is_css_and_cacheable():
    municipality = MunicipalityFactory(slug="zeewolde", theme_colour="#5b2c6f")
    response = Client().get(f"/thema/{municipality.slug}.css")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=300"
    body = response.content.decode()
    assert "--portal-brand: #5b2c6f;" in body
    assert ":root.utrecht-theme" in body
    from portal.theme import theme_version

    versioned = Client().get(f"/thema/zeewolde.css?v={theme_version(municipality)}")
    assert "immutable" in versioned["Cache-Control"]


@pytest.mark.django_db
def test_unknown_or_inactive_municipality_has_no_theme():
    MunicipalityFactory(slug="oud", is_active=False)
    assert Client().get("/thema/oud.css").status_code == 404
    assert Client().get("/thema/bestaat-niet.css").status_code == 404


@pytest.mark.django_db
def test_logo_is_stored_under_a_generated_name_and_served_sandboxed(settings, tmp_path):
    default = settings.STORAGES["default"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**default, "OPTIONS": {**default["OPTIONS"], "location": str(tmp_path)}},
    }
    municipality = MunicipalityFactory(slug="logodorp")
    municipality.logo = upload(SVG_OK, "../../etc/evil name.png")
    municipality.full_clean()
    municipality.save()
    assert municipality.logo.name.startswith("logos/")
    assert municipality.logo.name.endswith(".svg")  # by content, not by the uploaded name
    assert "evil" not in municipality.logo.name

    response = Client().get("/thema/logodorp/logo")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == SVG_OK


@pytest.mark.django_db
def test_base_layout_links_the_municipality_stylesheet_and_no_inline_style(world, login):
    client = login(world.a.users["clerk"])
    html = client.get("/organen/").content.decode()
    assert f'href="/thema/{world.a.municipality.slug}.css?v=' in html
    assert "style=" not in html and "<style" not in html and "<script>" not in html
