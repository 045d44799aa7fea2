"""`monitor extract [FILE|-] [--lang L] [--published D] [--url URL] [--json] [--merge]`: draft
commitments from an article (plain text or HTML), in the commitments.yaml shape.

Without --json the drafts print as YAML to review and paste; with --json as the contract's JSON
array. --merge appends them to <config>/commitments.yaml instead; when FILE is already a drafts
document (the YAML this verb prints, reviewed), its entries are merged as they stand. Exit codes:
0 drafts printed or merged, 1 the article holds no commitment, 2 unusable input (empty, binary,
not UTF-8, larger than 10 MiB, unreadable) or bad configuration. Needs no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import yaml

from monitor.cli.commands import Context

MAX_BYTES = 10 * 1024 * 1024  # the fetch cap of the BRIEF: far above any article
MAX_CHARS = 200_000  # plain text read; a longer text is cut (and said so)
_CONTROL_SHARE = 0.05  # more control characters than this: not text


class InputError(Exception):
    """The input cannot be read as an article (exit 2)."""


def add(sub: Any) -> None:
    p = sub.add_parser("extract", help="draft commitments from an article (EN/FR/RU)")
    p.add_argument("file", nargs="?", default="-", help="the article, plain text or HTML (- stdin)")
    p.add_argument("--lang", help="language code (default: guessed from the text)")
    p.add_argument(
        "--published",
        type=date.fromisoformat,
        help="publication date YYYY-MM-DD: the drafts' `stated` (default: today)",
    )
    p.add_argument("--url", help="the article's address, for source.url")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.add_argument(
        "--merge",
        action="store_true",
        help="append the drafts (or FILE's reviewed drafts) to <config>/commitments.yaml",
    )
    p.set_defaults(func=run)


def run(
    args: argparse.Namespace,
    ctx: Context,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    out = stdout or sys.stdout
    try:
        text = read_text(args.file, stdin or sys.stdin.buffer)
    except InputError as exc:
        print(f"monitor extract: {exc}", file=sys.stderr)
        return 2
    if args.merge and _is_drafts(text):
        from monitor.service.drafts import entries

        return _merge(ctx, entries(text, args.file), out)
    drafts = _extract(args, ctx, text)
    if not drafts:
        print(
            "monitor extract: no commitment found (no promise, plan, target or schedule "
            "with a date, a figure or something new to build)",
            file=sys.stderr,
        )
        if args.json and not args.merge:
            print("[]", file=out)
        return 1
    if args.merge:
        from monitor.service.drafts import draft_entries

        return _merge(ctx, draft_entries(drafts), out)
    if args.json:
        print(json.dumps([d.as_json() for d in drafts], ensure_ascii=False, indent=2), file=out)
    else:
        from monitor.service.drafts import drafts_yaml

        origin = args.url or ("stdin" if args.file == "-" else args.file)
        print(drafts_yaml(drafts, origin), file=out, end="")
    return 0


def _extract(args: argparse.Namespace, ctx: Context, text: str) -> list[Any]:
    from monitor.understand.extract import extract
    from monitor.understand.text import html_to_text

    plain = html_to_text(text, MAX_CHARS + 1)
    if len(plain) > MAX_CHARS:
        print(f"monitor extract: reading the first {MAX_CHARS:,} characters", file=sys.stderr)
        plain = plain[:MAX_CHARS]
    published = args.published or ctx.now().date()
    return extract(plain, published, args.lang, args.url)


def _merge(ctx: Context, new: list[Any], out: TextIO) -> int:
    from monitor.service.drafts import merge

    result = merge(ctx.config_dir, new)  # ConfigError → exit 2 in cli.main
    path = ctx.config_dir / "commitments.yaml"
    for cid, why in result.skipped:
        print(f"skipped {cid}: {why}", file=out)
    for old, new_id in result.renamed:
        print(f"renamed {old} → {new_id} (id taken)", file=out)
    print(f"{path}: {len(result.added)} added, {len(result.skipped)} skipped", file=out)
    return 0


def read_text(name: str, stdin: BinaryIO) -> str:
    """The input as text: at most MAX_BYTES, not binary, UTF-8, not blank."""
    raw = _read_bytes(name, stdin)
    if len(raw) > MAX_BYTES:
        raise InputError(
            f"{_label(name)} is larger than {MAX_BYTES // (1024 * 1024)} MiB: not an article"
        )
    if b"\x00" in raw[:65536]:
        raise InputError(f"{_label(name)} is binary, not an article (plain text or HTML)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{_label(name)} is not UTF-8 text (byte {exc.start}): convert it, e.g. with iconv"
        ) from None
    if not text.strip():
        raise InputError(f"{_label(name)} is empty")
    control = sum(1 for c in text[:65536] if ord(c) < 32 and c not in "\n\r\t\f")
    if control > _CONTROL_SHARE * min(len(text), 65536):
        raise InputError(f"{_label(name)} is binary, not an article (plain text or HTML)")
    return text


def _read_bytes(name: str, stdin: BinaryIO) -> bytes:
    if name == "-":
        return stdin.read(MAX_BYTES + 1)
    try:
        with Path(name).open("rb") as f:
            return f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None


def _label(name: str) -> str:
    return "the input" if name == "-" else name


def _is_drafts(text: str) -> bool:
    """Whether the input is a drafts document (a `commitments:` list of mappings with ids)."""
    if "commitments:" not in text and not text.lstrip().startswith("-"):
        return False
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    items = data.get("commitments") if isinstance(data, dict) else data
    return isinstance(items, list) and all(isinstance(i, dict) and "id" in i for i in items)
