"""The demo shows a living register: items shared with the Gemeenteraad, one lifted, one due
for review, a closed session; seeding twice adds nothing."""

import pytest

from confidentiality.constants import SecrecyOrigin, SecrecyStatus
from confidentiality.models import DocumentVersion, SecrecyItem, Share
from portal.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_register_is_alive_and_seeding_is_idempotent(private_storage):
    seed_demo()
    counts = (SecrecyItem.objects.count(), Share.objects.count(), DocumentVersion.objects.count())
    seed_demo()
    assert counts == (
        SecrecyItem.objects.count(),
        Share.objects.count(),
        DocumentVersion.objects.count(),
    )
    for slug in ("westerdijk", "oosterbroek"):
        items = SecrecyItem.objects.filter(municipality__slug=slug)
        assert items.filter(shares__body__name="Gemeenteraad").count() >= 3
        assert items.filter(status=SecrecyStatus.LIFTED).count() == 1
        assert items.due_for_review().count() >= 1
        assert items.filter(origin=SecrecyOrigin.CLOSED_SESSION).exists()
