"""The one chart helper (issue 16): bar charts as inline SVG made on the server. No script and
no style attribute (the CSP forbids both), only SVG presentation attributes. A chart names
itself and says its numbers (``<title>``, ``<desc>``, a ``<title>`` per bar or an
``aria-label``); the page repeats the numbers in a table or list next to it (WCAG 1.1.1).

- :func:`column_chart`: vertical columns, one per period, each a stack of segments (one
  segment per column for a plain bar chart): breaches per month, motions per status per month.
- :func:`row_chart`: horizontal bars with their label and number: cases per status.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

FILL = "#154273"  # the bars' colour where a chart has one series (text is #1a1a1a)


@dataclass(frozen=True)
class Segment:
    value: int
    title: str  # said by screen readers and shown on hover: "Mar 2026: done 4"
    fill: str = FILL


@dataclass(frozen=True)
class Column:
    tick: str  # the label under the column
    segments: Sequence[Segment]  # stacked bottom-up


def _fmt(number: float) -> str:
    return f"{number:.1f}"


def column_chart(
    columns: Sequence[Column],
    *,
    title: str,
    desc: str,
    id_prefix: str,
    width: int = 600,
    height: int = 200,
    left: int = 30,
    bottom: int = 24,
    top: int = 10,
) -> SafeString:
    """Columns on a baseline with the highest total and 0 on the left axis."""
    highest = max((sum(s.value for s in c.segments) for c in columns), default=0) or 1
    plot = height - bottom - top
    slot = (width - left) / max(len(columns), 1)
    rects, ticks = [], []
    for i, column in enumerate(columns):
        x = left + i * slot + slot * 0.15
        y = float(height - bottom)
        for segment in column.segments:
            if not segment.value:
                continue
            h = plot * segment.value / highest
            y -= h
            rects.append((_fmt(x), _fmt(y), _fmt(slot * 0.7), _fmt(h), segment.fill, segment.title))
        ticks.append((_fmt(left + i * slot + slot / 2), height - 8, column.tick))
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#ffffff" '
        'stroke-width="1"><title>{}</title></rect>',
        rects,
    )
    labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="#1a1a1a">{}</text>',
        ticks,
    )
    return format_html(
        '<svg role="img" aria-labelledby="{p}-title {p}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" focusable="false">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>'
        '<line x1="{left}" y1="{base}" x2="{w}" y2="{base}" stroke="#1a1a1a" stroke-width="1">'
        "</line>"
        '<text x="{axis}" y="{top}" text-anchor="end" font-size="11" fill="#1a1a1a">'
        "{highest}</text>"
        '<text x="{axis}" y="{base}" text-anchor="end" font-size="11" fill="#1a1a1a">0</text>'
        "{bars}{labels}</svg>",
        p=id_prefix,
        w=width,
        h=height,
        title=title,
        desc=desc,
        left=left,
        base=height - bottom,
        axis=left - 4,
        top=top + 10,
        highest=highest,
        bars=bars,
        labels=labels,
    )


def row_chart(rows: Sequence[tuple[str, int]], *, label: str, width: int = 300) -> SafeString:
    """One horizontal bar per (label, number), the label on the left and the number after
    the bar; ``label`` names the chart and, with every row's number, is its accessible name."""
    most = max((n for _label, n in rows), default=0) or 1
    bar_height, gap, label_width = 18, 8, 110
    height = len(rows) * (bar_height + gap)
    span = width - label_width - 30
    bars = format_html_join(
        "",
        '<text x="0" y="{}" font-size="12" fill="#1a1a1a">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#154273"></rect>'
        '<text x="{}" y="{}" font-size="12" fill="#1a1a1a">{}</text>',
        (
            (
                i * (bar_height + gap) + 13,
                row_label,
                label_width,
                i * (bar_height + gap),
                int(span * n / most),
                bar_height,
                label_width + int(span * n / most) + 4,
                i * (bar_height + gap) + 13,
                n,
            )
            for i, (row_label, n) in enumerate(rows)
        ),
    )
    summary = ", ".join(f"{row_label} {n}" for row_label, n in rows)
    return format_html(
        '<svg role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'focusable="false">{}</svg>',
        f"{label}: {summary}",
        width,
        height,
        width,
        height,
        bars,
    )
