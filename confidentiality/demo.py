"""Demo content of the secrecy register (portal.registry.register_demo_seeder): a few items per
demo municipality, shared with the Gemeenteraad, one lifted, one due for review and one from a
closed session, so the demo shows a living register. Idempotent: items are found by their
reference; nothing is added twice."""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from .constants import SecrecyOrigin, SecrecyStatus, WooGround
from .models import ClosedSession, Document, DocumentVersion, Lifting, SecrecyItem, Share


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with ``lines`` of text in Helvetica (for demo data and tests): written by
    hand so that seeding needs no PDF library."""
    text = (
        b"BT /F1 12 Tf 72 760 Td 16 TL "
        + b" ".join(
            b"(" + line.encode("cp1252", "replace").replace(b"(", b"[").replace(b")", b"]") + b") '"
            for line in lines
        )
        + b" ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# (reference, subject, imposing body, grounds, days since the decision, days to the review)
ITEMS = [
    (
        "DEMO-GH-001",
        "Grondaankoop bedrijventerrein De Vaart",
        "College van burgemeester en wethouders",
        [WooGround.LID2_B.value],
        40,
        320,
    ),
    (
        "DEMO-GH-002",
        "Onderzoeksrapport integriteit aanbesteding",
        "College van burgemeester en wethouders",
        [WooGround.LID2_E.value, WooGround.LID2_D.value],
        400,
        0,
    ),
    (
        "DEMO-GH-003",
        "Vertrouwelijke bijlage begroting zwembad",
        "Gemeenteraad",
        [WooGround.LID2_B.value, WooGround.LID2_F.value],
        200,
        160,
    ),
]


# C9: what the public register shows instead of the internal subject.
PUBLIC_SUBJECTS = {
    "DEMO-GH-001": "Grondtransactie bedrijventerrein",
    "DEMO-GH-002": "Onderzoek naar een aanbesteding",
    "DEMO-GH-003": "Bijlage bij de begroting van het zwembad",
}


def seed_demo(municipality, users, bodies) -> None:
    clerk = users["griffier"]
    raad = bodies["Gemeenteraad"]
    today = timezone.localdate()
    for reference, subject, imposing, grounds, age, review_in in ITEMS:
        body = bodies[imposing]
        item, created = SecrecyItem.objects.get_or_create(
            municipality=municipality,
            reference=reference,
            defaults={
                "subject": subject,
                "public_subject": PUBLIC_SUBJECTS[reference],
                "origin": SecrecyOrigin.DECISION,
                "imposing_body": body,
                "lifting_body": body,
                "motivation": "Demo: de openbaarheid weegt niet op tegen het belang hierboven.",
                "decision_date": today - datetime.timedelta(days=age),
                "grounds": grounds,
                "review_date": today + datetime.timedelta(days=review_in),
                "registered_by": clerk,
            },
        )
        if not item.public_subject:  # a demo database seeded before public subjects existed
            SecrecyItem.objects.filter(pk=item.pk).update(public_subject=PUBLIC_SUBJECTS[reference])
        Share.objects.get_or_create(item=item, body=raad, defaults={"shared_by": clerk})
        if created:
            _document(item, clerk, subject)
    lifted = SecrecyItem.objects.get(municipality=municipality, reference="DEMO-GH-003")
    if not hasattr(lifted, "lifting"):
        Lifting.objects.create(
            item=lifted,
            body=raad,
            date=today - datetime.timedelta(days=5),
            reference="DEMO-RB-2026-17",
            recorded_by=clerk,
        )
        SecrecyItem.objects.filter(pk=lifted.pk).update(status=SecrecyStatus.LIFTED)
    committee = bodies["Commissie Bestuur en Middelen"]
    session, created = ClosedSession.objects.get_or_create(
        municipality=municipality,
        body=committee,
        reference="DEMO-BV-001",
        defaults={
            "date": today - datetime.timedelta(days=14),
            "grounds": [WooGround.LID2_E.value],
            "registered_by": clerk,
        },
    )
    minutes = f"Verslag besloten vergadering {committee.name} {session.date:%d-%m-%Y}"
    SecrecyItem.objects.filter(closed_session=session, public_subject="").update(
        public_subject=minutes
    )
    if created:
        SecrecyItem.objects.create(
            municipality=municipality,
            subject=minutes,
            public_subject=minutes,
            reference="DEMO-BV-001",
            origin=SecrecyOrigin.CLOSED_SESSION,
            closed_session=session,
            lifting_body=committee,
            grounds=session.grounds,
            review_date=today + datetime.timedelta(days=90),
            registered_by=clerk,
        )


def _document(item, clerk, subject) -> None:
    content = minimal_pdf([subject, "Demonstratiedocument: geen echte gegevens."])
    document = Document.objects.create(item=item, title=f"Raadsvoorstel {item.reference}")
    version = DocumentVersion(
        document=document,
        number=1,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=clerk,
    )
    version.file.save("demo.pdf", ContentFile(content), save=False)
    version.save()
