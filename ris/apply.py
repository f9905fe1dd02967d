"""Writing one checked snapshot of the RIS (T5), inside the sync's single transaction. Each
step compares before it writes, so a second run with the same data changes nothing, and each
write leaves one audit event. Ending a seat in the RIS ends the portal membership, and with it
the access that follows from it (T4, C4)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import audit_record
from portal.constants import BodyKind, MembershipRole
from portal.models import Body, Membership

from . import links
from .client import RisError
from .constants import ProposalStatus
from .models import AgendaItem, Meeting, Person, Seat
from .parse import Snapshot

CLOSED_SESSION_KINDS = {BodyKind.RAAD, BodyKind.COMMISSIE}  # C3: art. 23 lid 4, art. 82 lid 5


class Counts:
    def __init__(self):
        self.by_kind = defaultdict(lambda: defaultdict(int))

    def add(self, kind: str, verb: str):
        if verb:
            self.by_kind[kind][verb] += 1

    def total(self, verb: str) -> int:
        return sum(kinds.get(verb, 0) for kinds in self.by_kind.values())

    def as_dict(self) -> dict:
        return {kind: dict(verbs) for kind, verbs in sorted(self.by_kind.items())}


def _save(obj, values: dict, *, created: bool) -> str:
    if not created and all(getattr(obj, name) == value for name, value in values.items()):
        return ""
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return "created" if created else "changed"


def apply_snapshot(*, municipality, snap: Snapshot, actor=None, counts: Counts) -> None:
    raad = Body.objects.filter(municipality=municipality, kind=BodyKind.RAAD).first()
    if raad is None:
        raise RisError(_("Deze gemeente heeft nog geen gemeenteraad in het portaal."))
    bodies = _bodies(municipality, snap, raad, actor, counts)
    persons = _persons(municipality, snap, actor, counts)
    _seats(raad, snap, persons, actor, counts)
    meetings = _meetings(municipality, snap, bodies, actor, counts)
    _agenda(snap, meetings, counts)
    for data in snap.motions:
        counts.add(
            "motions",
            links.motion_upsert(
                municipality=municipality,
                data=data,
                meeting=meetings.get(data["meeting"]),
                actor=actor,
            ),
        )
    for data in snap.commitments:
        counts.add(
            "commitments",
            links.commitment_upsert(
                municipality=municipality,
                data=data,
                meeting=meetings.get(data["meeting"]),
                actor=actor,
            ),
        )


def _bodies(municipality, snap, raad, actor, counts) -> dict[str, Body]:
    found = {}
    for ris_id, data in snap.bodies.items():
        body = Body.objects.filter(municipality=municipality, ris_id=ris_id).first()
        if body is None and data["kind"] != BodyKind.COMMISSIE:
            body = Body.objects.filter(municipality=municipality, kind=data["kind"]).first()
        if body is None and data["name"]:
            body = Body.objects.filter(
                municipality=municipality, kind=data["kind"], name=data["name"]
            ).first()
        created = body is None
        if created:
            if not data["name"]:
                raise RisError(_("Een commissie in het raadsinformatiesysteem heeft geen naam."))
            body = Body(municipality=municipality, kind=data["kind"], domain=raad.domain)
        values = {"ris_id": ris_id}
        if data["kind"] == BodyKind.COMMISSIE:
            values["name"] = data["name"]  # the RIS names its committees
        verb = _save(body, values, created=created)
        if verb:
            audit_record(action="ris.body_synced", actor=actor, obj=body, details={"verb": verb})
        counts.add("bodies", verb)
        found[ris_id] = body
    return found


def _persons(municipality, snap, actor, counts) -> dict[str, Person]:
    existing = {p.ris_id: p for p in Person.objects.filter(municipality=municipality)}
    for ris_id, data in snap.persons.items():
        person = existing.get(ris_id)
        created = person is None
        if created:
            person = existing[ris_id] = Person(municipality=municipality, ris_id=ris_id)
        verb = _save(person, data, created=created)
        if verb:
            audit_record(
                action="ris.person_synced", actor=actor, obj=person, details={"verb": verb}
            )
        counts.add("people", verb)
    return existing


def _seats(raad, snap, persons, actor, counts) -> None:
    """T4, T5: the raad's seats, and the memberships of people the griffie linked."""
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    listed = set()
    for data in snap.seats:
        person = persons[data["person"]]
        seat = Seat.objects.filter(person=person, ris_id=data["ris_id"]).first()
        values = {
            "body": raad,
            "role": MembershipRole.MEMBER,
            "start": data["start"],
            "end": data["end"],
        }
        _save(seat or Seat(person=person, ris_id=data["ris_id"]), values, created=seat is None)
        if person.user_id:
            listed.add(data["ris_id"])
            _membership(raad, person.user, data, actor, counts)
    # A seat the RIS no longer lists has ended there (T5): so does the membership.
    gone = (
        Membership.objects.filter(body=raad)
        .exclude(ris_id="")
        .exclude(ris_id__in=listed)
        .filter(Q(end__isnull=True) | Q(end__gt=yesterday))
    )
    for membership in gone:
        membership.end = max(yesterday, membership.start)
        membership.save(update_fields=["end", "updated_at"])
        audit_record(
            action="membership.end",
            actor=actor,
            obj=membership,
            details={"source": "ris", "end": membership.end},
        )
        counts.add("memberships", "ended")


def _membership(raad, user, data, actor, counts) -> None:
    membership = Membership.objects.filter(body=raad, ris_id=data["ris_id"]).first()
    if membership is None:
        # Adopt the seat the griffie typed before the RIS was connected (T5: never twice).
        membership = Membership.objects.filter(body=raad, user=user, ris_id="").current().first()
    created = membership is None
    if created:
        membership = Membership(body=raad, user=user, role=MembershipRole.MEMBER)
    before_end = membership.end
    verb = _save(
        membership,
        {"ris_id": data["ris_id"], "start": data["start"], "end": data["end"]},
        created=created,
    )
    if verb == "changed" and data["end"] and data["end"] != before_end:
        verb = "ended"
    if verb:
        action = "membership.end" if verb == "ended" else "membership.add"
        audit_record(
            action=action,
            actor=actor,
            obj=membership,
            details={"source": "ris", "verb": verb, "start": data["start"], "end": data["end"]},
        )
    counts.add("memberships", verb)


def _meetings(municipality, snap, bodies, actor, counts) -> dict[str, Meeting]:
    existing = {m.ris_id: m for m in Meeting.objects.filter(municipality=municipality)}
    for data in snap.meetings:
        meeting = existing.get(data["ris_id"])
        created = meeting is None
        if created:
            meeting = existing[data["ris_id"]] = Meeting(
                municipality=municipality, ris_id=data["ris_id"]
            )
        values = {k: v for k, v in data.items() if k not in ("ris_id", "body")}
        values["body"] = bodies[data["body"]]
        verb = _save(meeting, values, created=created)
        if verb:
            audit_record(
                action="ris.meeting_synced", actor=actor, obj=meeting, details={"verb": verb}
            )
        counts.add("meetings", verb)
    return existing


def _agenda(snap, meetings, counts) -> None:
    """C3: a closed agenda item of the raad or a committee proposes a closed-session entry."""
    existing = {
        (a.meeting_id, a.ris_id): a
        for a in AgendaItem.objects.filter(meeting__in=[m for m in meetings.values() if m.pk])
    }
    for data in snap.agenda_items:
        meeting = meetings[data["meeting"]]
        item = existing.get((meeting.pk, data["ris_id"]))
        created = item is None
        if created:
            item = AgendaItem(meeting=meeting, ris_id=data["ris_id"])
        values = {k: v for k, v in data.items() if k not in ("ris_id", "meeting")}
        if (
            values["closed"]
            and item.proposal == ProposalStatus.NONE
            and meeting.body.kind in CLOSED_SESSION_KINDS
        ):
            values["proposal"] = ProposalStatus.PROPOSED
            counts.add("closed_sessions", "proposed")
        verb = _save(item, values, created=created)
        if verb:
            audit_record(
                action="ris.agenda_item_synced",
                obj=item,
                municipality=meeting.municipality,
                details={"verb": verb},
            )
        counts.add("agenda_items", verb)
