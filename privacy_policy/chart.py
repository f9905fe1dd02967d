"""The status-over-time chart (P4): stacked bars per month, drawn by the core's chart helper
(``portal.charts``) on the server. The same numbers are in a table next to it (WCAG 1.1.1)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext

from portal.charts import Column, Segment, column_chart

from .constants import STATUS_FILL, DisplayStatus

ORDER = [DisplayStatus.DONE, DisplayStatus.IN_PROGRESS, DisplayStatus.NEW, DisplayStatus.OVERDUE]


def stacked_bars(timeline) -> dict:
    """``timeline``: [(date, {status: count})]. Returns the SVG, its bars and ticks, and the
    legend."""
    labels = dict(DisplayStatus.choices)
    columns = [
        Column(
            date_format(moment, "M"),
            [
                Segment(
                    counts[status],
                    f"{date_format(moment, 'M Y')}: {labels[status]} {counts[status]}",
                    STATUS_FILL[status],
                )
                for status in ORDER
                if counts.get(status, 0)
            ],
        )
        for moment, counts in timeline
    ]
    return {
        "svg": column_chart(
            columns,
            title=gettext("Aantal opdrachten en toezeggingen per status, per maand"),
            desc=gettext("Gestapelde staven; dezelfde aantallen staan in de tabel hieronder."),
            id_prefix="chart-svg",
            width=720,
            height=240,
            left=40,
            bottom=30,
        ),
        "bars": [segment for column in columns for segment in column.segments],
        "ticks": [column.tick for column in columns],
        "legend": [(labels[s], STATUS_FILL[s]) for s in ORDER],
    }
