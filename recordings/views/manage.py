"""The organiser's pages: recordings, their pre-flight (R3), grants (R2), employees in the
picture and their objections (R6), a test invitation, publishing and withdrawing."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.form_flow import form_page, posted, show_refusal
from portal.refusals import refuse

from .. import chapters, selectors, services
from ..constants import RecordingStatus
from ..forms import (
    CaptionsForm,
    EmployeeAddForm,
    GrantAddForm,
    InvitationForm,
    ObjectionDecideForm,
    RecordingCreateForm,
    WithdrawForm,
)
from ..guidance import invitation_trust_guidance, trust_guidance
from ..permissions import can_organise
from ..preflight import preflight, preflights


def _grant_form(recording, data=None):
    return GrantAddForm(
        data,
        prefix="grant",
        domains=selectors.grant_domain_choices(recording),
        bodies=selectors.grant_body_choices(recording),
        groups=selectors.grant_group_choices(),
        people=selectors.people_choices(recording),
    )


def _employee_form(recording, data=None):
    return EmployeeAddForm(data, prefix="employee", people=selectors.people_choices(recording))


def _render_detail(request, recording, *, status=200, decide_forms=None):
    """The organiser's page: the recording, its grants, who appears, the pre-flight "wie kan
    kijken" (R3) and the objection forms. Adding a grant or an employee has its own page:
    their choice lists would take this page over its query budget (QUALITY B1)."""
    employees = selectors.recording_employees(recording)
    for employee in employees:
        if employee.objection_pending:
            employee.decide_form = (decide_forms or {}).get(employee.pk) or ObjectionDecideForm(
                prefix=f"decide-{employee.uuid}"
            )
    check = preflight(recording)
    return render(
        request,
        "recordings/recording_detail.html",
        {
            "recording": recording,
            "grants": check.grants,
            "employees": employees,
            "preflight": check,
            "trust_guidance": trust_guidance(request.user, recording, check),
            "editable": recording.status != RecordingStatus.WITHDRAWN,
            # R8 (WCAG 2.1 SC 1.2.2): shared with viewers, and no captions yet.
            "captions_warning": bool(check.grants)
            and not recording.captions
            and recording.status != RecordingStatus.WITHDRAWN,
            "captions_form": CaptionsForm(),
        },
        status=status,
    )


@require_GET
def recording_list(request):
    """The organiser's recordings with their status and the pre-flight warnings (R3)."""
    if not can_organise(request.user):
        return render(request, "403.html", status=403)
    recordings = list(selectors.recordings_manageable_by(request.user))
    checks = preflights(recordings)
    for recording in recordings:
        recording.preflight = checks[recording.pk]
    return render(request, "recordings/recording_list.html", {"recordings": recordings})


def _to_detail(recording) -> str:
    return reverse("recordings:detail", kwargs={"uuid": recording.uuid})


@require_http_methods(["GET", "POST"])
def recording_create(request):
    if not can_organise(request.user):
        refuse(actor=request.user, action="recording.create", obj=None, rule="R1")
    form = RecordingCreateForm(
        posted(request), meetings=chapters.meeting_choices(request.user.municipality_id)
    )
    return form_page(
        request,
        form=form,
        template="recordings/recording_form.html",
        save=lambda data: services.recording_create(actor=request.user, **form.service_kwargs()),
        success_message=_("De opname is aangemaakt. Deel hem en controleer vooraf wie kan kijken."),
        success_url=_to_detail,
    )


@require_GET
def recording_detail(request, uuid):
    recording = selectors.recording_get_for_management(request.user, uuid)
    return _render_detail(request, recording)


@require_POST
def recording_publish(request, uuid):
    recording = selectors.recording_get_for_management(request.user, uuid)
    try:
        services.recording_publish(actor=request.user, recording=recording)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De opname is gepubliceerd."))
    return redirect("recordings:detail", uuid=recording.uuid)


@require_http_methods(["GET", "POST"])
def grant_add(request, uuid):
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = _grant_form(recording, posted(request))
    return form_page(
        request,
        form=form,
        template="recordings/grant_form.html",
        context={"recording": recording},
        save=lambda data: services.grant_add(actor=request.user, recording=recording, **data),
        success_message=_("Het kijkrecht is toegevoegd."),
        success_url=_to_detail(recording),
    )


@require_POST
def grant_remove(request, uuid):
    grant = selectors.grant_get_for_management(request.user, uuid)
    services.grant_remove(actor=request.user, grant=grant)
    messages.success(request, _("Het kijkrecht is verwijderd."))
    return redirect("recordings:detail", uuid=grant.recording.uuid)


@require_http_methods(["GET", "POST"])
def employee_add(request, uuid):
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = _employee_form(recording, posted(request))
    return form_page(
        request,
        form=form,
        template="recordings/employee_form.html",
        context={"recording": recording},
        save=lambda data: services.employee_add(actor=request.user, recording=recording, **data),
        success_message=_("De medewerker is toegevoegd."),
        success_url=_to_detail(recording),
    )


@require_POST
def objection_record(request, uuid):
    """R6: the organiser records an objection made to them; the organiser is notified."""
    employee = selectors.employee_get_for_management(request.user, uuid)
    services.employee_objection_record(actor=request.user, employee=employee)
    messages.success(request, _("Het bezwaar is vastgelegd. Beslis erover voordat u publiceert."))
    return redirect("recordings:detail", uuid=employee.recording.uuid)


@require_POST
def objection_decide(request, uuid):
    employee = selectors.employee_get_for_management(request.user, uuid)
    form = ObjectionDecideForm(request.POST, prefix=f"decide-{employee.uuid}")
    if form.is_valid():
        try:
            services.objection_decide(actor=request.user, employee=employee, **form.cleaned_data)
        except ValidationError as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("De beslissing op het bezwaar is vastgelegd."))
            return redirect("recordings:detail", uuid=employee.recording.uuid)
    recording = selectors.recording_get_for_management(request.user, employee.recording.uuid)
    return _render_detail(request, recording, status=400, decide_forms={employee.pk: form})


@require_http_methods(["GET", "POST"])
def test_invitation(request, uuid):
    """R3: send one person a test invitation and see whether it would work."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = InvitationForm(
        posted(request),
        people=selectors.people_choices(recording),
    )
    check = None
    if request.method == "POST" and form.is_valid():
        try:
            check = services.invitation_test_send(
                actor=request.user, recording=recording, invitee=form.cleaned_data["user"]
            )
        except ValidationError as exc:
            show_refusal(form, exc)
    return form_page(
        request,
        form=form,
        template="recordings/invitation_form.html",
        context={
            "recording": recording,
            "check": check,
            "trust_guidance": check and invitation_trust_guidance(request.user, recording, check),
        },
    )


@require_http_methods(["GET", "POST"])
def recording_withdraw(request, uuid):
    """R6: withdraw a recording, with reasons; nobody can watch it any more."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = WithdrawForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.recording_withdraw(
            actor=request.user, recording=recording, reasons=form.cleaned_data["reasons"]
        )
        messages.success(request, _("De opname is ingetrokken. Niemand kan hem nog bekijken."))
        return redirect("recordings:detail", uuid=recording.uuid)
    return form_page(
        request,
        form=form,
        template="recordings/withdraw_form.html",
        context={"recording": recording},
    )
