"""R4: there is no public URL. The player page hands the browser a short-lived link signed for
one viewer and one recording; the stream view accepts it only from that viewer, before it
expires, untouched. Whether the viewer may watch at all is asked again on every request
(:mod:`recordings.access`), so a withdrawn or lapsed recording stops at once."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.urls import reverse

from .conf import link_lifetime

SALT = "recordings.stream"


class LinkRefused(Exception):
    """``code``: ``expired``, ``tampered``, ``other_user`` or ``other_recording``."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Link:
    token: str
    nonce: str


def sign_link(*, user, recording) -> Link:
    nonce = secrets.token_urlsafe(8)
    token = signing.dumps(
        {"r": str(recording.uuid), "u": str(user.uuid), "n": nonce}, salt=SALT, compress=False
    )
    return Link(token=token, nonce=nonce)


def stream_url(recording, link: Link) -> str:
    return reverse("recordings:stream", kwargs={"uuid": recording.uuid, "token": link.token})


def check_link(token: str, *, user, recording) -> dict:
    """The link's content, or :class:`LinkRefused` with the reason."""
    try:
        data = signing.loads(token, salt=SALT, max_age=link_lifetime())
    except signing.SignatureExpired:
        raise LinkRefused("expired") from None
    except signing.BadSignature:
        raise LinkRefused("tampered") from None
    if not isinstance(data, dict):
        raise LinkRefused("tampered")
    if data.get("u") != str(user.uuid):
        raise LinkRefused("other_user")
    if data.get("r") != str(recording.uuid):
        raise LinkRefused("other_recording")
    return data
