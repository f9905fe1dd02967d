"""Retention of breach records (Archiefwet 1995; Selectielijst gemeenten en intergemeentelijke
organen 2020, see docs/leaks.md): kept ``LEAKS_BREACH_RETENTION_YEARS`` after the case was
closed, then flagged by a periodic job onto the municipality's destruction list; destroyed only
after the archivist approved the list, by the worker, each destruction audited. The audit trail
is never destroyed: only the breach's own rows and the files made from it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from portal.audit import audit_record
from portal.background import enqueue
from portal.models import ReportJob, User
from portal.notifications import notify_users
from portal.refusals import refusal_audited, refuse

from ..constants import CaseStatus
from ..models import Breach, BreachDestructionItem, BreachDestructionList, BreachNotification
from ..permissions import archivists, can_approve_destruction
from .common import timeline_event

#: The report kinds whose files hold a breach's facts; destroyed with the breach.
BREACH_REPORT_KINDS = ("leaks.breach_notification", "leaks.breach_letter", "leaks.weighing_record")


def retention_years() -> int:
    """*(check)* Selectielijst 2020, procestype 29, resultaat 29.1: destroy five years after
    the matter was closed (docs/leaks.md). Configurable per installation."""
    return int(getattr(settings, "LEAKS_BREACH_RETENTION_YEARS", 5))


def _years_before(moment: datetime.datetime, years: int) -> datetime.datetime:
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year - years, day=28)


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _open_list(municipality_id) -> BreachDestructionList:
    """The municipality's open (unapproved) list, locked; made when there is none."""
    found = (
        BreachDestructionList.objects.select_for_update()
        .filter(municipality_id=municipality_id, approved_at__isnull=True)
        .first()
    )
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return BreachDestructionList.objects.create(municipality_id=municipality_id)
    except IntegrityError:  # another run made it just now
        return BreachDestructionList.objects.select_for_update().get(
            municipality_id=municipality_id, approved_at__isnull=True
        )


def breach_retention_flag(*, now=None) -> int:
    """The periodic job: breaches of cases closed more than the retention period ago go onto
    their municipality's open destruction list, once (a conditional update on
    ``destruction_flagged_at``). One audit event per list it added to; the archivists are told.
    Nothing is deleted here."""
    now = now or timezone.now()
    years = retention_years()
    due = (
        Breach.objects.filter(
            destruction_flagged_at__isnull=True,
            case__status=CaseStatus.CLOSED,
            case__closed_at__lte=_years_before(now, years),
        )
        .select_related("case")
        .order_by("case__municipality_id", "case__closed_at")
    )
    by_municipality: dict[int, list[Breach]] = {}
    for breach in due:
        by_municipality.setdefault(breach.case.municipality_id, []).append(breach)
    flagged = 0
    for municipality_id, breaches in by_municipality.items():
        with transaction.atomic():
            destruction_list = _open_list(municipality_id)
            added = []
            for breach in breaches:
                if not Breach.objects.filter(
                    pk=breach.pk, destruction_flagged_at__isnull=True
                ).update(destruction_flagged_at=now):
                    continue  # flagged by a run at the same time
                closed_on = timezone.localdate(breach.case.closed_at)
                BreachDestructionItem.objects.create(
                    destruction_list=destruction_list,
                    breach_uuid=breach.uuid,
                    case=breach.case,
                    case_reference=breach.case.reference,
                    aware_on=timezone.localdate(breach.aware_at),
                    closed_on=closed_on,
                    retain_until=_years_after(closed_on, years),
                )
                added.append(breach.case.reference)
            if not added:
                continue
            flagged += len(added)
            audit_record(
                action="leaks.breach_destruction_flagged",
                actor=None,
                obj=destruction_list,
                municipality=destruction_list.municipality,
                details={"references": added, "retention_years": years},
            )
            notify_users(
                users=archivists(municipality_id),
                kind="leaks.destruction_list",
                title=gettext_noop(
                    "Er staan datalekken op de vernietigingslijst die op uw goedkeuring wachten"
                ),
                params={"count": len(added)},
                link=reverse("leaks:destruction_lists"),
                key=f"leaks.destruction_list:{destruction_list.uuid}:{now.date().isoformat()}",
                municipality=destruction_list.municipality,
            )
    return flagged


def breach_destruction_approve(
    *, actor: User, destruction_list: BreachDestructionList, now=None
) -> BreachDestructionList:
    """The archivist approves a destruction list (Archiefwet 1995 art. 3; Archiefbesluit 1995
    art. 8). From then on the database lets the breaches on it be deleted, and the worker
    destroys them (``breach_destroy``). One audit event."""
    if not can_approve_destruction(actor, destruction_list.municipality_id):
        refuse(actor=actor, action="leaks.breach_destruction_approved", obj=destruction_list)
    now = now or timezone.now()
    with (
        refusal_audited(
            actor=actor,
            action="leaks.breach_destruction_approved",
            obj=destruction_list,
            rule="L9",
        ),
        transaction.atomic(),
    ):
        destruction_list = BreachDestructionList.objects.select_for_update().get(
            pk=destruction_list.pk
        )
        if destruction_list.approved_at is not None:
            raise ValidationError(_("Deze vernietigingslijst is al goedgekeurd."), code="approved")
        references = list(destruction_list.items.values_list("case_reference", flat=True))
        if not references:
            raise ValidationError(_("Deze vernietigingslijst is leeg."), code="empty")
        destruction_list.approved_at = now
        destruction_list.approved_by = actor
        destruction_list.full_clean()
        destruction_list.save()
        enqueue("leaks.breach_destroy", list_id=destruction_list.pk)
        audit_record(
            action="leaks.breach_destruction_approved",
            actor=actor,
            obj=destruction_list,
            details={"references": references},
        )
    return destruction_list


def _destroy_item(item: BreachDestructionItem, destruction_list, now) -> bool:
    breach = Breach.objects.select_for_update().filter(uuid=item.breach_uuid).first()
    notifications = reports = 0
    if breach is not None:
        jobs = ReportJob.objects.filter(
            subject_type__app_label="leaks",
            subject_type__model="leakcase",
            subject_id=str(item.case_id),
            kind__in=BREACH_REPORT_KINDS,
        )
        files = [(job.file.storage, job.file.name) for job in jobs if job.file]
        reports = jobs.count()
        jobs.delete()
        # The database allows these deletes only because the list is approved (migration 0004).
        notifications, _kinds = BreachNotification.objects.filter(breach=breach).delete()
        breach.delete()
        for storage, name in files:
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))  # type: ignore[misc]
    item.destroyed_at = now
    item.save(update_fields=["destroyed_at", "updated_at"])
    timeline_event(
        item.case,
        actor=None,
        kind="breach_destroyed",
        summary=gettext_noop(
            "Datalekdossier vernietigd volgens de goedgekeurde vernietigingslijst (Archiefwet)"
        ),
        params={},
        at=now,
    )
    audit_record(
        action="leaks.breach_destroyed",
        actor=None,
        obj=item.case,
        details={
            "reference": item.case_reference,
            "destruction_list": str(destruction_list.uuid),
            "notifications": notifications,
            "reports": reports,
        },
    )
    return True


def breach_destroy(*, list_id: int, now=None) -> int:
    """The worker destroys what an approved list holds: per breach its notifications, the
    breach row and the report files made from it, then marks the item destroyed — one audit
    event and one timeline row per breach; the list itself, its items and the audit trail stay
    as the record of destruction. Idempotent: destroyed items are skipped; an unapproved list
    destroys nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        destruction_list = (
            BreachDestructionList.objects.select_for_update()
            .filter(pk=list_id, approved_at__isnull=False)
            .first()
        )
        if destruction_list is None:
            return 0
        destroyed = 0
        items = destruction_list.items.select_for_update(of=("self",)).filter(
            destroyed_at__isnull=True
        )
        for item in items.select_related("case"):
            destroyed += _destroy_item(item, destruction_list, now)
        if destruction_list.destroyed_at is None:
            destruction_list.destroyed_at = now
            destruction_list.save(update_fields=["destroyed_at", "updated_at"])
    return destroyed
