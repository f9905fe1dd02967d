"""The portal's icon (issue 15): an SVG for browsers that take one, /favicon.ico for the rest
(tests/portal/test_favicon.py), both named by the layout of every page."""

import pytest
from defusedxml import ElementTree
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_x5_every_page_names_the_icon():
    page = Client().get("/accounts/login/").content.decode()
    assert '<link rel="icon" href="/favicon.ico" sizes="32x32">' in page
    assert 'href="/static/portal/favicon.svg" type="image/svg+xml"' in page


def test_x5_the_svg_icon_is_a_plain_picture():
    path = finders.find("portal/favicon.svg")
    assert path, "static/portal/favicon.svg is missing"
    root = ElementTree.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    tags = {element.tag.split("}")[-1] for element in root.iter()}
    assert tags <= {"svg", "rect", "circle", "path"}  # no script, no links, no foreign objects
    assert not any(name.startswith("on") for e in root.iter() for name in e.attrib)
