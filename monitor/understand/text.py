"""Feed markup to plain text, and the normalised forms used to recognise the same story.

Feed HTML is never rendered: it is reduced to text here, and only text leaves the parser.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from html.parser import HTMLParser

import regex

TITLE_MAX = 1_000
TEXT_MAX = 20_000
# Markup beyond this many characters is not even parsed: it could only add text past the cap.
MARKUP_FACTOR = 20

_SKIP = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "head", "title"}
)
_BLOCK = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    }
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")
_MARKS = regex.compile(r"\p{Mn}+")
_WORDS = regex.compile(r"[\p{L}\p{N}]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt and not self.skipping:
                self.parts.append(f" {alt} ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def clean(text: str, limit: int, *, one_line: bool = False) -> str:
    """Strip control characters and lone surrogates, tidy whitespace, cut to `limit` chars."""
    text = _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
    if one_line:
        text = " ".join(text.split())
    else:
        text = _BLANK_LINES.sub("\n\n", _SPACES.sub(" ", text))
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
    if len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ", limit - 50)
        text = (cut[:space] if space > 0 else cut).rstrip() + "…"
    return text


def html_to_text(markup: str, limit: int = TEXT_MAX, *, one_line: bool = False) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded, scripts/styles removed."""
    markup = markup[: limit * MARKUP_FACTOR]
    if "<" not in markup:
        return clean(html.unescape(markup) if "&" in markup else markup, limit, one_line=one_line)
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return clean("".join(collector.parts), limit, one_line=one_line)


def words(text: str) -> list[str]:
    """Case-folded, accent-free words and numbers, the unit of story comparison."""
    folded = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return _WORDS.findall(folded)


def fingerprint(title: str, text: str) -> str:
    """A hash equal for two items whose title and text differ only in case, accents,
    punctuation, markup or spacing: the same wire story reprinted word for word."""
    joined = " ".join(words(title)) + "\n" + " ".join(words(text))
    return hashlib.blake2b(joined.encode(), digest_size=16).hexdigest()


SKETCH_WORDS = 150


def sketch(title: str, text: str, shingle: int = 1) -> int:
    """A 64-bit SimHash over the words (shingles of `shingle` words) of the story opening;
    near-duplicate stories differ in few bits."""
    tokens = (words(title) + words(text))[:SKETCH_WORDS]
    grams = [" ".join(tokens[i : i + shingle]) for i in range(max(1, len(tokens) - shingle + 1))]
    rows = [
        format(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big"), "064b")
        for g in grams
    ]
    # Columns of the bit matrix; a bit is set when most shingles' hashes set it.
    half = len(rows) / 2
    return int("".join("1" if col.count("1") > half else "0" for col in zip(*rows, strict=True)), 2)


def distance(a: int, b: int) -> int:
    """Bits that differ between two sketches (0 = same story, ≤ 6 = very likely the same)."""
    return (a ^ b).bit_count()
