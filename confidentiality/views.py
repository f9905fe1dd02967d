"""Thin views of the secrecy register: parse, call a selector, render. Opening an item is a
confidential read and is audited (X1, C8); objects outside the user's scope are a 404."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal.audit import audit_record
from portal.downloads import protect_download
from portal.form_flow import form_status
from portal.selectors import in_municipality_or_404

from . import copies, hooks, selectors
from .constants import SecrecyStatus, WooGround
from .forms import TraceCodeForm
from .permissions import can_manage_register

PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50
HISTORY_ON_DETAIL = 10  # the newest; the history page has the rest


def _audit_opened(request, item, *, view: str) -> None:
    """C8/X1: one event per opening of an item (who, when and from where are in the event)."""
    audit_record(action="secrecy.viewed", actor=request.user, obj=item, details={"view": view})


def _register_filters(request, bodies) -> dict:
    """The register's filters from the query string; unknown values are ignored."""
    status = request.GET.get("status", "").strip()[:20]
    body = request.GET.get("body", "").strip()[:36]
    ground = request.GET.get("ground", "").strip()[:20]
    return {
        "status": status if status in SecrecyStatus.values else "",
        "body_uuid": body if body in {str(b.uuid) for b in bodies} else "",
        "ground": ground if ground in WooGround.values else "",
        "due": request.GET.get("due") == "1",
    }


@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
def register_list(request):
    """C5, C7, C1: the griffie's register with its filters (status, imposing body, ground, due
    for review); items due for review are marked."""
    bodies = list(selectors.register_bodies(request.user))
    filters = _register_filters(request, bodies)
    status, body, due, ground = (
        filters["status"],
        filters["body_uuid"],
        filters["due"],
        filters["ground"],
    )
    items = selectors.register_items(request.user, **filters)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    _attach_notes(list(page))
    return render(
        request,
        "confidentiality/register_list.html",
        {
            "page_obj": page,
            "statuses": SecrecyStatus.choices,
            "bodies": bodies,
            "status": status,
            "body": body,
            "due": due,
            "grounds": WooGround.choices,
            "ground": ground,
            "filtered": bool(status or body or due or ground),
            "may_manage": can_manage_register(request.user),
        },
    )


CSV_COLUMNS = (
    "uuid",
    "subject",
    "reference",
    "origin",
    "status",
    "imposing_body",
    "decision_date",
    "lifting_body",
    "grounds",
    "review_date",
    "expires_on",
)


def _csv_cell(value) -> str:
    """Plain text for a spreadsheet: a cell that starts like a formula is quoted (CSV
    injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@never_cache
@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
def register_csv(request):
    """The register as CSV with the list's filters, in one query; the export is audited."""
    filters = _register_filters(request, list(selectors.register_bodies(request.user)))
    items = selectors.register_items(request.user, **filters).order_by("-created_at")
    audit_record(
        action="secrecy.register_exported",
        actor=request.user,
        details={"format": "csv", **filters},
    )

    def rows():
        yield CSV_COLUMNS
        for item in items.iterator(chunk_size=500):
            yield (
                item.uuid,
                item.subject,
                item.reference,
                item.origin,
                item.status,
                item.imposing_body.name if item.imposing_body else "",
                item.decision_date,
                item.lifting_body.name,
                " ".join(item.grounds),
                item.review_date,
                item.expires_on,
            )

    buffer = _Echo()
    writer = csv.writer(buffer)
    response = StreamingHttpResponse(
        (writer.writerow([_csv_cell(v) for v in row]) for row in rows()),
        content_type="text/csv; charset=utf-8",
    )
    made = timezone.localtime()
    return protect_download(response, filename=f"geheimhoudingsregister-{made:%Y%m%d-%H%M}.csv")


class _Echo:
    def write(self, value):
        return value


def _attach_notes(items) -> None:
    """What other apps say about each item (C11: publication after secrecy; C12: a Woo
    request), asked once for the whole page (confidentiality.hooks)."""
    notes = hooks.item_notes(items)
    for item in items:
        item.extension_notes = notes.get(item.pk, [])


@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_register")
def register_detail(request, uuid):
    item = selectors.register_item_get(request.user, uuid)
    _audit_opened(request, item, view="register")
    may_manage = can_manage_register(request.user)
    return render(
        request,
        "confidentiality/register_detail.html",
        {
            "item": item,
            "passages": [
                (document.title, passage)
                for document in item.documents.all()
                for passage in document.passage_rows
            ],
            "history": selectors.item_history(item)[:HISTORY_ON_DETAIL],
            "may_manage": may_manage,
            # Shown in their own section here, not under the status as in the list.
            "extension_notes": hooks.item_notes([item]).get(item.pk, []),
            "extension_actions": hooks.item_actions(item, request.user) if may_manage else [],
        },
    )


@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_register")
def register_history(request, uuid):
    """X1: the item's whole history from the audit trail, paginated."""
    item = selectors.register_item_get(request.user, uuid)
    _audit_opened(request, item, view="history")
    page = Paginator(selectors.item_history(item), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "confidentiality/register_history.html", {"item": item, "page_obj": page}
    )


@require_GET
@permission_required("confidentiality.view_shared_secrets", raise_exception=True)
def shared_list(request):
    """C4–C6, T4: what was shared with the member's current bodies; nothing while excluded."""
    page = Paginator(selectors.shared_list(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "confidentiality/shared_list.html", {"page_obj": page})


@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_shared_secrets")
def shared_detail(request, uuid):
    """Read-only metadata and the list of documents. Downloads come with the per-recipient
    watermark (C8); until then none are offered."""
    item = selectors.shared_item_get(request.user, uuid)
    _audit_opened(request, item, view="shared")
    return render(request, "confidentiality/shared_detail.html", {"item": item})


def _copy_failed(request, item):
    messages.error(
        request,
        _(
            "Dit document kan op dit moment niet worden geopend of gedownload. Meld het aan de "
            "griffie."
        ),
    )
    return redirect("confidentiality:shared_detail", uuid=item.uuid)


def _page_number(request) -> int:
    value = request.GET.get("pagina", "1")
    return int(value) if value.isdigit() and len(value) < 6 else 1


def _overlay(user) -> str:
    """C8: the viewer's visible watermark — the member's name and the moment, repeated."""
    mark = f"{copies.recipient_label(user)} · {timezone.localtime():%d-%m-%Y %H:%M}"
    return "   ".join([mark] * 60)


@never_cache
@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_shared_secrets")
def shared_document(request, uuid, version):
    """C8: a version opened in the viewer under an overlay with the member's name; the open is
    audited with the version. C6: an excluded member gets a 404 (the item is out of scope)."""
    item = selectors.shared_item_get(request.user, uuid)
    document_version = selectors.shared_version_get(request.user, item, version)
    try:
        shown = copies.version_opened(
            user=request.user, item=item, version=document_version, page=_page_number(request)
        )
    except copies.CopyError:
        return _copy_failed(request, item)
    return render(
        request,
        "confidentiality/shared_document.html",
        {
            "item": item,
            "version": document_version,
            "shown": shown,
            "overlay": _overlay(request.user),
        },
    )


@never_cache
@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_shared_secrets")
def shared_download(request, uuid, version):
    """C8, QUALITY D3: a per-recipient watermarked copy (name, date-time, trace code), made on
    request and audited with the version and the trace code; attachment, PDF only, nosniff,
    sandboxed, not cached."""
    item = selectors.shared_item_get(request.user, uuid)
    return _copy_download(request, item, selectors.shared_version_get(request.user, item, version))


@never_cache
@require_GET
@in_municipality_or_404("confidentiality.SecrecyItem", perm="confidentiality.view_register")
def register_download(request, uuid, version):
    """C8 for the griffie: the register links each document version; the clerk who opens one
    gets a copy of his own, watermarked with his name and a trace code and audited, like any
    recipient (the griffie's copies leak as easily as the raad's)."""
    item = selectors.register_item_get(request.user, uuid)
    return _copy_download(request, item, selectors.shared_version_get(request.user, item, version))


def _copy_download(request, item, document_version):
    try:
        copy = copies.copy_make(user=request.user, item=item, version=document_version)
    except copies.CopyError:
        return _copy_failed(request, item)
    response = HttpResponse(copy.content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, copy.filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
def exclusion_list(request):
    """C6: who is or was excluded from secret information, and until when."""
    page = Paginator(selectors.exclusions_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "confidentiality/exclusion_list.html",
        {
            "page_obj": page,
            "today": timezone.localdate(),
            "may_manage": can_manage_register(request.user),
        },
    )


@never_cache
@require_GET
@permission_required("confidentiality.trace_copies", raise_exception=True)
def trace_lookup(request):
    """C8, L6: an authorised investigator resolves the trace code on a copy to its recipient,
    within the own municipality. Every lookup is audited (by ``copies.trace_resolve``)."""
    form = TraceCodeForm(request.GET if "code" in request.GET else None)
    result = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        result = copies.trace_resolve(actor=request.user, code=form.cleaned_data["code"])
    return render(
        request,
        "confidentiality/trace_lookup.html",
        {
            "form": form,
            "result": result,
            "searched": searched,
            "is_copy": isinstance(result, copies.CopyTrace),
        },
        status=form_status(form),
    )
