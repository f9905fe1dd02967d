"""Daily work of the secrecy register: the moments that pass without anyone acting."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.constants import BodyKind, MembershipRole
from portal.models import AuditEvent, Body
from portal.notifications import notify_body
from portal.registry import PeriodicJob, register_periodic

from . import hooks
from .conf import review_reminder_days
from .constants import SecrecyStatus
from .models import Exclusion, SecrecyItem
from .services.sharing import exclusion_notify

register_periodic(
    PeriodicJob(
        name="confidentiality.daily",
        at_hour=1,
        at_minute=15,
        description="Legt begin en einde van uitsluitingen vast; markeert verlopen geheimhouding.",
    )
)


def _recorded(action: str, exclusion: Exclusion) -> bool:
    return AuditEvent.objects.filter(action=action, object_id=str(exclusion.uuid)).exists()


def secrecy_daily(*, on=None) -> dict:
    """C6: audit the moment an exclusion starts and the moment it ends, and tell the member
    (access returns by itself: the selectors read the dates; this only records it). C7: mark
    items past their end date as expired and remind the griffie of reviews that come due.
    Idempotent: a second run on the same day records and sends nothing new."""
    on = on or timezone.localdate()
    counts = {"started": 0, "ended": 0, "expired": 0, "reminded": 0}
    # A month back: a missed run (a worker down for days) still records its moments.
    recent = Exclusion.objects.filter(start__lte=on, end__gte=on - timedelta(days=31))
    for exclusion in recent.select_related("member"):
        moments = [("secrecy.exclusion_started", "started")]
        if exclusion.end < on:
            moments.append(("secrecy.exclusion_ended", "ended"))
        for action, key in moments:
            with transaction.atomic():
                # Two runs at once (a second beat, a manual run, a retry on another worker)
                # would both find the moment unrecorded: the row lock makes the second wait
                # for the first's commit and then find it.
                Exclusion.objects.select_for_update().filter(pk=exclusion.pk).first()
                if _recorded(action, exclusion):
                    continue
                audit_record(
                    action=action,
                    obj=exclusion,
                    details={"member": str(exclusion.member.uuid), "on": on},
                )
                exclusion_notify(exclusion, key)
                counts[key] += 1
    for item in SecrecyItem.objects.filter(status=SecrecyStatus.ACTIVE, expires_on__lt=on):
        with transaction.atomic():
            changed = SecrecyItem.objects.filter(pk=item.pk, status=SecrecyStatus.ACTIVE).update(
                status=SecrecyStatus.EXPIRED, updated_at=timezone.now()
            )
            if changed:
                audit_record(action="secrecy.expire", obj=item, details={"on": on})
                # C7 → C11: secrecy that ends at its end date comes up for publication too.
                hooks.secrecy_ended(item, cause="expired")
                counts["expired"] += 1
    counts["reminded"] = _remind_reviews(on)
    return counts


def _remind_reviews(on) -> int:
    """C7: the clerks of the raad hear of each active item whose review date falls within the
    reminder period — once per item and review date (the notification key)."""
    due = SecrecyItem.objects.secret(on).filter(
        review_date__lte=on + timedelta(days=review_reminder_days())
    )
    raden = {
        raad.municipality_id: raad
        for raad in Body.objects.filter(
            kind=BodyKind.RAAD, municipality_id__in=due.values("municipality_id")
        ).select_related("municipality")
    }
    sent = 0
    for item in due.only("uuid", "municipality_id", "review_date"):
        raad = raden.get(item.municipality_id)
        if raad is None:
            continue
        sent += notify_body(
            body=raad,
            kind="secrecy.review_due",
            title=gettext_noop("Een geheim stuk moet uiterlijk %(date)s worden heroverwogen"),
            params={"date": item.review_date.strftime("%d-%m-%Y")},
            link=reverse("confidentiality:register_detail", kwargs={"uuid": item.uuid}),
            key=f"secrecy.review_due:{item.uuid}:{item.review_date}",
            municipality=raad.municipality,
            roles=[MembershipRole.CLERK],
        )
    return sent


@shared_task(name="confidentiality.daily", acks_late=True, ignore_result=True)
def daily():
    return secrecy_daily()
