"""Motions, assignments and commitments: the griffie's pages, the owners' progress page and
the council-facing overview (P1–P4)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.form_flow import form_page, form_status, posted, show_refusal
from portal.refusals import refuse
from portal.reports.services import report_request

from .. import selectors, services
from ..chart import stacked_bars
from ..constants import (
    COMMITMENT_RIS_FIELDS,
    FROM_RIS,
    MOTION_RIS_FIELDS,
    STATUS_BADGE,
    DisplayStatus,
)
from ..forms import (
    AcceptForm,
    CommitmentForm,
    FilterForm,
    LetterForm,
    MotionForm,
    OwnedItemForm,
    ProgressForm,
)
from ..permissions import can_manage_motions, can_report_progress, can_view_motions
from ..reports import KIND as REPORT_KIND
from ..reports import PROGRESS_REPORT, ProgressReportForm

PAGE_SIZE = 25
BADGES = {s.value: STATUS_BADGE[s] for s in DisplayStatus}
LABELS = dict(DisplayStatus.choices)


def _require_view(request, action):
    if not can_view_motions(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="P4")


@require_GET
def overview(request):
    """P4: motions' assignments and commitments with their status colours and filters; the
    chart of status over time. Council members see it read-only (X4)."""
    _require_view(request, "motions.overview")
    form = FilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.tracked_rows(
        request.user,
        kind=filters.get("kind", ""),
        status=filters.get("status", ""),
        q=filters.get("q", ""),
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    for row in page:
        row["badge"] = BADGES[row["shown_status"]]
        row["status_label"] = LABELS[row["shown_status"]]
    timeline = selectors.status_timeline(request.user)
    return render(
        request,
        "privacy_policy/overview.html",
        {
            "form": form,
            "page_obj": page,
            "counts": [
                (LABELS[s], BADGES[s], n) for s, n in selectors.status_counts(request.user).items()
            ],
            "chart": stacked_bars(timeline),
            "timeline": [
                (moment, [counts[s] for s in ("new", "in_progress", "overdue", "done")])
                for moment, counts in timeline
            ],
            "can_manage": can_manage_motions(request.user),
            "can_report": PROGRESS_REPORT.may_view(request.user, _job_stub(request.user)),
        },
    )


def _job_stub(user):
    from portal.models import ReportJob

    return ReportJob(municipality_id=user.municipality_id, kind=REPORT_KIND)


@require_GET
def motion_list(request):
    _require_view(request, "motions.list")
    page = Paginator(selectors.motions_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "privacy_policy/motion_list.html",
        {"page_obj": page, "can_manage": can_manage_motions(request.user)},
    )


@require_http_methods(["GET", "POST"])
def motion_create(request):
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action="motion.register", obj=None, rule="P1")
    form = MotionForm(posted(request))
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={"title": _("Nieuwe motie"), "submit": _("Registreren")},
        save=lambda data: services.motion_register(actor=request.user, **data),
        success_message=_("De motie is geregistreerd. Voeg nu de opdrachten toe."),
        success_url=lambda motion: reverse(
            "privacy_policy:motion_detail", kwargs={"uuid": motion.uuid}
        ),
    )


@require_http_methods(["GET", "POST"])
def motion_edit(request, uuid):
    motion = selectors.motion_get(request.user, uuid)
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action="motion.update", obj=motion, rule="P1")
    initial = {field: getattr(motion, field) for field in services.motions.MOTION_FIELDS}
    form = MotionForm(posted(request), initial=initial)
    if motion.ris_id:
        ris_read_only(form, MOTION_RIS_FIELDS)
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Motie %(number)s bijwerken") % {"number": motion.number},
            "submit": _("Opslaan"),
        },
        save=lambda data: services.motion_update(actor=request.user, motion=motion, **data),
        success_message=_("De motie is bijgewerkt."),
        success_url=reverse("privacy_policy:motion_detail", kwargs={"uuid": motion.uuid}),
    )


@require_GET
def motion_detail(request, uuid):
    motion = selectors.motion_get(request.user, uuid)
    today = timezone.localdate()
    assignments = list(motion.assignments.all())
    for assignment in assignments:
        status = assignment.display_status(today)
        assignment.badge, assignment.status_label = BADGES[status], LABELS[status]
    return render(
        request,
        "privacy_policy/motion_detail.html",
        {
            "motion": motion,
            "assignments": assignments,
            "can_manage": can_manage_motions(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def assignment_add(request, uuid):
    motion = selectors.motion_get(request.user, uuid)
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action="assignment.add", obj=motion, rule="P1")
    form = OwnedItemForm(posted(request), owners=selectors.owner_choices(request.user))
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Opdracht toevoegen aan motie %(number)s") % {"number": motion.number},
            "submit": _("Opdracht toevoegen"),
            "back": motion,
        },
        save=lambda data: services.assignment_add(actor=request.user, motion=motion, **data),
        success_message=_("De opdracht is toegevoegd."),
        success_url=reverse("privacy_policy:motion_detail", kwargs={"uuid": motion.uuid}),
    )


@require_POST
def motion_close(request, uuid):
    motion = selectors.motion_get(request.user, uuid)
    try:
        services.motion_close(actor=request.user, motion=motion, closed_on=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De motie is afgedaan."))
    return redirect("privacy_policy:motion_detail", uuid=motion.uuid)


@require_http_methods(["GET", "POST"])
def commitment_create(request):
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action="commitment.register", obj=None, rule="P3")
    form = CommitmentForm(posted(request), owners=selectors.owner_choices(request.user))
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={"title": _("Nieuwe toezegging"), "submit": _("Registreren")},
        save=lambda data: services.commitment_register(actor=request.user, **data),
        success_message=_("De toezegging is geregistreerd."),
        success_url=lambda commitment: reverse(
            "privacy_policy:commitment_detail", kwargs={"uuid": commitment.uuid}
        ),
    )


def ris_read_only(form, fields) -> None:
    """T5: what comes from the council information system is shown, not edited."""
    for name in fields:
        if name in form.fields:
            form.fields[name].disabled = True
            form.fields[name].help_text = FROM_RIS


# --- one assignment or commitment ------------------------------------------------------------

GETTERS = {"assignment": selectors.assignment_get, "commitment": selectors.commitment_get}


def _item(request, kind, uuid):
    return GETTERS[kind](request.user, uuid)


def _render_item(request, kind, item, *, status=200, letter_form=None, accept_form=None):
    shown = item.display_status()
    manage = can_manage_motions(request.user) and shown != DisplayStatus.DONE
    return render(
        request,
        "privacy_policy/item_detail.html",
        {
            "kind": kind,
            "item": item,
            "badge": BADGES[shown],
            "status_label": LABELS[shown],
            "can_manage": manage,
            "can_report": can_report_progress(request.user, item) and shown != DisplayStatus.DONE,
            "letter_form": letter_form or (LetterForm(prefix="letter") if manage else None),
            "accept_form": accept_form or (AcceptForm(prefix="accept") if manage else None),
        },
        status=status,
    )


@require_GET
def item_detail(request, uuid, kind):
    return _render_item(request, kind, _item(request, kind, uuid))


def _item_intro(item, kind) -> str:
    """The assignment or commitment a form is about, in one sentence."""
    if kind == "assignment":
        return _("Opdracht %(number)s van motie %(motion)s (%(title)s): %(description)s") % {
            "number": item.number,
            "motion": item.motion.number,
            "title": item.motion.title,
            "description": Truncator(item.description).chars(200),
        }
    return _("Toezegging %(number)s: %(title)s") % {"number": item.number, "title": item.title}


@require_http_methods(["GET", "POST"])
def progress_add(request, uuid, kind):
    """P1: the owner reports progress (the griffie may record it for them)."""
    item = _item(request, kind, uuid)
    if not can_report_progress(request.user, item):
        refuse(actor=request.user, action=f"{kind}.progress", obj=item, rule="P1")
    form = ProgressForm(posted(request))
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={
            "title": _("Voortgang melden"),
            "intro": _item_intro(item, kind),  # which assignment this is for (issue 15)
            "submit": _("Voortgang vastleggen"),
            "back": item,
            "back_kind": kind,
        },
        save=lambda data: services.progress_report(actor=request.user, item=item, **data),
        success_message=_("De voortgang is vastgelegd."),
        success_url=reverse(f"privacy_policy:{kind}_detail", kwargs={"uuid": item.uuid}),
    )


@require_http_methods(["GET", "POST"])
def item_edit(request, uuid, kind):
    """P1, P3: the griffie changes an open item's owner, deadline or description."""
    item = _item(request, kind, uuid)
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action=f"{kind}.update", obj=item, rule="P1")
    initial = {field: getattr(item, field) for field in services.motions.ITEM_FIELDS}
    form = OwnedItemForm(
        posted(request), owners=selectors.owner_choices(request.user), initial=initial
    )
    if getattr(item, "ris_id", ""):
        ris_read_only(form, COMMITMENT_RIS_FIELDS)
    return form_page(
        request,
        form=form,
        template="privacy_policy/form.html",
        context={"title": _("Eigenaar, termijn en omschrijving"), "submit": _("Opslaan")},
        save=lambda data: services.item_update(actor=request.user, item=item, **data),
        success_message=_("De wijziging is opgeslagen."),
        success_url=reverse(f"privacy_policy:{kind}_detail", kwargs={"uuid": item.uuid}),
    )


@require_POST
def letter_add(request, uuid, kind):
    item = _item(request, kind, uuid)
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action=f"{kind}.letter", obj=item, rule="P2")
    form = LetterForm(request.POST, prefix="letter")
    if form.is_valid():
        try:
            services.letter_link(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("De brief is gekoppeld."))
            return redirect(f"privacy_policy:{kind}_detail", uuid=item.uuid)
    return _render_item(request, kind, _item(request, kind, uuid), status=400, letter_form=form)


@require_POST
def item_accept(request, uuid, kind):
    item = _item(request, kind, uuid)
    if not can_manage_motions(request.user):
        refuse(actor=request.user, action=f"{kind}.accept", obj=item, rule="P2")
    form = AcceptForm(request.POST, prefix="accept")
    if form.is_valid():
        try:
            services.item_accept(
                actor=request.user,
                item=item,
                accepted_on=form.cleaned_data["accepted_on"],
                reference=form.cleaned_data["reference"],
            )
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("De afdoening is vastgelegd."))
            return redirect(f"privacy_policy:{kind}_detail", uuid=item.uuid)
    return _render_item(request, kind, _item(request, kind, uuid), status=400, accept_form=form)


@require_http_methods(["GET", "POST"])
def progress_report_request(request):
    """P4, X3: ask the worker for the half-yearly progress report."""
    if not PROGRESS_REPORT.may_view(request.user, _job_stub(request.user)):
        refuse(actor=request.user, action="report.request", obj=None, rule="X3")
    form = ProgressReportForm(
        posted(request), initial=ProgressReportForm.initial_for(timezone.localdate())
    )
    if request.method == "POST" and form.is_valid():
        job = report_request(user=request.user, kind=REPORT_KIND, parameters=form.cleaned_data)
        messages.success(request, _("De rapportage wordt gemaakt."))
        return redirect("portal:report_detail", uuid=job.uuid)
    return render(
        request,
        "privacy_policy/form.html",
        {"form": form, "title": PROGRESS_REPORT.title, "submit": _("Rapportage maken")},
        status=form_status(form),
    )
