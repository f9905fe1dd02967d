"""From ORI objects to what the portal keeps, checked before anything is written (T5): an
object without the fields the specification requires, or pointing to something the RIS did not
list, is nonsense, and the whole sync stops with a message that names it."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from .client import RisError
from .constants import BODY_KIND_OF_MEETING_TYPE, COUNCIL_FUNCTIONS

MOTION_TYPES = {"motie", "amendement"}
COMMITMENT_TYPE = "toezegging"


def nonsense(what: str, obj) -> RisError:
    ident = obj.get("id") if isinstance(obj, dict) else None
    return RisError(
        _("Het raadsinformatiesysteem gaf een onbruikbaar object terug: %(what)s (%(id)s).")
        % {"what": what, "id": str(ident or "?")[:40]}
    )


def ident(obj, what: str) -> str:
    value = obj.get("id") if isinstance(obj, dict) else None
    if not isinstance(value, str) or not 0 < len(value) <= 40:
        raise nonsense(what, obj)
    return value


def ref(value) -> str:
    """A VerwijzingNaarResource ({url, id}) or a plain URL reference: the id it names."""
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"][:40]
    if isinstance(value, str) and value:
        return value.rstrip("/").rsplit("/", 1)[-1][:40]
    return ""


def day(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError(value)
    moment = parse_datetime(value) if "T" in value else None
    parsed = moment.date() if moment else parse_date(value[:10])
    if parsed is None:
        raise ValueError(value)
    return parsed


def moment(value) -> datetime.datetime | None:
    if value in (None, ""):
        return None
    parsed = parse_datetime(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(value)
    return parsed


def text(obj, key: str, limit: int) -> str:
    value = obj.get(key) or ""
    return value.strip()[:limit] if isinstance(value, str) else ""


@dataclass
class Snapshot:
    """Everything one sync read, checked and shaped."""

    persons: dict[str, dict] = field(default_factory=dict)
    seats: list[dict] = field(default_factory=list)
    bodies: dict[str, dict] = field(default_factory=dict)
    meetings: list[dict] = field(default_factory=list)
    agenda_items: list[dict] = field(default_factory=list)
    motions: list[dict] = field(default_factory=list)
    commitments: list[dict] = field(default_factory=list)


def person_name(obj) -> str:
    name = obj.get("naamNatuurlijkPersoon")
    if not isinstance(name, dict) or not name.get("achternaam"):
        raise nonsense(_("persoon zonder achternaam"), obj)
    if name.get("volledigeNaam"):
        return str(name["volledigeNaam"])[:300]
    parts = [name.get("voorletters") or name.get("voornamen"), name.get("tussenvoegsel")]
    return " ".join(str(p) for p in [*parts, name["achternaam"]] if p)[:300]


def snapshot(raw: dict[str, list]) -> Snapshot:
    try:
        return _snapshot(raw)
    except (ValueError, TypeError, AttributeError) as exc:
        raise RisError(
            _("Het raadsinformatiesysteem gaf een onbruikbare waarde terug (%(value)s).")
            % {"value": str(exc)[:60]}
        ) from None


def _snapshot(raw: dict[str, list]) -> Snapshot:
    snap = Snapshot()
    for obj in raw["persons"]:
        snap.persons[ident(obj, _("persoon"))] = {
            "name": person_name(obj),
            "function": text(obj, "functie", 40),
        }
    for obj in raw["group_memberships"]:
        person = ref(obj.get("natuurlijkPersoon"))
        if person not in snap.persons:
            raise nonsense(_("fractielidmaatschap van een onbekende persoon"), obj)
        if snap.persons[person]["function"] not in COUNCIL_FUNCTIONS:
            continue
        start = day(obj.get("datumBeginFractieLidmaatschap"))
        if start is None:
            raise nonsense(_("fractielidmaatschap zonder begin"), obj)
        snap.seats.append(
            {
                "ris_id": ident(obj, _("fractielidmaatschap")),
                "person": person,
                "start": start,
                "end": day(obj.get("datumEindeFractieLidmaatschap")),
            }
        )
    meeting_ids = set()
    for obj in raw["meetings"]:
        meeting_id = ident(obj, _("vergadering"))
        kind = BODY_KIND_OF_MEETING_TYPE.get(obj.get("vergaderingstype"))
        gremium = obj.get("georganiseerdDoorGremium") or {}
        if kind is None:
            continue  # provincial and water board meetings are not this portal's
        gremium_id = str(gremium.get("gremiumidentificatie") or kind)[:40]
        snap.bodies.setdefault(
            gremium_id, {"kind": kind, "name": text(gremium, "gremiumnaam", 200)}
        )
        date = day(obj.get("vergaderdatum")) or day(obj.get("geplandeVergaderdatum"))
        starts_at = moment(obj.get("aanvangVergadering")) or moment(
            obj.get("geplandeAanvangVergadering")
        )
        date = date or (starts_at.date() if starts_at else None)
        if date is None:
            raise nonsense(_("vergadering zonder datum"), obj)
        meeting_ids.add(meeting_id)
        snap.meetings.append(
            {
                "ris_id": meeting_id,
                "body": gremium_id,
                "name": text(obj, "naam", 200) or snap.bodies[gremium_id]["name"] or kind,
                "date": date,
                "starts_at": starts_at,
                "status": text(obj, "status", 20),
                "location": text(obj, "locatie", 200),
            }
        )
    for index, obj in enumerate(raw["agenda_items"]):
        meeting = ref(obj.get("vergadering"))
        if meeting not in meeting_ids:
            raise nonsense(_("agendapunt van een onbekende vergadering"), obj)
        number = str(obj.get("agendapuntvolgnummer") or "")
        snap.agenda_items.append(
            {
                "ris_id": ident(obj, _("agendapunt")),
                "meeting": meeting,
                "position": int(number) if number.isdigit() else index,
                "label": text(obj, "agendapuntKenmerk", 20),
                "title": text(obj, "agendapuntTitel", 300) or _("(zonder titel)"),
                "closed": obj.get("indicatorBesloten") is True,
                "starts_at": moment(obj.get("starttijd")),
                "ends_at": moment(obj.get("eindtijd")),
            }
        )
    submitters: dict[str, list[str]] = {}
    for obj in raw["submitters"]:
        document = ref(obj.get("informatieobject"))
        name = text(obj, "naam", 200)
        if document and name:
            submitters.setdefault(document, []).append(name)
    votes = {
        ref(obj.get("informatieobject")): obj.get("resultaatMondelingeStemming")
        for obj in raw["votes"]
    }
    for obj in raw["documents"]:
        kind = obj.get("informatieobjecttype")
        if kind not in MOTION_TYPES and kind != COMMITMENT_TYPE:
            continue
        doc_id = ident(obj, _("informatieobject"))
        meetings = [ref(m) for m in obj.get("vergaderingen") or []]
        meeting = next((m for m in meetings if m in meeting_ids), "")
        shaped = {
            "ris_id": doc_id,
            "kind": kind,
            "title": text(obj, "titel", 300) or _("(zonder titel)"),
            "meeting": meeting,
            "date": day(obj.get("datumIngediend")) or day(obj.get("creatiedatum")),
            "text": text(obj, "inhoud", 20000) or text(obj, "omschrijving", 20000),
            "submitters": ", ".join(submitters.get(doc_id, []))[:500],
            "vote": votes.get(doc_id),
        }
        (snap.motions if kind in MOTION_TYPES else snap.commitments).append(shaped)
    return snap
