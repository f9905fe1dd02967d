"""Leak cases' share of the scale data set (manage.py seed_scale, issue 8): per municipality a
published framework version and ``size.leak_cases`` cases in every status, each with its
opening event on the timeline, and a case team (object grants) for half of them so that the
need-to-know lists (L3) have something to narrow. Bulk inserts only."""

import datetime

from django.contrib.auth.models import Permission
from django.utils import timezone

from .constants import CaseStatus, LeakedTo
from .models import CaseEvent, FrameworkVersion, LeakCase, LeakCaseUserObjectPermission

STATUSES = [CaseStatus.REPORTED, CaseStatus.WEIGHING, CaseStatus.MEASURES, CaseStatus.CLOSED]


def seed_cases(scale, size, *, progress) -> int:
    municipality = scale.municipality
    now = timezone.now()
    version, _ = FrameworkVersion.objects.get_or_create(
        municipality=municipality,
        number=1,
        defaults={
            "title": "Afwegingskader informatielekken",
            "dated": datetime.date(2020, 3, 11),
            "published_at": now,
        },
    )
    reporters = scale.staff.get("civil_servant") or scale.clerks
    team = (scale.staff.get("privacy_officer") or [])[:1] + (scale.staff.get("management") or [])[
        :1
    ]
    cases = LeakCase.objects.bulk_create(
        LeakCase(
            municipality=municipality,
            reference=f"LEK-{n:05d}",
            framework_version=version,
            title=f"Uitgelekte notitie {n}",
            what_leaked="Een vertrouwelijke notitie aan het college",
            leaked_to=LeakedTo.values[n % len(LeakedTo.values)],
            discovered_at=now - datetime.timedelta(hours=5 * n),
            discovered_how="Bericht in de lokale krant",
            reported_by=reporters[n % len(reporters)],
            personal_data=n % 3 == 0,
            status=STATUSES[n % len(STATUSES)],
            closed_at=now - datetime.timedelta(hours=n) if n % len(STATUSES) == 3 else None,
        )
        for n in range(size.leak_cases)
    )
    CaseEvent.objects.bulk_create(
        CaseEvent(
            case=case,
            at=case.discovered_at,
            actor=case.reported_by,
            kind="case.reported",
            summary="Gemeld",
        )
        for case in cases
    )
    view = Permission.objects.get(content_type__app_label="leaks", codename="view_leakcase")
    LeakCaseUserObjectPermission.objects.bulk_create(
        LeakCaseUserObjectPermission(user=member, permission=view, content_object=case)
        for case in cases[::2]
        for member in team
    )
    progress(f"leak cases {municipality.slug}", len(cases), size.leak_cases)
    return len(cases)
    return len(cases)
