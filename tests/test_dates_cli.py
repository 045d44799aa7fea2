"""`monitor dates`: the contract CLI, in-process through monitor.cli.main.main and as a
subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from monitor.cli.main import main


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = "à la mi-2026, ouverture à la fin de 2028"
    code = main(["dates", text, "--ref", "2025-10-01", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [(o["text"], o["start"], o["end"], o["grain"], o["vague"]) for o in out] == [
        ("mi-2026", "2026-05-01", "2026-09-01", "third", False),
        ("fin de 2028", "2028-09-01", "2029-01-01", "third", False),
    ]


def test_lang_option_and_ref_default_from_now(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--now", "2031-03-01T12:00:00", "dates", "next year", "--lang", "en", "--json"]
    assert main(argv) == 0
    (only,) = json.loads(capsys.readouterr().out)
    assert (only["start"], only["end"], only["relative"]) == ("2032-01-01", "2033-01-01", True)


def test_plain_output_names_flags(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dates", "à court terme", "--ref", "2025-10-01"]) == 0
    want = "'à court terme': [2025-10-01, 2027-10-01) vague vague relative"
    assert capsys.readouterr().out.strip() == want


def test_missing_text_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dates", "--json"]) == 1
    assert "TEXT" in capsys.readouterr().err


def test_jsonl_subprocess() -> None:
    lines = [
        {"text": "by Q3 2027", "ref": "2026-01-10"},
        {"text": "к концу 2028 года", "ref": "2026-01-10", "lang": "ru"},
        {"text": "547 millions de dollars", "ref": "2026-01-10", "lang": "fr"},
        {"text": "l'an dernier", "ref": "2026-01-10"},
    ]
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "dates", "--jsonl"],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [[(o["start"], o["end"], o["deadline"]) for o in row] for row in rows] == [
        [("2027-07-01", "2027-10-01", True)],
        [("2028-09-01", "2029-01-01", True)],
        [],
        [("2025-01-01", "2026-01-01", False)],
    ]


def test_jsonl_bad_line_names_its_number() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "dates", "--jsonl"],
        input='{"text": "2026", "ref": "2025-01-01"}\n{"ref": "2025-01-01"}\n',
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.count("\n") == 1
    assert "line 2" in done.stderr


def test_open_end_is_shown_only_when_set(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dates", "not before 2029, by 2027", "--ref", "2025-10-01", "--json"]) == 0
    opened, due = json.loads(capsys.readouterr().out)
    assert (opened["start"], opened["end"], opened["open_end"]) == (
        "2029-01-01",
        "2030-01-01",
        True,
    )
    assert "open_end" not in due and due["deadline"] is True
    assert main(["dates", "frühestens 2029", "--ref", "2025-10-01", "--lang", "de"]) == 0
    assert (
        capsys.readouterr().out.strip()
        == "'frühestens 2029': [2029-01-01, 2030-01-01) year open_end"
    )
