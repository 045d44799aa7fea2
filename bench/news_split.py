"""The fixed tune / held-out split of the news-dev corpus (`../shared/corpus/news-dev`), by project.

Every item of a project is on the same side, so nothing learnt from one project's phrasings,
aliases or deadline leaks into the score of another. 21 projects (236 items) are `tune`: their
misses may be read and worked on (`bench/assess_eval.py --misses`). 11 projects (117 items) are
`heldout`: only their figures are ever printed, never their misses.

How the list was chosen (once; `derive_heldout` replays it): the 32 project ids are ranked by
sha1(f"{SALT}:{id}"), and the first 11 are held out. SALT is the first `news-dev-split-K`
(K = 0, 1, 2 …) whose held-out third satisfies, on the labels of README.md:
  - 30–36 % of the items;
  - at least 20 items in fr and in ru (and at least 8 in en), 2 or more in de and in tr;
  - at least 5 items of every label on both sides (completed, cancelled, at_risk, unrelated,
    on_track, progress), and 2 or more de and tr items on the tune side too.
That gave K = 3. The lists are written out below so the split never moves when the corpus
grows; a project added later falls on a side by `split_of`'s hash rule (one in three held out).

    held out: en 34, fr 33, ru 38, tr 7, de 5 items; delayed 50, completed 12, cancelled 8,
              at_risk 11, on_track 11, progress 15, unrelated 10
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

SALT = "news-dev-split-3"
HELDOUT_COUNT = 11

HELDOUT: frozenset[str] = frozenset(
    {
        "barakah-npp",
        "belarus-npp",
        "fehmarnbelt-tunnel",
        "gpe-ligne-15-sud",
        "keystone-xl",
        "m12-motorway",
        "notre-dame-reopening",
        "power-of-siberia-2",
        "rer-e-eole",
        "starliner-crewed-flight",
        "turkish-stream",
    }
)

TUNE: frozenset[str] = frozenset(
    {
        "arctic-lng-2",
        "ariane-6",
        "artemis-1",
        "eu-2035-car-co2",
        "gpe-ligne-16",
        "hcmc-metro-line-1",
        "istanbul-airport",
        "jakarta-bandung-hsr",
        "moscow-bkl",
        "notre-dame-des-landes-airport",
        "olkiluoto-3",
        "paris-ligne-14-orly",
        "power-of-siberia-1",
        "rail-baltica",
        "rooppur-npp",
        "stuttgart-21",
        "tesla-cybertruck",
        "tesla-semi",
        "uk-2030-ice-ban",
        "vogtle-3-4",
        "vostochny-first-launch",
    }
)


def _rank_key(project: str, salt: str = SALT) -> str:
    return hashlib.sha1(f"{salt}:{project}".encode()).hexdigest()


def derive_heldout(
    projects: Iterable[str], salt: str = SALT, count: int = HELDOUT_COUNT
) -> frozenset[str]:
    """The `count` projects ranked first by sha1(salt:id): how HELDOUT was drawn."""
    return frozenset(sorted(set(projects), key=lambda p: _rank_key(p, salt))[:count])


def split_of(project: str) -> str:
    """`tune` or `heldout`; a project outside both lists: held out when its hash is 0 mod 3."""
    if project in HELDOUT:
        return "heldout"
    if project in TUNE:
        return "tune"
    return "heldout" if int(_rank_key(project), 16) % 3 == 0 else "tune"
