"""Demo content (seed_demo): the afwegingskader informatielekken version 1 of 11-3-2020 (seed
002: an internal work instruction, known to the CMT and the college) and three cases, one of
them linked to the secret item of the register that leaked (L2), so that the case page with its
access trace (L6) is part of the demo. Idempotent (update_or_create), like the core seed."""

import datetime

from django.utils import timezone

from .constants import CaseStatus, LeakedTo, PoliceOutcome, TrackChoice, TrackKind

FRAMEWORK_V1 = {
    "title": "Afwegingskader informatielekken",
    "dated": datetime.date(2020, 3, 11),
    "introduction": (
        "Te gebruiken bij (een vermoeden van) lekken van vertrouwelijke informatie of "
        "vertrouwelijke interne berichten naar derden (externe partijen of de pers). Per casus "
        "kunnen de feiten en omstandigheden verschillen; daarom zijn er geen standaardacties, "
        "maar wordt per stap afgewogen wat te doen. Kaders: Ambtenarenwet 2017, ambtseed, "
        "arbeidsovereenkomst, Gedragscode ambtelijke integriteit, Protocol internet, e-mail en "
        "social media gebruik."
    ),
    "steps": [
        (
            "Feiten vaststellen",
            "Leg vast wat bekend is, zonder conclusies over een bron.",
            [
                ("Welke informatie is gelekt en hoe vertrouwelijk was zij?", ""),
                (
                    "Aan wie is de informatie gelekt: de pers, een externe partij, sociale media?",
                    "",
                ),
                ("Wanneer en hoe is het lek ontdekt, en door wie is het gemeld?", ""),
            ],
        ),
        (
            "Belangen en gevolgen wegen",
            "Weeg de schade tegen de gevolgen van een onderzoek voor de organisatie.",
            [
                ("Welke schade ontstaat voor de gemeente, betrokkenen of derden?", ""),
                (
                    "Zijn persoonsgegevens betrokken?",
                    "Zo ja: open het datalekspoor; de meldtermijn van 72 uur loopt (AVG art. 33).",
                ),
                ("Staat een onderzoek in verhouding tot de ernst van het lek?", ""),
            ],
        ),
        (
            "Kring van betrokkenen",
            "Wie had de informatie? Gebruik het toegangsspoor van gekoppelde geheime stukken.",
            [
                ("Wie had vóór het lek toegang tot de informatie?", ""),
                (
                    "Is er een vermoeden over de bron, en rust het op feiten?",
                    "Leg een vermoedelijke bron alleen vast als het zaakteam dat moet weten.",
                ),
            ],
        ),
        (
            "Sporen kiezen",
            "Besluit per spoor, met datum, besluitvormer en motivering.",
            [
                ("Is de melder of bron mogelijk een klokkenluider?", ""),
                ("Is aangifte zinvol, gezien wat bewezen kan worden?", ""),
            ],
        ),
        (
            "Communiceren",
            "Bepaal wie wat hoort: CMT, college, raad, pers.",
            [("Wie informeren we, wanneer en hoe (openbaar of onder geheimhouding)?", "")],
        ),
    ],
    "tracks": {
        TrackKind.INTERNAL_INQUIRY: "Alleen als het onderzoek proportioneel is.",
        TrackKind.INTEGRITY: (
            "Betrek de integriteitsfunctionaris; disciplinair traject op grond van de "
            "Ambtenarenwet 2017, de ambtseed en de gedragscode."
        ),
        TrackKind.WHISTLEBLOWER: (
            "Toets vóór een disciplinair traject of de Wet bescherming klokkenluiders "
            "(sinds 18-2-2023) bescherming biedt."
        ),
        TrackKind.POLICE_REPORT: (
            "Art. 272 Sr: opzettelijk schenden van een geheim. Leg datum, kenmerk en uitkomst "
            "(bijvoorbeeld sepot met reden) vast."
        ),
        TrackKind.INFORM_COUNCIL: "Openbaar, of onder geheimhouding met een geheim stuk.",
        TrackKind.PRESS_RESPONSE: "Eén woordvoerder; geen uitspraken over personen.",
    },
}


def seed_framework(municipality):
    from .models import Consideration, FrameworkStep, FrameworkTrack, FrameworkVersion

    version, _ = FrameworkVersion.objects.update_or_create(
        municipality=municipality,
        number=1,
        defaults={
            "title": FRAMEWORK_V1["title"],
            "dated": FRAMEWORK_V1["dated"],
            "introduction": FRAMEWORK_V1["introduction"],
        },
    )
    for order, (title, guidance, considerations) in enumerate(FRAMEWORK_V1["steps"], start=1):
        step, _ = FrameworkStep.objects.update_or_create(
            version=version, order=order, defaults={"title": title, "guidance": guidance}
        )
        for c_order, (question, c_guidance) in enumerate(considerations, start=1):
            Consideration.objects.update_or_create(
                step=step, order=c_order, defaults={"question": question, "guidance": c_guidance}
            )
    for kind, guidance in FRAMEWORK_V1["tracks"].items():
        FrameworkTrack.objects.update_or_create(
            version=version, kind=kind, defaults={"guidance": guidance}
        )
    if version.published_at is None:
        version.published_at = timezone.make_aware(datetime.datetime(2020, 3, 18, 9, 0))
        version.save(update_fields=["published_at", "updated_at"])
    return version


def seed_demo(municipality, users, bodies):
    from guardian.shortcuts import assign_perm

    from .models import CaseEvent, LeakCase, TrackDecision

    version = seed_framework(municipality)
    reporter = users.get("ambtenaar")
    privacy = users.get("privacy")
    if reporter is None or privacy is None:
        return
    now = timezone.now()
    closed, created = LeakCase.objects.get_or_create(
        municipality=municipality,
        reference="LEK-2020-001",
        defaults={
            "framework_version": version,
            "title": "Raadsmededeling over aangifte in de pers",
            "what_leaked": "Een vertrouwelijke interne notitie over een personeelskwestie.",
            "leaked_to": LeakedTo.PRESS,
            "discovered_at": timezone.make_aware(datetime.datetime(2020, 1, 20, 8, 30)),
            "discovered_how": "Artikel in de regionale krant.",
            "reported_by": reporter,
            "status": CaseStatus.CLOSED,
            "closed_at": timezone.make_aware(datetime.datetime(2020, 6, 1, 12, 0)),
        },
    )
    if created:
        TrackDecision.objects.create(
            case=closed,
            kind=TrackKind.POLICE_REPORT,
            choice=TrackChoice.TAKE,
            decided_on=datetime.date(2020, 1, 22),
            decision_maker="Gemeentesecretaris",
            reasons="Schending van een ambtsgeheim vermoed (art. 272 Sr).",
            police_filed_on=datetime.date(2020, 1, 23),
            police_reference="PL0900-2020012345",
            police_outcome=PoliceOutcome.DISMISSED,
            police_outcome_reason="Sepot: onvoldoende bewijs om een verdachte aan te wijzen.",
            decided_by=privacy,
        )
        CaseEvent.objects.create(
            case=closed, actor=reporter, kind="reported", summary="Gemeld", at=closed.created_at
        )
    open_case, created = LeakCase.objects.get_or_create(
        municipality=municipality,
        reference="LEK-2026-001",
        defaults={
            "framework_version": version,
            "title": "Bewonerslijst in een openbare app-groep",
            "what_leaked": "Een lijst met namen en adressen van bezwaarmakers.",
            "leaked_to": LeakedTo.SOCIAL_MEDIA,
            "discovered_at": now - datetime.timedelta(hours=20),
            "discovered_how": "Een bewoner meldde het bij het KCC.",
            "reported_by": reporter,
            "personal_data": True,
            "status": CaseStatus.WEIGHING,
        },
    )
    if created:
        from .models import Breach

        # L5: the clock runs from the discovery (the moment of awareness by default).
        Breach.objects.create(case=open_case, aware_at=open_case.discovered_at)
        CaseEvent.objects.create(
            case=open_case, actor=reporter, kind="reported", summary="Gemeld", at=now
        )
        integrity = users.get("integriteit")
        if integrity is not None:
            assign_perm("leaks.view_leakcase", integrity, open_case)
    _seed_leaked_item_case(municipality, version, reporter, privacy, now)


def _seed_leaked_item_case(municipality, version, reporter, privacy, now) -> None:
    """A case about a secret item of the register that reached the press, linked to that item
    (L2), so the demo shows the case page with its access trace (L6). Needs the register's demo
    item; without it (the secrecy register not installed) there is nothing to link."""
    from . import links
    from .models import CaseEvent, CaseLink, LeakCase

    item = links.item_find(municipality_id=municipality.pk, reference="DEMO-GH-001")
    if item is None:
        return
    case, created = LeakCase.objects.get_or_create(
        municipality=municipality,
        reference="LEK-2026-002",
        defaults={
            "framework_version": version,
            "title": "Geheim raadsvoorstel grondaankoop in de krant",
            "what_leaked": (
                "Passages uit het geheime raadsvoorstel over de grondaankoop van bedrijventerrein "
                "De Vaart, geciteerd in een artikel."
            ),
            "leaked_to": LeakedTo.PRESS,
            # Discovered as the demo starts, after the item was shared with the raad: the
            # access trace (L6) lists who had it before the leak.
            "discovered_at": now,
            "discovered_how": "Artikel in de krant van vandaag; de griffie herkende de passages.",
            "reported_by": reporter,
            "status": CaseStatus.WEIGHING,
        },
    )
    if created:
        CaseEvent.objects.create(
            case=case, actor=reporter, kind="reported", summary="Gemeld", at=case.created_at
        )
        CaseLink.objects.create(case=case, secrecy_item=item, added_by=privacy)
        CaseEvent.objects.create(
            case=case,
            actor=privacy,
            kind="link",
            summary="Gekoppeld: %(what)s",
            params={"what": item.reference},
            at=case.created_at,
        )
