"""Notifications (meldingen) in the portal and by e-mail (X2, C4, L8).

Apps tell people that something happened with :func:`notify_users` or :func:`notify_body`,
inside the transaction of the service that made the change::

    notify_body(
        body=raad,
        kind="secrecy.shared",
        title=gettext_noop("Er is een geheim stuk gedeeld met %(body)s"),
        params={"body": raad.name},
        link=reverse("confidentiality:item_detail", kwargs={"uuid": item.uuid}),
        key=f"secrecy.shared:{share.uuid}",
        municipality=raad.municipality,
    )

What goes in ``title``, ``text`` and ``params`` is shown in the portal and sent by e-mail as it
is. It must say only *what happened* — never the subject, title or content of a confidential
item, never a name from a leak case (X2). The reader follows ``link`` and the page there checks,
at that moment, whether the reader may see it. ``title`` and ``text`` are Dutch source strings
marked with ``gettext_noop``, translated when shown in the reader's language (X5).

A rolled-back change leaves no notification and sends nothing: the rows and the e-mail task are
written in the same transaction, and the task is sent to the worker after commit (X2).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.audit import audit_record
from portal.background import enqueue
from portal.models import (
    Body,
    EmailDelivery,
    Membership,
    Municipality,
    Notification,
    NotificationPreference,
    User,
)

EMAIL_TASK = "portal.send_notification_emails"
# A daily digest looks back this far: one day, plus slack for a run that was late or missed.
DIGEST_LOOKBACK = timedelta(hours=36)


# --- fan-out ---------------------------------------------------------------------------------


def notify_users(
    *,
    users: Iterable[User] | QuerySet,
    kind: str,
    title: str,
    link: str,
    key: str,
    municipality: Municipality,
    text: str = "",
    params: dict | None = None,
    exclude: Iterable[User] = (),
) -> int:
    """Notify ``users`` (active people of ``municipality`` only: T1). Returns how many people
    were addressed; people who already have a notification with ``key`` get nothing new."""
    if isinstance(users, QuerySet):
        ids = users.values("pk")
    else:
        ids = [getattr(user, "pk", user) for user in users]
    recipients = User.objects.filter(pk__in=ids)
    return _fan_out(
        recipients,
        kind=kind,
        title=title,
        text=text,
        params=params,
        link=link,
        key=key,
        municipality_id=municipality.pk,
        exclude=exclude,
    )


def notify_body(
    *,
    body: Body,
    kind: str,
    title: str,
    link: str,
    key: str,
    municipality: Municipality | None = None,
    text: str = "",
    params: dict | None = None,
    roles: Iterable[str] | None = None,
    exclude: Iterable[User] = (),
) -> int:
    """Notify the body's *current* members (T4: today's seats; ended and future memberships
    receive nothing). C4: information for a body reaches all its current members. ``roles``
    narrows to some seats (e.g. only the clerk); ``exclude`` leaves people out (the actor
    themself, a member excluded under C6). One query for the members, one INSERT for all."""
    if municipality is not None and municipality.pk != body.municipality_id:
        raise ValueError("A body's notifications belong to the body's municipality (T1).")
    seats = Membership.objects.current().filter(body=body)
    if roles is not None:
        seats = seats.filter(role__in=list(roles))
    return _fan_out(
        User.objects.filter(pk__in=seats.values("user_id")),
        kind=kind,
        title=title,
        text=text,
        params=params,
        link=link,
        key=key,
        municipality_id=body.municipality_id,
        exclude=exclude,
    )


def _fan_out(
    recipients: QuerySet,
    *,
    kind,
    title,
    text,
    params,
    link,
    key,
    municipality_id,
    exclude,
) -> int:
    _check(kind=kind, title=title, text=text, link=link, key=key)
    excluded = [getattr(user, "pk", user) for user in exclude]
    with transaction.atomic():
        rows = list(
            recipients.filter(is_active=True, identity_domain__municipality_id=municipality_id)
            .exclude(pk__in=excluded)
            .annotate(delivery=_delivery("notification_preference__email_delivery"))
            .values_list("pk", "delivery")
        )
        if rows:
            _insert(rows, municipality_id, kind, title, text, params, link, key)
    return len(rows)


def _insert(rows, municipality_id, kind, title, text, params, link, key) -> None:
    notifications = [
        Notification(
            recipient_id=user_id,
            municipality_id=municipality_id,
            kind=kind,
            title=str(title),
            text=str(text),
            params=params or {},
            link=link,
            key=key,
        )
        for user_id, _delivery_choice in rows
    ]
    # One INSERT for every recipient. A row whose (recipient, key) exists already is skipped by
    # the database: a fan-out that runs twice creates nothing new.
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    # The uuids were made here, before the INSERT. Those of skipped rows match nothing, so the
    # task e-mails exactly the rows this call created.
    immediate = [
        str(n.uuid)
        for n, (_user_id, delivery) in zip(notifications, rows, strict=True)
        if delivery == EmailDelivery.IMMEDIATE
    ]
    if immediate:
        enqueue(EMAIL_TASK, uuids=immediate)


def _check(*, kind, title, text, link, key):
    if isinstance(title, Promise) or isinstance(text, Promise):
        # A lazy string would be stored in the language of whoever caused the notification.
        raise TypeError("Mark a notification's title and text with gettext_noop, not gettext_lazy.")
    if not kind or not title or not key:
        raise ValueError("A notification needs a kind, a title and a key.")
    if len(str(title)) > 200 or len(key) > 200 or len(kind) > 80:
        raise ValueError("A notification's title and key hold at most 200 characters.")
    if not link.startswith("/") or link.startswith("//"):
        raise ValueError("A notification links to a path inside the portal, e.g. '/meldingen/'.")


def _delivery(path: str):
    """The e-mail preference at ``path``, or the default where a person never chose one."""
    return Coalesce(path, Value(NotificationPreference.DEFAULT))


# --- the reader's own inbox ------------------------------------------------------------------


def notification_mark_read(*, actor: User, notification: Notification) -> bool:
    """Mark one of the actor's own notifications as read. Changes only the actor's inbox."""
    with transaction.atomic():
        changed = Notification.objects.filter(
            pk=notification.pk, recipient=actor, read_at__isnull=True
        ).update(read_at=timezone.now())
        audit_record(
            action="notification.read",
            actor=actor,
            obj=notification,
            details={"kind": notification.kind, "changed": bool(changed)},
        )
    return bool(changed)


def notifications_mark_all_read(*, actor: User) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        audit_record(action="notification.read_all", actor=actor, details={"count": count})
    return count


def notification_preference_set(*, actor: User, email_delivery: str) -> NotificationPreference:
    """How the actor receives notifications by e-mail: immediately, a daily digest, or not."""
    if email_delivery not in EmailDelivery.values:
        raise ValueError(email_delivery)
    with transaction.atomic():
        preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
            user=actor
        )
        before = preference.email_delivery
        preference.email_delivery = email_delivery
        preference.full_clean()
        preference.save()
        audit_record(
            action="notification.preference",
            actor=actor,
            obj=actor,
            details={"email_delivery": email_delivery, "before": before},
        )
    return preference


# --- e-mail (run by the worker) ----------------------------------------------------------------


def send_notification_emails(*, uuids: list[str]) -> int:
    """Task body: one e-mail per notification for people who want them immediately.

    Runs inside the outbox's transaction (``portal.background``): only notifications not yet
    e-mailed are sent, and they are marked in the same transaction, so a second run sends
    nothing. A mail server that fails halfway rolls the batch back and the task is retried; the
    messages it had accepted may then go out twice (e-mail cannot join a database transaction).
    Someone who switched to the digest meanwhile gets it there; someone who switched e-mail
    off gets none.
    """
    pending = list(
        Notification.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(uuid__in=uuids, emailed_at__isnull=True, digest_sent_at__isnull=True)
        .annotate(delivery=_delivery("recipient__notification_preference__email_delivery"))
        .filter(delivery=EmailDelivery.IMMEDIATE, recipient__is_active=True)
        .select_related("recipient", "municipality")
        .order_by("pk")
    )
    if not pending:
        return 0
    messages = [notification_email(n) for n in pending]
    get_connection().send_messages(messages)
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=timezone.now())
    return len(messages)


def send_daily_digests(*, now=None) -> int:
    """Periodic job (daily): one e-mail per person with the digest preference, listing their
    unread notifications of the last day that no e-mail has mentioned yet, then marks them.
    Idempotent: a second run finds nothing left to send. Returns the number of digests."""
    now = now or timezone.now()
    due = Notification.objects.filter(
        emailed_at__isnull=True,
        digest_sent_at__isnull=True,
        read_at__isnull=True,
        created_at__gte=now - DIGEST_LOOKBACK,
        created_at__lte=now,
    )
    user_ids = (
        due.filter(
            recipient__is_active=True,
            recipient__notification_preference__email_delivery=EmailDelivery.DIGEST,
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    sent = 0
    for user_id in list(user_ids):
        with transaction.atomic():
            rows = list(
                due.select_for_update(of=("self",), skip_locked=True)
                .filter(recipient_id=user_id)
                .select_related("recipient", "municipality")
                .order_by("created_at", "pk")
            )
            if not rows:
                continue  # another run holds them, or they were sent meanwhile
            get_connection().send_messages([digest_email(rows[0].recipient, rows)])
            Notification.objects.filter(pk__in=[n.pk for n in rows]).update(digest_sent_at=now)
        sent += 1
    return sent


def _language(user: User) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in available else settings.LANGUAGE_CODE


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _single_line(value: str) -> str:
    return " ".join(str(value).split())


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail for one notification, in the recipient's language: what happened and a link,
    nothing else (X2)."""
    user = notification.recipient
    with translation.override(_language(user)):
        title = _single_line(notification.display_title())
        context = {
            "recipient": user,
            "municipality": notification.municipality,
            "title": title,
            "text": notification.display_text(),
            "url": _absolute(notification.link),
            "inbox_url": _absolute(reverse("portal:notification_list")),
            "preferences_url": _absolute(reverse("portal:notification_preferences")),
        }
        subject = _("Melding: %(title)s") % {"title": title}
        return _message(user, subject, "emails/notification", context)


def digest_email(user: User, notifications: list[Notification]) -> EmailMultiAlternatives:
    """The daily digest: one line and a link per notification (X2)."""
    with translation.override(_language(user)):
        items = [
            {
                "title": _single_line(n.display_title()),
                "text": n.display_text(),
                "url": _absolute(n.link),
                "created_at": n.created_at,
            }
            for n in notifications
        ]
        context = {
            "recipient": user,
            "municipality": notifications[0].municipality,
            "items": items,
            "inbox_url": _absolute(reverse("portal:notification_list")),
            "preferences_url": _absolute(reverse("portal:notification_preferences")),
        }
        subject = ngettext(
            "Dagoverzicht: %(count)s nieuwe melding",
            "Dagoverzicht: %(count)s nieuwe meldingen",
            len(items),
        ) % {"count": len(items)}
        return _message(user, subject, "emails/digest", context)


def _message(user, subject, template, context) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=_single_line(subject)[:250],
        body=render_to_string(f"{template}.txt", context),
        to=[user.email],
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message
