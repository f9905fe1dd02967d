"""Recordings in named domain states (Traits); no random branches."""

import datetime

import factory
from django.utils import timezone

from recordings.constants import MeetingKind, ObjectionDecision, RecordingStatus
from recordings.models import AccessGrant, AppearingEmployee, Recording
from tests.factories import IdentityDomainFactory, UserFactory


def _now():
    return timezone.now().replace(microsecond=0)


class RecordingFactory(factory.django.DjangoModelFactory):
    """A draft recording of an information market, organised in the organisation domain,
    available from a day ago for thirty days."""

    class Meta:
        model = Recording

    organiser_domain = factory.SubFactory(IdentityDomainFactory)
    municipality = factory.LazyAttribute(lambda o: o.organiser_domain.municipality)
    organiser = factory.LazyAttribute(lambda o: UserFactory(identity_domain=o.organiser_domain))
    meeting_kind = MeetingKind.INFORMATION_MARKET
    meeting_date = factory.LazyFunction(timezone.localdate)
    title = factory.Sequence(lambda n: f"Informatiemarkt Programmabegroting {2022 + n}")
    available_from = factory.LazyFunction(lambda: _now() - datetime.timedelta(days=1))
    available_until = factory.LazyFunction(lambda: _now() + datetime.timedelta(days=30))

    class Params:
        published = factory.Trait(
            status=RecordingStatus.PUBLISHED, published_at=factory.LazyFunction(_now)
        )
        withdrawn = factory.Trait(status=RecordingStatus.WITHDRAWN)
        lapsed = factory.Trait(
            status=RecordingStatus.PUBLISHED,
            published_at=factory.LazyFunction(lambda: _now() - datetime.timedelta(days=40)),
            available_from=factory.LazyFunction(lambda: _now() - datetime.timedelta(days=40)),
            available_until=factory.LazyFunction(lambda: _now() - datetime.timedelta(days=10)),
        )


class AccessGrantFactory(factory.django.DjangoModelFactory):
    """A grant to the organiser's own domain unless another target is given."""

    class Meta:
        model = AccessGrant

    recording = factory.SubFactory(RecordingFactory)
    domain = factory.LazyAttribute(
        lambda o: None if (o.body or o.group or o.user) else o.recording.organiser_domain
    )
    body = None
    group = None
    user = None
    granted_by = factory.LazyAttribute(lambda o: o.recording.organiser)


class AppearingEmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppearingEmployee

    recording = factory.SubFactory(RecordingFactory)
    name = factory.Sequence(lambda n: f"Vakambtenaar {n}")
    informed = True

    class Params:
        objecting = factory.Trait(
            objects_to_recording=True, objection_at=factory.LazyFunction(_now)
        )
        kept = factory.Trait(
            objects_to_recording=True,
            objection_at=factory.LazyFunction(_now),
            decision=ObjectionDecision.KEEP,
            decision_reasons="Alleen technische toelichting, geen persoonlijke gegevens.",
            decided_at=factory.LazyFunction(_now),
        )
