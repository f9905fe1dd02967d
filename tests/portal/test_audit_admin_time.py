"""Issue 15: the admin's audit list says "tijdstip (UTC)" and showed Amsterdam time under it;
it shows UTC now, with seconds (the trail is kept in UTC)."""

import datetime

from django.contrib import admin
from django.utils import translation

from portal.models import AuditEvent


def test_x1_admin_audit_time_is_utc_under_its_utc_label():
    model_admin = admin.site._registry[AuditEvent]
    event = AuditEvent(created_at=datetime.datetime(2026, 7, 1, 10, 5, 9, tzinfo=datetime.UTC))
    with translation.override("nl"):
        assert model_admin.created_at_utc(event) == "1 juli 2026 10:05:09"  # Amsterdam: 12:05
        assert str(model_admin.created_at_utc.short_description) == "tijdstip (UTC)"
    assert "created_at_utc" in model_admin.list_display
    assert "created_at" in model_admin.exclude and "created_at_utc" in model_admin.readonly_fields


def test_x7_admin_audit_details_leave_the_rule_id_out():
    model_admin = admin.site._registry[AuditEvent]
    event = AuditEvent(details={"rule": "X3", "kind": "audit_extract"})
    shown = str(model_admin.details_shown(event))
    assert "audit_extract" in shown and "X3" not in shown and "rule" not in shown
