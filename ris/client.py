"""Reading the VNG Open Raads- en Stateninformatie API (ORI 2.0.0-beta): GET only, every page
to the end, bounded retries with back-off. Anything else than a page of results is an error;
the sync then writes nothing (T5)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import requests
from django.utils.translation import gettext as _

#: Bounded: at most this many tries per page, waiting BACKOFF[n] seconds before try n + 2.
BACKOFF = (0.5, 1.0, 2.0)
MAX_PAGES = 2000  # per collection; a `next` that never ends is nonsense
TIMEOUT = (5, 30)  # connect, read
RETRY_STATUSES = {429, 500, 502, 503, 504}


class RisError(Exception):
    """The RIS could not be read, or answered something that is not ORI. Plain language: the
    message is shown to the griffie."""


class Client:
    def __init__(self, base_url: str, *, token: str = "", sleep: Callable = time.sleep):
        self.base_url = base_url.rstrip("/") + "/"
        self.origin = urlsplit(self.base_url)[:2]
        self.session = requests.Session()
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.sleep = sleep
        self.requests = 0

    @classmethod
    def for_connection(cls, connection, *, url: str = "", sleep: Callable = time.sleep):
        token = (
            os.environ.get(connection.secret_reference, "") if connection.secret_reference else ""
        )
        if connection.secret_reference and not token:
            raise RisError(
                _("De sleutel voor het raadsinformatiesysteem ontbreekt op de server (%(name)s).")
                % {"name": connection.secret_reference}
            )
        return cls(url or connection.base_url, token=token, sleep=sleep)

    def collection(self, path: str, params: dict | None = None) -> list[dict]:
        """Every object of one collection, following ``next`` to the last page."""
        url = urljoin(self.base_url, path)
        results: list[dict] = []
        seen: set[str] = set()
        first = True
        while url:
            if url in seen or len(seen) >= MAX_PAGES:
                raise RisError(
                    _("Het raadsinformatiesysteem bladert in een kring (%(path)s).")
                    % {"path": path}
                )
            seen.add(url)
            page = self._get(url, params if first else None)
            first = False
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise RisError(
                    _("Het raadsinformatiesysteem gaf geen lijst terug voor %(path)s.")
                    % {"path": path}
                )
            results.extend(page["results"])
            url = page.get("next") or ""
            if url and urlsplit(url)[:2] != self.origin:
                # The key goes only to the RIS itself, never to a host a page points to.
                raise RisError(
                    _("Een vervolgpagina wijst naar een andere server (%(path)s).") % {"path": path}
                )
        return results

    def _get(self, url: str, params: dict | None):
        for attempt in range(len(BACKOFF) + 1):
            self.requests += 1
            try:
                response = self.session.get(
                    url, params=params, timeout=TIMEOUT, allow_redirects=False
                )
            except requests.RequestException as exc:
                error = _("Het raadsinformatiesysteem is niet bereikbaar (%(kind)s).") % {
                    "kind": type(exc).__name__
                }
            else:
                if response.status_code == 200:
                    try:
                        return response.json()
                    except ValueError:
                        raise RisError(
                            _("Het raadsinformatiesysteem gaf geen JSON terug.")
                        ) from None
                error = _("Het raadsinformatiesysteem antwoordde met status %(status)s.") % {
                    "status": response.status_code
                }
                if response.status_code not in RETRY_STATUSES:
                    raise RisError(error)
            if attempt < len(BACKOFF):
                self.sleep(BACKOFF[attempt])
        raise RisError(error)
