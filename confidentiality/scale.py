"""The secrecy register's share of the scale data set (manage.py seed_scale, issue 8): per
municipality ``size.secrecy_items`` items with a document version each, shares with the raad,
committees and the rekenkamer, and liftings for the lifted ones — bulk inserts only.

The files are not written: the rows name a placeholder (lists and detail pages never open a
file; the benchmark does not download)."""

import datetime
import hashlib

from portal.constants import BodyKind

from .constants import SecrecyStatus, WooGround
from .models import Document, DocumentVersion, Lifting, SecrecyItem, Share

BATCH = 2_000
GROUNDS = [[g] for g in WooGround.values] + [
    [WooGround.values[0], WooGround.values[-1]],
]
SUBJECTS = [
    "Grondaankoop perceel",
    "Onderhandelingen aanbesteding",
    "Juridisch advies in geschil",
    "Personeelsdossier bestuurder",
    "Bedrijfsgegevens subsidieaanvraag",
    "Veiligheidsanalyse evenement",
]


def seed_items(scale, size, *, progress) -> int:
    municipality = scale.municipality
    bodies = scale.bodies
    college, raad = bodies["College van burgemeester en wethouders"], bodies["Gemeenteraad"]
    burgemeester = bodies["Burgemeester"]
    committees = [b for b in bodies.values() if b.kind == BodyKind.COMMISSIE]
    rekenkamer = bodies["Rekenkamer"]
    clerk = scale.clerks[0]
    today = datetime.date.today()
    digest = hashlib.sha256(b"scale placeholder").hexdigest()
    total = size.secrecy_items
    for start in range(0, total, BATCH):
        numbers = range(start, min(total, start + BATCH))
        items = []
        for n in numbers:
            imposing = (college, college, college, raad, burgemeester)[n % 5]
            status = (
                SecrecyStatus.LIFTED
                if n % 7 == 0
                else SecrecyStatus.EXPIRED
                if n % 19 == 0
                else SecrecyStatus.ACTIVE
            )
            decided = today - datetime.timedelta(days=n % 1400)
            items.append(
                SecrecyItem(
                    municipality=municipality,
                    subject=f"{SUBJECTS[n % len(SUBJECTS)]} {n}",
                    reference=f"S-{municipality.slug}-{n:06d}",
                    imposing_body=imposing,
                    lifting_body=imposing,
                    motivation="Onderhandelingspositie van de gemeente",
                    decision_date=decided,
                    grounds=GROUNDS[n % len(GROUNDS)],
                    review_date=decided + datetime.timedelta(days=365 + n % 400),
                    status=status,
                    registered_by=clerk,
                )
            )
        items = SecrecyItem.objects.bulk_create(items)
        documents = Document.objects.bulk_create(
            Document(item=item, title=f"Raadsinformatiebrief {item.reference}") for item in items
        )
        DocumentVersion.objects.bulk_create(
            DocumentVersion(
                document=document,
                number=1,
                file=f"scale/{municipality.slug}/placeholder.pdf",
                size=48_000,
                sha256=digest,
                uploaded_by=clerk,
            )
            for document in documents
        )
        shares = []
        for n, item in zip(numbers, items, strict=True):
            if n % 3 == 0:
                shares.append(Share(item=item, body=raad, shared_by=clerk))
            if n % 5 == 1:
                shares.append(
                    Share(item=item, body=committees[n % len(committees)], shared_by=clerk)
                )
            if n % 10 == 2:
                shares.append(Share(item=item, body=rekenkamer, shared_by=clerk))
        Share.objects.bulk_create(shares)
        Lifting.objects.bulk_create(
            Lifting(
                item=item,
                body=item.lifting_body,
                date=item.decision_date + datetime.timedelta(days=200),
                reference=f"OPH-{item.reference}",
                recorded_by=clerk,
            )
            for item in items
            if item.status == SecrecyStatus.LIFTED
        )
        progress(f"secrecy items {municipality.slug}", numbers.stop, total)
    return total
