"""Showing leak cases: timeline rows in the reader's language (X5) and the breach clock."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.translation import gettext

from ..constants import CaseStatus, NotificationPhase, TrackChoice, TrackKind

register = template.Library()

# Timeline parameters that hold a choice value, shown with the choice's label.
_CHOICE_PARAMS = {
    "from": CaseStatus,
    "to": CaseStatus,
    "track": TrackKind,
    "choice": TrackChoice,
    "phase": NotificationPhase,
}


@register.filter
def event_summary(event) -> str:
    """L7: the timeline row's Dutch source text, translated, with its parameters filled in."""
    params = {}
    for name, value in (event.params or {}).items():
        choices = _CHOICE_PARAMS.get(name)
        if choices is not None and value in choices.values:
            value = str(choices(value).label)
        elif name == "deadline":
            value = timezone.localtime(datetime.fromisoformat(value)).strftime("%d-%m-%Y %H:%M")
        params[name] = value
    try:
        return gettext(event.summary) % params
    except (KeyError, TypeError, ValueError):
        return gettext(event.summary)


@register.filter
def fact(breach, name: str) -> str:
    """A fact of a breach as read (checklists by their labels, numbers as minimum–maximum):
    the same wording as the notification (leaks.notification)."""
    from ..notification import display, span

    if name in ("people", "records"):
        return span(getattr(breach, f"{name}_min"), getattr(breach, f"{name}_max"))
    if name == "sensitive":
        from ..constants import SENSITIVE_DATA_KINDS

        return display(name, any(k in SENSITIVE_DATA_KINDS for k in breach.data_kinds))
    return display(name, getattr(breach, name))


@register.filter
def cell(row: dict, key: str):
    """One column of a register row (leaks.register.row)."""
    return row.get(key, "")


@register.simple_tag
def breach_clock(breach, now=None) -> dict:
    """L5: the 72-hour clock: hours and minutes left (or overdue), and a state for the badge."""
    now = now or timezone.now()
    left = breach.deadline - now
    seconds = int(left.total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    if overdue:
        state = "danger"
    elif hours < 24:
        state = "warning"
    else:
        state = "neutral"
    return {"overdue": overdue, "hours": hours, "minutes": minutes, "state": state}


@register.simple_tag
def status_chart(by_status) -> str:
    """Open and closed cases per status as a bar chart (``portal.charts``); its accessible
    name holds the numbers and the list under the chart repeats them."""
    from portal.charts import row_chart

    rows = [(label, n) for _status, label, n in by_status]
    return row_chart(rows, label=gettext("Leksituaties per status"))


@register.simple_tag
def month_chart(figures) -> str:
    """L9: breaches per month as a bar chart (``portal.charts``); it names itself and says
    its numbers, and the table under it repeats them (WCAG 1.1.1)."""
    from portal.charts import Column, Segment, column_chart

    return column_chart(
        [Column(month[:3], [Segment(n, f"{month}: {n}")]) for month, n in figures.per_month],
        title=gettext("Datalekken per maand in %(year)s") % {"year": figures.year},
        desc=", ".join(f"{month} {n}" for month, n in figures.per_month),
        id_prefix="month-chart",
    )
