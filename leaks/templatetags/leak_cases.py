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
    """Open and closed cases per status as a bar chart, inline SVG made here (CSP allows no
    scripts or inline styles; presentation attributes are fine). The title holds the numbers
    for screen readers; the list under the chart repeats them."""
    from django.utils.html import format_html, format_html_join

    rows = list(by_status)
    most = max((n for _s, _l, n in rows), default=0) or 1
    bar_height, gap, label_width, width = 18, 8, 110, 300
    height = len(rows) * (bar_height + gap)
    title = ", ".join(f"{label} {n}" for _s, label, n in rows)
    bars = format_html_join(
        "",
        '<text x="0" y="{}" font-size="12" fill="#1a1a1a">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#154273"></rect>'
        '<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
        (
            (
                i * (bar_height + gap) + 13,
                label,
                label_width,
                i * (bar_height + gap),
                int((width - label_width - 30) * n / most),
                bar_height,
                label_width + int((width - label_width - 30) * n / most) + 4,
                i * (bar_height + gap) + 13,
                n,
            )
            for i, (_s, label, n) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'focusable="false">{}</svg>',
        f"{gettext('Leksituaties per status')}: {title}",
        width,
        height,
        width,
        height,
        bars,
    )


@register.simple_tag
def month_chart(figures) -> str:
    """L9: breaches per month as a bar chart — inline SVG made here, presentation attributes
    only (the CSP allows no inline style or script). The chart names itself and says its
    numbers (``<title>``, ``<desc>``, a ``<title>`` per bar); the table under it repeats them
    for anyone who cannot see the chart (WCAG 1.1.1)."""
    from django.utils.html import format_html, format_html_join

    width, height, left, bottom, top = 600, 200, 30, 24, 10
    slot = (width - left) / 12
    plot = height - bottom - top
    highest = figures.highest or 1
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#154273"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}</text>',
        (
            (
                f"{left + i * slot + slot * 0.15:.1f}",
                f"{height - bottom - plot * n / highest:.1f}",
                f"{slot * 0.7:.1f}",
                f"{plot * n / highest:.1f}",
                month,
                n,
                f"{left + i * slot + slot / 2:.1f}",
                height - 8,
                month[:3],
            )
            for i, (month, n) in enumerate(figures.per_month)
        ),
    )
    summary = ", ".join(f"{month} {n}" for month, n in figures.per_month)
    return format_html(
        '<svg role="img" aria-labelledby="month-chart-title month-chart-desc" '
        'viewBox="0 0 {} {}" width="100%" focusable="false">'
        '<title id="month-chart-title">{}</title><desc id="month-chart-desc">{}</desc>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#1a1a1a" stroke-width="1"></line>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#1a1a1a">{}</text>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11" fill="#1a1a1a">0</text>{}</svg>',
        width,
        height,
        gettext("Datalekken per maand in %(year)s") % {"year": figures.year},
        summary,
        left,
        height - bottom,
        width,
        height - bottom,
        left - 4,
        top + 10,
        figures.highest,
        left - 4,
        height - bottom,
        bars,
    )
