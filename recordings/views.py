"""Thin views: parse, call a selector or service, render."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.services import refuse

from . import selectors, services
from .conf import link_lifetime, max_upload_bytes, viewing_storage, x_accel_redirect
from .constants import RecordingStatus
from .forms import (
    EmployeeAddForm,
    GrantAddForm,
    InvitationForm,
    ObjectionDecideForm,
    RecordingCreateForm,
    UploadForm,
    WithdrawForm,
)
from .links import LinkRefused, check_link, sign_link, stream_url
from .media import RangeNotSatisfiable, RecordingUploadHandler, iter_range, parse_range
from .permissions import can_organise
from .policy import preflight, preflights, recordings_visible_to

PAGE_SIZE = 25


def _add_errors(form, exc: ValidationError) -> None:
    """The service's rule-named refusal, shown through components/form_errors.html."""
    for message in exc.messages:
        form.add_error(None, message)


def _grant_form(recording, data=None):
    return GrantAddForm(
        data,
        prefix="grant",
        domains=selectors.grant_domain_choices(recording),
        bodies=selectors.grant_body_choices(recording),
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
            "editable": recording.status != RecordingStatus.WITHDRAWN,
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


@require_http_methods(["GET", "POST"])
def recording_create(request):
    if not can_organise(request.user):
        refuse(actor=request.user, action="recording.create", obj=None, rule="R1")
    form = RecordingCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            recording = services.recording_create(actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request, _("De opname is aangemaakt. Deel hem en controleer vooraf wie kan kijken.")
            )
            return redirect("recordings:detail", uuid=recording.uuid)
    return render(
        request,
        "recordings/recording_form.html",
        {"form": form},
        status=400 if form.errors else 200,
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
    form = _grant_form(recording, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_add(actor=request.user, recording=recording, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Het kijkrecht is toegevoegd."))
            return redirect("recordings:detail", uuid=recording.uuid)
    return render(
        request,
        "recordings/grant_form.html",
        {"recording": recording, "form": form},
        status=400 if form.errors else 200,
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
    form = _employee_form(recording, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employee_add(actor=request.user, recording=recording, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("De medewerker is toegevoegd."))
            return redirect("recordings:detail", uuid=recording.uuid)
    return render(
        request,
        "recordings/employee_form.html",
        {"recording": recording, "form": form},
        status=400 if form.errors else 200,
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
            _add_errors(form, exc)
        else:
            messages.success(request, _("De beslissing op het bezwaar is vastgelegd."))
            return redirect("recordings:detail", uuid=employee.recording.uuid)
    recording = selectors.recording_get_for_management(request.user, employee.recording.uuid)
    return _render_detail(request, recording, status=400, decide_forms={employee.pk: form})


@require_GET
def available_list(request):
    """R2, R5: what the user may watch now; a lapsed recording is simply not here. Paged (B1):
    a council member of a busy municipality can be shown hundreds of recordings."""
    page = Paginator(recordings_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "recordings/available_list.html",
        {"page_obj": page, "recordings": page.object_list},
    )


# --- the file: upload (R7), playback (R4) --------------------------------------------------------


def _render_upload(request, recording, form, *, status=200):
    return render(
        request,
        "recordings/upload_form.html",
        {
            "recording": recording,
            "form": form,
            "max_mb": max_upload_bytes() // (1024 * 1024),
            "max_bytes": max_upload_bytes(),
        },
        status=status,
    )


# CSRF is checked by csrf_protect below, once the upload handler is in place: the middleware
# would parse the body with the default handlers first (Django's documented pattern; tested).
@csrf_exempt  # nosemgrep: csrf-exempt
@require_http_methods(["GET", "POST"])
def recording_upload(request, uuid):
    """R7: the recording's file, streamed to disk by :class:`RecordingUploadHandler` while its
    type, size and checksum are checked. The permission is checked before one byte of the body
    is read; a body announced larger than the limit is refused without reading it."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    if request.method == "GET":
        return _render_upload(request, recording, UploadForm())
    announced = int(request.META.get("CONTENT_LENGTH") or 0)
    if announced > max_upload_bytes() + 64 * 1024:  # refused before one byte is read
        try:
            services.upload_refused(actor=request.user, recording=recording, code="too_large")
        except ValidationError as exc:
            return _render_upload_refused(request, recording, exc)
    handler = RecordingUploadHandler(request)
    request.upload_handlers = [handler]
    return _recording_upload_post(request, recording, handler)


def _render_upload_refused(request, recording, exc: ValidationError):
    # Only the refusal is shown (not "this field is required" on top of it).
    form = UploadForm()
    form.cleaned_data, form._errors = {}, ErrorDict()
    _add_errors(form, exc)
    return _render_upload(request, recording, form, status=400)


@csrf_protect
def _recording_upload_post(request, recording, handler):
    try:
        form = UploadForm(request.POST, request.FILES)
        if handler.refused is not None:
            services.upload_refused(
                actor=request.user,
                recording=recording,
                code=handler.refused.code,
                detail=handler.refused.detail,
            )
        if not form.is_valid():
            services.upload_refused(actor=request.user, recording=recording, code="empty")
        services.recording_file_attach(
            actor=request.user, recording=recording, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        return _render_upload_refused(request, recording, exc)
    messages.success(request, _("De opname is geüpload en gecontroleerd."))
    return redirect("recordings:detail", uuid=recording.uuid)


@never_cache  # the page holds a link signed for this viewer
@require_GET
def recording_play(request, uuid):
    """R4: the player. The browser gets a link signed for this viewer, valid for a short
    while; the viewer's name and the time are laid over the picture; the start is audited."""
    recording = selectors.recording_get_for_playback(request.user, uuid)
    if not recording.file:
        return render(
            request, "recordings/player.html", {"recording": recording, "link": None}, status=200
        )
    link = sign_link(user=request.user, recording=recording)
    services.playback_start(
        actor=request.user, recording=recording, link_nonce=link.nonce, download=False
    )
    return render(
        request,
        "recordings/player.html",
        {
            "recording": recording,
            "link": stream_url(recording, link),
            "may_download": selectors.may_download(request.user, recording),
            "watched_at": timezone.localtime(),
            "lifetime_minutes": int(link_lifetime().total_seconds() // 60),
        },
    )


@never_cache
@require_GET
def recording_stream(request, uuid, token):
    """R4: the bytes, for the viewer the link was signed for. HTTP Range gives 206 with just
    those bytes (seeking), 416 outside the file. In production nginx sends them
    (X-Accel-Redirect to its internal location; it answers Range itself)."""
    recording = selectors.recording_get_for_playback(request.user, uuid)
    try:
        link = check_link(token, user=request.user, recording=recording)
    except LinkRefused as exc:
        services.stream_refused(actor=request.user, recording=recording, code=exc.code)
        return render(request, "403.html", status=403)
    if not recording.file:
        raise Http404
    download = request.GET.get("download") == "1"
    if download and not selectors.may_download(request.user, recording):
        services.stream_refused(actor=request.user, recording=recording, code="no_download")
        return render(request, "403.html", status=403)
    if download:
        services.playback_start(
            actor=request.user, recording=recording, link_nonce=link.get("n", ""), download=True
        )
    if x_accel_redirect():
        response = HttpResponse(content_type=recording.file_type)
        response["X-Accel-Redirect"] = "/protected/" + quote(recording.file.name)
    else:
        response = _ranged_response(request, recording)
    # Generated from safe parts only: nothing a user typed reaches the header.
    filename = f"opname-{recording.meeting_date:%Y%m%d}.{recording.file.name.rsplit('.', 1)[-1]}"
    response["Content-Disposition"] = content_disposition_header(download, filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Accept-Ranges"] = "bytes"
    return response


def _ranged_response(request, recording):
    size = recording.file_size
    try:
        wanted = parse_range(request.headers.get("Range", ""), size)
    except RangeNotSatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response
    # Through the configured storage, not the field's (read once at start-up).
    handle = viewing_storage().open(recording.file.name, "rb")
    first, last = wanted if wanted else (0, size - 1)
    response = StreamingHttpResponse(
        iter_range(handle, first, last),
        status=206 if wanted else 200,
        content_type=recording.file_type,
    )
    response["Content-Length"] = str(last - first + 1)
    if wanted:
        response["Content-Range"] = f"bytes {first}-{last}/{size}"
    return response


# --- test invitation (R3), withdrawal and objections (R6) ---------------------------------------


@require_http_methods(["GET", "POST"])
def test_invitation(request, uuid):
    """R3: send one person a test invitation and see whether it would work."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = InvitationForm(
        request.POST if request.method == "POST" else None,
        people=selectors.people_choices(recording),
    )
    check = None
    if request.method == "POST" and form.is_valid():
        try:
            check = services.invitation_test_send(
                actor=request.user, recording=recording, invitee=form.cleaned_data["user"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
    return render(
        request,
        "recordings/invitation_form.html",
        {"recording": recording, "form": form, "check": check},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def recording_withdraw(request, uuid):
    """R6: withdraw a recording, with reasons; nobody can watch it any more."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.recording_withdraw(
            actor=request.user, recording=recording, reasons=form.cleaned_data["reasons"]
        )
        messages.success(request, _("De opname is ingetrokken. Niemand kan hem nog bekijken."))
        return redirect("recordings:detail", uuid=recording.uuid)
    return render(
        request,
        "recordings/withdraw_form.html",
        {"recording": recording, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def my_appearances(request):
    """R6: the recordings someone appears in, from their own account, with the way to object."""
    return render(
        request,
        "recordings/my_appearances.html",
        {"appearances": selectors.appearances_of(request.user)},
    )


@require_POST
def my_objection(request, uuid):
    """R6: the employee objects from their own account; the organiser is notified."""
    employee = selectors.appearance_get(request.user, uuid)
    services.employee_objection_record(actor=request.user, employee=employee)
    messages.success(
        request, _("Uw bezwaar is vastgelegd. De organisator is op de hoogte gebracht.")
    )
    return redirect("recordings:my_appearances")
