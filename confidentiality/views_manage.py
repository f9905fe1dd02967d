"""The griffie's write pages of the secrecy register: each parses a form, calls one service and
redirects to the item. The service refuses what the law forbids (C1–C7, C10) with a message
naming the rule; the page shows it and nothing is stored. Who may not keep the register gets a
403 (audited); an item of another municipality is a 404 (audited)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portal.constants import BodyKind
from portal.form_flow import form_page, posted
from portal.refusals import refuse
from portal.selectors import in_municipality_or_404

from . import selectors, services
from .constants import CLOSED_SESSION_BODY_KINDS, IMPOSING_BODY_KINDS
from .forms import (
    ClosedSessionForm,
    DocumentVersionForm,
    ExclusionForm,
    ItemRegisterForm,
    LiftForm,
    PassageForm,
    ReviewForm,
    ShareForm,
)
from .permissions import can_manage_register

TEMPLATE = "confidentiality/form.html"


def _require_manager(request, action: str) -> None:
    if not can_manage_register(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="X4")


def _to_item(item_or_result):
    item = getattr(item_or_result, "item", item_or_result)
    return reverse("confidentiality:register_detail", kwargs={"uuid": item.uuid})


def _item_page(item, title, intro="", *, submit, multipart=False) -> dict:
    return {
        "item": item,
        "title": title,
        "intro": intro,
        "submit": submit,
        "multipart": multipart,
    }


@require_http_methods(["GET", "POST"])
def item_register(request):
    """C1, C2, C7: register secrecy imposed by a decision."""
    _require_manager(request, "secrecy.register")
    bodies = selectors.bodies_of_kinds(request.user, IMPOSING_BODY_KINDS)
    form = ItemRegisterForm(posted(request), bodies=bodies)
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.item_register(actor=request.user, **data),
        success_message=_("Het stuk staat in het register. Deel het nu met een orgaan."),
        context=_item_page(
            None,
            gettext_lazy("Geheimhouding registreren"),
            gettext_lazy(
                "Geheimhouding opgelegd door de raad, het college, de burgemeester of een "
                "commissie (Gemeentewet art. 87), met de gronden uit Woo art. 5.1."
            ),
            submit=gettext_lazy("Registreren"),
        ),
        success_url=_to_item,
    )


@require_http_methods(["GET", "POST"])
def closed_session_register(request):
    """C3: a closed session puts its minutes and documents under secrecy by law."""
    _require_manager(request, "secrecy.closed_session_register")
    bodies = selectors.bodies_of_kinds(request.user, CLOSED_SESSION_BODY_KINDS)
    form = ClosedSessionForm(posted(request), bodies=bodies)
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.closed_session_register(actor=request.user, **data),
        success_message=_(
            "De besloten vergadering is vastgelegd; het verslag en de stukken zijn geheim."
        ),
        context=_item_page(
            None,
            gettext_lazy("Besloten vergadering vastleggen"),
            gettext_lazy(
                "Wat in een besloten vergadering van de raad (Gemeentewet art. 23 lid 4) of een "
                "commissie (art. 82 lid 5) is besproken, is geheim van rechtswege: er is geen "
                "apart besluit nodig. Het verslag en de genoemde stukken komen in het register."
            ),
            submit=gettext_lazy("Vastleggen"),
        ),
        success_url=lambda session: reverse("confidentiality:register_list"),
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem")
def item_share(request, uuid):
    """C4: share with a body; the form offers only bodies (Gemeentewet art. 88 lid 5)."""
    _require_manager(request, "secrecy.share")
    item = selectors.managed_item_get(request.user, uuid)
    form = ShareForm(posted(request), bodies=selectors.share_body_choices(request.user, item))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.item_share_with_body(
            actor=request.user, item=item, body=form.recipient()
        ),
        success_message=_(
            "Het stuk is gedeeld. De leden van het orgaan krijgen een melding zonder inhoud."
        ),
        context=_item_page(
            item,
            gettext_lazy("Delen met een orgaan"),
            gettext_lazy(
                "Een geheim stuk gaat naar een orgaan als geheel en bereikt al zijn huidige "
                "leden, nooit naar afzonderlijke raadsleden (Gemeentewet art. 88 lid 5)."
            ),
            submit=gettext_lazy("Delen"),
        ),
        success_url=_to_item,
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem")
def item_lift(request, uuid):
    """C5: the lifting decision, by the competent body or the raad for what it was given."""
    _require_manager(request, "secrecy.lift")
    item = selectors.managed_item_get(request.user, uuid)
    form = LiftForm(
        posted(request), bodies=selectors.bodies_of_kinds(request.user, IMPOSING_BODY_KINDS)
    )
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.item_lift(actor=request.user, item=item, **data),
        success_message=_("De geheimhouding is opgeheven."),
        context=_item_page(
            item,
            gettext_lazy("Geheimhouding opheffen"),
            gettext_lazy(
                "Leg het besluit vast waarmee het bevoegde orgaan (Gemeentewet art. 89) of, voor "
                "informatie die aan de raad is verstrekt, de raad de geheimhouding ophief."
            ),
            submit=gettext_lazy("Opheffing vastleggen"),
        ),
        success_url=_to_item,
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem")
def item_review(request, uuid):
    """C7: record a review and the next review date."""
    _require_manager(request, "secrecy.review")
    item = selectors.managed_item_get(request.user, uuid)
    form = ReviewForm(posted(request))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.review_record(actor=request.user, item=item, **data),
        success_message=_("De heroverweging is vastgelegd."),
        context=_item_page(
            item,
            gettext_lazy("Heroverwegen"),
            gettext_lazy(
                "Blijft de geheimhouding nodig? Leg de heroverweging vast met de datum van de "
                "volgende. Moet de geheimhouding eindigen, leg dan het besluit tot opheffing vast."
            ),
            submit=gettext_lazy("Heroverweging vastleggen"),
        ),
        success_url=_to_item,
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem")
def document_upload(request, uuid):
    """A document version (PDF by content, size limit, generated name; nothing left on
    failure)."""
    _require_manager(request, "secrecy.document_upload")
    item = selectors.managed_item_get(request.user, uuid)
    form = DocumentVersionForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        documents=selectors.item_documents(item),
    )
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.document_version_add(
            actor=request.user,
            item=item,
            file=data["file"],
            title=data["title"].strip(),
            document=data["document"],
            is_public=data["is_public"],
        ),
        success_message=_("Het document is opgeslagen."),
        context=_item_page(
            item,
            gettext_lazy("Document toevoegen"),
            gettext_lazy(
                "Alleen PDF-bestanden. Het bestand wordt afgeschermd opgeslagen onder een "
                "gegenereerde naam; een afgewezen bestand laat niets achter."
            ),
            submit=gettext_lazy("Opslaan"),
            multipart=True,
        ),
        success_url=lambda version: _to_item(item),
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("confidentiality.SecrecyItem")
def passage_add(request, uuid):
    """C10: a secret passage of a document, with its own grounds."""
    _require_manager(request, "secrecy.passage_add")
    item = selectors.managed_item_get(request.user, uuid)
    form = PassageForm(posted(request), documents=selectors.item_documents(item))
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.passage_add(actor=request.user, **data),
        success_message=_("De geheime passage is vastgelegd."),
        context=_item_page(
            item,
            gettext_lazy("Geheime passage vastleggen"),
            gettext_lazy(
                "Een document kan een openbare versie hebben en geheime passages, elk met een "
                "eigen grond uit Woo art. 5.1."  # C10
            ),
            submit=gettext_lazy("Vastleggen"),
        ),
        success_url=lambda passage: _to_item(item),
    )


@require_http_methods(["GET", "POST"])
def exclusion_add(request):
    """C6: the raad's decision to exclude a member, at most three months."""
    _require_manager(request, "secrecy.exclude")
    form = ExclusionForm(
        posted(request),
        members=selectors.council_people(request.user),
        raden=selectors.bodies_of_kinds(request.user, [BodyKind.RAAD]),
    )
    return form_page(
        request,
        form=form,
        template=TEMPLATE,
        save=lambda data: services.member_exclude(actor=request.user, **data),
        success_message=_(
            "De uitsluiting is vastgelegd. De toegang komt na de laatste dag vanzelf terug."
        ),
        context=_item_page(
            None,
            gettext_lazy("Lid uitsluiten van geheime informatie"),
            gettext_lazy(
                "De raad kan besluiten dat een lid dat de geheimhouding schond ten hoogste drie "
                "maanden geen geheime informatie ontvangt. In die periode opent het lid geen "
                "geheim stuk en krijgt het er geen melding van."
            ),
            submit=gettext_lazy("Uitsluiting vastleggen"),
        ),
        success_url=lambda exclusion: reverse("confidentiality:exclusion_list"),
    )
