"""The word lists of the attribution rules, read from ``analysis/data/attribution_words.yaml``.

Part of :mod:`analysis.sources`.  A list with a duplicate or a non-lower-case entry is an error (the file
is data a newcomer edits; a silent duplicate hides a typo).
"""
from __future__ import annotations

from functools import lru_cache

import yaml

from ..paths import PACKAGE_DATA

WORDS_FILE = PACKAGE_DATA / "attribution_words.yaml"


@lru_cache(maxsize=None)
def load_words(path=WORDS_FILE) -> dict:
    """Every list of the file, checked: lower case, no duplicates (ValueError naming the list and entry)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, value in data.items():
        items = value if isinstance(value, list) else list(value)
        seen: set[str] = set()
        for w in items:
            w = str(w)
            if w in seen:
                raise ValueError(f"{path.name}: list {name!r} has {w!r} twice")
            if w != w.lower():
                raise ValueError(f"{path.name}: list {name!r} entry {w!r} is not lower case")
            seen.add(w)
    return data


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """One word list as a set."""
    return frozenset(str(w) for w in load_words()[name])


def head_roles() -> dict[str, frozenset[str]]:
    """Head noun of a definite description -> the speaker roles it is compatible with."""
    return {str(k): frozenset(map(str, v)) for k, v in load_words()["head_roles"].items()}
