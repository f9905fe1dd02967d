"""Factories for leak cases, with named domain states (Traits). No random branches."""

import datetime

import factory
from django.utils import timezone

from leaks.constants import CaseStatus, LeakedTo
from leaks.models import (
    Breach,
    Consideration,
    FrameworkStep,
    FrameworkVersion,
    LeakCase,
)
from tests.factories import MunicipalityFactory, UserFactory


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    """A published version with one step of two considerations (``draft=True``: unpublished)."""

    class Meta:
        model = FrameworkVersion
        skip_postgeneration_save = True

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Afwegingskader informatielekken"
    dated = datetime.date(2020, 3, 11)
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(published_at=None)

    @factory.post_generation
    def steps(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        step = FrameworkStep.objects.create(version=obj, order=1, title="Feiten vaststellen")
        for order, question in enumerate(
            ["Welke informatie is gelekt?", "Aan wie is zij gelekt?"], start=1
        ):
            Consideration.objects.create(step=step, order=order, question=question)


class LeakCaseFactory(factory.django.DjangoModelFactory):
    """A case reported by a civil servant yesterday, under a published framework version."""

    class Meta:
        model = LeakCase

    framework_version = factory.SubFactory(FrameworkVersionFactory)
    municipality = factory.LazyAttribute(lambda o: o.framework_version.municipality)
    reference = factory.Sequence(lambda n: f"LEK-2026-{n + 100:03d}")
    title = factory.Sequence(lambda n: f"Notitie in de krant {n}")
    what_leaked = "Een vertrouwelijke notitie over een grondaankoop."
    leaked_to = LeakedTo.PRESS
    discovered_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    discovered_how = "Artikel in de krant."
    reported_by = factory.SubFactory(UserFactory)
    status = CaseStatus.REPORTED

    class Params:
        closed = factory.Trait(
            status=CaseStatus.CLOSED, closed_at=factory.LazyFunction(timezone.now)
        )
        weighing = factory.Trait(status=CaseStatus.WEIGHING)


class BreachFactory(factory.django.DjangoModelFactory):
    """Personal data involved, aware since two hours ago."""

    class Meta:
        model = Breach

    case = factory.SubFactory(LeakCaseFactory, personal_data=True)
    aware_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=2))
