"""The OpenAPI 3.0 description of the motion and commitment status API in ORI words (X6, T5);
see ``api_ori``. Field names and enumerations follow the VNG Open Raads- en
Stateninformatie API 2.0.0-beta where it has them; ``afdoening`` is the portal's own."""

from django.conf import settings

from portal.api import problem_response
from portal.pagination import BAD_PAGE_RESPONSE

API_VERSION = "2.0.0"

DATE = {"type": "string", "format": "date", "nullable": True}
TEXT = {"type": "string", "nullable": True}


def _afdoening() -> dict:
    return {
        "type": "object",
        "description": "De opvolging, die ORI niet kent (P2, P4): status, termijn, de brieven "
        "over de uitvoering en de afdoening door de raad.",
        "properties": {
            "status": {"type": "string", "enum": ["nieuw", "in_uitvoering", "te_laat", "afgedaan"]},
            "termijn": DATE,
            "afdoeningsdocumenten": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "soort": {"type": "string"},
                        "kenmerk": {"type": "string"},
                        "titel": {"type": "string"},
                        "datum": DATE,
                    },
                },
            },
            "aanvaardDoorRaadOp": DATE,
            "besluitVanAfdoening": TEXT,
        },
    }


def _page_of(ref: str) -> dict:
    return {
        "type": "object",
        "required": ["aantal", "pagina", "paginas", "resultaten"],
        "properties": {
            "aantal": {"type": "integer"},
            "pagina": {"type": "integer"},
            "paginas": {"type": "integer"},
            "resultaten": {"type": "array", "items": {"$ref": f"#/components/schemas/{ref}"}},
        },
    }


def _operation(summary: str, ref: str, op_id: str) -> dict:
    version = {"API-Version": {"$ref": "#/components/headers/API-Version"}}
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
                    "description": "Eén pagina, alleen van de eigen gemeente.",
                    "headers": version,
                    "content": {"application/json": {"schema": _page_of(ref)}},
                },
                "400": {**BAD_PAGE_RESPONSE, "headers": version},
                "401": problem_response("Niet aangemeld."),
                "403": problem_response("Aangemeld zonder privacy_policy.view_motions."),
            },
        }
    }


def schema() -> dict:
    owner = {"portefeuillehouder": TEXT, "afdeling": TEXT}
    ris_id = {"type": "string", "nullable": True, "description": "Het id in het RIS (ORI)."}
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Informatieportaal: moties en toezeggingen (ORI)",
            "version": API_VERSION,
            "description": "Status van moties, amendementen en toezeggingen van de eigen gemeente "
            "in de woorden van de Open Raads- en Stateninformatie API (VNG, 2.0.0-beta), met de "
            "opvolging die ORI niet kent.",
        },
        "paths": {
            "/privacy/api/v2/moties": _operation(
                "Moties met hun opdrachten", "Motie", "listMoties"
            ),
            "/privacy/api/v2/toezeggingen": _operation(
                "Toezeggingen", "Toezegging", "listToezeggingen"
            ),
        },
        "components": {
            "headers": {
                "API-Version": {
                    "description": "De versie van deze API (NLGov API Design Rules).",
                    "schema": {"type": "string", "example": API_VERSION},
                }
            },
            "securitySchemes": {
                "session": {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
            },
            "schemas": {
                "Afdoening": _afdoening(),
                "Opdracht": {
                    "type": "object",
                    "properties": {
                        "volgnummer": {"type": "integer"},
                        "omschrijving": {"type": "string"},
                        **owner,
                        "afdoening": {"$ref": "#/components/schemas/Afdoening"},
                    },
                },
                "Motie": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "risId": ris_id,
                        "informatieobjecttype": {"type": "string", "enum": ["motie", "amendement"]},
                        "nummer": {"type": "string"},
                        "titel": {"type": "string"},
                        "vergadering": {
                            "type": "object",
                            "properties": {"naam": {"type": "string"}, "vergaderdatum": DATE},
                        },
                        "indieners": {"type": "array", "items": {"type": "string"}},
                        "resultaatMondelingeStemming": {
                            "type": "string",
                            "enum": ["voor", "tegen"],
                            "nullable": True,
                        },
                        "status": {
                            "type": "string",
                            "enum": ["ingediend", "aangenomen", "verworpen", "ingetrokken"],
                        },
                        "afgedaanOp": DATE,
                        "opdrachten": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Opdracht"},
                        },
                    },
                },
                "Toezegging": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "risId": ris_id,
                        "informatieobjecttype": {"type": "string", "enum": ["toezegging"]},
                        "nummer": {"type": "string"},
                        "titel": {"type": "string"},
                        "omschrijving": {"type": "string"},
                        "vergadering": {
                            "type": "object",
                            "properties": {"naam": {"type": "string"}},
                        },
                        "gedaanOp": DATE,
                        **owner,
                        "afdoening": {"$ref": "#/components/schemas/Afdoening"},
                    },
                },
            },
        },
    }
