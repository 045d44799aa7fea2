"""Fetcher against loopback fault servers: validators, redirects, status and transport faults.

Plan tests 1-3, 7-10, 12, 13, 42a. Bounds (deadline, size caps, bombs) are in test_fetch_bounds.py.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from monitor.errors import FeedError
from monitor.feeds.fetch import Fetcher, FetchSettings, HostLimiter, Validators, check_url
from tests.faultserver import FaultServer, Reply, Seen, Silent, closed_port, self_signed_cert

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
LAST_MOD = "Wed, 21 Oct 2015 07:28:00 GMT"


def fetcher(**kw: object) -> Fetcher:
    settings = {"timeout": 2.0, "deadline": 4.0, **kw}
    return Fetcher(FetchSettings(**settings))  # type: ignore[arg-type]


def test_conditional_get_round_trip_sends_validators_byte_for_byte() -> None:
    etag = '"v1-abc"'

    def answer(req: Seen) -> Reply:
        if (
            req.headers.get("if-none-match") == etag
            and req.headers.get("if-modified-since") == LAST_MOD
        ):
            return Reply(304, headers=[("ETag", etag)])
        return Reply(200, body=RSS, headers=[("ETag", etag), ("Last-Modified", LAST_MOD)])

    f = fetcher()
    with FaultServer() as srv:
        srv.route("/feed", answer)
        stored = Validators()
        results = []
        for _ in range(5):
            r = f.fetch(srv.url("/feed"), stored)
            stored = r.validators
            results.append(r)
        sent = srv.requests
    assert "if-none-match" not in sent[0].headers
    assert "if-modified-since" not in sent[0].headers
    conditional = [
        s
        for s in sent[1:]
        if s.headers.get("if-none-match") == etag and s.headers.get("if-modified-since") == LAST_MOD
    ]
    assert len(conditional) == 4  # 100% of requests after the first
    assert results[0].body == RSS and results[0].bytes_read == len(RSS)
    assert all(r.not_modified and r.body is None and r.error is None for r in results[1:])
    assert stored == Validators(etag, LAST_MOD)


def test_validators_always_equal_the_last_received_even_on_304() -> None:
    # Identical body with a new ETag each time; every third answer is a 304 that carries only
    # a new Last-Modified (the "hash bug": storing by body hash would keep stale validators).
    counter = {"n": 0}

    def answer(req: Seen) -> Reply:
        counter["n"] += 1
        n = counter["n"]
        if n % 3 == 0:
            stamp = f"Thu, 0{n % 9 + 1} Jan 2026 00:00:00 GMT"
            return Reply(304, headers=[("Last-Modified", stamp)])
        return Reply(200, body=RSS, headers=[("ETag", f'W/"rev-{n}"'), ("Last-Modified", LAST_MOD)])

    f = fetcher()
    stale = 0
    with FaultServer() as srv:
        srv.route("/feed", answer)
        stored = Validators()
        expected: list[Validators] = []
        for _ in range(9):
            r = f.fetch(srv.url("/feed"), stored)
            expected.append(r.validators)
            stored = r.validators
        for prev, req in zip(expected[:-1], srv.requests[1:], strict=True):
            if (
                req.headers.get("if-none-match") != prev.etag
                or req.headers.get("if-modified-since") != prev.last_modified
            ):
                stale += 1
    assert stale == 0
    # the 304 at request 9 kept the ETag of request 8 and took its own Last-Modified
    assert stored == Validators('W/"rev-8"', "Thu, 01 Jan 2026 00:00:00 GMT")


def test_server_ignoring_conditionals_still_refreshes_validators() -> None:
    tags = iter(['"a"', '"b"', '"c"'])
    f = fetcher()
    with FaultServer() as srv:
        srv.route("/feed", lambda req: Reply(200, body=RSS, headers=[("ETag", next(tags))]))
        first = f.fetch(srv.url("/feed"))
        second = f.fetch(srv.url("/feed"), first.validators)
        third = f.fetch(srv.url("/feed"), second.validators)
    assert [r.status for r in (first, second, third)] == [200, 200, 200]
    assert third.validators == Validators('"c"', None)
    assert first.body == second.body == third.body == RSS


@pytest.mark.parametrize(
    ("status", "permanent"),
    [
        (301, True),
        (308, True),
        (302, False),
        (303, False),
        (307, False),
    ],
    ids=["301", "308", "302", "303", "307"],
)
def test_redirects_are_recorded_and_only_301_308_are_permanent(
    status: int, permanent: bool
) -> None:
    f = fetcher()
    with FaultServer() as srv:
        srv.route("/old", Reply(status, headers=[("Location", "/new")]))
        srv.route("/new", Reply(200, body=RSS))
        r = f.fetch(srv.url("/old"))
        new = srv.url("/new")
    assert r.error is None and r.body == RSS
    assert r.url == srv.url("/old") and r.final_url == new
    assert r.redirects == [(status, new)]
    assert r.permanent_redirect == (new if permanent else None)


def test_permanent_redirect_is_the_end_of_the_leading_permanent_run() -> None:
    f = fetcher()
    with FaultServer() as srv:
        srv.route("/a", Reply(301, headers=[("Location", "/b")]))
        srv.route("/b", Reply(308, headers=[("Location", "/c")]))
        srv.route("/c", Reply(302, headers=[("Location", "/d")]))
        srv.route("/d", Reply(200, body=RSS))
        r = f.fetch(srv.url("/a"))
    assert r.permanent_redirect == srv.url("/c")
    assert [s for s, _ in r.redirects] == [301, 308, 302]


def test_redirect_loop_is_cut_at_the_first_revisit() -> None:
    f = fetcher()
    with FaultServer() as srv:
        srv.route("/a", Reply(302, headers=[("Location", "/b")]))
        srv.route("/b", Reply(302, headers=[("Location", "/a")]))
        r = f.fetch(srv.url("/a"))
        hits = (srv.hits("/a"), srv.hits("/b"))
    assert r.error is not None and r.error.kind == "redirect_loop"
    assert hits == (1, 1)


def test_twelve_hop_chain_is_cut_at_the_redirect_cap() -> None:
    f = fetcher(max_redirects=5)
    with FaultServer() as srv:
        for i in range(12):
            srv.route(f"/hop{i}", Reply(301, headers=[("Location", f"/hop{i + 1}")]))
        srv.route("/hop12", Reply(200, body=RSS))
        r = f.fetch(srv.url("/hop0"))
        total = len(srv.requests)
    assert r.error is not None and r.error.kind == "too_many_redirects"
    assert total == 6  # the original request plus 5 followed hops
    assert len(r.redirects) == 6 and r.elapsed < 1.0
    assert r.body is None


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (410, "gone"),
        (500, "http"),
        (502, "http"),
        (403, "http"),
        (404, "http"),
        (429, "http"),
        (503, "http"),
        (204, None),
    ],
    ids=lambda v: str(v),
)
def test_status_classification(status: int, kind: str | None) -> None:
    f = fetcher()
    with FaultServer() as srv:
        srv.route(
            "/feed",
            Reply(status, body=b"" if status == 204 else b"nope", headers=[("Retry-After", "120")]),
        )
        r = f.fetch(srv.url("/feed"), Validators('"keep"'))
    assert r.status == status
    assert (r.error.kind if r.error else None) == kind
    assert r.headers.get("retry-after") == "120"
    if kind is not None:
        assert r.body is None and r.validators == Validators('"keep"')


def test_connection_refused_is_classified() -> None:
    r = fetcher().fetch(f"http://127.0.0.1:{closed_port()}/feed")
    assert r.error is not None and r.error.kind == "connection" and r.status == 0


def test_unresolvable_name_is_classified_as_dns() -> None:
    def nxdomain(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, f"{host}: NXDOMAIN")

    r = fetcher(resolver=nxdomain).fetch("http://no-such-feed.test/feed")
    assert r.error is not None and r.error.kind == "dns"


def test_reset_mid_body_is_classified() -> None:
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=b"x" * 100_000, reset_after=1000))
        r = fetcher().fetch(srv.url("/feed"))
    assert r.error is not None and r.error.kind == "reset" and r.body is None


@pytest.fixture(scope="module")
def cert(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    made = self_signed_cert(Path(tmp_path_factory.mktemp("tls")))
    if made is None:
        pytest.skip("the openssl CLI is not available to make a test certificate")
    return made


def test_self_signed_tls_is_refused_and_trusted_ca_is_accepted(cert: tuple[str, str]) -> None:
    with FaultServer(tls=cert) as srv:
        srv.route("/feed", Reply(200, body=RSS))
        refused = fetcher().fetch(srv.url("/feed"))
        trusted = fetcher(ca_file=cert[0]).fetch(srv.url("/feed"))
    assert refused.error is not None and refused.error.kind == "tls"
    assert trusted.error is None and trusted.body == RSS


def test_server_that_never_answers_is_abandoned_at_the_read_timeout() -> None:
    with Silent() as peer:
        r = fetcher(timeout=1.0, deadline=5.0).fetch(f"http://127.0.0.1:{peer.port}/feed")
    assert r.error is not None and r.error.kind == "timeout"
    assert 0.9 <= r.elapsed <= 1.5


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "feed://example.org/rss",
        "ftp://example.org/rss.xml",
        "gopher://example.org/1",
        "data:text/xml,<rss/>",
        "/etc/hostname",
        "etc/hostname",
        "javascript:alert(1)",
    ],
)
def test_non_http_schemes_are_rejected_before_any_io(url: str) -> None:
    r = fetcher().fetch(url)
    assert r.error is not None and r.error.kind == "scheme"
    assert r.status == 0 and r.elapsed < 0.1


def test_redirect_to_a_forbidden_scheme_is_rejected() -> None:
    with FaultServer() as srv:
        srv.route("/feed", Reply(302, headers=[("Location", "file:///etc/hostname")]))
        r = fetcher().fetch(srv.url("/feed"))
    assert r.error is not None and r.error.kind == "scheme"


def test_check_url_rejects_malformed_urls() -> None:
    for url in ("http:///feed", "http://host:99999/feed"):
        with pytest.raises(FeedError) as err:
            check_url(url)
        assert err.value.kind == "url"
    assert check_url("HTTPS://Example.org/x") == ("https", "example.org", 443)


def test_user_agent_is_descriptive_and_no_cookie_is_ever_sent() -> None:
    f = fetcher()
    with FaultServer() as srv:
        srv.route("/a", Reply(302, headers=[("Location", "/b"), ("Set-Cookie", "sid=1; Path=/")]))
        srv.route("/b", Reply(200, body=RSS, headers=[("Set-Cookie", "sid=2; Path=/")]))
        f.fetch(srv.url("/a"))
        f.fetch(srv.url("/b"))
        seen = srv.requests
    assert len(seen) == 3
    assert all("cookie" not in s.headers for s in seen)
    ua = seen[0].headers["user-agent"]
    assert ua.startswith("commitment-monitor/") and "http" in ua
    assert "gzip" in seen[0].headers["accept-encoding"]


def test_host_limiter_caps_concurrency_per_host_and_leaves_other_hosts_alone() -> None:
    limiter = HostLimiter(per_host=2)
    f = fetcher()
    active = {"now": 0, "max": 0}
    lock = threading.Lock()

    def slow(req: Seen) -> Reply:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
        time.sleep(0.2)
        with lock:
            active["now"] -= 1
        return Reply(200, body=RSS)

    other_elapsed: list[float] = []
    with FaultServer() as busy, FaultServer() as quiet:
        busy.route("/feed", slow)
        quiet.route("/feed", Reply(200, body=RSS))

        def poll(url: str) -> None:
            with limiter.slot(url):
                f.fetch(url)

        threads = [threading.Thread(target=poll, args=(busy.url("/feed"),)) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.05)
        start = time.monotonic()
        poll(quiet.url("/feed"))
        other_elapsed.append(time.monotonic() - start)
        for t in threads:
            t.join(10)
    assert active["max"] == 2
    assert other_elapsed[0] < 0.15
    assert HostLimiter.key("https://Example.org/x") == "example.org:443"
