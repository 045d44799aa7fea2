"""The whole chain on real parts: a loopback feed server, real SQLite/PostgreSQL, a real SMTP
server (aiosmtpd) and a webhook receiver that verifies Standard Webhooks signatures."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.cli.main import main
from tests.conftest import write_config
from tests.faultserver import FaultServer, Reply, closed_port
from tests.feedbuilder import Entry, rss
from tests.smtpserver import SmtpServer
from tests.webhookreceiver import Reply as HookReply
from tests.webhookreceiver import WebhookReceiver

NOW = "2026-11-29T12:00:00+00:00"
SECRET = "whsec_" + base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
PUBLISHED = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)

FR_SLIP = Entry(
    "Zanguezour : l'ouverture du corridor reportée",
    "L'ouverture du corridor de Zanguezour est reportée à 2030, a annoncé le ministère.",
    "http://news.test/fr/zanguezour-2030",
    PUBLISHED,
)
RU_SLIP = Entry(
    "Открытие Зангезурского коридора перенесено",
    "Открытие Зангезурского коридора перенесено на 2031 год, сообщили в правительстве.",
    "http://news.test/ru/zangezur-2031",
    PUBLISHED,
)
EN_SLIP = Entry(
    "Zangezur corridor opening pushed back",
    "The opening of the Zangezur corridor has been pushed back to the first half of 2032.",
    "http://news.test/en/zangezur-2032",
    PUBLISHED,
)
MENTION = Entry(
    "Officials discuss the Zangezur corridor",
    "Delegations from Baku and Yerevan met to discuss the Zangezur corridor and regional trade.",
    "http://news.test/en/zangezur-talks",
    PUBLISHED,
)
UNRELATED = Entry(
    "Heavy rain expected in Paris",
    "Météo-France expects storms over the weekend; rail traffic could be disrupted until 2027.",
    "http://news.test/en/weather",
    PUBLISHED,
)


@pytest.fixture
def feeds() -> Iterator[FaultServer]:
    with FaultServer() as server:
        yield server


@pytest.fixture
def hook() -> Iterator[WebhookReceiver]:
    with WebhookReceiver(SECRET) as receiver:
        yield receiver


def _channels(smtp_port: int, hook_url: str) -> dict[str, object]:
    return {
        "mail": {
            "type": "email",
            "host": "127.0.0.1",
            "port": smtp_port,
            "tls": "none",
            "from": "monitor@test.example",
            "to": ["analyst@test.example"],
            "timeout": "3s",
            "retry": ["0s", "1m", "5m"],
        },
        "hooks": {
            "type": "webhook",
            "url": hook_url,
            "secret": SECRET,
            "timeout": "3s",
            "retry": ["0s", "1m", "5m"],
        },
    }


def _poll(config: Path, now: str = NOW, *extra: str) -> int:
    return main(["--config", str(config), "--now", now, "poll", *extra])


def _alerts(config: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    assert main(["--config", str(config), "alerts", "--json"]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def test_french_slip_reaches_email_and_webhook(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    smtp: SmtpServer,
    hook: WebhookReceiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    feeds.route("/fr.xml", Reply(200, body=rss([FR_SLIP], lang="fr")))
    config = write_config(
        tmp_path / "cfg",
        database_url=db_url,
        feeds=[{"url": feeds.url("/fr.xml"), "name": "Test FR"}],
        channels=_channels(smtp.port, hook.url),
    )
    assert _poll(config) == 0

    slips = [r for r in hook.requests if json.loads(r.body)["type"] == "commitment.slipped"]
    assert len(slips) == 1 and slips[0].verified, [r.error for r in hook.requests]
    body = json.loads(slips[0].body)
    data = body["data"]
    assert data["commitment"] == "zangezur-opening"
    assert data["status"] == "slipped"
    assert data["deadline"] == {"text": "fin de 2028", "start": "2028-09-01", "end": "2029-01-01"}
    assert data["forecast"]["start"] == "2030-01-01"
    assert data["forecast"]["end"] == "2031-01-01"
    assert "reportée à 2030" in data["evidence"]["quote"]
    assert data["evidence"]["url"] == FR_SLIP.link
    assert data["evidence"]["feed"] == "Test FR"
    assert slips[0].headers["webhook-id"].startswith("alrt_")

    mails = [m.message for m in smtp.messages if "2030" in str(m.message["Subject"])]
    assert len(mails) == 1
    text = mails[0].get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "reportée à 2030" in text and FR_SLIP.link in text
    assert mails[0]["Message-ID"].strip("<>").startswith(slips[0].headers["webhook-id"])

    alerts = _alerts(config, capsys)
    slipped = [a for a in alerts if a["kind"] == "commitment.slipped"]
    assert [a["commitment"] for a in slipped] == ["zangezur-opening"]
    assert {d["state"] for d in slipped[0]["deliveries"]} == {"sent"}  # type: ignore[index]


@pytest.mark.parametrize(
    "entry, forecast_start",
    [
        (RU_SLIP, "2031-01-01"),
        (EN_SLIP, "2032-01-01"),
    ],
    ids=["ru", "en"],
)
def test_russian_and_english_slips(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hook: WebhookReceiver,
    smtp: SmtpServer,
    entry: Entry,
    forecast_start: str,
) -> None:
    feeds.route("/f.xml", Reply(200, body=rss([entry, MENTION, UNRELATED])))
    config = write_config(
        tmp_path / "cfg",
        database_url=sqlite_url,
        feeds=[{"url": feeds.url("/f.xml")}],
        channels=_channels(smtp.port, hook.url),
    )
    assert _poll(config) == 0
    bodies = [json.loads(r.body) for r in hook.requests]
    assert all(r.verified for r in hook.requests)
    slips = [b for b in bodies if b["type"] == "commitment.slipped"]
    assert [b["data"]["commitment"] for b in slips] == ["zangezur-opening"]
    assert slips[0]["data"]["forecast"]["start"] == forecast_start
    assert slips[0]["data"]["evidence"]["url"] == entry.link
    # The unrelated item produced nothing anywhere; the mention is evidence without a slip.
    quotes = json.dumps(bodies, ensure_ascii=False)
    assert "Météo-France" not in quotes


def test_mention_is_evidence_without_alert(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    feeds.route("/f.xml", Reply(200, body=rss([MENTION, UNRELATED])))
    config = write_config(
        tmp_path / "cfg", database_url=sqlite_url, feeds=[{"url": feeds.url("/f.xml")}]
    )
    assert _poll(config) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "status", "zangezur-opening", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [e["signal"] for e in status["evidence"]] == ["mention"]
    assert status["evidence"][0]["url"] == MENTION.link
    # Mid-2026 + grace has passed for the construction, so the opening that depends on it is
    # at risk; a mention alone changes neither.
    assert status["status"] == "at_risk"
    assert "zangezur-az-construction" in status["changes"][-1]["reason"]
    assert not [a for a in _alerts(config, capsys) if a["kind"] == "commitment.slipped"]
    assert main(["--config", str(config), "status", "--json"]) == 0
    every = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert every["zangezur-az-construction"]["status"] == "overdue"
    assert every["trade-1bn"]["evidence"] == 0


def test_second_poll_and_restart_send_nothing_new(
    tmp_path: Path,
    db_url: str,
    feeds: FaultServer,
    smtp: SmtpServer,
    hook: WebhookReceiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    feeds.route("/f.xml", Reply(200, body=rss([FR_SLIP, MENTION])))
    config = write_config(
        tmp_path / "cfg",
        database_url=db_url,
        feeds=[{"url": feeds.url("/f.xml")}],
        channels=_channels(smtp.port, hook.url),
    )
    assert _poll(config) == 0
    sent_hooks, sent_mails = len(hook.requests), len(smtp.messages)
    assert sent_hooks >= 1
    before = _alerts(config, capsys)
    # Same feed, same items, later: with --all, and as a fresh process would (main() re-reads
    # everything from the database).
    assert _poll(config, "2026-11-29T13:00:00+00:00", "--all") == 0
    assert _poll(config, "2026-11-29T14:00:00+00:00", "--all") == 0
    assert len(hook.requests) == sent_hooks and len(smtp.messages) == sent_mails
    after = _alerts(config, capsys)
    assert [a["id"] for a in after] == [a["id"] for a in before]
    capsys.readouterr()
    main(["--config", str(config), "status", "zangezur-opening", "--json"])
    assert len(json.loads(capsys.readouterr().out)["evidence"]) == 2


def test_overdue_once_then_met(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hook: WebhookReceiver,
    smtp: SmtpServer,
) -> None:
    # A commitment due "mid-2026" (window ends 2026-09-01, grace 30 days) with no news at all.
    feeds.route("/f.xml", Reply(200, body=rss([UNRELATED])))
    commitments = [
        {
            "id": "bridge",
            "title": "Bridge opens",
            "stated": "2025-01-10",
            "deadline": "mid-2026",
            "aliases": ["Example Bridge"],
            "grace": "30d",
        }
    ]
    config = write_config(
        tmp_path / "cfg",
        database_url=sqlite_url,
        commitments=commitments,
        feeds=[{"url": feeds.url("/f.xml")}],
        channels={"hooks": _channels(smtp.port, hook.url)["hooks"]},
        alerts={"due_soon": ["1d"], "remind_every": "30d"},
    )
    assert _poll(config, "2026-09-30T12:00:00+00:00") == 0  # before end + grace
    assert not [r for r in hook.requests if b"overdue" in r.body]
    assert _poll(config, "2026-10-01T12:00:00+00:00", "--all") == 0
    assert _poll(config, "2026-10-02T12:00:00+00:00", "--all") == 0
    overdue = [json.loads(r.body) for r in hook.requests if b"commitment.overdue" in r.body]
    assert len(overdue) == 1 and overdue[0]["data"]["commitment"] == "bridge"
    assert all(r.verified for r in hook.requests)

    done = Entry(
        "Example Bridge opened",
        "The Example Bridge was inaugurated on Monday.",
        "http://news.test/bridge-open",
        datetime(2026, 10, 5, tzinfo=UTC),
    )
    feeds.route("/f.xml", Reply(200, body=rss([UNRELATED, done])))
    assert _poll(config, "2026-10-06T12:00:00+00:00", "--all") == 0
    met = [json.loads(r.body) for r in hook.requests if b"commitment.met" in r.body]
    assert len(met) == 1 and met[0]["data"]["previous_status"] == "overdue"


def test_completion_before_deadline_is_met_not_overdue(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    done = Entry(
        "Example Bridge opened",
        "The Example Bridge was inaugurated on Monday.",
        "http://news.test/bridge-open",
        datetime(2026, 6, 5, tzinfo=UTC),
    )
    feeds.route("/f.xml", Reply(200, body=rss([done])))
    commitments = [
        {
            "id": "bridge",
            "title": "Bridge opens",
            "stated": "2025-01-10",
            "deadline": "mid-2026",
            "aliases": ["Example Bridge"],
        }
    ]
    config = write_config(
        tmp_path / "cfg",
        database_url=sqlite_url,
        commitments=commitments,
        feeds=[{"url": feeds.url("/f.xml")}],
        polling={"backfill": "365d"},
    )
    assert _poll(config, "2026-06-06T00:00:00+00:00") == 0
    assert _poll(config, "2027-01-01T00:00:00+00:00", "--all") == 0
    kinds = [a["kind"] for a in _alerts(config, capsys)]
    assert "commitment.met" in kinds and "commitment.overdue" not in kinds


def test_conditional_get_and_304(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    body = rss([MENTION])
    etag, modified = '"v1-abc"', "Sat, 28 Nov 2026 10:00:00 GMT"

    def serve(seen: object) -> Reply:
        headers = seen.headers  # type: ignore[attr-defined]
        if headers.get("if-none-match") == etag:
            return Reply(304, headers=[("ETag", etag)])
        return Reply(200, body=body, headers=[("ETag", etag), ("Last-Modified", modified)])

    feeds.route("/f.xml", serve)
    config = write_config(
        tmp_path / "cfg", database_url=sqlite_url, feeds=[{"url": feeds.url("/f.xml")}]
    )
    assert _poll(config) == 0
    capsys.readouterr()
    assert _poll(config, "2026-11-29T13:00:00+00:00", "--all") == 0
    out = capsys.readouterr().out
    assert "not modified 1" in out and "new items: 0" in out
    first, second = feeds.requests
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"] == etag
    assert second.headers["if-modified-since"] == modified


def test_channel_down_keeps_alert_queued_then_same_id(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hook: WebhookReceiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    feeds.route("/f.xml", Reply(200, body=rss([FR_SLIP])))
    channels = _channels(closed_port(), hook.url)
    hook.script = [HookReply(500)] * 50  # every alert of the first cycle fails
    config = write_config(
        tmp_path / "cfg",
        database_url=sqlite_url,
        feeds=[{"url": feeds.url("/f.xml")}],
        channels=channels,
    )
    assert _poll(config) == 0
    alerts = _alerts(config, capsys)
    slip = next(a for a in alerts if a["kind"] == "commitment.slipped")
    states = {d["channel"]: d for d in slip["deliveries"]}  # type: ignore[union-attr]
    assert states["mail"]["state"] == "pending" and states["mail"]["last_error"]
    assert states["hooks"]["state"] == "pending" and "500" in states["hooks"]["last_error"]
    first_ids = {r.headers["webhook-id"] for r in hook.requests}

    # Two minutes later (past the 1-minute retry), the webhook answers 200.
    hook.script.clear()
    assert _poll(config, "2026-11-29T12:02:00+00:00") == 0
    slip_requests = [r for r in hook.requests if r.headers["webhook-id"] == slip["id"]]
    assert len(slip_requests) == 2 and slip["id"] in first_ids
    assert all(r.verified for r in slip_requests)
    slip = next(a for a in _alerts(config, capsys) if a["id"] == slip["id"])
    states = {d["channel"]: d for d in slip["deliveries"]}  # type: ignore[union-attr]
    assert states["hooks"]["state"] == "sent" and states["hooks"]["attempts"] == 2
    assert states["mail"]["state"] == "pending" and states["mail"]["attempts"] == 2


def test_alerts_queued_without_a_channel_go_out_once_one_is_added(
    tmp_path: Path,
    sqlite_url: str,
    feeds: FaultServer,
    hook: WebhookReceiver,
    smtp: SmtpServer,
) -> None:
    feeds.route("/f.xml", Reply(200, body=rss([FR_SLIP])))
    cfg = tmp_path / "cfg"
    write_config(cfg, database_url=sqlite_url, feeds=[{"url": feeds.url("/f.xml")}])
    assert _poll(cfg) == 0  # the shipped situation: no channel, alerts stay queued
    write_config(
        cfg,
        database_url=sqlite_url,
        feeds=[{"url": feeds.url("/f.xml")}],
        channels={"hooks": _channels(smtp.port, hook.url)["hooks"]},
    )
    assert _poll(cfg, "2026-11-29T12:05:00+00:00") == 0
    assert _poll(cfg, "2026-11-29T12:10:00+00:00") == 0
    slips = [r for r in hook.requests if b"commitment.slipped" in r.body]
    assert len(slips) == 1 and slips[0].verified
    ids = [r.headers["webhook-id"] for r in hook.requests]
    assert len(ids) == len(set(ids))
