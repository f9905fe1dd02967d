"""The griffie's pages for the council information system (T5): the connection's state and
runs, a sync on demand, linking people of the RIS to accounts, confirming closed sessions (C3).
Thin: selectors read, services write."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.form_flow import form_page, posted
from portal.refusals import refuse
from portal.selectors import in_municipality_or_404

from . import selectors, services
from .forms import ConfirmForm, PersonLinkForm

PERM = "ris.manage_ris"
TEMPLATE = "ris/form.html"


@require_GET
@permission_required(PERM, raise_exception=True)
def overview(request):
    return render(
        request,
        "ris/overview.html",
        {
            "connection": selectors.connection_for(request.user),
            "runs": selectors.runs_for(request.user),
            "proposals": selectors.proposals_for(request.user),
            "people": selectors.people_for(request.user),
            "meetings": selectors.meetings_for(request.user)[:20],
        },
    )


@require_POST
@permission_required(PERM, raise_exception=True)
def sync(request):
    if selectors.connection_for(request.user) is None:
        refuse(actor=request.user, action="ris.sync_requested", obj=None, rule="T5")
    services.sync_request(actor=request.user)
    messages.success(
        request,
        _("De synchronisatie is gestart. Ververs deze pagina over een minuut voor het resultaat."),
    )
    return redirect("ris:overview")


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("ris.Person", perm=PERM)
def person_link(request, uuid):
    person = selectors.person_get(request.user, uuid)
    form = PersonLinkForm(
        posted(request),
        accounts=selectors.council_accounts_for(request.user),
        initial={"user": person.user_id},
    )
    return form_page(
        request,
        form=form,
        save=lambda data: services.person_link(
            actor=request.user, person=person, user=data["user"]
        ),
        success_message=_(
            "De koppeling is opgeslagen; de volgende synchronisatie neemt de zetels over."
        ),
        success_url=reverse("ris:overview"),
        template=TEMPLATE,
        context={"title": _("%(name)s koppelen aan een account") % {"name": person.name}},
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("ris.AgendaItem", field="meeting__municipality", perm=PERM)
def closed_session_confirm(request, uuid):
    item = selectors.proposal_get(request.user, uuid)
    form = ConfirmForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.closed_session_confirm(actor=request.user, item=item, **data),
        success_message=_("De besloten vergadering staat in het register van geheime stukken."),
        success_url=reverse("ris:overview"),
        template=TEMPLATE,
        context={
            "title": _("Besloten agendapunt bevestigen"),
            "intro": _(
                "%(meeting)s, agendapunt %(label)s: %(title)s. Wat daar besproken is, is geheim "
                "van rechtswege tot de raad of de commissie de geheimhouding opheft."
            )
            % {"meeting": item.meeting, "label": item.label, "title": item.title},
        },
    )
