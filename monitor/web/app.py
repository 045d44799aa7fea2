"""The web application: `create_app(store, config, clock)` returns a Starlette app serving the
pages, the JSON API, the operations endpoints and the subscriptions on one database.

Every response carries a strict Content-Security-Policy (no script at all, styles from /static
only) and friends; templates autoescape everything, so a feed's `<img onerror>` title is text.
Database failures answer 503, bad parameters 400, and no traceback is ever shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monitor.core.settings import Config
from monitor.errors import StorageError
from monitor.store import Store
from monitor.web import api, ops, pages
from monitor.web.auth import Auth
from monitor.web.metrics import registry
from monitor.web.queries import BadQuery
from monitor.web.state import Liveness, Web, config_secrets

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = (
    ("content-security-policy", CSP),
    ("x-content-type-options", "nosniff"),
    # A source's site never learns the page's URL; our own forms keep a real Origin header.
    ("referrer-policy", "same-origin"),
    ("x-frame-options", "DENY"),
    ("cross-origin-opener-policy", "same-origin"),
)


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every HTTP response (a handler may set its own first)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS:
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _day(value: str | None) -> str:
    return value[:10] if value else "—"


def _when(value: str | None) -> str:
    """An ISO datetime as `YYYY-MM-DD HH:MM` (UTC), or a dash."""
    if not value:
        return "—"
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _href(url: str | None) -> str | None:
    """Only http(s) links are links: a feed's `javascript:` URL stays text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def templates() -> Environment:
    env = Environment(
        loader=PackageLoader("monitor.web", "templates"),
        autoescape=True,  # every template, whatever its name: feed text is never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(day=_day, when=_when, href=_href)
    return env


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, exc.status_code, headers=exc.headers)
    return pages.render(request, "error.html", exc.status_code, message=exc.detail)


async def _bad_query(request: Request, exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": str(exc)}, 400)
    return pages.render(request, "error.html", 400, message=str(exc))


async def _database_down(request: Request, exc: Exception) -> Response:
    # The class name only: a driver's message may carry a host, a user or worse.
    message = f"database unavailable ({exc.__class__.__name__})"
    if _wants_json(request) or request.url.path in ("/healthz", "/metrics"):
        return JSONResponse({"error": message}, 503)
    return HTMLResponse(f"<!doctype html><title>503</title><p>{message}</p>", 503)


def routes() -> list[BaseRoute]:
    return [
        *pages.ROUTES,
        *api.ROUTES,
        *ops.ROUTES,
        Mount("/static", StaticFiles(packages=[("monitor.web", "static")]), name="static"),
    ]


def create_app(
    store: Store,
    config: Config,
    clock: Callable[[], datetime],
    *,
    liveness: Liveness | None = None,
) -> Starlette:
    """The web on `store`; writes need `config.settings.http.token` (none: read-only);
    `liveness` (under `monitor run`) tells /healthz whether the scheduler is ticking."""
    http = config.settings.http
    token = http.token if http else None
    app = Starlette(
        routes=routes(),
        exception_handlers={
            HTTPException: _http_error,
            BadQuery: _bad_query,
            SQLAlchemyError: _database_down,
            StorageError: _database_down,
        },
    )
    app.add_middleware(SecurityHeaders)
    app.state.web = Web(
        store=store,
        config=config,
        defs={c.id: c for c in config.commitments},
        clock=clock,
        auth=Auth(token),
        templates=templates(),
        registry=registry(store, ops.liveness_metrics(liveness)),
        liveness=liveness,
        secrets=config_secrets(config, token),
    )
    return app
