"""Where other apps attach to the secrecy register without the register knowing them.

The register must not import the apps built on it (STYLE.md: apps do not import each other),
yet what happens after secrecy ends belongs to another app: Woo publication (C11) and Woo
requests (C12) live in ``publications``. That app registers here, from its ``ready()``:

- a listener told, inside the transaction that ended it, that an item's secrecy ended —
  lifted (C5) or past its end date (C7). A listener may only queue work (``enqueue``): it runs
  after commit, and nothing of it happens if the change rolls back;
- a provider of notes on items — one line per item for the register's list and detail page
  ("opgeheven – nog niet gepubliceerd", "gepubliceerd", a Woo request's deadline) — asked once
  per page for all its items, so the page keeps its query count (B1);
- a provider of actions on one item for the clerk (links to the other app's pages).

With nothing registered, the register works as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ItemNote:
    """One line about an item, shown under its status. ``url`` makes it a link."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class ItemAction:
    label: str
    url: str


_ended_listeners: list[Callable] = []
_note_providers: list[Callable] = []
_action_providers: list[Callable] = []


def on_secrecy_ended(listener: Callable) -> None:
    """``listener(item, *, cause)`` with cause ``"lifted"`` or ``"expired"``."""
    if listener not in _ended_listeners:
        _ended_listeners.append(listener)


def register_item_notes(provider: Callable) -> None:
    """``provider(items) -> {item.pk: [ItemNote, …]}`` for a page of items, in one query."""
    if provider not in _note_providers:
        _note_providers.append(provider)


def register_item_actions(provider: Callable) -> None:
    """``provider(item, user) -> [ItemAction, …]``: links for the clerk on the item's page."""
    if provider not in _action_providers:
        _action_providers.append(provider)


def secrecy_ended(item, *, cause: str) -> None:
    """Called by the register's services and daily job inside the transaction that ended the
    secrecy of ``item``."""
    for listener in _ended_listeners:
        listener(item, cause=cause)


def item_notes(items: Iterable) -> dict[int, list[ItemNote]]:
    items = list(items)
    notes: dict[int, list[ItemNote]] = {}
    if not items:
        return notes
    for provider in _note_providers:
        for pk, lines in provider(items).items():
            notes.setdefault(pk, []).extend(lines)
    return notes


def item_actions(item, user) -> list[ItemAction]:
    return [action for provider in _action_providers for action in provider(item, user)]
