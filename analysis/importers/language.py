"""Language identification of imported texts: py3langid, with its byte automaton walked in numpy.

Method
------
Languages are identified with py3langid (Lui & Baldwin 2012, "langid.py: an off-the-shelf language
identification tool", ACL demos), whose model ships with the package: a naive Bayes classifier over
byte n-gram features, counted by walking the text's UTF-8 bytes through an Aho-Corasick automaton.
py3langid walks it byte by byte in Python (about 1 microsecond a byte, most of the cost of an
import).  Here the same walk is computed for all bytes at once: in an Aho-Corasick automaton the
state after a byte is the trie node of the longest suffix of the input read so far that is a
prefix of a feature, so it depends only on the last ``D`` bytes, where ``D`` is the depth of the
deepest node (6 in the shipped model).  Starting every position from the initial state ``D`` bytes
back (never before the start of its text) and applying ``D`` transitions as array look-ups gives
each position's state; the result is then *checked* as a whole against the automaton (every state
must be the transition of the state before it by its byte, from the initial state at each text's
start), so it is exactly py3langid's walk or, if the check ever failed, py3langid's own walk is
used.  Feature counts keep py3langid's order (first occurrence), and the scoring and normalisation
are py3langid's, so every (language, probability) is the one :meth:`LanguageIdentifier.classify`
returns (``tests/test_importers.py`` compares them).  Many texts (a text and its paragraphs) are
walked in one pass.

Identification is unreliable on very short texts (Baldwin & Lui 2010, "Language identification:
the long and the short of the matter", NAACL); see :data:`LANGID_MIN_WORDS` and
:func:`mixed_languages`.
"""
from __future__ import annotations

import logging
import math
from array import array
from functools import lru_cache

import numpy as np

from ..text import WORD_RE, paragraphs

log = logging.getLogger(__name__)

__all__ = ["detect_language", "classify_many", "mixed_languages", "identify", "LANGID_MIN_WORDS", "MIXED_MIN_WORDS",
           "MIXED_MIN_PROB", "MIXED_MAX_PARAGRAPHS", "MAX_CHARS"]

#: Below this many words py3langid is not trusted to refuse a text as non-English.
LANGID_MIN_WORDS = 15
#: A paragraph counts for the mixed-language check from this many words, and when py3langid is this sure.
MIXED_MIN_WORDS, MIXED_MIN_PROB = 15, 0.9
#: The check reads at most this many paragraphs (bounded cost on very long texts).
MIXED_MAX_PARAGRAPHS = 500
#: A text's language is identified on its first this many characters.
MAX_CHARS = 20000
#: Bytes read back from each position: the depth of the deepest state of the shipped model's automaton
#: (its longest feature prefix; ``tests/test_importers.py`` computes it).  Every walk is checked, so a
#: model with deeper features is still identified exactly, by py3langid's own walk.
WINDOW = 6


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


class _Walker:
    """The automaton of a py3langid identifier as numpy arrays."""

    def __init__(self, ident):
        self.ident = ident
        self.nm = np.frombuffer(ident.tk_nextmove, dtype=np.uint32) if isinstance(ident.tk_nextmove, array) \
            else np.asarray(ident.tk_nextmove, dtype=np.uint32)
        self.rowbase = np.asarray(ident.tk_row, dtype=np.int64) << 8
        self.out = np.asarray(ident.tk_output, dtype=np.int64)
        # the feature weights as float32 once (57 MB): numpy casts py3langid's float16 table to float32
        # for every product anyway, so the products (and the scores) are the same, without a cast per text
        self.ptc = np.asarray(ident.nb_ptc, dtype=np.float32)

    def states(self, data: np.ndarray, seg_start: np.ndarray) -> np.ndarray | None:
        """The automaton's state after every byte of ``data``, each segment walked from the initial
        state (``seg_start[i]``: where the segment of byte ``i`` starts); None when the check fails."""
        n = len(data)
        pos = np.arange(n)
        s = np.zeros(n, dtype=np.int64)
        for j in range(WINDOW - 1, -1, -1):
            src = pos - j
            ok = src >= seg_start
            nxt = self.nm[self.rowbase[s] + data[np.maximum(src, 0)]]
            s = np.where(ok, nxt, s)
        prev = np.empty(n, dtype=np.int64)
        prev[0] = 0
        prev[1:] = s[:-1]
        prev[pos == seg_start] = 0
        if not np.array_equal(self.nm[self.rowbase[prev] + data], s):
            return None
        return s


@lru_cache(maxsize=1)
def _walker() -> _Walker:
    return _Walker(_identifier())


def _finish(ident, scores: np.ndarray, nbytes: int) -> tuple[str, float]:
    """py3langid's normalisation and decision (``LanguageIdentifier._decide`` and ``classify``)."""
    scores *= 1.0 / math.sqrt(nbytes or 1)
    np.exp(scores - scores.max(), out=scores)
    scores /= scores.sum()
    for i, j in ident._alias_pairs:
        scores[i] += scores[j]
        scores[j] = 0.0
    i = int(scores.argmax())
    return str(ident.nb_classes[i]), float(scores[i])


def classify_many(texts: list[str]) -> list[tuple[str, float]]:
    """(ISO 639-1 code, probability) of every text, as py3langid's ``classify`` gives them."""
    ident = _identifier()
    walker = _walker()
    if not texts:
        return []
    encoded = [ident._encode(t) for t in texts]
    lengths = np.array([len(e) for e in encoded], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    data = np.frombuffer(b"".join(encoded), dtype=np.uint8).astype(np.int64)
    if not len(data):
        return [_classify_one(ident, t) for t in texts]
    seg_start = np.repeat(starts, lengths)
    states = walker.states(data, seg_start)
    if states is None:  # a model with deeper features: py3langid's own walk is the reference
        log.debug("language identification: the %d-byte window walk did not check out; using py3langid's walk",
                  WINDOW)
        return [_classify_one(ident, t) for t in texts]
    feats = walker.out[states]
    hit = np.flatnonzero(feats >= 0)
    feats = feats[hit]
    seg = np.repeat(np.arange(len(encoded)), lengths)[hit]
    # py3langid counts features in a Counter: distinct features in order of first occurrence, with
    # their counts, per text.  The same for all texts at once: sort by (text, feature), stably.
    key = seg * len(walker.ptc) + feats
    order = np.argsort(key, kind="stable")
    skey = key[order]
    new = np.empty(len(skey), dtype=bool)
    new[:1] = True
    np.not_equal(skey[1:], skey[:-1], out=new[1:])
    starts_ = np.flatnonzero(new)
    first = order[starts_]  # index (into the hits) of each distinct (text, feature)'s first occurrence
    counts = np.diff(np.append(starts_, len(skey)))
    by_first = np.argsort(first, kind="stable")
    ufeat = feats[first[by_first]].astype(np.intp)
    ucount = np.log1p(counts[by_first].astype(np.float32))
    useg = seg[first[by_first]]
    bounds = np.searchsorted(useg, np.arange(len(encoded) + 1))
    out = []
    for k, e in enumerate(encoded):
        a, b = bounds[k], bounds[k + 1]
        if a == b:
            scores = np.full(len(ident.nb_classes), 0.0, dtype=np.float32)
        else:
            scores = ucount[a:b] @ walker.ptc[ufeat[a:b]] + ident.nb_pc
        out.append(_finish(ident, scores, len(e)))
    return out


def _classify_one(ident, text: str) -> tuple[str, float]:
    lang, prob = ident.classify(text)
    return str(lang), float(prob)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text`` (its first :data:`MAX_CHARS` characters) by py3langid."""
    return classify_many([text[:MAX_CHARS]])[0]


def _count_words(text: str) -> int:
    return len(WORD_RE.findall(text))


def _paragraphs_to_check(text: str) -> list[tuple[int, int, str]]:
    """(number, words, text) of the paragraphs the mixed-language check reads."""
    picked: list[tuple[int, int, str]] = []
    for i, (a, b) in enumerate(paragraphs(text), start=1):
        para = text[a:b]
        n = _count_words(para)
        if n < MIXED_MIN_WORDS:
            continue
        if len(picked) >= MIXED_MAX_PARAGRAPHS:
            log.info("mixed-language check stopped after %d paragraphs", MIXED_MAX_PARAGRAPHS)
            break
        picked.append((i, n, para[:MAX_CHARS]))
    return picked


def _mixed(picked: list[tuple[int, int, str]], found: list[tuple[str, float]], total: int) -> dict | None:
    langs: dict[str, int] = {}
    where: list[int] = []
    for (i, n, _), (lang, prob) in zip(picked, found):
        if lang != "en" and prob >= MIXED_MIN_PROB:
            langs[lang] = langs.get(lang, 0) + n
            where.append(i)
    if not langs:
        return None
    return {"languages": langs, "paragraphs": where, "share": round(sum(langs.values()) / (total or 1), 3),
            "method": f"py3langid per paragraph of {MIXED_MIN_WORDS}+ words, p >= {MIXED_MIN_PROB} "
                      f"(the first {MIXED_MAX_PARAGRAPHS} such paragraphs)"}


def mixed_languages(text: str) -> dict | None:
    """Paragraphs of an English ``text`` that py3langid reads as another language, or None.

    Only paragraphs of :data:`MIXED_MIN_WORDS` words or more, identified with probability
    :data:`MIXED_MIN_PROB` or more, count (shorter ones are unreliable, see the module docstring).
    Returns ``{"languages": {code: words}, "paragraphs": [1-based numbers], "share": words share}``.
    """
    picked = _paragraphs_to_check(text)
    return _mixed(picked, classify_many([p for _, _, p in picked]), _count_words(text))


def identify(text: str, *, words: int) -> tuple[str, float, dict | None]:
    """(language, probability, mixed-language paragraphs or None) of a text of ``words`` words, in one pass.

    The same as :func:`detect_language` and, for texts of :data:`LANGID_MIN_WORDS` words or more,
    :func:`mixed_languages` (whose result means something only when the text is English).
    """
    if words < LANGID_MIN_WORDS:
        lang, prob = detect_language(text)
        return lang, prob, None
    picked = _paragraphs_to_check(text)
    found = classify_many([text[:MAX_CHARS], *(p for _, _, p in picked)])
    lang, prob = found[0]
    return lang, prob, (_mixed(picked, found[1:], words) if lang == "en" else None)
