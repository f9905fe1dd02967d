"""C11, X6: the published Woo publications as a read-only, anonymous JSON API with an OpenAPI
description, after the NLGov REST API Design Rules: no trailing slashes, an ``API-Version``
header on every response, errors as ``application/problem+json`` (RFC 9457). It shows exactly
what the public pages show: published, visible, not secret; a withdrawn one is 410 Gone."""

from __future__ import annotations

import re
import uuid as uuid_lib
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import PageNotAnInteger, Paginator
from django.http import Http404, JsonResponse
from django.urls import reverse

from portal.api import problem
from portal.pagination import api_page

from .. import selectors
from ..sitemaps import absolute
from ..tooi import DocumentActionKind, InformationCategory, Language, label_of

API_VERSION = "1.0.0"
PAGE_SIZE = 50


def api_view(view):
    """GET only; every answer, errors included, carries ``API-Version``; a 404, a 410 and a bad
    ``page`` are problem documents, not HTML pages."""

    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = problem(405, "Method Not Allowed")
            response["Allow"] = "GET, HEAD"
        else:
            try:
                response = view(request, *args, **kwargs)
            except Http404:
                response = problem(404, "Not Found")
            except selectors.Gone as exc:
                response = problem(
                    410,
                    "Gone",
                    "Deze publicatie is ingetrokken.",
                    withdrawn_at=exc.publication.withdrawn_at.isoformat(),
                )
            except PageNotAnInteger:
                response = problem(
                    400, "Bad Request", "page is geen geheel getal van 1 of meer.", parameter="page"
                )
        response["API-Version"] = API_VERSION
        response["X-Content-Type-Options"] = "nosniff"
        return response

    wrapper.json_api = True  # the middlewares answer it with problem documents too
    return wrapper


SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


def _municipality(slug: str):
    """The municipality of a slug from the path (``<str:slug>``: the API answers every path
    with a problem document, so the router's own 404 page never shows)."""
    if not SLUG.fullmatch(slug):
        raise Http404
    return selectors.public_municipality_get(slug)


def _labelled(choices, uri: str) -> dict:
    return {"uri": uri, "label": label_of(choices, uri)}


def _publication(slug: str, publication, *, full: bool) -> dict:
    data = {
        "id": str(publication.uuid),
        "official_title": publication.official_title,
        "short_title": publication.short_title,
        "information_category": _labelled(InformationCategory, publication.information_category),
        "creation_date": publication.creation_date.isoformat(),
        "published_at": publication.published_at.isoformat(),
        "url": absolute(
            reverse("publications:public_detail", kwargs={"slug": slug, "uuid": publication.uuid})
        ),
    }
    if full:
        data.update(
            description=publication.description,
            publisher={"uri": publication.publisher},
            responsible={"uri": publication.responsible},
            language=_labelled(Language, publication.language),
            document_actions=[
                {
                    "kind": _labelled(DocumentActionKind, action.kind),
                    "at": action.at.isoformat(),
                    "body": action.body_name,
                }
                for action in publication.actions.all()
            ],
            documents=[
                {
                    "id": str(document.uuid),
                    "title": document.title,
                    "format": "application/pdf",
                    "size": document.size,
                    "sha256": document.sha256,
                    "download": absolute(
                        reverse(
                            "publications:public_download",
                            kwargs={
                                "slug": slug,
                                "uuid": publication.uuid,
                                "document": document.uuid,
                            },
                        )
                    ),
                }
                for document in publication.documents.all()
                if not document.withdrawn
            ],
        )
    return data


@api_view
def publications(request, slug):
    municipality = _municipality(slug)
    raw = request.GET.get("q") or ""
    if len(raw) > 100:
        return problem(400, "Bad Request", "q is langer dan 100 tekens.", parameter="q")
    # Control characters are in no title (and PostgreSQL refuses a NUL): they are dropped.
    query = "".join(c for c in raw if ord(c) >= 32).strip()
    category = request.GET.get("informatiecategorie") or ""
    if category and category not in InformationCategory.values:
        return problem(
            400,
            "Bad Request",
            "informatiecategorie is geen TOOI-informatiecategorie van de Woo.",
            parameter="informatiecategorie",
        )
    page = api_page(
        Paginator(selectors.public_list(municipality, query=query, category=category), PAGE_SIZE),
        request.GET.get("page"),
    )
    base = reverse("publications:api_publications", kwargs={"slug": slug})
    return JsonResponse(
        {
            "municipality": municipality.name,
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "next": f"{base}?page={page.next_page_number()}" if page.has_next() else None,
            "results": [_publication(slug, p, full=False) for p in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@api_view
def publication(request, slug, uuid):
    municipality = _municipality(slug)
    try:
        key = uuid_lib.UUID(uuid)
    except ValueError as exc:
        raise Http404 from exc
    found = selectors.public_detail(municipality, key)
    return JsonResponse(
        _publication(slug, found, full=True), json_dumps_params={"ensure_ascii": False}
    )


@api_view
def openapi(request):
    from ..openapi import schema

    return JsonResponse(schema(API_VERSION))
