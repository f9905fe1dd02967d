"""A4 (QUALITY.md): secrecy state × membership × exclusion, on every surface a council member
has — the list, the count behind its pages, the council dashboard, the item page, the document
viewer, the watermarked PDF, the notification of the share. Each shows the item exactly when
the rules say so: the item is still secret (C5, C7), shared with a body the member sits in
today (C4, T4), and no exclusion is in force (C6). The council has no search and no PDF
report of items: the watermarked copy is its only PDF.

Prints ``A4 visibility: members=… items=… cells=… surfaces=… mismatches=0``.
"""

import datetime

import pytest
from django.utils import timezone

from confidentiality import services
from confidentiality.demo import minimal_pdf
from confidentiality.models import SecrecyItem
from confidentiality.selectors import shared_items
from portal.models import Notification
from portal.roles import Role
from tests.confidentiality.factories import (
    DocumentVersionFactory,
    ExclusionFactory,
    SecrecyItemFactory,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
SEATS = {
    "current": {"start": TODAY - 30 * DAY},
    "ended": {"start": TODAY - 60 * DAY, "end": TODAY - DAY},
    "future": {"start": TODAY + 7 * DAY},
    "other-body": None,  # sits in the commissie, not in the raad the item was shared with
}
EXCLUSIONS = ("none", "in-force", "over")
STATES = ("secret", "lifted", "ended")


def _member(world, seat, exclusion):
    user = UserFactory(identity_domain=world.a.council, role=Role.COUNCIL_MEMBER)
    body = world.a.raad if SEATS[seat] is not None else world.a.commissie
    MembershipFactory(body=body, user=user, **(SEATS[seat] or SEATS["current"]))
    if exclusion != "none":
        ExclusionFactory(
            member=user,
            raad=world.a.raad,
            recorded_by=world.a.users[Role.CLERK],
            over=exclusion == "over",
        )
    return user


def _expected(state, seat, exclusion) -> bool:
    return state == "secret" and seat == "current" and exclusion != "in-force"


def test_a4_every_council_surface_shows_an_item_exactly_when_c4_to_c7_allow_it(
    world, login, capsys
):
    clerk = world.a.users[Role.CLERK]
    members = {
        (seat, exclusion): _member(world, seat, exclusion)
        for seat in SEATS
        for exclusion in EXCLUSIONS
    }
    items, versions = {}, {}
    for state in STATES:
        item = SecrecyItemFactory(imposing_body=world.a.college, subject=f"A4-onderwerp-{state}")
        versions[state] = DocumentVersionFactory(
            document__item=item, content=minimal_pdf([f"A4 inhoud {state}"])
        )
        services.item_share_with_body(actor=clerk, item=item, body=world.a.raad)
        if state == "lifted":
            services.item_lift(
                actor=clerk, item=item, body=world.a.college, date=TODAY, reference="L-1"
            )
        elif state == "ended":
            SecrecyItem.objects.filter(pk=item.pk).update(review_date=None, expires_on=TODAY - DAY)
        items[state] = item

    mismatches, cells, surfaces = [], 0, set()
    for (seat, exclusion), user in members.items():
        client = login(user)
        listing = client.get("/geheimhouding/gedeeld/").content.decode()
        dashboard = client.get("/raad/").content.decode()
        visible = set(shared_items(user).values_list("pk", flat=True))
        notified = set(
            Notification.objects.filter(recipient=user, kind="secrecy.shared").values_list(
                "link", flat=True
            )
        )
        for state, item in items.items():
            expected = _expected(state, seat, exclusion)
            version = versions[state]
            base = f"/geheimhouding/gedeeld/{item.uuid}/"
            seen = {
                "list": item.subject in listing,
                "count": item.pk in visible,
                "dashboard": item.subject in dashboard or str(item.uuid) in dashboard,
                "detail": client.get(base).status_code == 200,
                "viewer": client.get(f"{base}versies/{version.uuid}/").status_code == 200,
                "pdf": client.get(f"{base}versies/{version.uuid}/download/").status_code == 200,
            }
            # The share notice went out when the item was still secret: to those who sat in
            # the raad that day and were not excluded (C6), whatever happened to it since.
            seen["notification"] = any(str(item.uuid) in link for link in notified)
            expect = dict.fromkeys(seen, expected)
            expect["notification"] = seat == "current" and exclusion != "in-force"
            # The dashboard links to the list; no item's subject or address is ever on it (X2).
            expect["dashboard"] = False
            for surface, shown in seen.items():
                surfaces.add(surface)
                cells += 1
                if shown != expect[surface]:
                    mismatches.append((seat, exclusion, state, surface, shown))
    line = (
        f"A4 visibility: members={len(members)} items={len(items)} cells={cells} "
        f"surfaces={len(surfaces)} mismatches={len(mismatches)}"
    )
    with capsys.disabled():
        print("\n" + line)
    assert mismatches == [], mismatches
