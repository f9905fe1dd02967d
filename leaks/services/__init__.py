"""Writes of leak cases. Each: keyword-only, atomic, full_clean, one audit event, one timeline
row (L7), notifications inside the transaction (sent after commit, X2).

A refusal stores nothing: a missing permission through ``portal.refusals.refuse`` (403,
audited); a refusal by rule as a ``ValidationError`` whose translated message names the rule,
audited as a denied event after the write rolled back.

Every function takes ``now=`` so tests set the clock (there is no freezegun here).

One module per rule, as the old single module's banners were: ``framework`` (L1), ``cases``
(L2), ``team`` (L3), ``leaked`` (L2/L6), ``weighing`` (L4), ``breach`` (L5/L9: awareness and
facts), ``versions`` (L9: the notifications to the AP), ``reminders`` (L8); ``common`` holds
what they share.
"""

from .breach import breach_awareness_record, breach_open, breach_update
from .cases import case_facts_update, case_report, case_transition
from .framework import framework_new_version, framework_publish
from .leaked import access_trace_view, link_add, trace_code_resolve
from .outputs import breach_letter_request, breach_notification_request
from .reminders import breach_deadline_reminders, decision_overdue_reminders
from .retention import breach_destroy, breach_destruction_approve, breach_retention_flag
from .team import team_add, team_remove
from .versions import breach_notify
from .weighing import answers_save, track_decide, weighing_record_request

__all__ = [
    "access_trace_view",
    "answers_save",
    "breach_awareness_record",
    "breach_deadline_reminders",
    "breach_destroy",
    "breach_destruction_approve",
    "breach_letter_request",
    "breach_notification_request",
    "breach_notify",
    "breach_open",
    "breach_retention_flag",
    "breach_update",
    "case_facts_update",
    "case_report",
    "case_transition",
    "decision_overdue_reminders",
    "framework_new_version",
    "framework_publish",
    "link_add",
    "team_add",
    "team_remove",
    "trace_code_resolve",
    "track_decide",
    "weighing_record_request",
]
