"""Where the fetcher may connect: address classification and an SSRF guard checked at connect time.

Every connection the fetcher opens goes through `open_socket`, which resolves the name once,
checks each resolved address against the guard, then connects to a checked address. Resolving
and connecting with the same answer is what defeats DNS rebinding; doing it for every hop is
what stops a redirect from an allowed server to an internal one.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Protocol

from monitor.errors import FeedError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]

# Ranges a feed URL must never reach when the guard blocks private addresses. `is_global`
# already excludes most of them; the explicit list documents the intent and pins the classic
# ranges even if a future Python reclassifies one of them.
PRIVATE_NETWORKS: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "::/128",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
        "ff00::/8",
    )
)


def parse_ip(host: str) -> IPAddress | None:
    """The address a literal host denotes, accepting the legacy IPv4 forms libc accepts.

    `2130706434`, `0177.0.0.1`, `0x7f.1` and `127.1` all mean 127.x addresses to the resolver,
    so they must mean the same here. Returns None for names that need DNS.
    """
    text = host.strip().strip("[]")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        pass
    if not text or not all(c.isalnum() or c == "." for c in text):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(text))
    except OSError:
        return None


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address hidden in an IPv4-mapped, NAT64 or 6to4 IPv6 address, if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in ipaddress.ip_network("64:ff9b::/96"):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_private(ip: IPAddress | str) -> bool:
    """True for loopback, private, shared, link-local, multicast and reserved addresses."""
    addr = parse_ip(ip) if isinstance(ip, str) else ip
    if addr is None:
        raise ValueError(f"not an IP address: {ip!r}")
    inner = _embedded_ipv4(addr)
    if inner is not None:
        return is_private(inner)
    if any(addr in net for net in PRIVATE_NETWORKS if net.version == addr.version):
        return True
    return not addr.is_global


class Guard:
    """Decides whether a resolved address may be connected to.

    `allow` entries (networks, addresses or host names) win over everything; then `deny`
    networks block; then, with `block_private`, every private address blocks.
    """

    def __init__(
        self,
        allow: Iterable[str] = (),
        deny: Iterable[str] = (),
        block_private: bool = True,
    ) -> None:
        self.allow_networks: list[Network] = []
        self.allow_hosts: set[str] = set()
        for entry in allow:
            try:
                self.allow_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.allow_hosts.add(entry.lower().rstrip("."))
        self.deny_networks = [ipaddress.ip_network(n, strict=False) for n in deny]
        self.block_private = block_private

    def permits(self, host: str, ip: IPAddress) -> bool:
        if host.lower().rstrip(".") in self.allow_hosts:
            return True
        candidates = [ip] + [x for x in [_embedded_ipv4(ip)] if x is not None]
        if _within(candidates, self.allow_networks):
            return True
        if _within(candidates, self.deny_networks):
            return False
        return not (self.block_private and is_private(ip))

    def check(self, host: str, ip: IPAddress) -> None:
        """Raise FeedError(kind="blocked") unless `ip` (resolved from `host`) is permitted."""
        if not self.permits(host, ip):
            raise FeedError("blocked", f"{host} resolves to {ip}, which the guard blocks")


def _within(addrs: list[IPAddress], networks: list[Network]) -> bool:
    """Whether one of `addrs` lies in one of `networks` (of its own IP version)."""
    return any(addr in n for addr in addrs for n in networks if n.version == addr.version)


class GuardSettings(Protocol):
    """The two polling settings that decide the guard (config.PollSettings has them)."""

    @property
    def ssrf_guard(self) -> bool: ...

    @property
    def ssrf_allow(self) -> tuple[str, ...]: ...


def guard_from(settings: GuardSettings) -> Guard | None:
    """The guard the configuration asks for: None when `ssrf_guard` is off, else one that
    blocks private addresses except those `ssrf_allow` lets through. Used for feeds, for
    `feeds check` and for webhook channels alike."""
    return Guard(allow=settings.ssrf_allow) if settings.ssrf_guard else None


def system_resolver(host: str, port: int) -> list[str]:
    """Addresses for `host` from the operating system's resolver, in its preference order."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    seen: dict[str, None] = {}
    for info in infos:
        seen.setdefault(str(info[4][0]), None)
    return list(seen)


def resolve(host: str, port: int, resolver: Resolver | None = None) -> list[IPAddress]:
    """Addresses to try for `host`; IP literals (any form) are used as they are."""
    literal = parse_ip(host)
    if literal is not None:
        return [literal]
    found = (resolver or system_resolver)(host, port)
    addrs = [a for a in (parse_ip(x) for x in found) if a is not None]
    if not addrs:
        raise socket.gaierror(socket.EAI_NONAME, f"no address for {host}")
    return addrs


def open_socket(
    host: str,
    port: int,
    timeout: float,
    resolver: Resolver | None = None,
    guard: Guard | None = None,
) -> socket.socket:
    """Resolve `host` once, check every address, and connect to the first that answers.

    Any blocked address blocks the whole host: a name that mixes public and internal
    addresses is how rebinding attacks look.
    """
    addrs = resolve(host, port, resolver)
    if guard is not None:
        for addr in addrs:
            guard.check(host, addr)
    last: OSError | None = None
    for addr in addrs:
        family = socket.AF_INET6 if addr.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        try:
            sock.settimeout(timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            sock.connect((str(addr), port))
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    assert last is not None
    raise last
