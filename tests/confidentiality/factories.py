"""Factories for the secrecy register, with named domain states (Traits). No random branches."""

import datetime
import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from confidentiality.constants import SecrecyOrigin, SecrecyStatus, WooGround
from confidentiality.demo import minimal_pdf
from confidentiality.models import Document, DocumentVersion, Exclusion, SecrecyItem, Share
from tests.factories import BodyFactory, IdentityDomainFactory, UserFactory


def today():
    return timezone.localdate()


class SecrecyItemFactory(factory.django.DjangoModelFactory):
    """An item under secrecy imposed by the college, reviewed in a year."""

    class Meta:
        model = SecrecyItem

    imposing_body = factory.SubFactory(BodyFactory, college=True)
    municipality = factory.LazyAttribute(lambda o: o.imposing_body.municipality)
    lifting_body = factory.LazyAttribute(lambda o: o.imposing_body)
    subject = factory.Sequence(lambda n: f"Grondaankoop perceel {n}")
    public_subject = factory.Sequence(lambda n: f"Grondtransactie {n}")
    reference = factory.Sequence(lambda n: f"B-2026-{n:04d}")
    origin = SecrecyOrigin.DECISION
    motivation = "Onderhandelingspositie van de gemeente"
    decision_date = factory.LazyFunction(lambda: today() - datetime.timedelta(days=10))
    grounds = factory.LazyFunction(lambda: [WooGround.LID2_B.value])
    review_date = factory.LazyFunction(lambda: today() + datetime.timedelta(days=365))
    registered_by = factory.LazyAttribute(
        lambda o: UserFactory(
            identity_domain=IdentityDomainFactory(municipality=o.municipality, council=True)
        )
    )

    class Params:
        lifted = factory.Trait(status=SecrecyStatus.LIFTED)
        # Past its end date but not yet marked by the daily task: no longer secret either.
        ended = factory.Trait(
            review_date=None,
            expires_on=factory.LazyFunction(lambda: today() - datetime.timedelta(days=1)),
        )
        due_for_review = factory.Trait(review_date=factory.LazyFunction(today))


class ShareFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Share

    item = factory.SubFactory(SecrecyItemFactory)
    body = factory.LazyAttribute(lambda o: BodyFactory(municipality=o.item.municipality, raad=True))
    shared_by = factory.LazyAttribute(lambda o: o.item.registered_by)


class ExclusionFactory(factory.django.DjangoModelFactory):
    """A member excluded from today for a month (C6)."""

    class Meta:
        model = Exclusion

    member = factory.SubFactory(UserFactory)
    raad = factory.LazyAttribute(
        lambda o: BodyFactory(municipality=o.member.municipality, raad=True)
    )
    municipality = factory.LazyAttribute(lambda o: o.raad.municipality)
    decision_date = factory.LazyFunction(today)
    reference = factory.Sequence(lambda n: f"R-2026-{n:04d}")
    start = factory.LazyFunction(today)
    end = factory.LazyFunction(lambda: today() + datetime.timedelta(days=30))
    recorded_by = factory.LazyAttribute(lambda o: o.member)

    class Params:
        over = factory.Trait(
            start=factory.LazyFunction(lambda: today() - datetime.timedelta(days=40)),
            end=factory.LazyFunction(lambda: today() - datetime.timedelta(days=1)),
        )


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    item = factory.SubFactory(SecrecyItemFactory)
    title = factory.Sequence(lambda n: f"Raadsvoorstel {n}")


class DocumentVersionFactory(factory.django.DjangoModelFactory):
    """Version 1 of a document: a one-page PDF on the (private) default storage."""

    class Meta:
        model = DocumentVersion
        exclude = ["content"]

    document = factory.SubFactory(DocumentFactory)
    number = 1
    content = factory.LazyFunction(lambda: minimal_pdf(["Vertrouwelijk: onderhandelingsruimte"]))
    file = factory.LazyAttribute(lambda o: ContentFile(o.content, name="upload.pdf"))
    size = factory.LazyAttribute(lambda o: len(o.content))
    sha256 = factory.LazyAttribute(lambda o: hashlib.sha256(o.content).hexdigest())
    uploaded_by = factory.LazyAttribute(lambda o: o.document.item.registered_by)
