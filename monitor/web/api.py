"""The JSON API under /api/ (shapes in monitor.web.openapi, the brief's contract): reads are
open; every write needs `Authorization: Bearer <token>` — 401 without it, or with a wrong one, or
when no token is configured (the web is then read-only)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from monitor.service import actions
from monitor.web import activity, queries
from monitor.web.openapi import document
from monitor.web.queries import BadQuery, ListQuery
from monitor.web.state import Web, web

MAX_ALERTS = 500


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status, headers=headers)


def refusal(w: Web, request: Request) -> JSONResponse | None:
    """None when the request carries the right bearer token; else the 401 (or 429) to send."""
    client = request.client.host if request.client else "?"
    if w.auth.limiter.blocked(client):
        return _error(429, "too many wrong tokens; wait a minute", {"Retry-After": "60"})
    challenge = {"WWW-Authenticate": 'Bearer realm="monitor"'}
    if not w.auth.writable:
        return _error(401, "read-only: no http.token is configured", challenge)
    if not w.auth.bearer_ok(request.headers.get("authorization")):
        w.auth.limiter.failed(client)
        return _error(401, "a write needs Authorization: Bearer <token>", challenge)
    return None


async def _body(request: Request) -> dict[str, Any]:
    raw = await request.body()
    if not raw.strip():
        return {}
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadQuery("the body must be a JSON object") from None
    if not isinstance(body, dict):
        raise BadQuery("the body must be a JSON object")
    return body


def _text(body: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = body.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise BadQuery(f"{key!r} must be a non-empty string")
    return value.strip()


def parse_until(value: str) -> datetime:
    """A snooze's end: an ISO date (midnight UTC) or datetime."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BadQuery("'until' must be an ISO date, YYYY-MM-DD") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


Action = Callable[[Web, str, dict[str, Any]], dict[str, Any]]


def _write(action: Action) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint running `action(web, id, body)` once the bearer token checks out."""

    async def endpoint(request: Request) -> Response:
        w = web(request)
        refused = refusal(w, request)
        if refused is not None:
            return refused
        body = await _body(request)
        try:
            result = await run_in_threadpool(action, w, request.path_params["id"], body)
        except actions.NotFound as exc:
            return _error(404, str(exc))
        except actions.InvalidAction as exc:
            return _error(400, str(exc))
        return JSONResponse(result)

    return endpoint


def do_ack(w: Web, cid: str, body: dict[str, Any]) -> dict[str, Any]:
    count = actions.ack(w.store, cid, _text(body, "note"), w.clock())
    return {"id": cid, "acknowledged_alerts": count}


def do_snooze(w: Web, cid: str, body: dict[str, Any]) -> dict[str, Any]:
    until = parse_until(_text(body, "until", required=True) or "")
    actions.snooze(w.store, cid, until)
    return {"id": cid, "snoozed_until": until.isoformat()}


def do_confirm(w: Web, cid: str, body: dict[str, Any]) -> dict[str, Any]:
    done = actions.confirm(
        w.store, cid, _text(body, "status", required=True) or "", _text(body, "note"), w.clock()
    )
    return {"id": cid, "previous": done.previous, "status": done.status}


def do_enable(w: Web, feed_id: str, _body: dict[str, Any]) -> dict[str, Any]:
    if not feed_id.isdigit():
        raise actions.NotFound(f"no feed {feed_id}")
    url, was = actions.enable_feed(w.store, int(feed_id))
    return {"id": int(feed_id), "url": w.scrub(url), "previous": was, "state": "ok"}


def list_commitments(request: Request) -> Response:
    w = web(request)
    q = ListQuery.parse(request.query_params, request.query_params.getlist("status"), per_page=None)
    with w.store.snapshot() as s:
        page = queries.list_commitments(s, w.defs, q)
    headers = {"X-Total-Count": str(page.total), "X-Page-Count": str(page.pages)}
    return JSONResponse(page.rows, headers=headers)


def one_commitment(request: Request) -> Response:
    w = web(request)
    with w.store.snapshot() as s:
        detail = queries.commitment(s, w.defs, request.path_params["id"])
    if detail is None:
        raise HTTPException(404, f"no commitment {request.path_params['id']!r}")
    return JSONResponse(detail)


def _bounded(request: Request, key: str, default: int, hi: int) -> int:
    raw = request.query_params.get(key) or str(default)
    if not raw.isdigit() or int(raw) > hi:
        raise BadQuery(f"{key} must be a whole number from 0 to {hi}")
    return int(raw)


def list_alerts(request: Request) -> Response:
    w = web(request)
    limit = _bounded(request, "limit", 100, MAX_ALERTS)
    offset = _bounded(request, "offset", 0, 10**9)
    with w.store.snapshot() as s:
        rows = activity.alerts(s, limit, offset)
    return JSONResponse(w.scrub(rows))


def list_feeds(request: Request) -> Response:
    w = web(request)
    with w.store.snapshot() as s:
        rows = activity.feeds(s)
    return JSONResponse(w.scrub(rows))


def openapi(_request: Request) -> Response:
    return JSONResponse(document())


ROUTES = [
    Route("/api/commitments", list_commitments),
    Route("/api/commitments/{id}", one_commitment),
    Route("/api/commitments/{id}/ack", _write(do_ack), methods=["POST"]),
    Route("/api/commitments/{id}/snooze", _write(do_snooze), methods=["POST"]),
    Route("/api/commitments/{id}/confirm", _write(do_confirm), methods=["POST"]),
    Route("/api/alerts", list_alerts),
    Route("/api/alerts/{id}/ack", _write(do_ack), methods=["POST"]),
    Route("/api/feeds", list_feeds),
    Route("/api/feeds/{id}/enable", _write(do_enable), methods=["POST"]),
    Route("/openapi.json", openapi),
]
