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
    # The line break is dropped and the quote escaped: one parameter, no second header.
    assert header == 'attachment; filename="x\\"Set-Cookie: a=b.csv"'


def test_c_a_right_to_left_override_cannot_disguise_a_download_name():
    response = protect_download(HttpResponse(b""), filename="register\u202evsc.exe")
    header = response["Content-Disposition"]
    assert "\u202e" not in header and "%E2%80%AE" not in header.upper()
    assert header == 'attachment; filename="registervsc.exe"'
