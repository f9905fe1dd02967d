"""U1: every browser asks for /favicon.ico on its first page; a 404 there was an error in the
console of every visitor (found by the story tests' console watch), the Django admin included,
whose pages name no icon of their own."""

import pytest
from django.test import Client
from PIL import Image

pytestmark = pytest.mark.django_db


def test_u1_favicon_is_served_to_everyone_as_an_icon(tmp_path):
    response = Client().get("/favicon.ico")  # signed out: the sign-in page asks for it too
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert response["X-Content-Type-Options"] == "nosniff"
    icon = tmp_path / "favicon.ico"
    icon.write_bytes(b"".join(response.streaming_content))
    with Image.open(icon) as image:
        assert image.format == "ICO"
        assert (32, 32) in image.info["sizes"]
