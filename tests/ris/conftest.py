import pytest

from ris import example
from ris.models import Connection
from tests.ris.ori_server import OriServer


@pytest.fixture
def ori():
    """The example RIS on a local HTTP server started by the test, two objects a page."""
    server = OriServer({}, page_size=2)
    server.collections.update(example.collections(server.url))
    with server:
        yield server


@pytest.fixture
def connection(world, ori):
    return Connection.objects.create(municipality=world.a.municipality, base_url=ori.url)
