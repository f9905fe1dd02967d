"""The core's own report: an extract of the municipality's audit trail (X1, X3), for those who
may read the trail (privacy and integrity officers: ``portal.view_audit_trail``)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import audit_actions
from portal.constants import AuditResult
from portal.forms import iso_date_input
from portal.models import AuditEvent
from portal.reports import ReportKind, register_report_kind

# A PDF is for reading: beyond this many events the extract says it was cut off and asks for
# narrower filters (the audit trail itself has them all).
MAX_ROWS = 5000


class AuditExtractForm(forms.Form):
    date_from = forms.DateField(
        label=_("Van (datum)"),
        required=False,
        widget=iso_date_input(),
        help_text=_("Leeg: vanaf het begin."),
    )
    date_to = forms.DateField(
        label=_("Tot en met (datum)"),
        required=False,
        widget=iso_date_input(),
        help_text=_("Leeg: tot nu."),
    )
    action = forms.ChoiceField(label=_("Actie"), required=False, choices=())
    result = forms.ChoiceField(
        label=_("Resultaat"),
        required=False,
        choices=[("", _("alle")), *AuditResult.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # X7: a choice of the declared actions by their labels, grouped per app.
        self.fields["action"].choices = [
            ("", _("alle acties")),
            *audit_actions.action_choices(groups=True),
        ]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to", _("De einddatum ligt vóór de begindatum. Kies een latere einddatum.")
            )
        return cleaned


def _day_start(value: str) -> datetime.datetime:
    day = datetime.date.fromisoformat(value)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def events_for(job) -> tuple[list[dict], bool]:
    """The events the job's filters select, oldest first, at most MAX_ROWS (and whether more
    existed). Only the columns the PDF shows, as plain values."""
    params = job.parameters
    events = AuditEvent.objects.filter(municipality_id=job.municipality_id)
    if params.get("date_from"):
        events = events.filter(created_at__gte=_day_start(params["date_from"]))
    if params.get("date_to"):
        events = events.filter(
            created_at__lt=_day_start(params["date_to"]) + datetime.timedelta(days=1)
        )
    if params.get("action"):
        events = events.filter(action__in=audit_actions.actions_for(params["action"]))
    if params.get("result"):
        events = events.filter(result=params["result"])
    rows = list(
        events.order_by("seq").values(
            "seq",
            "created_at",
            "actor_label",
            "action",
            "object_type",
            "object_repr",
            "result",
            "channel",
            "ip_address",
        )[: MAX_ROWS + 1]
    )
    truncated = len(rows) > MAX_ROWS
    return rows[:MAX_ROWS], truncated


def build_context(job) -> dict:
    rows, truncated = events_for(job)
    results = dict(AuditResult.choices)
    for row in rows:
        row["result_label"] = results.get(row["result"], row["result"])
    return {
        "municipality": job.municipality,
        "filters": job.parameters,
        "result_label": results.get(job.parameters.get("result", ""), ""),
        "events": rows,
        "truncated": truncated,
        "max_rows": MAX_ROWS,
    }


def may_view(user, job) -> bool:
    return (
        user.is_active
        and user.has_perm("portal.view_audit_trail")
        and user.municipality_id is not None
        and user.municipality_id == job.municipality_id
    )


AUDIT_EXTRACT = ReportKind(
    key="audit_extract",
    title=_("Uittreksel uit de audittrail"),
    template="pdf/audit_extract.html",
    build_context=build_context,
    may_view=may_view,
    form_class=AuditExtractForm,
    description=_(
        "De gebeurtenissen uit de audittrail van uw gemeente, met filters, als PDF met uw "
        "naam en een traceercode op elke pagina."
    ),
    filename_stem="audittrail",
)

register_report_kind(AUDIT_EXTRACT)
