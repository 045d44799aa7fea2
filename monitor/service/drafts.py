"""Drafted commitments as YAML, and the merge of reviewed drafts into commitments.yaml.

`drafts_yaml(drafts)` renders `monitor extract`'s drafts in the commitments.yaml shape (a
`commitments:` document whose entries paste under an existing list). `merge(config_dir, text)`
appends the entries of such a document to `<config_dir>/commitments.yaml`: the file's own text,
comments included, is kept byte for byte and each new entry is appended as the reviewer left it
(re-indented to the file's list). An entry is skipped, and said why, when it duplicates a
commitment already there: same id, or a shared alias or the same source quote — unless the two
are told apart by their deadline windows or target values (the construction and the opening of
one corridor share their names; two summits share a sentence). An entry whose id is taken by a
different commitment gets `-2`, `-3`…. The merged configuration is loaded (as `monitor check`
does) before the file is replaced, atomically; if it would not load, nothing is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from monitor.core.commitment import Commitment
from monitor.errors import ConfigError, DateError
from monitor.service.config import load_config
from monitor.understand.dates import read_deadline
from monitor.understand.extract import Draft
from monitor.understand.matching import fold

_ITEM = re.compile(r"^(\s*)-\s+id:", re.MULTILINE)
_ID = re.compile(r"^(\s*(?:-\s+)?id:\s*)([^\s#]+)", re.MULTILINE)


def _scalar(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def _flow(values: Sequence[str]) -> str:
    return "[" + ", ".join(_scalar(v) for v in values) + "]"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def draft_entry(d: Draft, indent: str = "  ") -> str:
    """One draft as a commitments.yaml list entry; absent fields are left out."""
    pad = indent + "  "
    lines = [f"{indent}- id: {d.id}", f"{pad}title: {_scalar(d.title)}", f"{pad}stated: {d.stated}"]
    if d.deadline is not None:
        e = d.deadline
        vague = " vague" if e.vague and str(e.grain) != "vague" else ""
        window = f"[{e.start}, {e.end}) {e.grain}{vague}"
        lines.append(f"{pad}deadline: {_scalar(e.text)}  # {window}")
    if d.target is not None:
        lines.append(f"{pad}target: {{value: {_number(d.target.value)}, unit: {d.target.unit}}}")
    if d.actors:
        lines.append(f"{pad}actors: {_flow(d.actors)}")
    lines.append(f"{pad}aliases: {_flow(d.aliases)}")
    if d.context:
        lines.append(f"{pad}context: {_flow(d.context)}")
    lines.append(f"{pad}source:")
    if d.url:
        lines.append(f"{pad}  url: {_scalar(d.url)}")
    lines.append(f"{pad}  quote: {_scalar(d.quote)}")
    lines.append(f"{pad}  lang: {d.lang}")
    return "\n".join(lines) + "\n"


def drafts_yaml(drafts: Sequence[Draft], origin: str) -> str:
    """A commitments.yaml document of drafts, with a header saying where they come from."""
    head = (
        f"# Drafted by `monitor extract` from {origin}. Review every entry (ids, aliases,\n"
        "# deadlines), delete what is not a commitment, then paste the entries under\n"
        "# `commitments:` in config/commitments.yaml or run `monitor extract --merge FILE`.\n"
        "commitments:\n"
    )
    return head + "\n".join(draft_entry(d) for d in drafts)


# ---------------------------------------------------------------- merge


@dataclass
class MergeResult:
    added: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (id, why)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)


@dataclass(frozen=True)
class _Entry:
    """One list entry of a drafts document: its data and its own lines of text."""

    data: dict[str, Any]
    text: str
    clause: str = ""


def entries(text: str, source: str) -> list[_Entry]:
    """The entries of a drafts document (`commitments:` list, or a bare list), each with the
    lines that hold it, comments included."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"not a YAML drafts document: {exc}", file=source) from exc
    seq = root
    if isinstance(root, yaml.MappingNode):
        seq = next((v for k, v in root.value if k.value == "commitments"), None)
        data = data.get("commitments") if isinstance(data, dict) else None
    if not isinstance(seq, yaml.SequenceNode) or not isinstance(data, list):
        raise ConfigError("a drafts document is a `commitments:` list", file=source)
    lines = text.splitlines(keepends=True)
    starts = [node.start_mark.line for node in seq.value] + [_end_line(seq, lines)]
    out = []
    for item, node, a, b in zip(data, seq.value, starts, starts[1:], strict=False):
        if not isinstance(item, dict):
            raise ConfigError("each draft is a mapping", file=source, line=a + 1)
        column = node.start_mark.column
        out.append(_Entry(item, _reindent(lines[a:b], column)))
    return out


def _end_line(seq: yaml.SequenceNode, lines: list[str]) -> int:
    end = seq.end_mark.line
    if seq.end_mark.column > 0:
        end += 1
    return min(end, len(lines))


def _reindent(lines: list[str], column: int) -> str:
    """An entry's lines with its dash at column 0 (comments and blank lines kept)."""
    dash = max(0, column - 2)
    out = []
    for line in lines:
        cut = min(dash, len(line) - len(line.lstrip(" ")))
        out.append(line[cut:])
    return "".join(out).rstrip("\n") + "\n"


def draft_entries(drafts: Sequence[Draft]) -> list[_Entry]:
    """Drafts straight from the extractor, as entries (their clause kept for the quote test)."""
    text = "commitments:\n" + "".join(draft_entry(d) for d in drafts)
    return [
        _Entry(e.data, e.text, d.clause)
        for e, d in zip(entries(text, "<drafts>"), drafts, strict=True)
    ]


def merge(config_dir: Path, new: Sequence[_Entry]) -> MergeResult:
    """Append the entries that are not duplicates to commitments.yaml, atomically."""
    path = config_dir / "commitments.yaml"
    existing = load_config(config_dir).commitments  # a broken config stops here (exit 2)
    result = MergeResult()
    taken = {c.id for c in existing}
    chunks: list[str] = []
    for entry in new:
        cid = str(entry.data.get("id", ""))
        why = _duplicate(entry, existing)
        if why:
            result.skipped.append((cid, why))
            continue
        text, final = _fresh_id(entry.text, cid, taken)
        if final != cid:
            result.renamed.append((cid, final))
        taken.add(final)
        chunks.append(text)
        result.added.append(final)
    if chunks:
        _write(config_dir, path, chunks)
    return result


def _duplicate(entry: _Entry, existing: Sequence[Commitment]) -> str | None:
    """Why an entry duplicates a configured commitment, or None."""
    data = entry.data
    aliases = [_norm(str(a)) for a in data.get("aliases") or []]
    quote = _norm(str((data.get("source") or {}).get("quote") or ""))
    clause = _norm(entry.clause)
    for c in existing:
        theirs = [_norm(a) for a in c.aliases]
        if c.id == data.get("id") and _shared(aliases, theirs):
            return f"same id as {c.id}"
        if _told_apart(data, c):
            continue
        shared = _shared(aliases, theirs)
        if shared:
            return f"alias {shared!r} of {c.id}"
        if _same_quote(quote, clause, _norm(c.source.quote or "")):
            return f"same quote as {c.id}"
    return None


def _shared(mine: list[str], theirs: list[str]) -> str | None:
    """An alias of one list that is, or holds as whole words, an alias of the other
    ("système de ferries transcaspien" holds "ferries transcaspien")."""
    for a in mine:
        for b in theirs:
            short, long = sorted((a, b), key=len)
            if short and re.search(rf"(?<!\w){re.escape(short)}(?!\w)", long):
                return short
    return None


def _same_quote(quote: str, clause: str, theirs: str) -> bool:
    """The same source quote: equal, or (for a draft that knows the clause it was read from)
    one holding the other."""
    if not theirs:
        return False
    if quote == theirs:
        return True
    return bool(clause) and (theirs in clause or clause in theirs)


def _told_apart(data: dict[str, Any], c: Commitment) -> bool:
    """Whether deadline windows or target values say two entries are different promises."""
    window = _window(data)
    if window and c.deadline and window != (c.deadline.start, c.deadline.end):
        return True
    target = data.get("target")
    if isinstance(target, dict) and c.target is not None:
        try:
            value = float(target.get("value", 0))
        except (TypeError, ValueError):
            return False
        return abs(value - c.target.value) > 0.005 * max(abs(c.target.value), 1.0)
    return False


def _window(data: dict[str, Any]) -> tuple[date, date] | None:
    text = data.get("deadline")
    stated = data.get("stated")
    if not text or stated is None:
        return None
    try:
        ref = stated if isinstance(stated, date) else date.fromisoformat(str(stated))
        d = read_deadline(str(text), ref)
    except (ValueError, DateError):
        return None
    return d.start, d.end


def _norm(text: str) -> str:
    return " ".join(fold(text).replace("\u2019", "'").split())


def _fresh_id(text: str, cid: str, taken: set[str]) -> tuple[str, str]:
    """The entry with an id no commitment has (`-2`, `-3`… appended when needed)."""
    if cid not in taken:
        return text, cid
    n = 2
    while f"{cid}-{n}" in taken:
        n += 1
    new = f"{cid}-{n}"
    return _ID.sub(lambda m: m.group(1) + new, text, count=1), new


def _write(config_dir: Path, path: Path, chunks: list[str]) -> None:
    """Append the entries, check the result loads, then replace the file atomically."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    merged = _appended(old, chunks)
    with tempfile.TemporaryDirectory(prefix="monitor-merge-") as tmp:
        trial = Path(tmp)
        for name in ("monitor.yaml", "feeds.yaml"):
            if (config_dir / name).exists():
                shutil.copy(config_dir / name, trial / name)
        (trial / "commitments.yaml").write_text(merged, encoding="utf-8")
        try:
            load_config(trial)
        except ConfigError as exc:
            raise ConfigError(
                f"the merged commitments.yaml would not load, nothing written: {exc.message}"
                + (f" (line {exc.line} of the merged file)" if exc.line else ""),
                file=str(path),
            ) from exc
    fd, tmp_name = tempfile.mkstemp(prefix=".commitments-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(merged)
        if path.exists():
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def _appended(old: str, chunks: list[str]) -> str:
    """The old text, untouched, with the entries added at the end of its list."""
    match = _ITEM.search(old)
    indent = match.group(1) if match else "  "
    body = "".join(_indent(c, indent) for c in chunks)
    if not re.search(r"^commitments:", old, re.MULTILINE):
        return old + ("" if not old or old.endswith("\n") else "\n") + "commitments:\n" + body
    if re.search(r"^commitments:\s*\[\s*\]\s*$", old, re.MULTILINE):
        old = re.sub(r"^commitments:\s*\[\s*\]\s*$", "commitments:", old, count=1, flags=re.M)
    return old + ("" if old.endswith("\n") else "\n") + "\n" + body


def _indent(chunk: str, indent: str) -> str:
    return "".join(indent + line if line.strip() else line for line in chunk.splitlines(True))
