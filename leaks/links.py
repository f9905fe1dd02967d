"""The one place where ``leaks`` reaches into ``confidentiality`` (STYLE.md: a leak case names
what leaked). L2: link a case to an item of the secrecy register; L6: the access trace of a
linked item — who had access and who opened or downloaded which version before the leak.

Everything here reads; the writes that use it (linking, the trace's own audit event) are in
``leaks.services``.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from confidentiality.models import SecrecyItem, Share
from portal.constants import AuditResult
from portal.models import AuditEvent, Membership, User

#: L6: the audit actions that show someone read an item or took a copy (C8). Downloads of
#: documents and watermarked copies are recognised by their action name, so a download view the
#: secrecy register adds later is traced without a change here.
READ_ACTIONS = ("secrecy.viewed",)
READ_ACTION_WORDS = ("download", "opened")


def item_model():
    return SecrecyItem


def item_find(*, municipality_id: int, reference: str) -> SecrecyItem | None:
    """An item of the case's own municipality by its register reference (kenmerk) or UUID.
    The case team names what leaked without needing to read the register itself."""
    reference = (reference or "").strip()
    if not reference:
        return None
    items = SecrecyItem.objects.filter(municipality_id=municipality_id)
    match = items.filter(reference__iexact=reference).first()
    if match is None:
        try:
            match = items.filter(uuid=uuid.UUID(reference)).first()
        except ValueError:  # not a UUID either
            return None
    return match


@dataclass
class AccessHolder:
    user_id: int
    label: str
    via: str  # the body or the register that gave access


@dataclass
class Opening:
    at: datetime
    label: str
    action: str
    version: str
    origin: str


@dataclass
class AccessTrace:
    item: SecrecyItem
    before: datetime
    holders: list[AccessHolder]
    openings: list[Opening]


def _label(user: User) -> str:
    return user.get_full_name() or user.email


def access_trace(item: SecrecyItem, *, before: datetime | None) -> AccessTrace:
    """L6: (1) who had access before ``before`` — current members, on that day, of every body
    the item was shared with before it (C4, T4), and the griffie that keeps the register;
    (2) who opened or downloaded it before then, with the version, from the audit trail (C8).
    ``before`` unknown: up to now."""
    before = before or timezone.now()
    day = timezone.localdate(before)
    shares = Share.objects.filter(item=item, created_at__lt=before).select_related("body")
    holders: dict[tuple[int, str], AccessHolder] = {}
    seats = (
        Membership.objects.current(day)
        .filter(body_id__in=[s.body_id for s in shares])
        .select_related("user", "body")
        .order_by("body__name", "user__last_name")
    )
    for seat in seats:
        holders[(seat.user_id, seat.body.name)] = AccessHolder(
            seat.user_id, _label(seat.user), seat.body.name
        )
    keepers = (
        User.objects.filter(
            identity_domain__municipality_id=item.municipality_id,
            groups__permissions__codename="view_register",
            groups__permissions__content_type__app_label="confidentiality",
            date_joined__lt=before,
        )
        .distinct()
        .order_by("last_name")
    )
    for user in keepers:
        holders[(user.pk, "register")] = AccessHolder(user.pk, _label(user), "")
    read = Q(action__in=READ_ACTIONS)
    for word in READ_ACTION_WORDS:
        read |= Q(action__contains=word)
    events = (
        AuditEvent.objects.filter(
            municipality_id=item.municipality_id,
            created_at__lt=before,
            result=AuditResult.SUCCESS,
        )
        .filter(read)
        .filter(
            Q(object_type=SecrecyItem._meta.label_lower, object_id=str(item.uuid))
            | Q(details__item=str(item.uuid))
        )
        .order_by("seq")
    )
    openings = [
        Opening(
            at=event.created_at,
            label=event.actor_label,
            action=event.action,
            version=str(event.details.get("version", "")),
            origin=event.ip_address or event.channel,
        )
        for event in events
    ]
    return AccessTrace(item=item, before=before, holders=list(holders.values()), openings=openings)


@dataclass
class SecretCopy:
    trace_code: str
    recipient_label: str
    item: SecrecyItem | None
    version: str
    at: datetime


def secret_copy_lookup(*, municipality_id: int, code: str) -> SecretCopy | None:
    """C8/L6: the watermarked copy of a secret document that carries ``code``, from the audit
    trail (a download event of the register names the item, the version and the recipient).
    Read from the events, so it works whatever view of the register made the copy."""
    from portal.reports.selectors import normalise_trace_code

    normalised = normalise_trace_code(code)
    if len(normalised) != 14:
        return None
    event = (
        AuditEvent.objects.filter(
            municipality_id=municipality_id,
            object_type=SecrecyItem._meta.label_lower,
            action__contains="download",
            details__trace_code=normalised,
            result=AuditResult.SUCCESS,
        )
        .order_by("seq")
        .first()
    )
    if event is None:
        return None
    return SecretCopy(
        trace_code=normalised,
        recipient_label=event.details.get("recipient_label") or event.actor_label,
        item=SecrecyItem.objects.filter(
            municipality_id=municipality_id, uuid=event.object_id
        ).first(),
        version=str(event.details.get("version", "")),
        at=event.created_at,
    )
