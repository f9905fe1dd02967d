"""X6: a read-only JSON API of motion and commitment status per municipality, for a council
information system, described by an OpenAPI 3.0 document at ``api/v1/openapi.json``.

Authentication is the portal's own session (sign in, then call with the session cookie), the
same deny-by-default chain as every page: signed in (LoginRequiredMiddleware), the permission
``privacy_policy.view_motions``, and only the caller's own municipality (T1). Errors are
problem+json documents (``portal.api.json_api``): 401 without a session, 403 without the
permission. A token for
machine clients is not built yet (docs/privacy_policy.md)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse

from portal.api import json_api, problem_response
from portal.pagination import BAD_PAGE_RESPONSE, api_page, refuses_bad_page
from portal.refusals import refuse

from .. import selectors
from ..constants import DisplayStatus, MotionStatus
from ..permissions import can_view_motions

PAGE_SIZE = 50


def _require(request, action):
    if not can_view_motions(request.user):
        refuse(actor=request.user, action=action, obj=None, rule="X6")


def _date(value):
    return value.isoformat() if value else None


def _item(item) -> dict:
    return {
        "description": item.description,
        "owner_portfolio_holder": item.owner_portfolio_holder,
        "owner_department": item.owner_department,
        "deadline": _date(item.deadline),
        "status": item.display_status(),
        "accepted_on": _date(item.accepted_on),
        "acceptance_reference": item.acceptance_reference,
    }


def _page(request, qs, serialise) -> JsonResponse:
    page = api_page(Paginator(qs, PAGE_SIZE), request.GET.get("page"))
    return JsonResponse(
        {
            "count": page.paginator.count,
            "page": page.number,
            "pages": page.paginator.num_pages,
            "results": [serialise(obj) for obj in page],
        }
    )


@json_api
@refuses_bad_page
def motions(request):
    _require(request, "api.motions")
    qs = selectors.motions_with_assignments(request.user)

    def serialise(motion):
        return {
            "id": str(motion.uuid),
            "number": motion.number,
            "title": motion.title,
            "meeting": motion.meeting,
            "meeting_date": _date(motion.meeting_date),
            "status": motion.status,
            "done": motion.closed_on is not None,
            "closed_on": _date(motion.closed_on),
            "assignments": [
                {"id": str(a.uuid), "number": a.number, **_item(a)}
                for a in motion.assignments.all()
            ],
        }

    return _page(request, qs, serialise)


@json_api
@refuses_bad_page
def commitments(request):
    _require(request, "api.commitments")
    qs = selectors.commitments_for(request.user)

    def serialise(c):
        return {
            "id": str(c.uuid),
            "number": c.number,
            "title": c.title,
            "meeting": c.meeting,
            "made_on": _date(c.made_on),
            **_item(c),
        }

    return _page(request, qs, serialise)


def _enum(choices) -> list[str]:
    return [value for value, _label in choices]


def _schema() -> dict:
    item = {
        "description": {"type": "string"},
        "owner_portfolio_holder": {"type": "string"},
        "owner_department": {"type": "string"},
        "deadline": {"type": "string", "format": "date"},
        "status": {
            "type": "string",
            "enum": _enum(DisplayStatus.choices),
            # P4
            "description": "Done, overdue (from the day after the deadline), in progress, new.",
        },
        "accepted_on": {"type": "string", "format": "date", "nullable": True},
        "acceptance_reference": {"type": "string"},
    }

    def page_of(ref):
        return {
            "type": "object",
            "required": ["count", "page", "pages", "results"],
            "properties": {
                "count": {"type": "integer"},
                "page": {"type": "integer"},
                "pages": {"type": "integer"},
                "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
            },
        }

    def operation(summary, ref, op_id):
        return {
            "get": {
                "operationId": op_id,
                "summary": summary,
                "security": [{"session": []}],
                "parameters": [
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}
                ],
                "responses": {
                    "200": {
                        "description": "One page of results, of the caller's municipality only.",
                        "content": {"application/json": {"schema": page_of(ref)}},
                    },
                    "400": BAD_PAGE_RESPONSE,
                    "401": problem_response("Not signed in."),
                    "403": problem_response("Signed in without privacy_policy.view_motions."),
                },
            }
        }

    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Informatieportaal: moties en toezeggingen",
            "version": "1",
            "description": "Read-only status of motions (with their assignments) and "
            "commitments of the caller's municipality.",  # P1–P4, X6
        },
        "paths": {
            "/privacy/api/v1/moties/": operation(
                "Motions with their assignments", "Motion", "listMotions"
            ),
            "/privacy/api/v1/toezeggingen/": operation(
                "Commitments", "Commitment", "listCommitments"
            ),
        },
        "components": {
            "securitySchemes": {
                # The cookie this instance sets: __Host-sessionid in production only.
                "session": {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
            },
            "schemas": {
                "Assignment": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "number": {"type": "integer"},
                        **item,
                    },
                },
                "Motion": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "number": {"type": "string"},
                        "title": {"type": "string"},
                        "meeting": {"type": "string"},
                        "meeting_date": {"type": "string", "format": "date"},
                        "status": {"type": "string", "enum": _enum(MotionStatus.choices)},
                        "done": {"type": "boolean"},
                        "closed_on": {"type": "string", "format": "date", "nullable": True},
                        "assignments": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Assignment"},
                        },
                    },
                },
                "Commitment": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "number": {"type": "string"},
                        "title": {"type": "string"},
                        "meeting": {"type": "string"},
                        "made_on": {"type": "string", "format": "date"},
                        **item,
                    },
                },
            },
        },
    }


@json_api
def openapi(request):
    _require(request, "api.schema")
    return JsonResponse(_schema())
