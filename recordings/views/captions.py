"""R8: the captions of a recording — the organiser's upload and the track for the player."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from portal.downloads import protect_download
from portal.form_flow import show_refusal

from .. import selectors, services
from ..captions import max_captions_bytes
from ..conf import viewing_storage
from ..forms import CaptionsForm


def _render(request, recording, form, *, status=200):
    return render(
        request,
        "recordings/captions_form.html",
        {"recording": recording, "form": form, "max_mb": max_captions_bytes() // (1024 * 1024)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def recording_captions(request, uuid):
    """R8: upload the captions (WebVTT); the form is on the recording's page too."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    if request.method == "GET":
        return _render(request, recording, CaptionsForm())
    form = CaptionsForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            code = "too_many" if form.has_error("file", "too_many") else "empty"
            form = CaptionsForm()
            services.captions_refused(actor=request.user, recording=recording, code=code)
        services.captions_attach(
            actor=request.user, recording=recording, upload=form.cleaned_data["file"]
        )
    except ValidationError as exc:
        form = CaptionsForm()
        form.cleaned_data, form._errors = {}, ErrorDict()
        show_refusal(form, ValidationError({"file": exc.error_list}))
        return _render(request, recording, form, status=400)
    messages.success(request, _("De ondertiteling is geüpload en gecontroleerd."))
    return redirect("recordings:detail", uuid=recording.uuid)


@require_GET
def recording_captions_track(request, uuid):
    """R8: the captions as a WebVTT track, for whoever may play the recording (the player's
    scope; out of scope or without captions a 404). Never under a public URL."""
    recording = selectors.recording_get_for_playback(request.user, uuid)
    if not recording.captions:
        raise Http404
    with viewing_storage().open(recording.captions.name, "rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="text/vtt; charset=utf-8")
    return protect_download(response, filename="ondertiteling.vtt")
