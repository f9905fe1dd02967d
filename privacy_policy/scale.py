"""Motions' share of the scale data set (manage.py seed_scale, issue 8): per municipality
``size.motions`` motions with three assignments each (2,000 and 6,000 at full size), in every
state the council list shows — done, in progress, overdue, new. Bulk inserts only."""

import datetime

from .constants import ItemStatus, MotionStatus
from .models import Assignment, Motion

BATCH = 2_000
ASSIGNMENTS_PER_MOTION = 3
TOPICS = [
    "Privacy bij big data",
    "Informatieveiligheid",
    "Digitale inclusie",
    "Cameratoezicht",
    "Open data",
    "Archivering",
]


def seed_motions(scale, size, *, progress) -> int:
    municipality = scale.municipality
    clerk = scale.clerks[0]
    owners = scale.staff.get("civil_servant") or [clerk]
    today = datetime.date.today()
    total = size.motions
    for start in range(0, total, BATCH):
        numbers = range(start, min(total, start + BATCH))
        motions = Motion.objects.bulk_create(
            Motion(
                municipality=municipality,
                number=f"M{n:05d}",
                title=f"{TOPICS[n % len(TOPICS)]} ({n})",
                meeting=f"Raadsvergadering {n % 24 + 1}",
                meeting_date=today - datetime.timedelta(days=7 * (n % 200)),
                submitters="Fractie A, Fractie B",
                status=MotionStatus.ADOPTED,
                text="Verzoekt het college ...",
                created_by=clerk,
            )
            for n in numbers
        )
        assignments = []
        for n, motion in zip(numbers, motions, strict=True):
            for k in range(1, ASSIGNMENTS_PER_MOTION + 1):
                state = (n + k) % 4  # done, in progress, overdue (in progress, past), new
                deadline = motion.meeting_date + datetime.timedelta(days=120 * k)
                if state == 2:
                    deadline = today - datetime.timedelta(days=1 + n % 60)
                assignments.append(
                    Assignment(
                        municipality=municipality,
                        motion=motion,
                        number=k,
                        description=f"Opdracht {k} bij {motion.number}",
                        owner_department="Informatievoorziening",
                        owner=owners[(n + k) % len(owners)],
                        deadline=deadline,
                        status=(
                            ItemStatus.DONE
                            if state == 0
                            else ItemStatus.NEW
                            if state == 3
                            else ItemStatus.IN_PROGRESS
                        ),
                        accepted_on=deadline if state == 0 else None,
                        acceptance_reference=f"RB-{motion.number}-{k}" if state == 0 else "",
                    )
                )
        Assignment.objects.bulk_create(assignments)
        progress(f"motions {municipality.slug}", numbers.stop, total)
    return total
