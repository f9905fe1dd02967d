"""C11: the public pages of a municipality's Woo publications — open to everyone
(``login_not_required``), GET only. Only what is published, past its visible-from moment and
not secret; a withdrawn publication answers 410 Gone; anything else unknown is a 404."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.downloads import protect_download
from portal.form_flow import form_status

from .. import selectors
from ..conf import public_page_size
from ..forms import PublicSearchForm
from ..tooi import InformationCategory


def gone(request, municipality, publication):
    """410: the publication was withdrawn (with the date; the reason stays in the register)."""
    return render(
        request,
        "publications/gone.html",
        {"municipality": municipality, "publication": publication},
        status=410,
    )


@login_not_required
@require_GET
def public_list(request, slug):
    """The list with search by title and Woo category, newest first."""
    municipality = selectors.public_municipality_get(slug)
    form = PublicSearchForm(request.GET or None)
    query = category = ""
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        category = form.cleaned_data["categorie"]
    publications = selectors.public_list(municipality, query=query, category=category)
    page = Paginator(publications, public_page_size()).get_page(request.GET.get("page"))
    return render(
        request,
        "publications/public_list.html",
        {
            "municipality": municipality,
            "form": form,
            "page_obj": page,
            "searched": bool(query or category),
            "categories": dict(InformationCategory.choices),
        },
        status=form_status(form),
    )


@login_not_required
@require_GET
def public_detail(request, slug, uuid):
    municipality = selectors.public_municipality_get(slug)
    try:
        publication = selectors.public_detail(municipality, uuid)
    except selectors.Gone as exc:
        return gone(request, municipality, exc.publication)
    return render(
        request,
        "publications/public_detail.html",
        {"municipality": municipality, "publication": publication},
    )


@login_not_required
@require_GET
def public_download(request, slug, uuid, document):
    """A clean copy for anyone: attachment, PDF, nosniff, sandboxed (D3)."""
    municipality = selectors.public_municipality_get(slug)
    try:
        found = selectors.public_document(municipality, uuid, document)
    except selectors.Gone as exc:
        return gone(request, municipality, exc.publication)
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"woo-{found.uuid}.pdf",
        content_type="application/pdf",
    )
    return protect_download(response)
