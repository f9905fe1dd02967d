"""L9: the breach register's yearly figures for the dashboard — breaches per month, the share
notified to the AP and the share late — over the cases the user may see (L3), in one query."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .models import Breach
from .permissions import can_oversee
from .selectors import cases_visible_to, late_q, with_clock

MONTHS = range(1, 13)


class YearForm(forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2018,
        max_value=2100,
        error_messages={
            "invalid": _("Vul een jaartal in, bijvoorbeeld 2026."),
            "min_value": _("Het register begint in 2018, toen de AVG van kracht werd."),
            "max_value": _("Vul een jaartal in, bijvoorbeeld 2026."),
        },
    )


@dataclass(frozen=True)
class Figures:
    year: int
    years: list[int]
    per_month: list[tuple[str, int]]  # (month name, breaches)
    total: int
    notified: int
    late: int

    @property
    def share_notified(self) -> int:
        return round(100 * self.notified / self.total) if self.total else 0

    @property
    def share_late(self) -> int:
        return round(100 * self.late / self.total) if self.total else 0

    @property
    def highest(self) -> int:
        return max((n for _m, n in self.per_month), default=0)


def breach_figures(user, *, year: int | None = None, now=None) -> Figures:
    """Breaches by the month the organisation became aware (local time), how many were
    notified to the AP and how many late (notified after 72 hours, or not notified while the
    deadline passed and a risk was not ruled out: ``selectors.with_clock``)."""
    now = now or timezone.now()
    year = year or timezone.localdate(now).year
    breaches = (
        Breach.objects.filter(case__in=cases_visible_to(user).values("pk"))
        if can_oversee(user)
        else Breach.objects.none()
    )
    counts = with_clock(breaches.filter(aware_at__year=year), now=now).aggregate(
        total=Count("pk"),
        notified=Count("pk", filter=Q(first_notified_at__isnull=False)),
        late=Count("pk", filter=late_q(now)),
        **{f"m{m}": Count("pk", filter=Q(aware_at__month=m)) for m in MONTHS},
    )
    years = sorted({d.year for d in breaches.dates("aware_at", "year")} | {year}, reverse=True)
    return Figures(
        year=year,
        years=years,
        per_month=[(formats.date_format(_month(year, m), "F"), counts[f"m{m}"]) for m in MONTHS],
        total=counts["total"],
        notified=counts["notified"],
        late=counts["late"],
    )


def _month(year, month):
    import datetime

    return datetime.date(year, month, 1)
