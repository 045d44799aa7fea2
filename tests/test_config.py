"""Configuration: the shipped files load and say what a user expects; broken files exit 2 with
`file:line: message`; the deployment files are valid and run real verbs."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from monitor.cli.main import VERBS, main
from monitor.service.config import load_config
from tests.conftest import ROOT, SHIPPED_CONFIG, shared_path

SEED_IDS = {
    "zangezur-az-construction",
    "zangezur-opening",
    "tripp-branch",
    "middle-corridor-capacity",
    "aktau-alat-terminals",
    "caspian-ferry-system",
    "btc-kazakh-oil",
    "trade-1bn",
    "oic-summit-baku-2026",
    "cica-summit-baku-2026",
}


def test_shipped_config_loads_with_the_seed_commitments() -> None:
    config = load_config(SHIPPED_CONFIG)
    by_id = {c.id: c for c in config.commitments}
    assert set(by_id) >= SEED_IDS
    construction = by_id["zangezur-az-construction"].deadline
    assert construction is not None
    assert (construction.start.isoformat(), construction.end.isoformat()) == (
        "2026-05-01",
        "2026-09-01",
    )
    opening = by_id["zangezur-opening"]
    assert opening.deadline is not None
    assert (opening.deadline.start.isoformat(), opening.deadline.end.isoformat()) == (
        "2028-09-01",
        "2029-01-01",
    )
    assert opening.depends_on == ("zangezur-az-construction",)
    trade = by_id["trade-1bn"]
    assert trade.deadline is not None and trade.deadline.vague
    assert trade.target is not None and trade.target.value == 1e9
    assert by_id["middle-corridor-capacity"].target.value == 10e6  # type: ignore[union-attr]
    for c in config.commitments:
        assert c.stated.isoformat() == "2025-10-21"
        assert c.source.quote, c.id
        scripts = {
            "latin": any(re.search("[A-Za-z]", a) for a in c.aliases),
            "cyrillic": any(re.search("[А-Яа-я]", a) for a in c.aliases),
        }
        assert all(scripts.values()), (c.id, scripts)
    assert len(config.feeds) >= 10
    assert all(f.interval for f in config.feeds)
    assert config.channels == {}


def test_check_passes_on_shipped_config(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--config", str(SHIPPED_CONFIG), "check"]) == 0
    out = capsys.readouterr().out
    assert re.search(r": ok — \d+ commitments, \d+ feeds, 0 channels", out), out
    assert "zangezur-opening: fin de 2028 → [2028-09-01, 2029-01-01) third" in out


def test_compose_monitor_yaml_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SHIPPED_CONFIG, tmp_path / "cfg")
    shutil.copy(ROOT / "deploy" / "monitor.compose.yaml", tmp_path / "cfg" / "monitor.yaml")
    monkeypatch.setenv("MONITOR_DATABASE_URL", "postgresql+psycopg://u:p@postgres/monitor")
    config = load_config(tmp_path / "cfg")
    assert set(config.channels) == {"mail"}


BROKEN = [
    (
        "unknown-key",
        "monitor.yaml",
        "database_url: sqlite:///x.db\npolling:\n  intervall: 5m\n",
        "monitor.yaml:3: unknown key 'intervall'",
    ),
    (
        "bad-deadline",
        "commitments.yaml",
        "commitments:\n  - id: x\n    title: X\n    stated: 2025-01-01\n    aliases: [X]\n"
        "    deadline: when pigs fly\n",
        "commitments.yaml:6: commitment x: cannot read deadline",
    ),
    (
        "missing-env",
        "monitor.yaml",
        "channels:\n  hooks:\n    type: webhook\n    url: http://127.0.0.1:9/h\n"
        "    secret: ${MONITOR_TEST_UNSET_SECRET}\n",
        "monitor.yaml:5: channels.hooks: environment variable ${MONITOR_TEST_UNSET_SECRET} "
        "is not set",
    ),
    ("yaml-syntax", "feeds.yaml", "feeds:\n  - url: http://a\n   name: [\n", "feeds.yaml:3"),
    (
        "bad-url",
        "feeds.yaml",
        "feeds:\n  - url: file:///etc/passwd\n",
        "feeds.yaml:2: feed url must be http(s)://",
    ),
    (
        "unknown-dependency",
        "commitments.yaml",
        "commitments:\n  - id: x\n    title: X\n    stated: 2025-01-01\n    aliases: [X]\n"
        "    depends_on: [nope]\n",
        "commitments.yaml:6: x: unknown 'nope'",
    ),
    (
        "bad-secret",
        "monitor.yaml",
        "channels:\n  hooks:\n    type: webhook\n    url: http://127.0.0.1:9/h\n    secret: abc\n",
        "monitor.yaml:5: channels.hooks: a secret must start with 'whsec_'",
    ),
]


@pytest.mark.parametrize("name, file, text, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_check_reports_file_and_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    file: str,
    text: str,
    expected: str,
) -> None:
    cfg = tmp_path / "cfg"
    shutil.copytree(SHIPPED_CONFIG, cfg)
    (cfg / file).write_text(text, encoding="utf-8")
    assert main(["--config", str(cfg), "check"]) == 2
    err = capsys.readouterr().err
    assert str(cfg / file) in err
    assert expected in err, err


def test_secret_value_never_printed(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cfg = tmp_path / "cfg"
    shutil.copytree(SHIPPED_CONFIG, cfg)
    monkeypatch.setenv("CANARY_SECRET", "whsec_not-base64-CANARY")
    (cfg / "monitor.yaml").write_text(
        "channels:\n  h:\n    type: webhook\n    url: http://127.0.0.1:9/\n"
        "    secret: ${CANARY_SECRET}\n",
        encoding="utf-8",
    )
    assert main(["--config", str(cfg), "check"]) == 2
    captured = capsys.readouterr()
    assert "CANARY" not in captured.err + captured.out


def test_compose_file_validates_and_runs_real_verbs() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(shared_path("schemas", "compose-spec.json").read_text())
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    # The file names draft-07 by an URL form jsonschema does not know; say so explicitly.
    jsonschema.Draft7Validator(schema).validate(compose)
    services = compose["services"]
    assert {"monitor", "postgres"} <= set(services)
    assert any("mailpit" in s.get("image", "") for s in services.values())
    commands = [s["command"] for s in services.values() if "build" in s]
    assert commands
    for command in commands:
        assert command[0] == "monitor"
        verb = next(arg for arg in command[1:] if not arg.startswith("-"))
        assert verb in VERBS
    for volume in services["monitor"]["volumes"] + services["postgres"]["volumes"]:
        source = volume.split(":")[0]
        assert source in compose["volumes"] or (ROOT / source).exists(), volume


def test_dockerfile_installs_the_package_as_pyproject_says() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    pyproject = (ROOT / "pyproject.toml").read_text()
    base = re.search(r"^FROM python:(\d+)\.(\d+)", dockerfile, re.M)
    required = re.search(r'requires-python = ">=(\d+)\.(\d+)"', pyproject)
    assert base and required
    assert (int(base[1]), int(base[2])) >= (int(required[1]), int(required[2]))
    assert "COPY pyproject.toml" in dockerfile and "COPY monitor" in dockerfile
    assert re.search(r"pip install [^\n]*\s\.\s*$", dockerfile, re.M)
    cmd = re.search(r'^CMD \["monitor", "(\w+)"\]', dockerfile, re.M)
    assert cmd and cmd[1] in VERBS
