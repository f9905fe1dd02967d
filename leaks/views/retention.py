"""Retention: the destruction lists of breach records, approved by the archivist."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from portal.refusals import refuse
from portal.selectors import in_municipality_or_404

from .. import selectors, services
from ..permissions import can_approve_destruction
from ..services.retention import retention_years
from .common import PAGE_SIZE


@require_GET
def destruction_lists(request):
    """The municipality's destruction lists: the open one the periodic job fills, and the
    approved ones with what was destroyed when (the record of destruction)."""
    if not can_approve_destruction(request.user):
        return render(request, "403.html", status=403)
    page = Paginator(selectors.destruction_lists(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "leaks/destruction_lists.html",
        {"page_obj": page, "lists": page.object_list, "retention_years": retention_years()},
    )


@require_POST
@in_municipality_or_404("leaks.BreachDestructionList", kwarg="list_uuid")
def destruction_approve(request, list_uuid):
    if not can_approve_destruction(request.user):
        refuse(actor=request.user, action="leaks.breach_destruction_approved", obj=None)
    destruction_list = selectors.destruction_lists(request.user).filter(uuid=list_uuid).first()
    if destruction_list is None:
        raise Http404
    try:
        services.breach_destruction_approve(actor=request.user, destruction_list=destruction_list)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "De vernietigingslijst is goedgekeurd. De datalekken erop worden nu "
                "vernietigd; de lijst blijft bewaard als verklaring van vernietiging."
            ),
        )
    return redirect("leaks:destruction_lists")
