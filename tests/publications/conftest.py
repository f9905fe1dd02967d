"""Fixtures for Woo publication: the world's municipalities get real CBS codes (Amsterdam and
Almere, both in the DiWoo list of municipalities the sitemap is validated against), and an item
of Alfa's college, shared with its raad, with a document carrying author metadata."""

import pytest
from django.core.files.base import ContentFile

from portal.models import OutboxMessage
from portal.roles import Role
from publications import sources
from tests.confidentiality.factories import DocumentFactory, SecrecyItemFactory, ShareFactory
from tests.publications.factories import pdf_with_metadata

SECRET_TEXT = "Vertrouwelijk: onderhandelingsruimte 3,1 miljoen euro"
PUBLIC_TEXT = "Raadsvoorstel grondaankoop De Vaart, openbare versie"


@pytest.fixture
def woo(world):
    world.a.municipality.cbs_code = "GM0363"
    world.a.municipality.save(update_fields=["cbs_code"])
    world.b.municipality.cbs_code = "GM0034"
    world.b.municipality.save(update_fields=["cbs_code"])
    return world


@pytest.fixture
def clerk(woo):
    return woo.a.users[Role.CLERK]


def add_version(document, content: bytes, *, number: int = 1, is_public: bool = False):
    from tests.confidentiality.factories import DocumentVersionFactory

    return DocumentVersionFactory(
        document=document,
        number=number,
        is_public=is_public,
        content=content,
        file=ContentFile(content, name="upload.pdf"),
    )


@pytest.fixture
def secret_item(woo):
    """Secret, imposed by Alfa's college, shared with its raad, one document (with metadata)."""
    item = SecrecyItemFactory(imposing_body=woo.a.college, subject="Grondaankoop De Vaart")
    ShareFactory(item=item, body=woo.a.raad)
    document = DocumentFactory(item=item, title="Raadsvoorstel grondaankoop")
    add_version(document, pdf_with_metadata([PUBLIC_TEXT]))
    return item


def lift(item, clerk, body=None):
    return sources.item_lift(
        actor=clerk,
        item=item,
        body=body or item.lifting_body,
        date=item.decision_date,
        reference="B-2026-77",
    )


def prepared_from_outbox():
    """Run the queued concept work the way a worker would (the task body, by its kwargs)."""
    from publications.tasks import release_prepare

    messages = OutboxMessage.objects.filter(task_name="publications.release_prepare")
    for message in messages:
        release_prepare(**message.kwargs)
    return messages.count()
