"""Hard bounds of a fetch: total deadline, decoded-size cap, decompression bombs (plan 14-16).

Figures asserted: slow drip aborted at the deadline ± 0.5 s; a 50 MB body aborted at the
10 MiB cap; a 256 MiB gzip bomb read to the cap with Python heap growth under ~3× the cap.
"""

from __future__ import annotations

import time
import tracemalloc
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import brotli
import pytest
import urllib3

from monitor.feeds.fetch import Fetcher, FetchResult, FetchSettings
from tests.faultserver import FaultServer, Reply

MiB = 1024 * 1024
CAP = 10 * MiB
RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"


def gzip_stream(chunks: Iterator[bytes]) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return b"".join(packer.compress(c) for c in chunks) + packer.flush()


def zeros(total: int, step: int = MiB) -> Iterator[bytes]:
    block = bytes(step)
    for _ in range(total // step):
        yield block


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    return gzip_stream(zeros(256 * MiB))


def measured(fetch: Fetcher, url: str) -> tuple[FetchResult, int]:
    """A fetch and the peak Python heap growth (bytes) while it ran."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        result = fetch.fetch(url)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    return result, peak


def test_current_urllib3_bounds_decompression() -> None:
    major, minor = (int(x) for x in urllib3.__version__.split(".")[:2])
    assert (major, minor) >= (2, 7)


@pytest.mark.parametrize("framing", ["length", "close", "chunked"])
def test_slow_drip_body_is_aborted_at_the_total_deadline(framing: str) -> None:
    f = Fetcher(FetchSettings(timeout=1.0, deadline=2.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=b"x" * 120, drip=0.5, framing=framing))
        r = f.fetch(srv.url("/feed"))
    assert r.error is not None and r.error.kind == "deadline"
    assert 2.0 <= r.elapsed <= 2.5
    assert r.body is None


def test_slow_headers_are_aborted_at_the_total_deadline() -> None:
    f = Fetcher(FetchSettings(timeout=5.0, deadline=1.5))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=RSS, delay=4.0))
        r = f.fetch(srv.url("/feed"))
    assert r.error is not None and r.error.kind == "deadline"
    assert 1.5 <= r.elapsed <= 2.0


def test_a_hanging_server_does_not_delay_other_feeds() -> None:
    f = Fetcher(FetchSettings(timeout=1.0, deadline=2.0))
    with FaultServer() as bad, FaultServer() as good:
        bad.route("/feed", Reply(200, body=b"x" * 100, drip=0.5))
        good.route("/feed", Reply(200, body=RSS))
        with ThreadPoolExecutor(4) as pool:
            stuck = pool.submit(f.fetch, bad.url("/feed"))
            time.sleep(0.05)
            start = time.monotonic()
            healthy = list(pool.map(f.fetch, [good.url("/feed")] * 20))
            healthy_time = time.monotonic() - start
            assert stuck.result().error is not None
    assert all(r.body == RSS for r in healthy)
    assert healthy_time < 1.0  # 20 healthy polls while one worker was held by the drip


def test_declared_oversized_body_is_refused_without_reading() -> None:
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=lambda: zeros(50 * MiB, 64 * 1024)))
        r, peak = measured(f, srv.url("/feed"))
    assert r.error is not None and r.error.kind == "too_large"
    assert r.bytes_read == 0 and peak < MiB


def test_undeclared_oversized_body_is_cut_at_the_cap() -> None:
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=lambda: zeros(50 * MiB, 64 * 1024), framing="chunked"))
        r, peak = measured(f, srv.url("/feed"))
    assert r.error is not None and r.error.kind == "too_large"
    assert CAP < r.bytes_read <= CAP + 64 * 1024
    assert peak < 3 * CAP
    print(f"\n50 MB chunked: read {r.bytes_read} bytes, peak heap +{peak / MiB:.1f} MiB")


def test_gzip_bomb_is_decoded_only_to_the_cap(gzip_bomb: bytes) -> None:
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=gzip_bomb, headers=[("Content-Encoding", "gzip")]))
        r, peak = measured(f, srv.url("/feed"))
    assert len(gzip_bomb) < 300_000
    assert r.error is not None and r.error.kind == "too_large"
    assert CAP < r.bytes_read <= CAP + 64 * 1024
    assert r.wire_bytes < len(gzip_bomb)
    assert peak < 3 * CAP  # a naive read inflates all 256 MiB
    print(
        f"\ngzip bomb {len(gzip_bomb)} B: decoded {r.bytes_read} B in {r.elapsed:.2f} s, "
        f"peak heap +{peak / MiB:.1f} MiB"
    )


def test_nested_gzip_bomb_is_decoded_only_to_the_cap(gzip_bomb: bytes) -> None:
    nested = gzip_stream(iter([gzip_stream(iter([gzip_bomb]))]))
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route(
            "/feed", Reply(200, body=nested, headers=[("Content-Encoding", "gzip, gzip, gzip")])
        )
        r, peak = measured(f, srv.url("/feed"))
    assert len(nested) < 2_000
    assert r.error is not None and r.error.kind == "too_large"
    assert peak < 3 * CAP


def test_brotli_bomb_is_decoded_only_to_the_cap() -> None:
    packer = brotli.Compressor(quality=5)
    bomb = b"".join(packer.process(c) for c in zeros(256 * MiB)) + packer.finish()
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=bomb, headers=[("Content-Encoding", "br")]))
        r, peak = measured(f, srv.url("/feed"))
    assert r.error is not None and r.error.kind == "too_large"
    assert CAP < r.bytes_read <= CAP + 64 * 1024 and peak < 3 * CAP


def test_bomb_in_a_redirect_body_is_never_inflated(gzip_bomb: bytes) -> None:
    f = Fetcher(FetchSettings(timeout=2.0, deadline=10.0))
    with FaultServer() as srv:
        srv.route(
            "/feed",
            Reply(
                302, body=gzip_bomb, headers=[("Content-Encoding", "gzip"), ("Location", "/real")]
            ),
        )
        srv.route("/real", Reply(200, body=RSS))
        r, peak = measured(f, srv.url("/feed"))
    assert r.error is None and r.body == RSS
    assert peak < MiB


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "gzip, br"])
def test_compressed_feeds_decode_to_the_original_bytes(encoding: str) -> None:
    body = RSS * 50
    for coding in [c.strip() for c in encoding.split(",")]:
        if coding == "gzip":
            body = gzip_stream(iter([body]))
        elif coding == "deflate":
            body = zlib.compress(body)
        else:
            body = brotli.compress(body)
    f = Fetcher(FetchSettings(timeout=2.0, deadline=5.0))
    with FaultServer() as srv:
        srv.route("/feed", Reply(200, body=body, headers=[("Content-Encoding", encoding)]))
        r = f.fetch(srv.url("/feed"))
    assert r.error is None and r.body == RSS * 50
    assert r.bytes_read == len(RSS) * 50 and r.wire_bytes == len(body)


def test_corrupt_gzip_is_classified_as_decode() -> None:
    f = Fetcher(FetchSettings(timeout=2.0, deadline=5.0))
    with FaultServer() as srv:
        srv.route(
            "/feed",
            Reply(
                200, body=b"\x1f\x8b\x08\x00garbage" * 10, headers=[("Content-Encoding", "gzip")]
            ),
        )
        r = f.fetch(srv.url("/feed"))
    assert r.error is not None and r.error.kind == "decode"
