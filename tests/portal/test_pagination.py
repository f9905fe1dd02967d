"""B1 at audit-trail scale: the audit list counts at most ``cap`` rows instead of all of them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.audit import audit_record
from portal.models import AuditEvent
from portal.pagination import CappedPaginator

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
