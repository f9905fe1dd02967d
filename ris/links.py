"""The one place where ``ris`` reaches into other domain apps (like ``leaks.links``): motions
and commitments of ``privacy_policy`` (P1, P3) and the closed sessions of ``confidentiality``
(C3). What the RIS owns is written here; the follow-up stays with those apps' own services."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from confidentiality.constants import WooGround
from confidentiality.services import closed_session_register
from portal.audit import audit_record
from privacy_policy.constants import MotionStatus
from privacy_policy.models import Commitment, Motion

#: ORI ``StemmingResultaat`` → the motion's status (P1). A tie is voted on again: still submitted.
STATUS_OF_VOTE = {"voor": MotionStatus.ADOPTED, "tegen": MotionStatus.REJECTED}

#: P3: a commitment from the RIS gets a first deadline the griffie can move (the follow-up is
#: the portal's; ORI has no termijn).
COMMITMENT_FIRST_TERM = datetime.timedelta(days=90)

GROUND_CHOICES = WooGround.choices


def _upsert(model, *, municipality, ris_id: str, values: dict, create: dict, action: str, actor):
    obj = model.objects.select_for_update().filter(municipality=municipality, ris_id=ris_id).first()
    if obj is None:
        obj = model(municipality=municipality, ris_id=ris_id, **values, **create)
        obj.full_clean()
        obj.save()
        audit_record(action=f"{action}.register", actor=actor, obj=obj, details={"source": "ris"})
        return "created"
    changed = {f: [str(getattr(obj, f)), str(v)] for f, v in values.items() if getattr(obj, f) != v}
    if not changed:
        return ""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    audit_record(
        action=f"{action}.update",
        actor=actor,
        obj=obj,
        details={"source": "ris", "changed": changed},
    )
    return "changed"


def motion_upsert(*, municipality, data: dict, meeting, actor=None) -> str:
    """P1, T5: a motion or amendment of the RIS as the portal's motion; the RIS's fields only."""
    title = data["title"]
    if data["kind"] == "amendement":
        title = (_("Amendement: %(title)s") % {"title": title})[:300]
    meeting_date = meeting.date if meeting else data["date"]
    if meeting_date is None:
        return ""  # a motion is filed under its meeting's date (P1); without one it waits
    values = {
        "number": data["ris_id"][:20],
        "title": title,
        "meeting": (meeting.name if meeting else "")[:200] or "–",
        "meeting_date": meeting_date,
        "submitters": data["submitters"] or "–",
        "status": STATUS_OF_VOTE.get(data["vote"], MotionStatus.SUBMITTED),
        "text": data["text"] or data["title"],
    }
    return _upsert(
        Motion,
        municipality=municipality,
        ris_id=data["ris_id"],
        values=values,
        create={},
        action="motion",
        actor=actor,
    )


def commitment_upsert(*, municipality, data: dict, meeting, actor=None) -> str:
    """P3, T5: a toezegging of the RIS as the portal's commitment."""
    made_on = data["date"] or (meeting.date if meeting else None)
    if made_on is None:
        return ""
    values = {
        "number": data["ris_id"][:20],
        "title": data["title"],
        "meeting": (meeting.name if meeting else "")[:200] or "–",
        "made_on": made_on,
        "description": data["text"] or data["title"],
    }
    return _upsert(
        Commitment,
        municipality=municipality,
        ris_id=data["ris_id"],
        values=values,
        create={"deadline": made_on + COMMITMENT_FIRST_TERM},
        action="commitment",
        actor=actor,
    )


def closed_session_confirm(*, actor, agenda_item, grounds, review_date, reference: str):
    """C3: the griffie confirms that a closed agenda item was a closed session; the secrecy
    register records it with its own service (which checks the griffie's permission)."""
    meeting = agenda_item.meeting
    return closed_session_register(
        actor=actor,
        body=meeting.body,
        date=meeting.date,
        grounds=grounds,
        review_date=review_date,
        reference=reference,
        minutes_subject=_("Verslag besloten agendapunt %(label)s %(title)s, %(meeting)s")
        % {"label": agenda_item.label, "title": agenda_item.title, "meeting": meeting},
    )
