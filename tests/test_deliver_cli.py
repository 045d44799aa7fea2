"""`monitor alerts` lists each alert with its deliveries (attempts, next attempt, last error), as
text and JSON; `monitor alerts test CHANNEL` sends a test message and prints the outcome."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.alerts.deliver import JITTER, Dispatcher
from monitor.cli.main import main
from tests.alertkit import hook, mail, setup, storm
from tests.smtpserver import SmtpServer
from tests.webhookreceiver import Reply, WebhookReceiver

T0 = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_alerts_show_deliveries_as_text_and_json(
    tmp_path: Path,
    db_url: str,
    hooks: WebhookReceiver,
    smtp: SmtpServer,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cfg, config, store = setup(
        tmp_path / "cfg", db_url, {"hooks": hook(hooks.url), "mail": mail(smtp.port)}
    )
    [aid] = storm(store, config, 1, T0)
    hooks.script = [Reply(503)]
    Dispatcher(store, config, "a", rand=random.Random(3)).deliver(lambda: T0)
    store.close()
    retry_at = T0 + timedelta(minutes=1) * (1 + random.Random(3).uniform(-JITTER, JITTER))
    error = f"webhook {hooks.url}: HTTP 503"

    code, text = _out(capsys, "--config", str(cfg), "alerts")
    assert code == 0
    assert text.splitlines() == [
        f"2026-07-01T09:00:00  {aid}  commitment.at_risk   Item 0",
        f"    → hooks: pending after 1 attempt(s), next attempt "
        f"{retry_at.isoformat()[:19]} — {error}",
        "    → mail: sent after 1 attempt(s)",
    ]

    code, raw = _out(capsys, "--config", str(cfg), "alerts", "--json")
    [alert] = json.loads(raw)
    assert (alert["id"], alert["kind"], alert["title"]) == (aid, "commitment.at_risk", "Item 0")
    by_channel = {d["channel"]: d for d in alert["deliveries"]}
    assert by_channel["hooks"] == {
        "channel": "hooks",
        "state": "pending",
        "attempts": 1,
        "next_attempt_at": retry_at.isoformat(),
        "sent_at": None,
        "last_error": error,
    }
    assert by_channel["mail"]["state"] == "sent"
    assert by_channel["mail"]["sent_at"] == T0.isoformat()


def test_alerts_test_prints_the_outcome(
    tmp_path: Path,
    sqlite_url: str,
    hooks: WebhookReceiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    cfg, _, store = setup(tmp_path / "cfg", sqlite_url, {"hooks": hook(hooks.url)})
    store.close()
    code, out = _out(capsys, "--config", str(cfg), "alerts", "test", "hooks")
    assert code == 0 and out.startswith("hooks: delivered — ")
    [request] = hooks.requests
    assert request.verified and json.loads(request.body)["type"] == "monitor.test"

    hooks.script = [Reply(500)]
    code, out = _out(capsys, "--config", str(cfg), "alerts", "test", "hooks")
    assert code == 1
    assert out == f"hooks: FAILED (TransientDeliveryError): webhook {hooks.url}: HTTP 500\n"

    code, out = _out(capsys, "--config", str(cfg), "alerts", "test", "nope")
    assert code == 2 and out == ""
    assert len(hooks.requests) == 2
