"""X6, C11: the OpenAPI 3.1 description of the Woo publications API (views/api.py), written
out as the public register's is (confidentiality/views_public.py)."""

from __future__ import annotations

from .tooi import InformationCategory

BASE = "/woo/api/v1"

_HEADERS = {
    "API-Version": {
        "description": "The version of this API (NLGov REST API Design Rules).",
        "schema": {"type": "string"},
    }
}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "headers": _HEADERS,
        "content": {
            "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
        },
    }


def _ok(description: str, ref: str) -> dict:
    return {
        "description": description,
        "headers": _HEADERS,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{ref}"}}},
    }


_SLUG = {
    "name": "slug",
    "in": "path",
    "required": True,
    "description": "The municipality's short name, e.g. westerdijk.",
    "schema": {"type": "string"},
}

_LABELLED = {
    "type": "object",
    "required": ["uri", "label"],
    "properties": {"uri": {"type": "string"}, "label": {"type": "string"}},
}

_SUMMARY = {
    "type": "object",
    "required": [
        "id",
        "official_title",
        "short_title",
        "information_category",
        "creation_date",
        "published_at",
        "url",
    ],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "official_title": {"type": "string"},
        "short_title": {"type": "string"},
        "information_category": {
            "type": "object",
            "required": ["uri", "label"],
            "properties": {
                "uri": {"type": "string", "enum": list(InformationCategory.values)},
                "label": {"type": "string"},
            },
        },
        "creation_date": {"type": "string", "format": "date"},
        "published_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string", "format": "uri"},
    },
}


def schema(version: str) -> dict:
    detail = {
        "allOf": [
            {"$ref": "#/components/schemas/PublicationSummary"},
            {
                "type": "object",
                "required": [
                    "description",
                    "publisher",
                    "responsible",
                    "language",
                    "document_actions",
                    "documents",
                ],
                "properties": {
                    "description": {"type": "string"},
                    "publisher": {
                        "type": "object",
                        "required": ["uri"],
                        "properties": {"uri": {"type": "string"}},
                        "description": "TOOI identifier of the municipality.",
                    },
                    "responsible": {
                        "type": "object",
                        "required": ["uri"],
                        "properties": {"uri": {"type": "string"}},
                    },
                    "language": _LABELLED,
                    "document_actions": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["kind", "at", "body"],
                            "properties": {
                                "kind": _LABELLED,
                                "at": {"type": "string", "format": "date-time"},
                                "body": {"type": "string"},
                            },
                        },
                    },
                    "documents": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["id", "title", "format", "size", "sha256", "download"],
                            "properties": {
                                "id": {"type": "string", "format": "uuid"},
                                "title": {"type": "string"},
                                "format": {"type": "string", "enum": ["application/pdf"]},
                                "size": {"type": "integer", "minimum": 0},
                                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                                "download": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                },
            },
        ]
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Woo-publicaties",
            "version": version,
            "description": (
                "What a municipality published actively under the Wet open overheid after "
                "secrecy ended: read-only and anonymous. Errors are "
                "application/problem+json; every response carries API-Version."
            ),
        },
        "servers": [{"url": "/"}],
        "paths": {
            f"{BASE}/gemeenten/{{slug}}/publicaties": {
                "get": {
                    "operationId": "listPublications",
                    "summary": "The published Woo publications of one municipality",
                    "security": [],
                    "parameters": [
                        _SLUG,
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": "Words from the title.",
                            "schema": {"type": "string", "maxLength": 100},
                        },
                        {
                            "name": "informatiecategorie",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": list(InformationCategory.values)},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1},
                        },
                    ],
                    "responses": {
                        "200": _ok("One page, newest first.", "PublicationPage"),
                        "400": _problem("A parameter is not valid."),
                        "404": _problem("No such municipality."),
                    },
                }
            },
            f"{BASE}/gemeenten/{{slug}}/publicaties/{{id}}": {
                "get": {
                    "operationId": "getPublication",
                    "summary": "One publication with its documents",
                    "security": [],
                    "parameters": [
                        _SLUG,
                        {
                            "name": "id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        },
                    ],
                    "responses": {
                        "200": _ok("The publication.", "Publication"),
                        "404": _problem("No such publication (or not yet visible)."),
                        "410": _problem("The publication was withdrawn."),
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Problem": {
                    "type": "object",
                    "required": ["type", "title", "status"],
                    "properties": {
                        "type": {"type": "string"},
                        "title": {"type": "string"},
                        "status": {"type": "integer"},
                        "detail": {"type": "string"},
                        "parameter": {"type": "string"},
                        "withdrawn_at": {"type": "string", "format": "date-time"},
                    },
                },
                "PublicationSummary": _SUMMARY,
                "Publication": detail,
                "PublicationPage": {
                    "type": "object",
                    "required": ["municipality", "count", "page", "pages", "next", "results"],
                    "properties": {
                        "municipality": {"type": "string"},
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "pages": {"type": "integer", "minimum": 1},
                        "next": {"type": ["string", "null"]},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/PublicationSummary"},
                        },
                    },
                },
            }
        },
    }
