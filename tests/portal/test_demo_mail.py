"""Issue 15: the demo's e-mail is one line in the terminal per message and a file to read,
not the MIME source in the terminal (portal.demo_mail, chosen by bin/demo)."""

import email
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from portal.demo_mail import DemoMailBackend


def _send(folder, stream, *messages):
    connection = get_connection("portal.demo_mail.DemoMailBackend", folder=folder, stream=stream)
    return connection.send_messages(list(messages))


def _message(subject="Nieuw gedeeld stuk: Begroting zwembad", to="raadslid1@raad.example"):
    message = EmailMultiAlternatives(
        subject=subject,
        body="Er is een stuk met u gedeeld.\n\nOpen het portaal om het te lezen.",
        from_email="portaal@example.nl",
        to=[to],
    )
    message.attach_alternative("<p>Er is een stuk met u gedeeld.</p>", "text/html")
    return message


def test_one_line_in_the_terminal_per_message_and_no_mime(tmp_path):
    stream = StringIO()
    sent = _send(tmp_path, stream, _message(), _message("Herinnering", "griffier@raad.example"))
    lines = stream.getvalue().splitlines()
    assert sent == 2 and len(lines) == 2
    assert lines[0].startswith("e-mail to raadslid1@raad.example: Nieuw gedeeld stuk")
    assert lines[1].startswith("e-mail to griffier@raad.example: Herinnering")
    assert "Content-Type" not in stream.getvalue() and "MIME" not in stream.getvalue()


def test_the_message_is_a_file_a_person_reads_and_an_eml_a_mail_program_opens(tmp_path):
    stream = StringIO()
    _send(tmp_path, stream, _message())
    (txt,) = tmp_path.glob("*.txt")
    assert str(txt) in stream.getvalue()  # the line says where to read it
    text = txt.read_text(encoding="utf-8")
    assert "Aan: raadslid1@raad.example" in text
    assert "Onderwerp: Nieuw gedeeld stuk: Begroting zwembad" in text
    assert "Open het portaal om het te lezen." in text
    assert "Content-Transfer-Encoding" not in text
    (eml,) = tmp_path.glob("*.eml")
    parsed = email.message_from_bytes(eml.read_bytes())
    assert parsed["To"] == "raadslid1@raad.example"
    assert parsed.is_multipart()  # the HTML alternative is kept for a mail program


def test_nothing_to_send_makes_no_folder(tmp_path):
    folder = tmp_path / "mail"
    assert DemoMailBackend(folder=folder, stream=StringIO()).send_messages([]) == 0
    assert not folder.exists()


def test_bin_demo_chooses_the_backend_and_names_the_folder():
    demo = (Path(settings.BASE_DIR) / "bin" / "demo").read_text(encoding="utf-8")
    assert "DJANGO_EMAIL_BACKEND=portal.demo_mail.DemoMailBackend" in demo
    assert 'PORTAL_DEMO_MAIL_DIR="$PWD/.demo-mail"' in demo
    assert "${PORTAL_DEMO_MAIL_DIR}" in demo.split("BANNER")[1]  # said at start
    assert "/.demo-mail/" in (Path(settings.BASE_DIR) / ".gitignore").read_text()
