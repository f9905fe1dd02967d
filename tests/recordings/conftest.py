import pytest

from portal.roles import Role
from tests.recordings.factories import RecordingFactory


@pytest.fixture
def organiser(world):
    """A civil servant of Alfa's organisation domain (recordings.organise_recordings)."""
    return world.a.users[Role.CIVIL_SERVANT]


@pytest.fixture
def recording(world, organiser):
    return RecordingFactory(organiser_domain=world.a.org, organiser=organiser)
