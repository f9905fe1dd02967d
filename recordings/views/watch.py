"""R4, R5: what a viewer may watch, the player, and the signed stream with HTTP Range."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.downloads import protect_download

from .. import selectors, services
from ..access import recordings_visible_to
from ..chapters import chapters_for, meeting_label, webvtt_chapters
from ..conf import link_lifetime, viewing_storage, x_accel_redirect
from ..links import LinkRefused, check_link, sign_link, stream_url
from ..media import RangeNotSatisfiable, iter_range, parse_range
from .common import PAGE_SIZE


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
            "chapters": chapters_for(recording),
            "meeting": meeting_label(recording),
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


@require_GET
def recording_chapters(request, uuid):
    """R8: the agenda of the recording's meeting as a WebVTT chapters track, for whoever may
    play the recording (the same scope as the player; out of scope is a 404)."""
    recording = selectors.recording_get_for_playback(request.user, uuid)
    response = HttpResponse(
        webvtt_chapters(chapters_for(recording)), content_type="text/vtt; charset=utf-8"
    )
    # D3 like every file: an attachment when opened by itself (a <track> loads it all the same).
    return protect_download(response, filename="hoofdstukken.vtt")
