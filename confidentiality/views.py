"""Thin views of the secrecy register: parse, call a selector, render. Opening an item is a
confidential read and is audited (X1, C8); objects outside the user's scope are a 404."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.audit import audit_record

from . import selectors
from .constants import SecrecyStatus

PAGE_SIZE = 25
HISTORY_PAGE_SIZE = 50
HISTORY_ON_DETAIL = 10  # the newest; the history page has the rest


def _audit_opened(request, item, *, view: str) -> None:
    """C8/X1: one event per opening of an item (who, when and from where are in the event)."""
    audit_record(action="secrecy.viewed", actor=request.user, obj=item, details={"view": view})


@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
def register_list(request):
    """C5, C7: the griffie's register with its filters; items due for review are marked."""
    status = request.GET.get("status", "").strip()[:20]
    body = request.GET.get("body", "").strip()[:36]
    due = request.GET.get("due") == "1"
    bodies = list(selectors.register_bodies(request.user))
    if body not in {str(b.uuid) for b in bodies}:
        body = ""
    items = selectors.register_items(request.user, status=status, body_uuid=body, due=due)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
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
            "filtered": bool(status or body or due),
        },
    )


@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
def register_detail(request, uuid):
    item = selectors.register_item_get(request.user, uuid)
    _audit_opened(request, item, view="register")
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
        },
    )


@require_GET
@permission_required("confidentiality.view_register", raise_exception=True)
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
    page = Paginator(selectors.shared_items(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "confidentiality/shared_list.html", {"page_obj": page})


@require_GET
@permission_required("confidentiality.view_shared_secrets", raise_exception=True)
def shared_detail(request, uuid):
    """Read-only metadata and the list of documents. Downloads come with the per-recipient
    watermark (C8); until then none are offered."""
    item = selectors.shared_item_get(request.user, uuid)
    _audit_opened(request, item, view="shared")
    return render(request, "confidentiality/shared_detail.html", {"item": item})
