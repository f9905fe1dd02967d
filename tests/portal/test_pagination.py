"""B1 at audit-trail scale: the audit list counts at most ``cap`` rows instead of all of them.
X6: the JSON APIs' ``page`` parameter is a whole number from 1, or it is refused."""

import pytest
from django.core.paginator import PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit import audit_record
from portal.models import AuditEvent
from portal.pagination import CappedPaginator, api_page

pytestmark = pytest.mark.django_db


def test_b1_capped_paginator_counts_no_further_than_its_cap():
    for n in range(7):
        audit_record(action=f"test.{n}")
    events = AuditEvent.objects.order_by("-seq")

    capped = CappedPaginator(events, 2, cap=4)
    with CaptureQueriesContext(connection) as queries:
        assert capped.count == 5  # cap + 1: "more than 4"
    assert "LIMIT 5" in queries.captured_queries[0]["sql"]
    assert capped.capped
    assert capped.num_pages == 2  # only the first 4 rows are reachable by page number
    assert [e.action for e in capped.page(2)] == ["test.4", "test.3"]

    roomy = CappedPaginator(events, 2, cap=100)
    assert roomy.count == 7 and not roomy.capped and roomy.num_pages == 4


def test_b1_audit_list_says_when_there_are_more_events_than_it_counts(world, login, monkeypatch):
    monkeypatch.setattr(CappedPaginator.__init__, "__kwdefaults__", {"cap": 3})
    officer = world.a.users["privacy_officer"]
    for n in range(5):
        audit_record(action=f"test.{n}", actor=officer)
    page = login(officer).get("/audit/").content.decode()
    assert "Meer dan 3 gebeurtenissen" in page


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "", " 1", "²", "١", "1e3"])
def test_x6_api_page_refuses_what_is_not_a_whole_number_from_1(value):
    with pytest.raises(PageNotAnInteger):
        api_page(Paginator(range(120), 50), value)


def test_x6_api_page_is_the_first_when_absent_and_the_last_past_the_end():
    paginator = Paginator(range(120), 50)
    assert api_page(paginator, None).number == 1
    assert api_page(paginator, "2").number == 2
    assert api_page(paginator, "0003").number == 3
    assert api_page(paginator, "99999999999999999999999").number == 3
