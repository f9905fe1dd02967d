"""X6, T5: the status of motions and commitments for the council, in the words of the VNG Open
Raads- en Stateninformatie API (ORI 2.0.0-beta) where ORI has them (``informatieobjecttype``,
``titel``, ``vergadering``, ``indieners``, ``resultaatMondelingeStemming``), plus what ORI lacks:
the follow-up (``afdoening``: status, ``termijn``, ``afdoeningsdocumenten``, acceptance by the
raad). Described by its OpenAPI document at ``api/v2/openapi.json``.

NLGov REST API Design Rules where they apply: paths without a trailing slash, an
``API-Version`` header on every answer, camelCase field names, read-only. Authentication and the
scope are those of version 1 (the session; ``privacy_policy.view_motions``; the caller's own
municipality, T1)."""

from functools import wraps

from django.core.paginator import Paginator
from django.http import JsonResponse

from portal.api import json_api
from portal.pagination import api_page, refuses_bad_page

from .. import selectors
from ..constants import DisplayStatus, MotionStatus
from .api import PAGE_SIZE, _date, _require
from .api_ori_schema import API_VERSION, schema

#: The follow-up status, in Dutch as the council speaks it (P4).
AFDOENING = {
    DisplayStatus.NEW: "nieuw",
    DisplayStatus.IN_PROGRESS: "in_uitvoering",
    DisplayStatus.OVERDUE: "te_laat",
    DisplayStatus.DONE: "afgedaan",
}
#: The motion's status as the raad decided it; ``resultaatMondelingeStemming`` is ORI's.
STATUS = {
    MotionStatus.SUBMITTED: "ingediend",
    MotionStatus.ADOPTED: "aangenomen",
    MotionStatus.REJECTED: "verworpen",
    MotionStatus.WITHDRAWN: "ingetrokken",
}
VOTE = {MotionStatus.ADOPTED: "voor", MotionStatus.REJECTED: "tegen"}


def _json(data, status=200) -> JsonResponse:
    return JsonResponse(data, status=status)


def versioned(view):
    """NLGov API Design Rules: every answer names the API's version, errors included."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    return wrapper


def _afdoening(item) -> dict:
    return {
        "status": AFDOENING[item.display_status()],
        "termijn": _date(item.deadline),
        "afdoeningsdocumenten": [
            {
                "soort": letter.kind,
                "kenmerk": letter.reference,
                "titel": letter.title,
                "datum": _date(letter.sent_on),
            }
            for letter in item.letters.all()
        ],
        "aanvaardDoorRaadOp": _date(item.accepted_on),
        "besluitVanAfdoening": item.acceptance_reference or None,
    }


def _owner(item) -> dict:
    return {
        "portefeuillehouder": item.owner_portfolio_holder or None,
        "afdeling": item.owner_department or None,
    }


def _page(request, qs, serialise) -> JsonResponse:
    page = api_page(Paginator(qs, PAGE_SIZE), request.GET.get("page"))
    return _json(
        {
            "aantal": page.paginator.count,
            "pagina": page.number,
            "paginas": page.paginator.num_pages,
            "resultaten": [serialise(obj) for obj in page],
        }
    )


@versioned
@json_api
@refuses_bad_page
def motions(request):
    _require(request, "api.motions")
    qs = selectors.motions_with_follow_up(request.user)

    def serialise(motion):
        amendment = motion.title.startswith("Amendement: ")
        return {
            "id": str(motion.uuid),
            "risId": motion.ris_id or None,
            "informatieobjecttype": "amendement" if amendment else "motie",
            "nummer": motion.number,
            "titel": motion.title,
            "vergadering": {"naam": motion.meeting, "vergaderdatum": _date(motion.meeting_date)},
            "indieners": [n.strip() for n in motion.submitters.split(",") if n.strip()],
            "resultaatMondelingeStemming": VOTE.get(motion.status),
            "status": STATUS[motion.status],
            "afgedaanOp": _date(motion.closed_on),
            "opdrachten": [
                {
                    "volgnummer": a.number,
                    "omschrijving": a.description,
                    **_owner(a),
                    "afdoening": _afdoening(a),
                }
                for a in motion.assignments.all()
            ],
        }

    return _page(request, qs, serialise)


@versioned
@json_api
@refuses_bad_page
def commitments(request):
    _require(request, "api.commitments")
    qs = selectors.commitments_with_follow_up(request.user)

    def serialise(c):
        return {
            "id": str(c.uuid),
            "risId": c.ris_id or None,
            "informatieobjecttype": "toezegging",
            "nummer": c.number,
            "titel": c.title,
            "omschrijving": c.description,
            "vergadering": {"naam": c.meeting},
            "gedaanOp": _date(c.made_on),
            **_owner(c),
            "afdoening": _afdoening(c),
        }

    return _page(request, qs, serialise)


@versioned
@json_api
def openapi(request):
    _require(request, "api.schema")
    return _json(schema())
