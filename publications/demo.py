"""Demo content of Woo publication (portal.registry.register_demo_seeder): the item of the
secrecy register that the raad lifted (DEMO-GH-003) is published, so that ``/robots.txt`` of a
fresh demo leads to a sitemap with a document in it; and a Woo request waits on a secret item
(C12). Runs after the register's own demo seeder (INSTALLED_APPS order). Idempotent.

The demo municipalities' CBS codes (GM9901, GM9902) are fictional: CBS has not given codes in
the 99xx range to any municipality, so they look valid but name nobody. The real Woo-index
would refuse them (they are not in the TOOI list of municipalities)."""

import datetime

from django.utils import timezone

from . import services, sources
from .constants import PublicationStatus
from .models import ReleaseTask, WooRequest

LIFTED_ITEM = "DEMO-GH-003"
REQUESTED_ITEM = "DEMO-GH-001"
REQUEST_REFERENCE = "DEMO-WOO-2026-001"


def seed_demo(municipality, users, bodies) -> None:
    clerk = users["griffier"]
    lifted = sources.SecrecyItem.objects.filter(
        municipality=municipality, reference=LIFTED_ITEM
    ).first()
    if lifted is not None and not lifted.is_secret:
        task = services.release_prepare(item_id=lifted.pk, cause="lifted")
        task = ReleaseTask.objects.select_related("publication").get(pk=task.pk) if task else None
        if task and task.publication and task.publication.status == PublicationStatus.CONCEPT:
            services.publication_publish(actor=clerk, publication=task.publication)
    requested = sources.SecrecyItem.objects.filter(
        municipality=municipality, reference=REQUESTED_ITEM
    ).first()
    exists = WooRequest.objects.filter(municipality=municipality, reference=REQUEST_REFERENCE)
    if requested is not None and requested.is_secret and not exists.exists():
        services.woo_request_register(
            actor=clerk,
            item=requested,
            received_on=timezone.localdate() - datetime.timedelta(days=10),
            reference=REQUEST_REFERENCE,
        )
