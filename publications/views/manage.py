"""C11: the griffie's pages — the tasks "publiceren?", the concept's metadata, publish, decide
not to publish, withdraw, and the clean copy to check before publishing. Thin: parse, call a
selector or one service, render. Out of scope is a 404 (audited)."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from portal.downloads import protect_download
from portal.form_flow import posted
from portal.selectors import in_municipality_or_404

from .. import selectors, services
from ..constants import PublicationStatus
from ..forms import DeclineForm, PublicationForm, PublishForm, WithdrawForm
from ..permissions import can_manage_publications
from .common import form_page, require_manager

PAGE_SIZE = 25


def _detail_url(publication) -> str:
    return reverse("publications:publication_detail", kwargs={"uuid": publication.uuid})


@require_GET
@permission_required("publications.manage_publications", raise_exception=True)
def manage_list(request):
    """C11: what waits for a decision, and every publication of the municipality."""
    tasks = list(selectors.open_tasks_for(request.user))
    page = Paginator(selectors.publications_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render_page(
        request,
        "publications/manage_list.html",
        {
            "tasks": tasks,
            "page_obj": page,
            "open_requests": selectors.woo_requests_for(request.user, open_only=True).count(),
        },
    )


def render_page(request, template, context):
    return render(
        request, template, {"may_manage": can_manage_publications(request.user), **context}
    )


@require_GET
@in_municipality_or_404("publications.Publication", perm="publications.manage_publications")
def publication_detail(request, uuid):
    publication = selectors.publication_get(request.user, uuid)
    return render_page(
        request,
        "publications/publication_detail.html",
        {"publication": publication, "task": getattr(publication, "task", None)},
    )


@never_cache
@require_GET
@in_municipality_or_404("publications.Publication", perm="publications.manage_publications")
def publication_document(request, uuid, document):
    """The clean copy as it will be (or was) published, for the griffie to check: attachment,
    sandboxed, not cached (D3)."""
    publication = selectors.publication_get(request.user, uuid)
    found = next((d for d in publication.documents.all() if str(d.uuid) == str(document)), None)
    if found is None:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"publicatie-{found.uuid}.pdf",
        content_type="application/pdf",
    )
    return protect_download(response)


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.Publication")
def publication_edit(request, uuid):
    require_manager(request, "woo.publication_updated")
    publication = selectors.publication_get(request.user, uuid)
    action = publication.actions.all()[0] if publication.actions.all() else None
    initial = {
        "official_title": publication.official_title,
        "short_title": publication.short_title,
        "description": publication.description,
        "creation_date": publication.creation_date,
        "information_category": publication.information_category,
        "action_kind": action.kind if action else "",
        "action_date": action.at.date() if action else publication.creation_date,
        "action_body": action.body_name if action else "",
    }
    form = PublicationForm(posted(request), initial=initial)
    return form_page(
        request,
        form=form,
        save=lambda data: services.publication_update(
            actor=request.user, publication=publication, **data
        ),
        success_message=_("De gegevens van de publicatie zijn opgeslagen."),
        success_url=_detail_url,
        context=_page(
            publication,
            gettext_lazy("Gegevens van de publicatie"),
            gettext_lazy(
                "Deze gegevens gaan met de publicatie mee naar de landelijke Woo-index. Schrijf "
                "ze voor iedereen begrijpelijk."
            ),
            gettext_lazy("Opslaan"),
        ),
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.Publication")
def publication_publish(request, uuid):
    require_manager(request, "woo.published")
    publication = selectors.publication_get(request.user, uuid)
    form = PublishForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.publication_publish(
            actor=request.user, publication=publication, visible_from=data["visible_from"]
        ),
        success_message=_("De publicatie staat op de openbare pagina van de gemeente."),
        success_url=_detail_url,
        context=_page(
            publication,
            gettext_lazy("Publiceren"),
            gettext_lazy(
                "Na publiceren kan iedereen de publicatie en de opgeschoonde documenten vinden "
                "en downloaden, en haalt de landelijke Woo-index ze op."
            ),
            gettext_lazy("Publiceren"),
        ),
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.Publication")
def publication_withdraw(request, uuid):
    require_manager(request, "woo.withdrawn")
    publication = selectors.publication_get(request.user, uuid)
    form = WithdrawForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.publication_withdraw(
            actor=request.user,
            publication=publication,
            reason=data["reason"],
            reason_kind=data["reason_kind"],
        ),
        success_message=_("De publicatie is ingetrokken."),
        success_url=_detail_url,
        context=_page(
            publication,
            gettext_lazy("Publicatie intrekken"),
            gettext_lazy(
                "Een ingetrokken publicatie verdwijnt van de openbare pagina's en uit de "
                "sitemap; wie het adres nog heeft, krijgt te zien dat ze is ingetrokken."
            ),
            gettext_lazy("Intrekken"),
        ),
    )


@require_http_methods(["GET", "POST"])
@in_municipality_or_404("publications.ReleaseTask")
def task_decline(request, uuid):
    require_manager(request, "woo.release_declined")
    task = selectors.task_get(request.user, uuid)
    form = DeclineForm(posted(request))
    return form_page(
        request,
        form=form,
        save=lambda data: services.release_decline(
            actor=request.user, task=task, reason=data["reason"]
        ),
        success_message=_("Vastgelegd: dit stuk wordt niet gepubliceerd."),
        success_url=reverse("publications:manage_list"),
        context={
            "title": gettext_lazy("Niet publiceren"),
            "intro": gettext_lazy(
                "Leg vast waarom dit stuk, nu het niet meer geheim is, niet actief openbaar "
                "wordt gemaakt. Het concept wordt weggegooid."
            ),
            "submit": gettext_lazy("Vastleggen"),
            "subject": task.item.subject,
        },
    )


def _page(publication, title, intro, submit) -> dict:
    return {
        "publication": publication,
        "subject": publication.official_title,
        "title": title,
        "intro": intro,
        "submit": submit,
        "is_concept": publication.status == PublicationStatus.CONCEPT,
    }
