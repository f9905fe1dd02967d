"""Daily oversight of motions and commitments (P4): reminders to owners before the deadline
and once it has passed. Idempotent: a notification's key holds the item and its deadline, so a
second run (or a run twice at once) sends nothing new and records nothing new."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.models import Notification
from portal.registry import PeriodicJob, register_periodic

from .constants import DUE_SOON_DAYS, ItemStatus
from .models import Assignment, Commitment
from .services.notify import notification_key, notify_owner

register_periodic(
    PeriodicJob(
        name="privacy_policy.daily",
        at_hour=6,
        at_minute=30,
        description="Herinnert eigenaren aan opdrachten en toezeggingen die bijna of te laat zijn.",
    )
)


def is_overdue(deadline, on) -> bool:
    """P4: overdue from the day after the deadline; on the deadline itself it is still on time."""
    return deadline < on


def reminders_due(*, on=None) -> list[tuple[object, str]]:
    """Open items with an owner whose deadline is near (``due_soon``) or passed (``overdue``)."""
    on = on or timezone.localdate()
    due = []
    for model in (Assignment, Commitment):
        items = (
            model.objects.exclude(status=ItemStatus.DONE)
            .filter(owner__isnull=False, deadline__lte=on + timedelta(days=DUE_SOON_DAYS))
            .select_related("owner", "municipality")
        )
        if model is Assignment:
            items = items.select_related("motion")
        for item in items:
            due.append((item, "overdue" if is_overdue(item.deadline, on) else "due_soon"))
    return due


def send_reminders(*, on=None) -> dict:
    """P4: notify each owner once per item, deadline and kind of reminder; one audit event per
    reminder actually sent."""
    on = on or timezone.localdate()
    counts = {"due_soon": 0, "overdue": 0}
    due = reminders_due(on=on)
    keys = [notification_key(item, what) for item, what in due]
    sent_before = set(Notification.objects.filter(key__in=keys).values_list("key", flat=True))
    for item, what in due:
        key = notification_key(item, what)
        if key in sent_before:
            continue
        with transaction.atomic():
            # Re-checked under a lock: two runs at once send one reminder.
            locked = type(item).objects.select_for_update().filter(pk=item.pk).first()
            if locked is None or Notification.objects.filter(key=key).exists():
                continue
            notify_owner(item, item.owner, what)
            audit_record(
                action=f"privacy_policy.reminder_{what}",
                obj=item,
                municipality=item.municipality,
                details={"owner": str(item.owner.uuid), "deadline": item.deadline, "on": on},
            )
            counts[what] += 1
    return counts


@shared_task(name="privacy_policy.daily", acks_late=True, ignore_result=True)
def daily():
    return send_reminders()
