"""Demo content (seed_demo) from seeds 004 (Haarlem's motion 15, its privacy note, norm
framework, audits and the Digivangnet plan) and 001 (the Twente model policy, adopted by both
demo municipalities with a local deviation). Idempotent: get_or_create / update_or_create."""

import datetime

from django.utils import timezone

from .constants import ActionTarget, FindingResult, ItemStatus, MotionStatus, PolicyKind
from .models import (
    ActionPlan,
    Adoption,
    Assignment,
    Audit,
    Commitment,
    Deviation,
    Evaluation,
    Finding,
    ModelPolicy,
    ModelPolicySection,
    ModelPolicyVersion,
    Motion,
    Norm,
    NormFramework,
    PlanAction,
    PolicyDocument,
    PolicyVersion,
    ProgressUpdate,
)

MOTION = {
    "number": "15",
    "title": "Big data en privacy – een ongelukkig huwelijk",
    "meeting": "Kadernota 2016",
    "meeting_date": datetime.date(2016, 7, 7),
    "submitters": "D66, GroenLinks",
    "text": (
        "Verzoekt het college: 1. de taakomschrijving van de voorgestelde interne auditor uit te "
        "breiden met het bestrijden van privacyrisico's die het koppelen van big data-bestanden "
        "met zich meebrengt; 2. zich in te zetten op de groep digibeten die nu het risico loopt "
        "buiten de samenleving geplaatst te worden."
    ),
}
ASSIGNMENTS = [
    (
        1,
        "De taakomschrijving van de interne auditor uitbreiden met het bestrijden van "
        "privacyrisico's van het koppelen van big data-bestanden.",
        "Wethouder Bedrijfsvoering",
        "Informatievoorziening",
        120,
    ),
    (
        2,
        "Zich inzetten op de groep digibeten die het risico loopt buiten de samenleving te "
        "geraken.",
        "Wethouder Dienstverlening",
        "Dienstverlening",
        -10,  # overdue: the demo shows a red badge and sends a reminder
    ),
]
MODEL_TITLE = "Gegevensverwerking en privacy in het sociaal domein"
MODEL_V1 = [
    ("1", "Uitgangspunten", "Wij verwerken alleen de gegevens die nodig zijn voor de hulp."),
    ("2", "Toestemming", "Gegevens worden gedeeld met toestemming van de cliënt."),
    ("3", "Regie", "De cliënt houdt regie over zijn gegevens."),
]
MODEL_V2 = [
    MODEL_V1[0],
    ("2", "Toestemming", "Gegevens worden gedeeld met uitdrukkelijke toestemming van de cliënt."),
    MODEL_V1[2],
    ("4", "Rechten van betrokkenen", "Inzage en correctie binnen vier weken."),
]
DEVIATIONS = {
    "westerdijk": ("2", "Zonder toestemming alleen bij acute zorg.", "Onze wijkteams werken zo."),
    "oosterbroek": ("3", "Regie ligt bij het wijkteam.", "Andere inrichting dan Enschede."),
}


def seed_demo(municipality, users, bodies):
    today = timezone.localdate()
    raad = bodies["Gemeenteraad"]
    college = bodies["College van burgemeester en wethouders"]
    motion, _ = Motion.objects.update_or_create(
        municipality=municipality,
        number=MOTION["number"],
        meeting_date=MOTION["meeting_date"],
        defaults={**MOTION, "status": MotionStatus.ADOPTED, "created_by": users["griffier"]},
    )
    for number, description, holder, department, days in ASSIGNMENTS:
        assignment, _ = Assignment.objects.get_or_create(
            motion=motion,
            number=number,
            defaults={
                "municipality": municipality,
                "description": description,
                "owner_portfolio_holder": holder,
                "owner_department": department,
                "owner": users["ambtenaar"],
                "deadline": today + datetime.timedelta(days=days),
                "status": ItemStatus.IN_PROGRESS if days < 0 else ItemStatus.NEW,
            },
        )
        if days < 0:
            ProgressUpdate.objects.get_or_create(
                assignment=assignment,
                reported_on=datetime.date(2016, 11, 1),
                defaults={
                    "text": "Projectgroep Digivangnet heeft een plan van aanpak gemaakt.",
                    "author": users["ambtenaar"],
                },
            )
    Commitment.objects.get_or_create(
        municipality=municipality,
        number="T2016-08",
        defaults={
            "title": "Open data nota voorleggen",
            "meeting": "Commissie Bestuur en Middelen",
            "made_on": datetime.date(2016, 9, 15),
            "description": "De raad krijgt een nota over Open data, met aandacht voor privacy.",
            "owner_portfolio_holder": "Wethouder Dienstverlening",
            "owner": users["ambtenaar"],
            "deadline": today + datetime.timedelta(days=30),
        },
    )
    _policy(municipality, users, raad)
    _model_policy(municipality, users, raad, college)


def _policy(municipality, users, raad):
    note, _ = PolicyDocument.objects.get_or_create(
        municipality=municipality,
        title="Privacynota",
        defaults={"kind": PolicyKind.PRIVACYNOTA},
    )
    PolicyVersion.objects.get_or_create(
        document=note,
        number=1,
        defaults={
            "text": "De gemeente gaat zorgvuldig om met persoonsgegevens.",
            "adopted_by": raad,
            "adopted_on": datetime.date(2017, 3, 30),
            "decision_reference": "Raadsbesluit 2017/45",
        },
    )
    framework, _ = NormFramework.objects.get_or_create(
        municipality=municipality, title="Normenkader privacy", defaults={"document": note}
    )
    norms = [
        Norm.objects.get_or_create(framework=framework, code=code, defaults={"title": title})[0]
        for code, title in (
            ("N1", "Koppelingen van bestanden zijn vooraf getoetst op privacyrisico's"),
            ("N2", "Er is een actueel register van verwerkingen"),
            ("N3", "Datalekken worden binnen 72 uur gemeld"),
        )
    ]
    audit, created = Audit.objects.get_or_create(
        municipality=municipality,
        framework=framework,
        year=2018,
        defaults={"title": "Audit beveiliging en informatiebeheer", "status": "done"},
    )
    if created:
        audit.norms.set(norms[:2])
    Finding.objects.get_or_create(
        audit=audit,
        norm=norms[0],
        defaults={"result": FindingResult.PARTIAL, "text": "Niet alle koppelingen getoetst."},
    )
    Finding.objects.get_or_create(
        audit=audit, norm=norms[1], defaults={"result": FindingResult.COMPLIANT}
    )
    plan, _ = ActionPlan.objects.get_or_create(
        municipality=municipality,
        title="Plan van aanpak Digivangnet",
        defaults={
            "description": "Een vangnet voor inwoners die niet of beperkt digitaal vaardig zijn."
        },
    )
    for title, kind, target in (
        ("Testpanel voor ouderen", ActionTarget.TARGET_GROUP, "ouderen"),
        ("Cursus 'Regel uw overheidszaken digitaal'", ActionTarget.TARGET_GROUP, "inwoners"),
        ("In kaart brengen waar mensen uitvallen", ActionTarget.PRODUCT, "digitale producten"),
    ):
        PlanAction.objects.get_or_create(
            plan=plan,
            title=title,
            defaults={"target_kind": kind, "target": target, "owner_department": "Dienstverlening"},
        )
    Evaluation.objects.get_or_create(
        plan=plan, evaluated_on=datetime.date(2017, 4, 1), defaults={"text": "Eerste evaluatie."}
    )


def _model_policy(municipality, users, raad, college):
    model, _ = ModelPolicy.objects.get_or_create(
        title=MODEL_TITLE, defaults={"authors": "Enschede, Hengelo, Deventer en Zwolle met BZK"}
    )
    versions = {}
    for number, sections, day in ((1, MODEL_V1, (2015, 2, 3)), (2, MODEL_V2, (2016, 5, 1))):
        version, created = ModelPolicyVersion.objects.get_or_create(
            model_policy=model, number=number, defaults={"published_on": datetime.date(*day)}
        )
        if created:
            ModelPolicySection.objects.bulk_create(
                ModelPolicySection(version=version, key=k, heading=h, text=t, position=i)
                for i, (k, h, t) in enumerate(sections, start=1)
            )
        versions[number] = version
    adoption, _ = Adoption.objects.get_or_create(
        municipality=municipality,
        model_policy=model,
        defaults={
            "version": versions[1],
            "adopted_by": college,
            "adopted_on": datetime.date(2015, 6, 1),
            "decision_reference": f"Collegebesluit {municipality.slug} 2015/61",
        },
    )
    key, text, reason = DEVIATIONS.get(municipality.slug, DEVIATIONS["westerdijk"])
    Deviation.objects.get_or_create(
        adoption=adoption, section_key=key, defaults={"text": text, "reason": reason}
    )
