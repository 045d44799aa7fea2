"""The OpenAPI 3.1 document served at /openapi.json: the JSON API's paths, parameters, bodies
and shapes (the brief's contract), written by hand so it says exactly what the handlers do."""

from __future__ import annotations

from typing import Any

from monitor.core.enums import Status
from monitor.web.queries import MAX_PER_PAGE, SORTS

_NULLABLE_STR = {"type": ["string", "null"]}
_WINDOW = {
    "type": ["object", "null"],
    "required": ["text", "start", "end"],
    "properties": {
        "text": _NULLABLE_STR,
        "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date", "description": "exclusive"},
    },
}
_STATUS = {"type": "string", "enum": [str(s) for s in Status]}

SCHEMAS: dict[str, Any] = {
    "Window": _WINDOW,
    "Commitment": {
        "type": "object",
        "required": ["id", "title", "status", "deadline", "forecast", "slip_days"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "status": _STATUS,
            "deadline": {"$ref": "#/components/schemas/Window"},
            "forecast": {"$ref": "#/components/schemas/Window"},
            "slip_days": {
                "type": ["integer", "null"],
                "description": "days from the deadline window's end to the forecast's end",
            },
            "status_since": _NULLABLE_STR,
            "last_evidence_at": _NULLABLE_STR,
            "evidence_count": {"type": "integer"},
            "sources": {"type": "integer", "description": "feeds that reported on it"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "severity": _NULLABLE_STR,
            "acked": {"type": "boolean"},
            "snoozed_until": _NULLABLE_STR,
        },
    },
    "Evidence": {
        "type": "object",
        "required": ["id", "published", "signal", "forecast", "quote", "lang", "url", "score"],
        "properties": {
            "id": {"type": "integer"},
            "published": _NULLABLE_STR,
            "signal": {"type": "string"},
            "verdict": _NULLABLE_STR,
            "forecast": {"$ref": "#/components/schemas/Window"},
            "quote": {"type": "string"},
            "lang": _NULLABLE_STR,
            "score": {"type": "number"},
            "url": _NULLABLE_STR,
            "title": {"type": "string"},
            "source": {"type": "string"},
            "history": {"type": "boolean"},
            "sources": {"type": "array", "items": {"type": "object"}},
        },
    },
    "StatusChange": {
        "type": "object",
        "required": ["at", "from", "to", "reason", "by", "note"],
        "properties": {
            "at": {"type": "string"},
            "from": {"type": "string"},
            "to": {"type": "string"},
            "reason": {"type": "string"},
            "by": {"type": "string", "enum": ["rule", "human"]},
            "note": _NULLABLE_STR,
        },
    },
    "CommitmentDetail": {
        "allOf": [
            {"$ref": "#/components/schemas/Commitment"},
            {
                "type": "object",
                "required": ["evidence", "history"],
                "properties": {
                    "evidence": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Evidence"},
                    },
                    "history": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/StatusChange"},
                    },
                },
            },
        ]
    },
    "Delivery": {
        "type": "object",
        "required": ["channel", "state", "attempts", "next_attempt_at", "last_error"],
        "properties": {
            "channel": {"type": "string"},
            "state": {"type": "string"},
            "attempts": {"type": "integer"},
            "next_attempt_at": _NULLABLE_STR,
            "sent_at": _NULLABLE_STR,
            "last_error": _NULLABLE_STR,
        },
    },
    "Alert": {
        "type": "object",
        "required": ["id", "kind", "commitment", "created_at", "deliveries"],
        "properties": {
            "id": {"type": "string"},
            "kind": {"type": "string"},
            "commitment": _NULLABLE_STR,
            "feed_id": {"type": ["integer", "null"]},
            "created_at": {"type": "string"},
            "acked_at": _NULLABLE_STR,
            "title": _NULLABLE_STR,
            "status": _NULLABLE_STR,
            "data": {"type": "object"},
            "deliveries": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}},
        },
    },
    "Feed": {
        "type": "object",
        "required": [
            "url",
            "name",
            "state",
            "last_error",
            "last_polled_at",
            "last_success_at",
            "items_seen",
        ],
        "properties": {
            "id": {"type": "integer"},
            "url": {"type": "string"},
            "name": _NULLABLE_STR,
            "state": {"type": "string"},
            "last_error": _NULLABLE_STR,
            "last_error_kind": _NULLABLE_STR,
            "last_polled_at": _NULLABLE_STR,
            "last_success_at": _NULLABLE_STR,
            "next_poll_at": _NULLABLE_STR,
            "failures": {"type": "integer"},
            "items_seen": {"type": "integer"},
        },
    },
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {"error": {"type": "string"}},
    },
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": _json(_ref("Error"), "A bad parameter or body"),
    "401": _json(_ref("Error"), "No token, a wrong one, or the server has none (read-only)"),
    "404": _json(_ref("Error"), "No such object"),
    "429": _json(_ref("Error"), "Too many wrong tokens from this client; wait a minute"),
}


def _action(summary: str, body: dict[str, Any] | None, required: bool) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "security": [{"bearer": []}],
        "parameters": [
            {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        ],
        "responses": {"200": _json({"type": "object"}), **_ERRORS},
    }
    if body is not None:
        op["requestBody"] = {
            "required": required,
            "content": {"application/json": {"schema": body}},
        }
    return op


_LIST_PARAMS = [
    {
        "name": "status",
        "in": "query",
        "description": "only these statuses (repeat or comma-separate)",
        "schema": {"type": "string"},
    },
    {"name": "tag", "in": "query", "schema": {"type": "string"}},
    {
        "name": "sort",
        "in": "query",
        "description": "prefix '-' for descending",
        "schema": {"type": "string", "enum": [*SORTS, *(f"-{s}" for s in SORTS)]},
    },
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
    {
        "name": "per_page",
        "in": "query",
        "description": "absent: every commitment on one page",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    },
]
_NOTE = {"type": "object", "properties": {"note": {"type": "string"}}}


def document() -> dict[str, Any]:
    """The OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Commitment monitor",
            "version": "1",
            "description": "Reads are open on the bound address; writes need "
            "`Authorization: Bearer <http.token>`.",
        },
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "paths": {
            "/api/commitments": {
                "get": {
                    "summary": "Active commitments, filtered, sorted and paged",
                    "parameters": _LIST_PARAMS,
                    "responses": {
                        "200": _json({"type": "array", "items": _ref("Commitment")}),
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/commitments/{id}": {
                "get": {
                    "summary": "One commitment with its evidence and status history",
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": _json(_ref("CommitmentDetail")), "404": _ERRORS["404"]},
                }
            },
            "/api/commitments/{id}/ack": {
                "post": _action("Acknowledge the commitment and its open alerts", _NOTE, False)
            },
            "/api/commitments/{id}/snooze": {
                "post": _action(
                    "No reminders until a date",
                    {
                        "type": "object",
                        "required": ["until"],
                        "properties": {"until": {"type": "string", "format": "date"}},
                    },
                    True,
                )
            },
            "/api/commitments/{id}/confirm": {
                "post": _action(
                    "Confirm or override the status (kept in the audit trail)",
                    {
                        "type": "object",
                        "required": ["status"],
                        "properties": {"status": _STATUS, "note": {"type": "string"}},
                    },
                    True,
                )
            },
            "/api/alerts": {
                "get": {
                    "summary": "The newest alerts with their deliveries",
                    "parameters": [
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                        {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {"200": _json({"type": "array", "items": _ref("Alert")})},
                }
            },
            "/api/alerts/{id}/ack": {"post": _action("Acknowledge one alert", _NOTE, False)},
            "/api/feeds": {
                "get": {
                    "summary": "Every active feed's health",
                    "responses": {"200": _json({"type": "array", "items": _ref("Feed")})},
                }
            },
            "/api/feeds/{id}/enable": {
                "post": _action(
                    "Poll a feed again (after a 410, or a failing one now)", None, False
                )
            },
        },
    }
