"""Matching at scale: the judge's items/s on the shared feed corpus with the shipped commitments
plus 10, 100, 1,000 and 10,000 synthetic ones. One automaton holds every word, so items/s should
stay roughly flat; the ratio (largest set / smallest) is printed.

    .venv/bin/python -m bench.match_scale [--sizes 10,100,1000,10000] [--rounds N]

Synthetic commitments get generated aliases (invented names, alone and with a real noun, and a
Cyrillic spelling) that the corpus never contains. Two runs: "distinct" (aliases only) and
"shared", where each also lists actors and context words from small pools of real words
(countries, "railway", "summit"...), as a large real set would: those words occur in the news,
and each occurrence is a hit for every commitment that lists it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

from bench.false_alarms import CORPUS, corpus_items
from monitor.core.commitment import Commitment
from monitor.service.config import load_config
from monitor.understand.judge import ItemText, Judge
from monitor.understand.matching import Matcher

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = (
    "ka",
    "lo",
    "mir",
    "ven",
    "ta",
    "dor",
    "shi",
    "pra",
    "nu",
    "vel",
    "zo",
    "rin",
    "ba",
    "gu",
    "tes",
    "mo",
    "lan",
    "qui",
    "har",
    "ox",
)
CYRILLIC = str.maketrans("abdeghiklmnoqrstuvxz", "абдегхиклмнокрстувкз")
NOUNS = ("corridor", "railway", "pipeline", "terminal", "port", "bridge", "plant", "dam")
ACTORS = (
    "Russia",
    "China",
    "France",
    "Germany",
    "Turkey",
    "Iran",
    "India",
    "Ukraine",
    "United States",
    "European Union",
    "Kazakhstan",
    "Azerbaijan",
    "Armenia",
    "Georgia",
    "Japan",
    "Brazil",
    "Россия",
    "Китай",
    "Chine",
    "Allemagne",
)
CONTEXT = (
    "railway",
    "summit",
    "construction",
    "pipeline",
    "port",
    "exports",
    "trade",
    "minister",
    "project",
    "agreement",
    "строительство",
    "projet",
    "accord",
    "budget",
)


def invented(rand: random.Random) -> str:
    return "".join(rand.choice(SYLLABLES) for _ in range(rand.randint(3, 4))).capitalize()


def synthetic(n: int, shared: bool, seed: int = 7) -> list[Commitment]:
    """`n` commitments with generated aliases; with `shared`, real actor and context words too."""
    rand = random.Random(seed)
    out = []
    for k in range(n):
        name = invented(rand)
        out.append(
            Commitment(
                id=f"syn-{k}",
                title=f"{name} {rand.choice(NOUNS)}",
                stated=date(2025, 1, 1),
                aliases=(name, f"{name} {rand.choice(NOUNS)}", name.lower().translate(CYRILLIC)),
                actors=tuple(rand.sample(ACTORS, 2)) if shared else (),
                context=tuple(rand.sample(CONTEXT, 2)) if shared else (),
            )
        )
    return out


def rate(items: list[ItemText], work: object, rounds: int) -> tuple[float, int]:
    """(items/s, findings or mentions) of `work` (a Judge or a Matcher) over `items`."""
    found = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            if isinstance(work, Judge):
                found += len(work.judge(item))
            elif isinstance(work, Matcher):
                found += len(work.find(item.title, item.text))
    took = time.perf_counter() - started
    return len(items) * rounds / took, found // rounds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10,100,1000,10000")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(
            f"corpus not found: {CORPUS} (the shared corpus must sit beside the checkout)",
            file=sys.stderr,
        )
        return 2
    items = list(corpus_items(CORPUS))
    shipped = list(load_config(ROOT / "config").commitments)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{len(items)} corpus items; {len(shipped)} shipped commitments plus N synthetic")
    for shared in (False, True):
        label = "shared" if shared else "distinct"
        rates: list[float] = []
        for n in sizes:
            commitments = shipped + synthetic(n, shared)
            started = time.perf_counter()
            judge = Judge(commitments)
            built = time.perf_counter() - started
            judged, findings = rate(items, judge, args.rounds)
            matched, mentions = rate(items, Matcher(commitments), args.rounds)
            rates.append(judged)
            print(
                f"  {label:8} N={n:>6}: judge {judged:7,.0f} items/s ({findings} findings), "
                f"matcher alone {matched:7,.0f} items/s ({mentions} mentions), "
                f"automaton built in {built:.2f} s"
            )
        print(f"  {label}: items/s at N={sizes[-1]} / N={sizes[0]} = {rates[-1] / rates[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
