"""D3 at unit level; tests/test_download_headers.py checks every download URL of the portal."""

from django.http import HttpResponse

from portal.downloads import protect_download


def test_d3_protect_download_sets_attachment_nosniff_and_a_sandbox():
    response = protect_download(HttpResponse(b"a;b\n"), filename="register-2026.csv")
    assert response["Content-Disposition"] == 'attachment; filename="register-2026.csv"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-store"


def test_d3_a_name_with_quotes_or_newlines_cannot_break_the_header():
    response = protect_download(HttpResponse(b""), filename='x"\r\nSet-Cookie: a=b.csv')
    header = response["Content-Disposition"]
    assert "\n" not in header and "\r" not in header
    assert header.startswith("attachment; filename*=utf-8''")
