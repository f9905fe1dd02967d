"""Background work of Woo publication: the concept made after secrecy ends (C11), and the
daily job — reminders of Woo requests' deadlines (C12) and a sweep for items whose secrecy
ended without a task (a missed hook, or an item that ended before this app was installed)."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.constants import BodyKind, MembershipRole
from portal.models import Body, Notification
from portal.notifications import notify_body
from portal.registry import PeriodicJob, background_task, register_periodic

from . import services, sources
from .conf import reminder_days
from .constants import ReleaseCause
from .models import ReleaseTask, WooRequest

register_periodic(
    PeriodicJob(
        name="publications.daily",
        at_hour=1,
        at_minute=45,
        description="Herinnert aan de beslistermijn van Woo-verzoeken; zet publicatietaken klaar.",
    )
)


@background_task("publications.release_prepare")
def release_prepare(*, item_id: int, cause: str):
    """C11: the concept publication and its clean copies (pikepdf: not in a web request)."""
    services.release_prepare(item_id=item_id, cause=cause)


def publications_daily(*, on=None) -> dict:
    """C12: remind the griffie of Woo requests before their deadline (each reminder once per
    request, deadline and lead time) and once when it has passed. C11: a task for every item of
    the register whose secrecy ended and that has none yet. Idempotent."""
    on = on or timezone.localdate()
    counts = {"reminded": _remind(on), "prepared": 0}
    ended = (
        sources.SecrecyItem.objects.exclude(pk__in=sources.items_still_secret(on).values("pk"))
        .exclude(pk__in=ReleaseTask.objects.values("item_id"))
        .values_list("pk", "status")
    )
    for item_id, status in ended.iterator():
        cause = (
            ReleaseCause.LIFTED if status == sources.SecrecyStatus.LIFTED else ReleaseCause.EXPIRED
        )
        if services.release_prepare(item_id=item_id, cause=cause) is not None:
            counts["prepared"] += 1
    return counts


def _remind(on) -> int:
    days = reminder_days()
    if not days:
        return 0
    due = WooRequest.objects.open().filter(deadline__lte=on + datetime.timedelta(days=days[0]))
    raden = {
        raad.municipality_id: raad
        for raad in Body.objects.filter(
            kind=BodyKind.RAAD, municipality_id__in=due.values("municipality_id")
        ).select_related("municipality")
    }
    sent = 0
    for request in due.only("uuid", "municipality_id", "deadline"):
        raad = raden.get(request.municipality_id)
        if raad is None:
            continue
        left = (request.deadline - on).days
        if left < 0:
            moment, title = (
                "overdue",
                gettext_noop(
                    "De beslistermijn van een Woo-verzoek om een geheim stuk is verstreken "
                    "(%(date)s)"
                ),
            )
        else:
            moment = str(min(d for d in days if left <= d))
            title = gettext_noop(
                "Een Woo-verzoek om een geheim stuk moet uiterlijk %(date)s zijn beslist"
            )
        key = f"woo.request_due:{request.uuid}:{request.deadline}:{moment}"
        if Notification.objects.filter(key=key, municipality_id=request.municipality_id).exists():
            continue  # sent on an earlier run (the key also keeps a second fan-out out)
        sent += notify_body(
            body=raad,
            kind="woo.request_due",
            title=title,
            params={"date": request.deadline.strftime("%d-%m-%Y")},
            link=reverse("publications:request_detail", kwargs={"uuid": request.uuid}),
            key=key,
            municipality=raad.municipality,
            roles=[MembershipRole.CLERK],
        )
    return sent


@shared_task(name="publications.daily", acks_late=True, ignore_result=True)
def daily():
    return publications_daily()
