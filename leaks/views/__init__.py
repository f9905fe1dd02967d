"""Thin views: parse, call a selector or service, render. A case outside the user's need-to-
know is a 404 (audited by the selector); a write by someone who may read but not work the case
is a 403 (audited by the service).

``lists``, ``cases`` (L2, L3, L6), ``weighing`` (L4), ``breach`` (L5); ``common`` holds the
form page they share."""

from .breach import breach_awareness, breach_edit, breach_notify
from .cases import (
    access_trace,
    case_detail,
    case_facts,
    case_report,
    case_transition,
    link_add,
    team,
    team_remove,
    trace_code,
)
from .lists import breach_register, breach_register_export, case_list, dashboard
from .outputs import breach_json, breach_letter_pdf, breach_notification_pdf
from .retention import destruction_approve, destruction_lists
from .weighing import case_weigh, track_decide, weighing_record

__all__ = [
    "access_trace",
    "breach_awareness",
    "breach_edit",
    "breach_json",
    "breach_letter_pdf",
    "breach_notification_pdf",
    "breach_notify",
    "breach_register",
    "breach_register_export",
    "case_detail",
    "case_facts",
    "case_list",
    "case_report",
    "case_transition",
    "case_weigh",
    "dashboard",
    "destruction_approve",
    "destruction_lists",
    "link_add",
    "team",
    "team_remove",
    "trace_code",
    "track_decide",
    "weighing_record",
]
