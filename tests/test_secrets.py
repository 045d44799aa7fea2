"""Plan test 42(b), canary secrets: the SMTP password, the webhook secret and the database
password are canaries given through the environment. An SMTP AUTH failure, a webhook 401 whose
body echoes the secret, `monitor check` on broken configurations, debug logs (-v), a database
that cannot be reached and a database cut mid-run (tracebacks) must show none of them: 0 hits in
stdout/stderr, `monitor alerts --json`, and every email received (delivery.failed included)."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from sqlalchemy.engine import make_url

from monitor.alerts.channels.email import EmailChannel
from monitor.alerts.message import Message
from monitor.core.channel_config import EmailConfig
from monitor.errors import PermanentDeliveryError
from tests.conftest import PG_URL, ROOT, write_config
from tests.daemonkit import DaemonProcess, wait_for
from tests.faultserver import FaultServer, Reply, closed_port
from tests.feedbuilder import rss
from tests.smtpserver import SmtpServer, make_certificate
from tests.tcpproxy import TcpProxy
from tests.test_end_to_end import FR_SLIP, NOW
from tests.webhookreceiver import Reply as HookReply
from tests.webhookreceiver import WebhookReceiver

TAG = uuid.uuid4().hex[:12]
SMTP_PW = f"cnry-smtp-{TAG}"
HOOK_RAW = f"cnry-hook-{TAG}-0123456789ab".encode()
HOOK_SECRET = "whsec_" + base64.b64encode(HOOK_RAW).decode()
DB_PW = f"cnry-db-{TAG}"
CANARIES = (SMTP_PW, HOOK_SECRET, HOOK_SECRET[6:], HOOK_RAW.decode(), DB_PW)
ENV = {"CANARY_SMTP_PW": SMTP_PW, "CANARY_HOOK_SECRET": HOOK_SECRET}


def _hits(text: str) -> list[str]:
    return [c for c in CANARIES if c in text]


def _monitor(cfg: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "--config", str(cfg), "--now", NOW, "-v", *args],
        cwd=ROOT,
        env={**os.environ, **ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


def test_no_canary_in_output_alerts_or_email(tmp_path: Path) -> None:
    cert = make_certificate(tmp_path)
    with (
        FaultServer() as feeds,
        SmtpServer(starttls=cert, users={"alerts": "right"}) as locked,
        SmtpServer() as inbox,
        WebhookReceiver(HOOK_SECRET) as hook,
    ):
        feeds.route("/f.xml", Reply(200, body=rss([FR_SLIP], lang="fr")))
        # A receiver that rejects, and (carelessly) quotes the secret back in its error body.
        hook.script = [
            HookReply(401, body=b"bad signature; expected key " + HOOK_SECRET.encode())
        ] * 20
        mail = {
            "type": "email",
            "host": "127.0.0.1",
            "from": "monitor@test.example",
            "to": ["analyst@test.example"],
            "timeout": "5s",
            "retry": ["0s"],
        }
        cfg = write_config(
            tmp_path / "cfg",
            database_url=f"sqlite:///{tmp_path / 'monitor.db'}",
            feeds=[{"url": feeds.url("/f.xml")}],
            channels={
                "locked": {
                    **mail,
                    "port": locked.port,
                    "tls": "starttls",
                    "ca_file": str(cert.cert),
                    "username": "alerts",
                    "password": "${CANARY_SMTP_PW}",
                },
                "hook": {
                    "type": "webhook",
                    "url": hook.url,
                    "secret": "${CANARY_HOOK_SECRET}",
                    "timeout": "3s",
                    "retry": ["0s"],
                },
                "inbox": {**mail, "port": inbox.port, "tls": "none"},
            },
        )
        outputs = [
            _monitor(cfg, "poll"),
            _monitor(cfg, "poll"),
            _monitor(cfg, "alerts", "--json"),
            _monitor(cfg, "alerts"),
            _monitor(cfg, "alerts", "test", "locked"),
            _monitor(cfg, "alerts", "test", "hook"),
            _monitor(cfg, "status", "--json"),
        ]
        emails = [m.raw.decode("utf-8", "replace") for m in inbox.messages + locked.messages]
        hook_requests = len(hook.requests)

    text = "\n".join(out for _, out in outputs)
    kinds = [e for e in emails if "delivery.failed" in e or "not delivered via" in e]
    print(
        f"canaries: {len(outputs)} commands, {len(emails)} emails ({len(kinds)} about failed "
        f"deliveries), {hook_requests} webhook attempts; hits in output "
        f"{_hits(text)}, in emails {_hits(''.join(emails))}"
    )
    assert "535" in text and "HTTP 401" in text  # both failures did happen, and were reported
    assert len(kinds) >= 2 and hook_requests >= 2
    assert _hits(text) == []
    assert _hits("".join(emails)) == []


BROKEN = [
    pytest.param({"secret": "${CANARY_RAW}"}, id="secret-without-whsec-prefix"),
    pytest.param({"timeout": "${CANARY_RAW}"}, id="secret-in-a-duration-field"),
    pytest.param({"url": "${CANARY_RAW}"}, id="secret-in-the-url-field"),
    pytest.param({"secrets": ["${CANARY_HOOK_SECRET}", "${CANARY_RAW}"]}, id="one-bad-rotation"),
    pytest.param({"sekret": "${CANARY_HOOK_SECRET}"}, id="misspelt-key"),
]


@pytest.mark.parametrize("change", BROKEN)
def test_check_on_a_broken_config_does_not_echo_secrets(
    tmp_path: Path, change: dict[str, object]
) -> None:
    hook = {"type": "webhook", "url": "http://127.0.0.1:9/hook", "secret": "${CANARY_HOOK_SECRET}"}
    if "secrets" in change:
        del hook["secret"]
    cfg = write_config(
        tmp_path / "cfg", database_url="sqlite:///unused.db", channels={"hook": {**hook, **change}}
    )
    code, out = _monitor(cfg, "check", env={"CANARY_RAW": SMTP_PW})
    print(f"{change}: exit {code}: {out.strip()[-200:]}")
    assert code == 2
    assert _hits(out) == []


def test_database_password_stays_out_of_crash_paths(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "cfg", database_url="sqlite:///unused.db")
    urls = [
        f"postgresql+psycopg://monitor:{DB_PW}@127.0.0.1:{closed_port()}/monitor",
        f"postgresql+psycopg://monitor:{DB_PW}@127.0.0.1:{closed_port()}/monitor?sslmode=x",
        f"postgresql+nodriver://monitor:{DB_PW}@127.0.0.1:1/monitor",
    ]
    (cfg / "monitor.yaml").write_text(yaml.safe_dump({"database_url": "${CANARY_DB_URL}"}))
    outputs = [
        _monitor(cfg, verb, env={"CANARY_DB_URL": url})
        for url in urls
        for verb in ("run", "status", "poll")
    ]
    print(
        f"database crash paths: exits {[c for c, _ in outputs]}; hits "
        f"{[_hits(o) for _, o in outputs]}"
    )
    assert {c for c, _ in outputs} == {1}
    assert all("database" in out for _, out in outputs)
    assert all(_hits(out) == [] for _, out in outputs)


def test_database_password_in_the_url_query_is_not_echoed(tmp_path: Path) -> None:
    cfg = write_config(tmp_path / "cfg", database_url="sqlite:///unused.db")
    url = f"postgresql+nodriver://monitor@127.0.0.1:1/monitor?password={DB_PW}"
    code, out = _monitor(cfg, "status", env={"MONITOR_DATABASE_URL": url})
    assert code == 1
    assert _hits(out) == []


@pytest.mark.postgres
def test_database_cut_mid_run_traceback_has_no_password(tmp_path: Path) -> None:
    if not PG_URL:
        pytest.skip("PostgreSQL tests skipped: MONITOR_TEST_DATABASE_URL is not set")
    target = make_url(PG_URL)
    with TcpProxy(target.port or 5432, target.host or "127.0.0.1") as proxy:
        # The test server trusts loopback, so a canary password still connects.
        url = target.set(host="127.0.0.1", port=proxy.port, password=DB_PW)
        cfg = write_config(tmp_path / "cfg", database_url="${CANARY_DB_URL}", commitments=[])
        daemon = DaemonProcess(
            cfg,
            verbose=True,
            env={**ENV, "CANARY_DB_URL": url.render_as_string(hide_password=False)},
        )
        try:
            assert daemon.started(), daemon.output[-3000:]
            proxy.cut()
            assert wait_for(lambda: "Traceback" in daemon.output, 20), daemon.output[-3000:]
            proxy.restore()
            code, _ = daemon.docker_stop()
        finally:
            daemon.kill()
    print(
        f"PostgreSQL cut mid-run: exit {code}, {daemon.output.count('Traceback')} tracebacks, "
        f"hits {_hits(daemon.output)}"
    )
    assert code == 0
    assert _hits(daemon.output) == []


def test_smtp_reply_echoing_the_password_is_scrubbed() -> None:
    """A server that quotes credentials back in its reply does not get them into our errors."""
    with SmtpServer() as server:
        server.refuse["a@test.example"] = "550 5.7.1 rejected: pw=CANARY-SMTP-PW"
        channel = EmailChannel(
            EmailConfig(
                name="mail",
                host="127.0.0.1",
                port=server.port,
                tls="none",
                password="CANARY-SMTP-PW",
                from_addr="m@test.example",
                to=("a@test.example",),
                timeout=3.0,
            )
        )
        now = datetime(2026, 11, 29, tzinfo=UTC)
        with pytest.raises(PermanentDeliveryError) as caught:
            channel.send(Message("alrt_x", "monitor.test", now, {"title": "t"}), now)
    assert "550" in str(caught.value)
    assert "CANARY" not in str(caught.value)
