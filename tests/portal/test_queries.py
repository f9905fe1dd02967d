"""portal.queries: the selectors' expressions for the detail and list pages (one query per page,
B1), on PostgreSQL, the only engine (X8)."""

import datetime

import pytest
from django.db.models import F, OuterRef
from django.db.models.functions import JSONObject

from confidentiality.constants import WooGround
from confidentiality.models import SecrecyItem, Share
from portal.models import Body, Membership
from portal.queries import DayMonthYear, Rows, SubqueryCount, with_list_element
from tests.confidentiality.factories import SecrecyItemFactory, ShareFactory
from tests.factories import BodyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rows_gives_json_object_rows_in_the_subquerys_order():
    body = BodyFactory(raad=True)
    for day, name in ((3, "Bakker"), (1, "Aalders"), (2, "Claessen")):
        user = UserFactory(identity_domain=body.domain, last_name=name)
        MembershipFactory(body=body, user=user, start=datetime.date(2026, 1, day))
    members = (
        Membership.objects.filter(body_id=OuterRef("pk"))
        .order_by("user__last_name")
        .values(row=JSONObject(name="user__last_name", since=DayMonthYear(F("start"))))
    )
    row = Body.objects.annotate(members=Rows(members)).get(pk=body.pk)
    assert row.members == [
        {"name": "Aalders", "since": "01-01-2026"},
        {"name": "Bakker", "since": "03-01-2026"},
        {"name": "Claessen", "since": "02-01-2026"},
    ]


def test_rows_gives_plain_values_and_an_empty_list_for_no_rows():
    shared = ShareFactory(body__name="Gemeenteraad")
    lonely = SecrecyItemFactory()
    names = Rows(
        Share.objects.filter(item_id=OuterRef("pk"))
        .order_by("body__name")
        .values(row=F("body__name"))
    )
    found = dict(
        SecrecyItem.objects.filter(pk__in=[shared.item_id, lonely.pk])
        .annotate(names=names)
        .values_list("pk", "names")
    )
    assert found == {shared.item_id: ["Gemeenteraad"], lonely.pk: []}


def test_subquery_count_counts_per_row_and_zero_for_none():
    busy, quiet = BodyFactory(raad=True), BodyFactory()
    MembershipFactory.create_batch(3, body=busy)
    counts = dict(
        Body.objects.filter(pk__in=[busy.pk, quiet.pk])
        .annotate(n=SubqueryCount(Membership.objects.filter(body_id=OuterRef("pk"))))
        .values_list("pk", "n")
    )
    assert counts == {busy.pk: 3, quiet.pk: 0}


def test_c1_with_list_element_finds_a_ground_and_never_one_inside_another():
    both = SecrecyItemFactory(grounds=[WooGround.LID1_C.value, WooGround.LID2_B.value])
    other = SecrecyItemFactory(grounds=[WooGround.LID2_E.value])
    items = SecrecyItem.objects.filter(pk__in=[both.pk, other.pk])
    assert list(with_list_element(items, "grounds", WooGround.LID2_B.value)) == [both]
    assert list(with_list_element(items, "grounds", WooGround.LID2_E.value)) == [other]
    assert not with_list_element(items, "grounds", "5.1.2").exists()
