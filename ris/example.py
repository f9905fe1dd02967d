"""A small council information system in the shape of the VNG ORI API (2.0.0-beta): two
raadsleden and a burgerlid, a council meeting with a closed agenda item, a committee meeting, a
motion, an amendment and a commitment. The tests serve it from a local HTTP server; the demo
serves it from the portal itself (demo mode only), so that ``bin/demo`` shows synced data."""

from __future__ import annotations

import datetime

YEAR = 2026


def _ref(base: str, path: str, ident: str) -> dict:
    return {"url": f"{base}{path}/{ident}", "id": ident}


def collections(base: str, *, today: datetime.date | None = None) -> dict[str, list]:
    """Every collection the sync reads, keyed by its ORI path; ``base`` ends with a slash."""
    today = today or datetime.date.today()
    meeting_day = today - datetime.timedelta(days=25)
    committee_day = today - datetime.timedelta(days=32)

    def person(ident, last, initials, function):
        return {
            "url": f"{base}natuurlijkpersonen/{ident}",
            "id": ident,
            "functie": function,
            "naamNatuurlijkPersoon": {"achternaam": last, "voorletters": initials},
        }

    def seat(ident, who, begin, end=None):
        seat = {
            "url": f"{base}fractielidmaatschappen/{ident}",
            "id": ident,
            "fractie": _ref(base, "fracties", "fractie-a"),
            "natuurlijkPersoon": _ref(base, "natuurlijkpersonen", who),
            "datumBeginFractieLidmaatschap": f"{begin}T00:00:00+01:00",
            "indicatieVoorzitter": False,
        }
        if end:
            seat["datumEindeFractieLidmaatschap"] = f"{end}T00:00:00+01:00"
        return seat

    def at(day, hour, minute=0):
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+01:00"

    def item(ident, meeting, number, title, day, start, end, closed=False):
        return {
            "url": f"{base}agendapunten/{ident}",
            "id": ident,
            "vergadering": _ref(base, "vergaderingen", meeting),
            "agendapuntKenmerk": number,
            "agendapuntvolgnummer": number,
            "agendapuntTitel": title,
            "indicatorBesloten": closed,
            "starttijd": at(day, *start),
            "eindtijd": at(day, *end),
        }

    def document(ident, kind, title, meeting, day, text):
        return {
            "url": f"{base}informatieobjecten/{ident}",
            "id": ident,
            "informatieobjecttype": kind,
            "titel": title,
            "datumIngediend": day.isoformat(),
            "inhoud": text,
            "vergaderingen": [_ref(base, "vergaderingen", meeting)],
        }

    return {
        "natuurlijkpersonen": [
            person("np-1", "Vries", "A. de", "raadslid"),
            person("np-2", "Jansen", "B.", "raadslid"),
            person("np-3", "Bakker", "C.", "burgerlid"),
        ],
        "fractielidmaatschappen": [
            seat("fl-1", "np-1", "2022-03-30"),
            seat("fl-2", "np-2", "2022-03-30"),
            seat("fl-3", "np-3", "2022-03-30"),
        ],
        "vergaderingen": [
            {
                "url": f"{base}vergaderingen/vg-1",
                "id": "vg-1",
                "vergaderingstype": "raadsvergadering",
                "georganiseerdDoorGremium": {
                    "gremiumidentificatie": "raad",
                    "gremiumnaam": "Gemeenteraad",
                },
                "naam": "Raadsvergadering",
                "vergaderdatum": meeting_day.isoformat(),
                "aanvangVergadering": at(meeting_day, 19, 30),
                "status": "gehouden",
                "locatie": "Raadszaal",
            },
            {
                "url": f"{base}vergaderingen/vg-2",
                "id": "vg-2",
                "vergaderingstype": "commissievergadering",
                "georganiseerdDoorGremium": {
                    "gremiumidentificatie": "cie-bm",
                    "gremiumnaam": "Commissie Bestuur en Middelen",
                },
                "naam": "Commissie Bestuur en Middelen",
                "vergaderdatum": committee_day.isoformat(),
                "status": "gehouden",
            },
        ],
        "agendapunten": [
            item("ap-1", "vg-1", "1", "Opening en mededelingen", meeting_day, (19, 30), (19, 31)),
            item("ap-2", "vg-1", "2", "Begroting zwembad", meeting_day, (19, 31), (19, 33)),
            item(
                "ap-3",
                "vg-1",
                "3",
                "Grondaankoop bedrijventerrein De Vaart",
                meeting_day,
                (19, 33),
                (19, 35),
                closed=True,
            ),
            item("ap-4", "vg-2", "1", "Opening", committee_day, (20, 0), (20, 5)),
        ],
        "informatieobjecten": [
            document(
                "mo-1",
                "motie",
                "Zwembad open houden",
                "vg-1",
                meeting_day,
                "verzoekt het college het zwembad open te houden tot de nieuwbouw klaar is.",
            ),
            document(
                "am-1",
                "amendement",
                "Dekking zwembad uit de reserve",
                "vg-1",
                meeting_day,
                "besluit de dekking te vinden in de algemene reserve.",
            ),
            document(
                "tz-1",
                "toezegging",
                "Evaluatie parkeerbeleid voor de zomer",
                "vg-1",
                meeting_day,
                "De wethouder stuurt de evaluatie van het parkeerbeleid voor de zomer.",
            ),
            document(
                "rv-1", "voorstel", "Raadsvoorstel begroting zwembad", "vg-1", meeting_day, "…"
            ),
        ],
        "indieners": [
            {
                "url": f"{base}indieners/in-1",
                "id": "in-1",
                "naam": "A. de Vries (Partij A)",
                "informatieobject": f"{base}informatieobjecten/mo-1",
                "natuurlijkPersoon": _ref(base, "natuurlijkpersonen", "np-1"),
            },
            {
                "url": f"{base}indieners/in-2",
                "id": "in-2",
                "naam": "B. Jansen (Partij B)",
                "informatieobject": f"{base}informatieobjecten/am-1",
            },
        ],
        "stemmingen": [
            {
                "url": f"{base}stemmingen/st-1",
                "id": "st-1",
                "agendapunt": _ref(base, "agendapunten", "ap-2"),
                "informatieobject": _ref(base, "informatieobjecten", "mo-1"),
                "resultaatMondelingeStemming": "voor",
            },
            {
                "url": f"{base}stemmingen/st-2",
                "id": "st-2",
                "agendapunt": _ref(base, "agendapunten", "ap-2"),
                "informatieobject": _ref(base, "informatieobjecten", "am-1"),
                "resultaatMondelingeStemming": "tegen",
            },
        ],
    }
