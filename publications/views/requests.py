"""C12: the griffie's pages for Woo requests for secret items — register on the item, the list
with deadlines, extend once, record the competent body's decision."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from portal.form_flow import posted
from portal.selectors import in_municipality_or_404

from .. import selectors, services, sources
from ..conf import decision_weeks, extension_weeks
from ..constants import WooRequestStatus
from ..forms import DecideForm, ExtendForm, WooRequestForm
from ..permissions import can_manage_publications
from .common import form_page, require_manager

PAGE_SIZE = 25


def _detail_url(request_obj) -> str:
    return reverse("publications:request_detail", kwargs={"uuid": request_obj.uuid})


@require_GET
@permission_required("publications.manage_publications", raise_exception=True)
def request_list(request):
    """C12: every Woo request for a secret item, open ones first by deadline."""
    page = Paginator(selectors.woo_requests_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "publications/request_list.html",
        {
            "page_obj": page,
            "today": timezone.localdate(),
            "decision_weeks": decision_weeks(),
            "extension_weeks": extension_weeks(),
        },
    )


@require_GET
@in_municipality_or_404("publications.WooRequest", perm="publications.manage_publications")
def request_detail(request, uuid):
    woo_request = selectors.woo_request_get(request.user, uuid)
    return render(
        request,
        "publications/request_detail.html",
        {
            "woo_request": woo_request,
            "today": timezone.localdate(),
            "is_open": woo_request.status == WooRequestStatus.OPEN,
            "may_manage": can_manage_publications(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem", kwarg="item")
def request_register(request, item):
    """C12: a Woo request on a secret item of the register (a 404 for any other item)."""
    require_manager(request, "woo.request_registered")
    secret_item = sources.item_for_clerk(request.user, item)
    form = WooRequestForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.woo_request_register(
            actor=request.user, item=secret_item, **data
        ),
        success_message=_(
            "Het Woo-verzoek is vastgelegd. Het bevoegde orgaan beslist nu of de geheimhouding "
            "wordt opgeheven."
        ),
        success_url=_detail_url,
        context={
            "title": gettext_lazy("Woo-verzoek vastleggen"),
            "intro": _(
                "Een Woo-verzoek om een geheim stuk is ook een verzoek om de geheimhouding op "
                "te heffen (Raad van State, ECLI:NL:RVS:2023:1925). Het orgaan dat de "
                "geheimhouding mag opheffen (Gemeentewet art. 89), beslist binnen %(weeks)s "
                "weken na ontvangst (Woo art. 4.4)."
            )
            % {"weeks": decision_weeks()},
            "submit": gettext_lazy("Vastleggen"),
            "subject": secret_item.subject,
        },
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.WooRequest")
def request_extend(request, uuid):
    require_manager(request, "woo.request_extended")
    woo_request = selectors.woo_request_get(request.user, uuid)
    form = ExtendForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.woo_request_extend(
            actor=request.user, request=woo_request, reason=data["reason"]
        ),
        success_message=_("De beslistermijn is verdaagd."),
        success_url=_detail_url,
        context={
            "title": gettext_lazy("Beslistermijn verdagen"),
            "intro": _(
                "De termijn kan één keer met ten hoogste %(weeks)s weken worden verdaagd, zolang "
                "hij nog loopt (Woo art. 4.4). Laat de verzoeker dat schriftelijk weten."
            )
            % {"weeks": extension_weeks()},
            "submit": gettext_lazy("Verdagen"),
            "subject": woo_request.item.subject,
        },
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.WooRequest")
def request_decide(request, uuid):
    require_manager(request, "woo.request_decided")
    woo_request = selectors.woo_request_get(request.user, uuid)
    form = DecideForm(
        posted(request),
        bodies=selectors.deciding_bodies(request.user),
        initial={"body": woo_request.item.lifting_body_id},
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.woo_request_decide(
            actor=request.user, request=woo_request, **data
        ),
        success_message=_("De beslissing is vastgelegd."),
        success_url=_detail_url,
        context={
            "title": gettext_lazy("Beslissing vastleggen"),
            "intro": _(
                "Alleen %(body)s kan deze geheimhouding opheffen (Gemeentewet art. 89), of de "
                "raad voor wat aan de raad is verstrekt. Wordt ze opgeheven, dan komt het stuk "
                "in het geheimhoudingsregister als opgeheven en staat er een conceptpublicatie "
                "voor u klaar."
            )
            % {"body": woo_request.item.lifting_body.name},
            "submit": gettext_lazy("Vastleggen"),
            "subject": woo_request.item.subject,
        },
    )
