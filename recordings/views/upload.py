"""R7: the recording's file, streamed through :class:`recordings.media.RecordingUploadHandler`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from portal.form_flow import show_refusal

from .. import selectors, services
from ..conf import max_upload_bytes
from ..forms import UploadForm
from ..media import RecordingUploadHandler


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
    show_refusal(form, exc)
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
