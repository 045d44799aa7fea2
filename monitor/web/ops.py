"""Operations and subscriptions: `/healthz` (200 when the database answers and, under
`monitor run`, the scheduler ticked within two tick intervals; else 503), `/metrics`
(Prometheus text), `/calendar.ics`, `/alerts.atom`, `/export.csv`, `/export.json`."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from monitor.web import activity, queries, subscriptions
from monitor.web.queries import ListQuery
from monitor.web.state import Liveness, Web, web

HEALTH_TIMEOUT = 5.0  # seconds: a database that takes longer is as good as down


def _database_answers(w: Web) -> None:
    """Raises unless the database answers a query on its schema."""
    with w.store.snapshot() as s:
        s.execute(text("SELECT count(*) FROM commitment WHERE 1 = 0")).all()


async def healthz(request: Request) -> Response:
    w = web(request)
    body: dict[str, Any] = {"status": "ok", "time": w.clock().isoformat()}
    healthy = True
    try:
        await asyncio.wait_for(run_in_threadpool(_database_answers, w), HEALTH_TIMEOUT)
        body["database"] = "ok"
    except Exception as exc:  # any failure at all means "not healthy", never a 500
        healthy = False
        body["database"] = f"unavailable ({exc.__class__.__name__})"
    if w.liveness is not None:
        ticking, detail = w.liveness()
        body["scheduler"] = detail
        healthy = healthy and ticking
    if not healthy:
        body["status"] = "unavailable"
    return JSONResponse(body, 200 if healthy else 503, headers={"Cache-Control": "no-store"})


def liveness_metrics(liveness: Liveness | None) -> Callable[[], Iterator[Metric]] | None:
    """The scheduler's tick ages as metrics, when there is a scheduler."""
    if liveness is None:
        return None

    def collect() -> Iterator[Metric]:
        ticking, detail = liveness()
        yield GaugeMetricFamily(
            "monitor_scheduler_healthy", "1 when every tick ran lately.", value=float(ticking)
        )
        family = GaugeMetricFamily(
            "monitor_scheduler_tick_age_seconds",
            "Seconds since each step last ran.",
            labels=["step"],
        )
        for step, info in sorted(detail.get("steps", {}).items()):
            if info.get("age") is not None:
                family.add_metric([step], info["age"])
        yield family

    return collect


def metrics(request: Request) -> Response:
    body = generate_latest(web(request).registry)
    return Response(
        body, headers={"Content-Type": CONTENT_TYPE_LATEST, "Cache-Control": "no-store"}
    )


def _all_commitments(w: Web) -> list[dict[str, Any]]:
    with w.store.snapshot() as s:
        return queries.list_commitments(s, w.defs, ListQuery(per_page=None)).rows


def calendar(request: Request) -> Response:
    """The calendar, narrowed like the overview (?status=…&tag=…) when asked; built again only
    when something in it changed, with an ETag so subscribers can ask cheaply."""
    w = web(request)
    params = request.query_params
    q = ListQuery.parse(params, params.getlist("status"), per_page=None)
    with w.store.snapshot() as s:
        rows = queries.list_commitments(s, w.defs, q).rows
        sequences = (subscriptions.versions(s), subscriptions.forecast_revisions(s))
    base = str(request.base_url)
    digest = hashlib.sha256(
        json.dumps([rows, sequences, base], sort_keys=True, default=str).encode()
    ).hexdigest()[:32]
    etag = f'"{digest}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    cached = w.calendar
    if cached is None or cached[0] != digest:
        cached = (digest, subscriptions.calendar(rows, sequences, base, w.clock()))
        w.calendar = cached
    return Response(cached[1], media_type="text/calendar; charset=utf-8", headers=headers)


def alerts_atom(request: Request) -> Response:
    w = web(request)
    with w.store.snapshot() as s:
        rows = w.scrub(activity.alerts(s, 100))
    body = subscriptions.atom(rows, str(request.base_url), w.clock())
    return Response(body, media_type="application/atom+xml; charset=utf-8")


def export_csv(request: Request) -> Response:
    body = subscriptions.export_csv(_all_commitments(web(request)))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="commitments.csv"'},
    )


def export_json(request: Request) -> Response:
    return JSONResponse(
        _all_commitments(web(request)),
        headers={"Content-Disposition": 'attachment; filename="commitments.json"'},
    )


ROUTES = [
    Route("/healthz", healthz),
    Route("/metrics", metrics),
    Route("/calendar.ics", calendar),
    Route("/alerts.atom", alerts_atom),
    Route("/export.csv", export_csv),
    Route("/export.json", export_json),
]
