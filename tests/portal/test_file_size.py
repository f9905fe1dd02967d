"""Issue 15, forms: sizes as people read them ("7 kB"), in Dutch and English."""

import pytest
from django.utils import translation

from portal.templatetags.portal_ui import file_size


@pytest.mark.parametrize(
    "size, dutch, english",
    [
        (512, "512 bytes", "512 bytes"),
        (1, "1 byte", "1 byte"),
        (7_000, "7 kB", "7 kB"),
        (7_168, "7 kB", "7 kB"),
        (1_234_567, "1,2 MB", "1.2 MB"),
        (48_000_000, "48 MB", "48 MB"),
        (None, "–", "–"),
    ],
)
def test_x5_file_size_reads_as_kb_and_mb_in_both_languages(size, dutch, english):
    with translation.override("nl"):
        assert file_size(size) == dutch
    with translation.override("en"):
        assert file_size(size) == english
