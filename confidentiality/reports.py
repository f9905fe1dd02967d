"""PDF reports of the secrecy register through the core's report registry (X3): rendered by
the PDF worker, watermarked per recipient with a trace code (C8), never in a web process.

- the register export (the list with its filters, C5/C7);
- the yearly review report (C7): every active item with its age, grounds and review date.

Both may be asked for and downloaded only by those who read the register of the job's
municipality (``confidentiality.view_register``)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.queries import with_list_element
from portal.registry import ReportKind, register_report_kind

from .constants import SecrecyStatus, WooGround
from .models import SecrecyItem, grounds_display

# A PDF is for reading: beyond this many items the report says it was cut off (the CSV export
# has them all).
MAX_ROWS = 2000


class RegisterReportForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle")), *SecrecyStatus.choices]
    )
    ground = forms.ChoiceField(
        label=_("Grond"), required=False, choices=[("", _("alle")), *WooGround.choices]
    )


class YearlyReviewForm(forms.Form):
    year = forms.IntegerField(
        label=_("Jaar"),
        min_value=2023,
        max_value=2100,
        initial=lambda: timezone.localdate().year,
        help_text=_("Het jaar waarover de heroverweging gaat."),
    )


def may_view(user, job) -> bool:
    return (
        user.is_active
        and user.has_perm("confidentiality.view_register")
        and user.municipality_id is not None
        and user.municipality_id == job.municipality_id
    )


def _rows(items) -> tuple[list[dict], bool]:
    rows = list(
        items.select_related("imposing_body", "lifting_body", "closed_session__body").order_by(
            "decision_date", "created_at"
        )[: MAX_ROWS + 1]
    )
    today = timezone.localdate()
    statuses = dict(SecrecyStatus.choices)
    result = []
    for item in rows[:MAX_ROWS]:
        since = item.decision_date or (
            item.closed_session.date if item.closed_session else item.created_at.date()
        )
        result.append(
            {
                "subject": item.subject,
                "reference": item.reference,
                "imposed_by": (
                    item.imposing_body.name
                    if item.imposing_body
                    else (item.closed_session.body.name if item.closed_session else "")
                ),
                "since": since,
                "age_days": (today - since).days,
                "grounds": grounds_display(item.grounds),
                "lifting_body": item.lifting_body.name,
                "review_date": item.review_date,
                "expires_on": item.expires_on,
                "status": statuses.get(item.status, item.status),
                "due": item.is_due_for_review,
            }
        )
    return result, len(rows) > MAX_ROWS


def build_register(job) -> dict:
    items = SecrecyItem.objects.filter(municipality_id=job.municipality_id)
    params = job.parameters
    if params.get("status") in SecrecyStatus.values:
        items = items.filter(status=params["status"])
    if params.get("ground") in WooGround.values:
        items = with_list_element(items, "grounds", params["ground"])
    rows, truncated = _rows(items)
    return {
        "municipality": job.municipality,
        "rows": rows,
        "truncated": truncated,
        "max_rows": MAX_ROWS,
        "status_label": dict(SecrecyStatus.choices).get(params.get("status", ""), ""),
        "ground_label": dict(WooGround.choices).get(params.get("ground", ""), ""),
    }


def build_yearly_review(job) -> dict:
    active = SecrecyItem.objects.filter(municipality_id=job.municipality_id).secret()
    rows, truncated = _rows(active)
    return {
        "municipality": job.municipality,
        "year": job.parameters.get("year"),
        "rows": rows,
        "due": sum(1 for row in rows if row["due"]),
        "truncated": truncated,
        "max_rows": MAX_ROWS,
    }


REGISTER_REPORT = ReportKind(
    key="confidentiality_register",
    title=_("Geheimhoudingsregister"),
    template="confidentiality/pdf/register.html",
    build_context=build_register,
    may_view=may_view,
    form_class=RegisterReportForm,
    description=_("Het geheimhoudingsregister van uw gemeente als PDF, met filters."),
    filename_stem="geheimhoudingsregister",
)

YEARLY_REVIEW_REPORT = ReportKind(
    key="confidentiality_yearly_review",
    title=_("Jaarlijkse heroverweging van geheimhouding"),
    template="confidentiality/pdf/yearly_review.html",
    build_context=build_yearly_review,
    may_view=may_view,
    form_class=YearlyReviewForm,
    description=_(
        "Elk stuk waarop nog geheimhouding rust, met zijn leeftijd, gronden en datum van "
        "heroverweging."  # C7
    ),
    filename_stem="heroverweging-geheimhouding",
)


def register() -> None:
    register_report_kind(REGISTER_REPORT)
    register_report_kind(YEARLY_REVIEW_REPORT)
