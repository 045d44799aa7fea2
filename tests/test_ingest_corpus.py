"""Whole-ingest corpora (plan test 18 and issue 6 "Show"): feedparser's own test suite (from its
sdist) through parse → store → judge twice, and the 40 real feeds of ../shared/corpus/feeds
through the Poller from a loopback server, agreeing with feedparser on every stored item."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import feedparser
import pytest
from sqlmodel import select

from monitor.errors import FeedError
from monitor.feeds.ingest import ingest
from monitor.feeds.parse import parse_feed
from monitor.store.tables import EvidenceRow, FeedRow, ItemRow
from monitor.understand.judge import Judge
from tests.conftest import ROOT, shared_path
from tests.faultserver import FaultServer, Reply
from tests.test_parse_corpus import reference_date, reference_title
from tests.test_poll import T0, Rig, rigs

FEEDPARSER = "feedparser==6.0.11"
CACHE = ROOT / ".cache"
PER_FILE_BUDGET = 5.0  # seconds; the slowest file takes well under a second
SERVED = {"content-type": "application/rss+xml"}
_HEADER = re.compile(rb"^Header:\s*([A-Za-z-]+):\s*(.*?)\s*$", re.MULTILINE)


@pytest.fixture(scope="session")
def feedparser_tests() -> Path:
    """The tests/ directory of the feedparser sdist, downloaded once per clone into .cache/."""
    unpacked = CACHE / "feedparser-6.0.11" / "tests"
    if unpacked.is_dir():
        return unpacked
    sdist = CACHE / "feedparser-sdist"
    archive = sdist / "feedparser-6.0.11.tar.gz"
    if not archive.exists():
        sdist.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--no-binary",
                ":all:",
                FEEDPARSER,
                "-d",
                str(sdist),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if done.returncode != 0 or not archive.exists():
            pytest.skip(f"could not download the {FEEDPARSER} sdist: {done.stderr[-300:]}")
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if "/tests/" in m.name and m.isfile()]
        tar.extractall(CACHE, members=members, filter="data")
    return unpacked


@pytest.fixture
def rig(tmp_path: Path, db_url: str) -> Iterator[Callable[..., Rig]]:
    with rigs(tmp_path, db_url) as make:
        yield make


def _headers(body: bytes) -> dict[str, str]:
    """The `Header:` lines a feedparser test file declares in its leading comment."""
    head = body[:2000]
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in _HEADER.findall(head)}


def test_feedparser_suite_through_the_whole_ingest_twice(
    rig: Callable[..., Rig], feedparser_tests: Path
) -> None:
    files = sorted(
        p
        for p in feedparser_tests.rglob("*")
        if p.is_file() and p.suffix in (".xml", ".rdf", ".rss", ".atom", ".gz", ".z", ".bz2", "")
    )
    r = rig([])
    judge = Judge(r.config.commitments)
    with r.store.write() as s:
        feeds = []
        for path in files:
            url = f"http://corpus.test/{path.relative_to(feedparser_tests).as_posix()}"
            feeds.append(FeedRow(source_url=url, url=url))
            s.add(feeds[-1])
    ids = [f.id for f in feeds]
    runs = []
    for run in (1, 2):
        kinds: Counter[str] = Counter()
        crashes: list[str] = []
        parsed_ok = edited = 0
        slowest = 0.0
        rows_before = r.count(ItemRow) + r.count(EvidenceRow)
        started = time.perf_counter()
        for path, feed_id in zip(files, ids, strict=True):
            t = time.perf_counter()
            body = path.read_bytes()
            try:
                parsed = parse_feed(body, _headers(body), f"http://corpus.test/{path.name}", now=T0)
                parsed_ok += 1
                with r.store.write() as s:
                    feed = s.get(FeedRow, feed_id)
                    assert feed is not None
                    done = ingest(
                        s, r.config, judge, feed, parsed, T0, first_fetch=run == 1, base=feed.url
                    )
                    edited += done.edited
            except FeedError as exc:
                kinds[exc.kind] += 1
            except Exception as exc:
                crashes.append(f"{path.name}: {type(exc).__name__}: {exc}")
            slowest = max(slowest, time.perf_counter() - t)
        rows = r.count(ItemRow) + r.count(EvidenceRow) - rows_before
        runs.append((rows, edited))
        print(
            f"\nrun {run}: files {len(files)}, parsed {parsed_ok}, errors {dict(kinds)}, "
            f"crashes {len(crashes)}, rows written {rows}, edits {edited}, "
            f"slowest file {slowest:.2f} s, {time.perf_counter() - started:.1f} s"
        )
        assert crashes == [], crashes[:5]
        assert slowest < PER_FILE_BUDGET
    assert len(files) >= 2200
    assert runs[0][0] >= 500  # the first run stored the suite's items …
    assert runs[1] == (0, 0)  # … and the second wrote nothing


def test_real_feeds_through_the_poller_agree_with_feedparser(rig: Callable[..., Rig]) -> None:
    corpus = shared_path("corpus", "feeds")
    paths = sorted(corpus.glob("*.xml"))
    with FaultServer() as srv:
        for path in paths:
            srv.route(
                f"/c/{path.name}", Reply(200, body=path.read_bytes(), headers=list(SERVED.items()))
            )
        r = rig(
            [{"url": srv.url(f"/c/{p.name}")} for p in paths], polling={"workers": 8, "per_host": 8}
        )
        report = r.poll()
        assert report.fetched == len(paths) and report.failed == 0, report.errors
        checked = disagreements = entries = 0
        with r.store.read() as s:
            for path in paths:
                url = srv.url(f"/c/{path.name}")
                feed = s.exec(select(FeedRow).where(FeedRow.source_url == url)).one()
                served = {"content-location": url, **SERVED}
                theirs = feedparser.parse(path.read_bytes(), response_headers=served).entries
                entries += len(theirs)
                expected = {
                    (reference_title(e), e.get("link") or None, reference_date(e) or T0)
                    for e in theirs
                }
                for item in s.exec(select(ItemRow).where(ItemRow.feed_id == feed.id)):
                    checked += 1
                    mine = (item.title, item.link, item.published)
                    if mine not in expected:
                        disagreements += 1
                        print("disagrees:", path.name, mine)
    print(
        f"\n{len(paths)} feeds, {entries} entries, {checked} stored items checked, "
        f"{disagreements} disagreements, {report.items_new} new items, "
        f"{report.evidence_new} evidence"
    )
    assert disagreements == 0
    assert checked == report.items_new and checked >= 0.95 * entries
