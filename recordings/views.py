"""Thin views: parse, call a selector or service, render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services
from .policy import preflight


@require_GET
def recording_detail(request, uuid):
    """The organiser's page: the recording, its grants, who appears, and the pre-flight
    "wie kan kijken" (R3)."""
    recording = selectors.recording_get_for_management(request.user, uuid)
    return render(
        request,
        "recordings/recording_detail.html",
        {
            "recording": recording,
            "grants": selectors.recording_grants(recording),
            "employees": selectors.recording_employees(recording),
            "preflight": preflight(recording),
        },
    )


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
