"""Word-in-context features for the loaded-language model (transparent, few, named).

Method
------
Each candidate word (a word of :func:`analysis.text.word_spans` with a
letter, at least three characters, not a stop word) gets a sparse vector of
named features:

* **valence** from the VADER lexicon (Hutto & Gilbert 2014, ICWSM; MIT
  licence; shipped inside the ``vaderSentiment`` package): ``|v|/4``,
  strongly negative / strongly positive flags (``|v| >= 1.5``), and the
  largest ``|v|/4`` among the two words on each side (``ctx_valence``);
* **intensifiers**: the word is, or follows, a VADER booster ("very",
  "extremely"), the subjective intensifiers of Recasens et al. (2013);
* **bias-cue classes** of Recasens, Danescu-Niculescu-Mizil & Jurafsky
  (2013): hedges, factive, assertive, implicative and report verbs, and
  combative report verbs ("slammed", "blasted"), from
  ``analysis/data/loaded_cues.yaml`` (lemmas, inflected with
  :mod:`analysis.inflection`);
* **rarity**: Zipf frequency band from ``wordfreq`` (Speer 2022);
* **part of speech** the word can have, from LemmInflect's dictionary
  (Jascob 2019; MIT): adjective, adverb, verb, noun, or unknown;
* **shape**: evaluative suffixes (-ous, -ful, -less, -ive, -ic, -ist, -ism,
  -ly, -est, -able/-ible), hyphenated compound, capitalised mid-sentence
  (a name), all capitals;
* **identity**: ``w=<word>`` for words seen in training (weights are kept
  only for words the training data supports; unseen words get none).

Nothing here looks at the topic; the weights come from
:mod:`analysis.loaded.model`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import yaml

from .. import paths as _paths
from ..text import word_spans

SUFFIXES = ("ous", "ful", "less", "ive", "ic", "ist", "ism", "ly", "est", "able", "ible", "ing", "ed")
CUE_FILE = _paths.PACKAGE_DATA / "loaded_cues.yaml"
MIN_LEN = 3
#: Word types remembered by the per-word memos (least recently used dropped first): a long run's memory
#: stays flat once the vocabulary outgrows them (about 1,000 generated news articles), and the frequent
#: words, most of the look-ups, stay cached.
WORD_MEMO = 32_768


@dataclass(frozen=True)
class Token:
    """A word of a sentence: offsets into the text, the word, its lower-case form."""

    start: int
    end: int
    word: str
    low: str


@lru_cache(maxsize=1)
def _vader() -> tuple[dict[str, float], frozenset[str]]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon), frozenset(BOOSTER_DICT)


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS`` (the Glasgow IR group's list), read from its own file.

    ``sklearn.feature_extraction.text`` would import scikit-learn and SciPy (about 1.5 s of CPU in every
    worker process) for one constant: the module defining it, ``sklearn/feature_extraction/_stop_words.py``,
    has no imports, so it is run on its own (same file, same words); any other layout is imported as usual.
    """
    import importlib.util
    import os

    spec = importlib.util.find_spec("sklearn")
    roots = spec.submodule_search_locations if spec is not None and spec.submodule_search_locations else []
    for root in roots:
        path = os.path.join(root, "feature_extraction", "_stop_words.py")
        if os.path.isfile(path):
            sub = importlib.util.spec_from_file_location("_framing_sklearn_stop_words", path)
            module = importlib.util.module_from_spec(sub)
            sub.loader.exec_module(module)
            words = getattr(module, "ENGLISH_STOP_WORDS", None)
            if isinstance(words, frozenset) and words:
                return words
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


_stop = english_stop_words


@lru_cache(maxsize=4)
def cue_classes(path: str | None = None) -> dict[str, frozenset[str]]:
    """The bias-cue classes, each a set of lower-case word forms (lemmas and their inflections)."""
    from ..inflection import inflections

    data = yaml.safe_load(Path(path or CUE_FILE).read_text(encoding="utf-8"))
    out = {}
    for name, spec in data["classes"].items():
        words: set[str] = set()
        for w in spec["words"]:
            words |= inflections(w, ("verb",)) if spec.get("kind") == "verb" else {w}
        out[name] = frozenset(words)
    return out


@lru_cache(maxsize=1)
def _lemma_dicts() -> tuple[dict, dict] | None:
    """LemmInflect's lemma dictionaries (read directly: its public look-up deep-copies on every call)."""
    try:
        from lemminflect.core.Lemmatizer import Lemmatizer

        lz = Lemmatizer()
        return lz._getLemmaDict(), lz._getOverridesDict()
    except (ImportError, AttributeError):  # pragma: no cover - another LemmInflect layout
        return None


@lru_cache(maxsize=2 * WORD_MEMO)  # small entries, costly misses (about 0.1 ms each)
def _pos(word: str) -> tuple[str, ...]:
    """Parts of speech LemmInflect's dictionary allows for ``word`` (empty when it does not know it)."""
    dicts = _lemma_dicts()
    if dicts is None:  # pragma: no cover
        import lemminflect

        return tuple(sorted(lemminflect.getAllLemmas(word)))
    return tuple(sorted(set(dicts[0].get(word, {})) | set(dicts[1].get(word, {}))))


@lru_cache(maxsize=1)
def _freqs() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en")


def _zipf(word: str) -> float:
    """Zipf frequency (log10 of occurrences per 10^9 words) from wordfreq's English list; 0 if unlisted."""
    f = _freqs().get(word)
    return math.log10(f) + 9.0 if f else 0.0


def _valence(low: str, lex: dict[str, float]) -> float:
    v = lex.get(low)
    if v is None and "-" in low:
        parts = [lex.get(p, 0.0) for p in low.split("-")]
        v = max(parts, key=abs) if parts else 0.0
    if v is None:
        for suf, rep in (("ly", ""), ("ally", "al"), ("ness", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e")):
            if low.endswith(suf) and low[: -len(suf)] + rep in lex:
                return lex[low[: -len(suf)] + rep]
        return 0.0
    return v


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` with offsets into ``text``."""
    seg = text[start:end]
    out = []
    for a, b in word_spans(seg):
        w = seg[a:b]
        out.append(Token(start + a, start + b, w, w.replace("’", "'").lower()))
    return out


def is_candidate(tok: Token) -> bool:
    """A word the model scores: has a letter, at least three characters, not a stop word."""
    return word_features(tok.low) is not None


@lru_cache(maxsize=WORD_MEMO)
def word_features(low: str) -> dict[str, float] | None:
    """The features of a (lower-case) word that do not depend on its context; ``None`` if not a candidate.

    Cached per word: the costly look-ups (valence, part of speech, frequency) run once per word type.
    """
    if len(low) < MIN_LEN or not any(c.isalpha() for c in low) or low in _stop():
        return None
    lex, boosters = _vader()
    f: dict[str, float] = {"bias": 1.0}
    v = valence(low)
    if v:
        f["valence"] = abs(v) / 4.0
        if v <= -1.5:
            f["strong_negative"] = 1.0
        elif v >= 1.5:
            f["strong_positive"] = 1.0
    if low in boosters:
        f["booster"] = 1.0
    for name, words in cue_classes().items():
        if low in words:
            f["cue=" + name] = 1.0
    pos = _pos(low)
    for p in pos:
        f["pos=" + p] = 1.0
    if not pos:
        f["pos=unknown"] = 1.0
    z = _zipf(low)
    f["zipf<3" if z < 3 else "zipf<4" if z < 4 else "zipf<5" if z < 5 else "zipf>=5"] = 1.0
    for suf in SUFFIXES:
        if low.endswith(suf) and len(low) > len(suf) + 2:
            f["suffix=" + suf] = 1.0
            break
    if "-" in low:
        f["hyphenated"] = 1.0
    f["w=" + low] = 1.0
    return f


@lru_cache(maxsize=WORD_MEMO)
def valence(low: str) -> float:
    """VADER valence of a lower-case word (of its stem or its strongest hyphen part when unlisted)."""
    return _valence(low, _vader()[0])


def context_features(toks: Sequence[Token], i: int, vals: Sequence[float], *, first: bool = True) -> dict[str, float]:
    """The features of token ``i`` that depend on its neighbours and its spelling in the text."""
    f: dict[str, float] = {}
    ctx = 0.0
    for j in range(max(0, i - 2), min(len(toks), i + 3)):
        if j != i and abs(vals[j]) > ctx:
            ctx = abs(vals[j])
    if ctx:
        f["ctx_valence"] = ctx / 4.0
    if i > 0 and toks[i - 1].low in _vader()[1]:
        f["after_booster"] = 1.0
    w = toks[i].word
    if w[:1].isupper() and (i > 0 or not first):
        f["capitalised"] = 1.0
    if w.isupper() and len(w) > 1:
        f["all_caps"] = 1.0
    return f


def sentence_features(toks: Sequence[Token], *, first: bool = True) -> list[dict[str, float] | None]:
    """Feature dicts for the tokens of one sentence (``None`` for words that are not candidates)."""
    vals = [valence(t.low) for t in toks]
    out: list[dict[str, float] | None] = []
    for i, t in enumerate(toks):
        wf = word_features(t.low)
        out.append(None if wf is None else {**wf, **context_features(toks, i, vals, first=first)})
    return out
