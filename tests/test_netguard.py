"""The SSRF guard: address classification without connecting, and blocking at connect time on
every hop (plan 41, loopback-only emulation: 127.0.0.2 plays the internal address and is never
connected to, because the guard refuses it before any socket is opened)."""

from __future__ import annotations

import ipaddress

import pytest

from monitor.errors import FeedError
from monitor.feeds.fetch import Fetcher, FetchSettings
from monitor.net.netguard import Guard, is_private, open_socket, parse_ip
from tests.faultserver import FaultServer, Reply

RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
ONLY_TEST_SERVER = Guard(allow=["127.0.0.1/32"])


@pytest.mark.parametrize(
    ("address", "private"),
    [
        ("10.1.2.3", True),
        ("172.16.0.1", True),
        ("172.31.255.255", True),
        ("172.32.0.1", False),
        ("192.168.1.1", True),
        ("100.64.0.1", True),
        ("100.127.255.255", True),
        ("169.254.169.254", True),
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", True),
        ("224.0.0.1", True),
        ("8.8.8.8", False),
        ("93.184.216.34", False),
        ("::1", True),
        ("fc00::1", True),
        ("fd12:3456::1", True),
        ("fe80::1", True),
        ("::ffff:127.0.0.2", True),
        ("::ffff:10.0.0.1", True),
        ("::ffff:8.8.8.8", False),
        ("64:ff9b::a00:1", True),
        ("2002:a00:1::", True),
        ("2606:4700::1111", False),
        ("2130706434", True),
        ("0177.0.0.2", True),
        ("0x7f.0.0.1", True),
        ("127.1", True),
        ("3232235777", True),  # 192.168.1.1 in decimal
    ],
    ids=lambda v: str(v),
)
def test_classifier_matches_the_table(address: str, private: bool) -> None:
    assert is_private(address) is private


def test_legacy_ipv4_forms_parse_to_the_address_libc_would_use() -> None:
    assert parse_ip("2130706434") == ipaddress.ip_address("127.0.0.2")
    assert parse_ip("0177.0.0.2") == ipaddress.ip_address("127.0.0.2")
    assert parse_ip("[::1]") == ipaddress.ip_address("::1")
    assert parse_ip("example.org") is None
    with pytest.raises(ValueError):
        is_private("example.org")


def test_guard_rules_allow_then_deny_then_private() -> None:
    guard = Guard(allow=["127.0.0.1/32", "feeds.internal"], deny=["203.0.113.0/24"])
    ip = ipaddress.ip_address
    assert guard.permits("x", ip("127.0.0.1"))
    assert not guard.permits("x", ip("127.0.0.2"))
    assert not guard.permits("x", ip("203.0.113.9"))
    assert guard.permits("x", ip("8.8.8.8"))
    assert guard.permits("feeds.internal", ip("10.0.0.5"))
    assert Guard(block_private=False).permits("x", ip("10.0.0.5"))


def test_open_socket_refuses_before_connecting() -> None:
    with pytest.raises(FeedError) as err:
        open_socket("127.0.0.2", 9, 1.0, guard=ONLY_TEST_SERVER)
    assert err.value.kind == "blocked"


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.2",
        "[::1]",
        "[::ffff:127.0.0.2]",
        "2130706434",
        "0177.0.0.2",
        "internal.test",
    ],
)
def test_disallowed_targets_are_blocked(host: str) -> None:
    def resolver(name: str, port: int) -> list[str]:
        return ["127.0.0.2"]

    f = Fetcher(FetchSettings(timeout=1.0, deadline=2.0, guard=ONLY_TEST_SERVER, resolver=resolver))
    r = f.fetch(f"http://{host}:8080/feed")
    assert r.error is not None and r.error.kind == "blocked"


def test_redirect_from_allowed_server_to_internal_address_is_blocked() -> None:
    f = Fetcher(FetchSettings(timeout=1.0, deadline=2.0, guard=ONLY_TEST_SERVER))
    with FaultServer() as srv:
        srv.route("/feed", Reply(302, headers=[("Location", "http://127.0.0.2:8080/meta")]))
        r = f.fetch(srv.url("/feed"))
        allowed = f.fetch(srv.url("/missing"))
    assert r.error is not None and r.error.kind == "blocked"
    assert r.redirects == [(302, "http://127.0.0.2:8080/meta")]
    assert allowed.status == 404  # the guard lets the test server itself through


def test_dns_rebinding_is_checked_on_every_connect() -> None:
    answers = iter(["127.0.0.1", "127.0.0.2"])

    def rebinding(name: str, port: int) -> list[str]:
        return [next(answers)]

    f = Fetcher(
        FetchSettings(timeout=1.0, deadline=2.0, guard=ONLY_TEST_SERVER, resolver=rebinding)
    )
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=RSS))
        first = f.fetch(f"http://feeds.test:{srv.port}/feed")
        second = f.fetch(f"http://feeds.test:{srv.port}/feed")
        hits = srv.hits("/feed")
    assert first.error is None and first.body == RSS
    assert second.error is not None and second.error.kind == "blocked"
    assert hits == 1


def test_a_name_mixing_allowed_and_blocked_addresses_is_blocked() -> None:
    f = Fetcher(
        FetchSettings(
            timeout=1.0,
            deadline=2.0,
            guard=ONLY_TEST_SERVER,
            resolver=lambda name, port: ["127.0.0.1", "127.0.0.2"],
        )
    )
    r = f.fetch("http://mixed.test:1/feed")
    assert r.error is not None and r.error.kind == "blocked"
