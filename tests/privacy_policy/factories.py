"""Factories for motions, commitments and policy, with named domain states (Traits)."""

import datetime

import factory
from django.utils import timezone

from privacy_policy.constants import ItemStatus, MotionStatus
from privacy_policy.models import (
    Assignment,
    Commitment,
    ExecutionLetter,
    ModelPolicy,
    ModelPolicySection,
    ModelPolicyVersion,
    Motion,
    ProgressUpdate,
)
from tests.factories import MunicipalityFactory


def _today():
    return timezone.localdate()


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motion

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"{n + 100}")
    title = "Big data en privacy – een ongelukkig huwelijk"
    meeting = "Kadernota 2016"
    meeting_date = datetime.date(2016, 7, 4)
    submitters = "D66, GroenLinks"
    status = MotionStatus.ADOPTED
    text = "Verzoekt het college ..."


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    motion = factory.SubFactory(MotionFactory)
    municipality = factory.LazyAttribute(lambda o: o.motion.municipality)
    number = factory.Sequence(lambda n: n + 1)
    description = "De taak van de interne auditor uitbreiden met privacyrisico's van big data."
    owner_portfolio_holder = "Wethouder Bedrijfsvoering"
    owner_department = "Informatievoorziening"
    deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=60))

    class Params:
        overdue = factory.Trait(
            deadline=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1))
        )
        in_progress = factory.Trait(status=ItemStatus.IN_PROGRESS)
        done = factory.Trait(
            status=ItemStatus.DONE,
            accepted_on=factory.LazyFunction(_today),
            acceptance_reference="Raadsbesluit 2017/1",
        )


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    municipality = factory.SubFactory(MunicipalityFactory)
    number = factory.Sequence(lambda n: f"T{n + 1}")
    title = "Open data nota voorleggen"
    meeting = "Commissie Bestuur"
    made_on = datetime.date(2016, 9, 1)
    description = "De wethouder zegt toe de raad een Open data nota voor te leggen."
    owner_portfolio_holder = "Wethouder Dienstverlening"
    deadline = factory.LazyFunction(lambda: _today() + datetime.timedelta(days=30))

    class Params:
        overdue = factory.Trait(
            deadline=factory.LazyFunction(lambda: _today() - datetime.timedelta(days=1))
        )


class LetterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExecutionLetter

    kind = "rib"
    reference = factory.Sequence(lambda n: f"2016/{n + 400}")
    title = "Uitvoering motie 15"
    sent_on = datetime.date(2016, 11, 1)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    reported_on = factory.LazyFunction(_today)
    text = "Privacynota in voorbereiding."


class ModelPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelPolicy

    title = factory.Sequence(lambda n: f"Gegevensverwerking en privacy in het sociaal domein {n}")
    authors = "Enschede, Hengelo, Deventer en Zwolle met BZK"


class ModelPolicyVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModelPolicyVersion
        skip_postgeneration_save = True

    model_policy = factory.SubFactory(ModelPolicyFactory)
    number = 1
    published_on = datetime.date(2015, 2, 3)

    @factory.post_generation
    def sections(obj, create, extracted, **kwargs):
        """``sections=[(key, heading, text), ...]``; by default two sections."""
        rows = extracted or [
            ("1", "Uitgangspunten", "Wij verwerken alleen gegevens die nodig zijn."),
            ("2", "Delen van gegevens", "Gegevens worden gedeeld met toestemming."),
        ]
        for position, (key, heading, text) in enumerate(rows, start=1):
            ModelPolicySection.objects.create(
                version=obj, key=key, heading=heading, text=text, position=position
            )
