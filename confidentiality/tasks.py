"""Daily work of the secrecy register: the moments that pass without anyone acting."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.background import PeriodicJob, register_periodic
from portal.models import AuditEvent

from .constants import SecrecyStatus
from .models import Exclusion, SecrecyItem

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
    """C6: audit the moment an exclusion starts and the moment it ends (access returns by itself:
    the selectors read the dates; this only records it). C7: mark items past their end date as
    expired. Idempotent: a second run on the same day records nothing new."""
    on = on or timezone.localdate()
    counts = {"started": 0, "ended": 0, "expired": 0}
    # A month back: a missed run (a worker down for days) still records its moments.
    recent = Exclusion.objects.filter(start__lte=on, end__gte=on - timedelta(days=31))
    for exclusion in recent.select_related("member"):
        moments = [("secrecy.exclusion_started", "started")]
        if exclusion.end < on:
            moments.append(("secrecy.exclusion_ended", "ended"))
        for action, key in moments:
            with transaction.atomic():
                if _recorded(action, exclusion):
                    continue
                audit_record(
                    action=action,
                    obj=exclusion,
                    details={"member": str(exclusion.member.uuid), "on": on},
                )
                counts[key] += 1
    for item in SecrecyItem.objects.filter(status=SecrecyStatus.ACTIVE, expires_on__lt=on):
        with transaction.atomic():
            changed = SecrecyItem.objects.filter(pk=item.pk, status=SecrecyStatus.ACTIVE).update(
                status=SecrecyStatus.EXPIRED, updated_at=timezone.now()
            )
            if changed:
                audit_record(action="secrecy.expire", obj=item, details={"on": on})
                counts["expired"] += 1
    return counts


@shared_task(name="confidentiality.daily", acks_late=True, ignore_result=True)
def daily():
    return secrecy_daily()
