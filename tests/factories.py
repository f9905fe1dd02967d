"""Factories with named domain states (Traits). No random branches: every value is derived
from a sequence number, so a failing test fails the same way twice."""

import datetime
import hashlib

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.constants import BodyKind, DomainKind, MembershipRole
from portal.models import (
    Body,
    DomainTrust,
    IdentityDomain,
    Membership,
    Municipality,
    ReportJob,
    ReportStatus,
    User,
)
from portal.roles import Role, role_group

PASSWORD = "Test-wachtwoord-123"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente Test{n}")
    slug = factory.Sequence(lambda n: f"test{n}")


class IdentityDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdentityDomain
        django_get_or_create = ("municipality", "kind")

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = DomainKind.ORGANISATION
    name = factory.LazyAttribute(lambda o: f"{o.kind} {o.municipality.name}")
    email_domains = factory.LazyAttribute(lambda o: [f"{o.municipality.slug}.example"])

    class Params:
        council = factory.Trait(
            kind=DomainKind.COUNCIL,
            email_domains=factory.LazyAttribute(lambda o: [f"raad{o.municipality.slug}.example"]),
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@test.example")
    first_name = factory.Sequence(lambda n: f"Voornaam{n}")
    last_name = "Achternaam"
    identity_domain = factory.SubFactory(IdentityDomainFactory)
    password = factory.django.Password(PASSWORD)

    class Params:
        inactive = factory.Trait(is_active=False)
        staff = factory.Trait(is_staff=True)

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        """``UserFactory(role=Role.CLERK)`` puts the user in that role's group."""
        if create and extracted:
            obj.groups.add(role_group(extracted))


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = BodyKind.COMMISSIE
    name = factory.Sequence(lambda n: f"Commissie {n}")
    domain = factory.LazyAttribute(
        lambda o: IdentityDomainFactory(municipality=o.municipality, council=True)
    )

    class Params:
        raad = factory.Trait(kind=BodyKind.RAAD, name="Gemeenteraad")
        college = factory.Trait(
            kind=BodyKind.COLLEGE,
            name="College van B&W",
            domain=factory.LazyAttribute(
                lambda o: IdentityDomainFactory(municipality=o.municipality)
            ),
        )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    user = factory.LazyAttribute(
        lambda o: UserFactory(identity_domain=o.body.domain, role=Role.COUNCIL_MEMBER)
    )
    role = MembershipRole.MEMBER
    start = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))

    class Params:
        ended = factory.Trait(
            end=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
        )
        future = factory.Trait(
            start=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
        )


class DomainTrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DomainTrust

    source = factory.SubFactory(IdentityDomainFactory)
    target = factory.LazyAttribute(
        lambda o: IdentityDomainFactory(municipality=o.source.municipality, council=True)
    )
    purpose = "Raadsleden bekijken opnames van informatiemarkten"


class ReportJobFactory(factory.django.DjangoModelFactory):
    """A report job as the service leaves it (queued). ``done=True`` stores a small file, as
    a finished rendering does; tests that need a real PDF render one."""

    class Meta:
        model = ReportJob

    requested_by = factory.SubFactory(UserFactory)
    municipality = factory.LazyAttribute(lambda o: o.requested_by.municipality)
    kind = "audit_extract"
    parameters = factory.LazyFunction(dict)

    class Params:
        done = factory.Trait(
            status=ReportStatus.DONE,
            progress=100,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
            file=factory.LazyFunction(lambda: ContentFile(b"%PDF-1.7 test", name="report.pdf")),
            size=13,
            sha256=hashlib.sha256(b"%PDF-1.7 test").hexdigest(),
        )
        rendering = factory.Trait(
            status=ReportStatus.RENDERING,
            progress=40,
            started_at=factory.LazyFunction(timezone.now),
        )
