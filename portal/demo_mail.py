"""The demo's e-mail (issue 15): ``bin/demo`` printed every notification's full MIME source
into the terminal. With this backend the terminal gets one line per message (to whom, the
subject, where to read it) and the message itself lands in a folder of the checkout
(``PORTAL_DEMO_MAIL_DIR``, ``.demo-mail/`` by default, git-ignored): a ``.txt`` a person can
read and the ``.eml`` that any mail program opens. Only ``bin/demo`` chooses this backend
(``DJANGO_EMAIL_BACKEND``); production sends through ``EMAIL_URL``."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


class DemoMailBackend(BaseEmailBackend):
    def __init__(self, *args, folder=None, stream=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = Path(folder or settings.PORTAL_DEMO_MAIL_DIR)
        self.stream = stream or sys.stdout

    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = self._name(message)
            (self.folder / f"{name}.eml").write_bytes(message.message().as_bytes())
            (self.folder / f"{name}.txt").write_text(readable(message), encoding="utf-8")
            self.stream.write(
                f"e-mail to {', '.join(message.recipients())}: {message.subject} "
                f"→ {self.folder / name}.txt\n"
            )
            self.stream.flush()
        return len(email_messages)

    def _name(self, message) -> str:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
        words = re.sub(r"[^a-z0-9]+", "-", message.subject.lower()).strip("-")[:40]
        return f"{stamp}-{words or 'bericht'}"


def readable(message) -> str:
    """The message as a person reads it: the headers that matter, then the plain text."""
    head = [
        f"Van: {message.from_email}",
        f"Aan: {', '.join(message.to)}",
        f"Onderwerp: {message.subject}",
        f"Datum: {timezone.localtime().strftime('%d-%m-%Y %H:%M')}",
    ]
    if getattr(message, "alternatives", None):
        head.append("(Ook als HTML: het .eml-bestand hiernaast opent in een e-mailprogramma.)")
    return "\n".join(head) + "\n\n" + message.body + "\n"
