"""C9, X6: the public register of secrecy metadata per municipality — a page and a JSON
endpoint with an OpenAPI description. Open to everyone (``login_not_required``) and therefore
showing metadata only: subject, date, imposing body, grounds, addressees, review date, status.
Never motivation, documents, passages or people."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from portal.api import json_api, problem_response
from portal.pagination import BAD_PAGE_RESPONSE, api_page, refuses_bad_page

from . import selectors
from .constants import SecrecyStatus, WooGround
from .models import grounds_display

PAGE_SIZE = 50
JSON_PAGE_SIZE = 100


def _row(row: dict) -> dict:
    return {
        "id": str(row["uuid"]),
        "subject": row["public_subject"],
        "origin": row["origin"],
        "date": row["date"].isoformat() if row["date"] else None,
        "imposed_by": row["imposed_by"],
        "grounds": row["grounds"],
        "addressees": row["addressees"],
        "review_date": row["review_date"].isoformat() if row["review_date"] else None,
        "secret_until": row["expires_on"].isoformat() if row["expires_on"] else None,
        "status": row["status"],
    }


def _register(slug, size):
    """The municipality (404 unless it publishes, C9) and its register, paged."""
    municipality = selectors.public_municipality_get(slug)
    return municipality, Paginator(selectors.public_register_rows(municipality), size)


@login_not_required
@require_GET
def public_register(request, slug):
    municipality, paginator = _register(slug, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    statuses = dict(SecrecyStatus.choices)
    for row in page:
        row["ground_labels"] = grounds_display(row["grounds"])
        row["status_label"] = statuses.get(row["status"], row["status"])
    return render(
        request,
        "confidentiality/public_register.html",
        {"municipality": municipality, "page_obj": page},
    )


@json_api(public=True)
@refuses_bad_page
def public_register_json(request, slug):
    municipality, paginator = _register(slug, JSON_PAGE_SIZE)
    page = api_page(paginator, request.GET.get("page"))
    base = reverse("confidentiality:public_register_json", kwargs={"slug": slug})
    return JsonResponse(
        {
            "municipality": municipality.name,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "count": page.paginator.count,
            "next": f"{base}?page={page.next_page_number()}" if page.has_next() else None,
            "items": [_row(row) for row in page],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _schema() -> dict:
    item = {
        "type": "object",
        "required": ["id", "subject", "origin", "status", "grounds", "addressees"],
        "properties": {
            "id": {"type": "string", "format": "uuid"},
            "subject": {
                "type": "string",
                "description": "The public subject; empty when the item has none. Never the "
                "internal title.",  # C9
            },
            "origin": {"type": "string", "enum": ["decision", "closed_session"]},
            "date": {
                "type": ["string", "null"],
                "format": "date",
                "description": "Date of the decision, or of the closed session.",  # C3
            },
            "imposed_by": {"type": ["string", "null"]},
            "grounds": {
                "type": "array",
                "description": "Woo art. 5.1 lid 1 (a-e) and lid 2 (a-i) only.",  # C1
                "items": {"type": "string", "enum": list(WooGround.values)},
            },
            "addressees": {"type": "array", "items": {"type": "string"}},
            "review_date": {"type": ["string", "null"], "format": "date"},
            "secret_until": {"type": ["string", "null"], "format": "date"},
            "status": {"type": "string", "enum": list(SecrecyStatus.values)},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Openbaar geheimhoudingsregister",
            "version": "1.0.0",
            "description": (
                "Metadata of secrecy (geheimhouding) per municipality: never its content."  # C9
            ),
        },
        "paths": {
            "/geheimhouding/openbaar/{slug}/register.json": {
                "get": {
                    "operationId": "publicSecrecyRegister",
                    "summary": "The public secrecy register of one municipality",
                    "security": [],
                    "parameters": [
                        {
                            "name": "slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of the register, newest first.",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["municipality", "page", "pages", "items"],
                                        "properties": {
                                            "municipality": {"type": "string"},
                                            "page": {"type": "integer"},
                                            "pages": {"type": "integer"},
                                            "count": {"type": "integer"},
                                            "next": {"type": ["string", "null"]},
                                            "items": {"type": "array", "items": item},
                                        },
                                    }
                                }
                            },
                        },
                        "400": BAD_PAGE_RESPONSE,
                        "404": problem_response("No such municipality, or it does not publish."),
                    },
                }
            }
        },
    }


@json_api(public=True)
def openapi(request):
    """X6: the OpenAPI description of the public register's JSON endpoint."""
    return JsonResponse(_schema())
