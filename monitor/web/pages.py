"""The HTML pages (plain HTML, no JavaScript): the overview, one commitment with its chart,
evidence and history, alerts and deliveries, feeds; and the forms that act on them.

A form works once the browser has logged in with the token (a signed session cookie) and
carries that session's CSRF token; a cross-site form (another Origin) is refused outright."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from monitor.core.enums import Status
from monitor.service import actions
from monitor.web import activity, api, queries
from monitor.web.auth import SESSION_COOKIE, SESSION_TTL
from monitor.web.chart import milestone_trend
from monitor.web.queries import SORTS, BadQuery, ListQuery
from monitor.web.state import Web, web

PER_PAGE = 50
EVIDENCE_SHOWN = 200
ALERTS_PER_PAGE = 50
NOTICES = {
    "ack": "Acknowledged.",
    "snooze": "Snoozed.",
    "confirm": "Status set.",
    "enable": "Feed enabled: it will be polled in the next cycle.",
    "login": "Logged in.",
    "logout": "Logged out.",
}


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template with what every page needs: login state, CSRF token, the notice."""
    w = web(request)
    sid = w.auth.session(request.cookies.get(SESSION_COOKIE))
    context.setdefault("message", "")
    html = w.templates.get_template(name).render(
        path=request.url.path,
        writable=w.auth.writable,
        logged_in=sid is not None,
        csrf=w.auth.csrf(sid) if sid else "",
        notice=NOTICES.get(request.query_params.get("done") or ""),
        statuses=[str(s) for s in Status],
        **context,
    )
    return HTMLResponse(html, status, headers={"Cache-Control": "no-store"})


def _link(params: dict[str, Any], **changes: Any) -> str:
    """The overview's query string with `changes` applied (None removes a key)."""
    merged = {**params, **changes}
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")}, doseq=True)


def overview(request: Request) -> Response:
    w = web(request)
    params = request.query_params
    q = ListQuery.parse(params, params.getlist("status"), per_page=PER_PAGE)
    with w.store.snapshot() as s:
        page = queries.list_commitments(s, w.defs, q)
    current = {
        "status": list(q.statuses),
        "tag": q.tag,
        "sort": ("-" if q.descending else "") + q.sort,
        "per_page": params.get("per_page"),
    }
    return render(
        request,
        "overview.html",
        page=page,
        query=q,
        current=current,
        link=lambda **changes: _link(current, **changes),
        sorts=SORTS,
        tags=sorted({t for c in w.config.commitments for t in c.tags}),
    )


def commitment(request: Request) -> Response:
    w = web(request)
    cid = request.path_params["id"]
    with w.store.snapshot() as s:
        detail = queries.commitment(s, w.defs, cid)
    if detail is None:
        raise HTTPException(404, f"no commitment {cid!r}")
    today = w.clock().date()
    return render(
        request,
        "commitment.html",
        c=detail,
        chart=milestone_trend(detail["deadline"], detail["evidence"], today),
        evidence=list(reversed(detail["evidence"]))[:EVIDENCE_SHOWN],
        history=list(reversed(detail["history"])),
        today=today.isoformat(),
    )


def alerts(request: Request) -> Response:
    w = web(request)
    raw = request.query_params.get("page") or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise BadQuery("page must be a whole number from 1")
    page = int(raw)
    with w.store.snapshot() as s:
        rows = activity.alerts(s, ALERTS_PER_PAGE, (page - 1) * ALERTS_PER_PAGE)
        total = activity.alert_count(s)
    return render(
        request,
        "alerts.html",
        alerts=w.scrub(rows),
        page=page,
        pages=max(1, -(-total // ALERTS_PER_PAGE)),
        total=total,
    )


def feeds(request: Request) -> Response:
    w = web(request)
    with w.store.snapshot() as s:
        rows = activity.feeds(s)
    return render(request, "feeds.html", feeds=w.scrub(rows))


# --- logging in and out ---------------------------------------------------------------------


def _local(target: str | None) -> str:
    """Where to go after logging in: a path on this site only."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def login_form(request: Request) -> Response:
    return render(request, "login.html", next=_local(request.query_params.get("next")))


async def login(request: Request) -> Response:
    w = web(request)
    form = await request.form()
    target = _local(str(form.get("next") or "/"))
    client = request.client.host if request.client else "?"
    if not _same_origin(request):
        return render(request, "error.html", 403, message="cross-site form refused")
    if w.auth.limiter.blocked(client):
        return render(request, "login.html", 429, next=target, message="Too many tries: wait.")
    if not w.auth.token_ok(str(form.get("token") or "")):
        w.auth.limiter.failed(client)
        why = "Wrong token." if w.auth.writable else "Read-only: no http.token is configured."
        return render(request, "login.html", 401, next=target, message=why)
    sep = "&" if "?" in target else "?"
    response = RedirectResponse(f"{target}{sep}done=login", 303)
    response.set_cookie(
        SESSION_COOKIE,
        w.auth.new_session(),
        max_age=SESSION_TTL,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )
    return response


async def logout(request: Request) -> Response:
    refused = await _refusal(request)
    if refused is not None:
        return refused
    response = RedirectResponse("/?done=logout", 303)
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="strict")
    return response


# --- forms ----------------------------------------------------------------------------------


def _same_origin(request: Request) -> bool:
    """False when the browser says the form came from another site."""
    site = request.headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    # Older browsers send no Origin on same-origin posts (SameSite=Strict covers them); a
    # privacy setting may send "null", which only Sec-Fetch-Site can vouch for.
    if origin is None or (origin == "null" and site == "same-origin"):
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


async def _refusal(request: Request, form: FormData | None = None) -> Response | None:
    """None when a form may act: same origin, logged in, the session's CSRF token."""
    w = web(request)
    form = form if form is not None else await request.form()
    cookie = request.cookies.get(SESSION_COOKIE)
    if not _same_origin(request):
        return render(request, "error.html", 403, message="cross-site form refused")
    if w.auth.session(cookie) is None:
        message = "Log in with the token to act." if w.auth.writable else "Read-only web."
        return render(request, "error.html", 401, message=message, login=True)
    if not w.auth.csrf_ok(cookie, str(form.get("csrf") or "")):
        return render(request, "error.html", 403, message="missing or stale form token: reload")
    return None


FormAction = Callable[[Web, str, dict[str, Any]], dict[str, Any]]


def _form(
    action: FormAction, name: str, back: Callable[[str], str]
) -> Callable[[Request], Awaitable[Response]]:
    """A form endpoint: checks, runs `action(web, id, fields)`, then back to the page."""

    async def endpoint(request: Request) -> Response:
        form = await request.form()
        refused = await _refusal(request, form)
        if refused is not None:
            return refused
        fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
        fields = {k: v for k, v in fields.items() if v.strip()}
        target = request.path_params["id"]
        try:
            await run_in_threadpool(action, web(request), target, fields)
        except actions.NotFound as exc:
            raise HTTPException(404, str(exc)) from None
        except actions.InvalidAction as exc:
            raise BadQuery(str(exc)) from None
        return RedirectResponse(f"{back(target)}?done={name}", 303)

    return endpoint


def _commitment_page(cid: str) -> str:
    return f"/commitments/{cid}"


ROUTES = [
    Route("/", overview),
    Route("/commitments/{id}", commitment),
    Route("/alerts", alerts),
    Route("/feeds", feeds),
    Route("/login", login_form),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/commitments/{id}/ack", _form(api.do_ack, "ack", _commitment_page), methods=["POST"]),
    Route(
        "/commitments/{id}/snooze",
        _form(api.do_snooze, "snooze", _commitment_page),
        methods=["POST"],
    ),
    Route(
        "/commitments/{id}/confirm",
        _form(api.do_confirm, "confirm", _commitment_page),
        methods=["POST"],
    ),
    Route("/alerts/{id}/ack", _form(api.do_ack, "ack", lambda _: "/alerts"), methods=["POST"]),
    Route(
        "/feeds/{id}/enable", _form(api.do_enable, "enable", lambda _: "/feeds"), methods=["POST"]
    ),
]
