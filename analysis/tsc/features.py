"""Features for target-dependent sentiment: how a sentence speaks of one mention in it.

Method
------
Each example is a sentence and a character span (the *target*, e.g. "Armenia"
in "Armenia's occupation army looted the city").  The features describe the
words around the target rather than the sentence as a whole, so that two
targets of one sentence can get different labels (Hamborg & Donnay 2021,
"NewsMTSC: a dataset for (multi-)target-dependent sentiment classification in
political news articles", EACL; the feature families follow the classic
target-dependent SVMs of Jiang et al. 2011, ACL, and Kiritchenko et al. 2014,
SemEval):

* ``u:``/``b:`` the sentence's words and bigrams with the target masked as ``T``
  (so "criticized T" and "T criticized" differ);
* ``L1:``..``R3:`` the three words left and right of the target, and ``L:``/``R:``
  the words within eight words, weighted by ``1/sqrt(distance)``;
* ``c:`` the words of the clause holding the target (clauses end at , ; : ( ) —
  quotation marks and a few conjunctions);
* valence from VADER's lexicon (Hutto & Gilbert 2014), completed by the
  project's ``analysis/data/news_valence.csv`` (news words VADER lacks:
  "massacre", "looting", "corrupt", "liberated", "victory"...): sums of positive and
  negative valence in the left and right windows, the clause, the rest of the
  sentence, distance-weighted sums, with a valence flipped when a negator
  precedes it within three words; VADER's compound of the sentence and of the
  clause;
* the target's role by surface cues: speaker (followed by a speech verb, or
  after "according to"), sentence-initial subject, after a preposition, inside
  quotation marks, a pronoun; the clause valence crossed with these roles;
* position (relative place in the sentence) and length buckets.

Words are :data:`analysis.text.WORD_RE` matches, lower-cased.  Features are a
``dict[str, float]``; the model (:mod:`analysis.tsc.model`) is a linear
classifier over them, stored as plain JSON.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache

from ..text import WORD_RE, fold

__all__ = ["features", "sentence_features", "sentence_logit", "SentenceWeights", "FEATURE_VERSION",
           "SENTENCE_FEATURE_VERSION"]

#: Bump when the features change: a model file records the version it was trained with.
FEATURE_VERSION = 2
#: The same for :func:`sentence_features` (the news sentence model).
SENTENCE_FEATURE_VERSION = 3

_WINDOW = 8
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]\"“”—–]|\s-\s")
_CONJ = frozenset("but while although though whereas however because who which whom whose".split())
_SPEECH = frozenset("""said says say saying told tells tell claimed claims claim argued argues argue insisted insists
stated states added adds noted notes wrote writes warned warns accused accuses accuse called calls
announced announces declared declares tweeted tweets explained explains asserted asserts alleged alleges
suggested suggests maintained maintains acknowledged acknowledges admitted admits denied denies charged
charges praised praises criticized criticizes criticised slammed slams blasted blasts urged urges""".split())
_PREP = frozenset("by against of to with for from on at about over under toward towards".split())
_PRONOUN = frozenset("he she they him her them his hers their it its we us i".split())


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import NEGATE, SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    negate = frozenset(w.lower() for w in NEGATE) | {"not", "no", "never", "without", "n't"}
    lex = dict(sia.lexicon)
    for w, v in news_valence().items():
        lex.setdefault(w, v)
    return sia, lex, negate


@lru_cache(maxsize=1)
def news_valence() -> dict[str, float]:
    """The news words of ``analysis/data/news_valence.csv`` and their valence (VADER's scale)."""
    import csv

    from ..paths import PACKAGE_DATA

    path = PACKAGE_DATA / "news_valence.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {r["word"].strip().lower(): float(r["valence"]) for r in rows}


def _compound(text: str) -> float:
    """VADER's compound, through :func:`analysis.sentiment.compound`'s cache (sentences are scored once)."""
    from ..sentiment import compound

    return compound(text) if text.strip() else 0.0


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    for i, e in enumerate(edges):
        if x < e:
            return i
    return len(edges)


@lru_cache(maxsize=256)
def _tokens(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, folded word) of each word; cached, as a sentence's mentions share it."""
    return tuple((m.start(), m.end(), _fold_word(m.group())) for m in WORD_RE.finditer(sentence))


def features(sentence: str, start: int, end: int) -> dict[str, float]:
    """Features of the target ``sentence[start:end]`` (see the module docstring)."""
    _, lex, negate = _vader()
    toks = _tokens(sentence)
    f: dict[str, float] = {"bias": 1.0}
    # Index of the target's first and last word (a target between words sits between them).
    inside = [i for i, (a, b, _) in enumerate(toks) if a < end and b > start]
    if inside:
        t0, t1 = inside[0], inside[-1]
    else:
        t0 = sum(1 for a, _, _ in toks if a < start)
        t1 = t0 - 1
    left = [w for _, _, w in toks[:t0]]
    right = [w for _, _, w in toks[t1 + 1:]]
    masked = left + ["T"] + right
    ti = len(left)
    for w in masked:
        if w != "T":
            f["u:" + w] = 1.0
    for a, b in zip(masked, masked[1:]):
        f["b:" + a + "_" + b] = 1.0
    for d in range(1, 4):
        f[f"L{d}:" + (left[-d] if len(left) >= d else "<s>")] = 1.0
        f[f"R{d}:" + (right[d - 1] if len(right) >= d else "</s>")] = 1.0
    for d, w in enumerate(reversed(left[-_WINDOW:]), 1):
        f["L:" + w] = f.get("L:" + w, 0.0) + 1 / math.sqrt(d)
    for d, w in enumerate(right[:_WINDOW], 1):
        f["R:" + w] = f.get("R:" + w, 0.0) + 1 / math.sqrt(d)

    # The clause holding the target: from the last break before it to the first break after it.
    c_start, c_end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            c_start = m.end()
        elif m.start() >= end:
            c_end = m.start()
            break
    for i in range(t0 - 1, -1, -1):  # conjunctions open a new clause
        if toks[i][0] < c_start:
            break
        if toks[i][2] in _CONJ:
            c_start = toks[i][1]
            break
    for i in range(t1 + 1, len(toks)):
        if toks[i][1] > c_end:
            break
        if toks[i][2] in _CONJ:
            c_end = toks[i][0]
            break
    clause_idx = [i for i, (a, b, _) in enumerate(toks) if a >= c_start and b <= c_end and not (t0 <= i <= t1)]
    for i in clause_idx:
        f["c:" + toks[i][2]] = 1.0

    # Valence, negated when a negator precedes within three words.
    words_all = [w for _, _, w in toks]
    val = [0.0] * len(toks)
    for i, w in enumerate(words_all):
        v = lex.get(w, 0.0)
        if v and any(x in negate or x.endswith("n't") for x in words_all[max(0, i - 3):i]):
            v = -0.74 * v
            f["neg_flip"] = 1.0
        val[i] = v
    in_clause = set(clause_idx)
    sums = {"lp": 0.0, "ln": 0.0, "rp": 0.0, "rn": 0.0, "cp": 0.0, "cn": 0.0, "op": 0.0, "on": 0.0,
            "wp": 0.0, "wn": 0.0}
    for i, v in enumerate(val):
        if not v or t0 <= i <= t1:
            continue
        side = "l" if i < t0 else "r"
        sgn = "p" if v > 0 else "n"
        d = (t0 - i) if i < t0 else (i - t1)
        sums[side + sgn] += abs(v)
        sums[("c" if i in in_clause else "o") + sgn] += abs(v)
        sums["w" + sgn] += abs(v) / d
    for k, v in sums.items():
        if v:
            f["val_" + k] = math.log1p(v)
    cv = sums["cp"] - sums["cn"]
    sent_c = _compound(sentence)
    clause_c = _compound(sentence[c_start:c_end])
    f["vader_sent"] = sent_c
    f["vader_clause"] = clause_c
    f["vader_sent_pos"] = float(sent_c >= 0.05)
    f["vader_sent_neg"] = float(sent_c <= -0.05)
    clause_words = [toks[i][2] for i in clause_idx]
    if any(w in negate or w.endswith("n't") for w in clause_words):
        f["clause_negated"] = 1.0

    # The target's role by surface cues.
    roles = []
    tw = [toks[i][2] for i in range(t0, t1 + 1)] if t1 >= t0 else []
    if any(w in _SPEECH for w in right[:3]) or (len(left) >= 2 and left[-2:] == ["according", "to"]):
        roles.append("speaker")
    if any(w in _SPEECH for w in left[-2:]) and right[:1] and right[0] in _SPEECH:
        roles.append("speaker")
    if not left or (c_start > 0 and t0 < len(toks) and toks[t0][0] - c_start < 3):
        roles.append("initial")
    if left and left[-1] in _PREP:
        roles.append("after_prep")
    if left and left[-1] in ("the", "a", "an"):
        roles.append("after_det")
    if right[:1] == ["s"] or sentence[end:end + 2] in ("'s", "’s"):
        roles.append("possessive")
    if tw and all(w in _PRONOUN for w in tw):
        roles.append("pronoun")
    q_before = sum(sentence[:start].count(c) for c in '"“”')
    if q_before % 2 == 1:
        roles.append("in_quote")
    if any(c in sentence for c in '"“”'):
        f["sent_has_quote"] = 1.0
    for r in dict.fromkeys(roles):
        f["role:" + r] = 1.0
        if cv:
            f["role_cval:" + r] = cv
        f["role_vsent:" + r] = sent_c
    if not roles:
        f["role_cval:none"] = cv
    f["pos_bucket:" + str(_bucket(ti / max(len(masked) - 1, 1), (0.01, 0.25, 0.5, 0.75)))] = 1.0
    f["len_bucket:" + str(_bucket(len(masked), (10, 20, 35, 50)))] = 1.0
    return f


def _fold_word(w: str) -> str:
    """:func:`analysis.text.fold` of one word; an ASCII word (most words) needs only lower-casing.

    For ASCII, NFKC changes nothing, ``casefold`` equals ``lower`` and the only ASCII character
    ``fold`` translates (the backtick) is never part of a :data:`~analysis.text.WORD_RE` word.
    """
    return w.lower() if w.isascii() else fold(w)


def _fold_words(sentence: str) -> list[str]:
    """``[_fold_word(w) for w in WORD_RE.findall(sentence)]``; an ASCII sentence is lower-cased once instead
    (lower-casing ASCII letters changes neither what is a word character nor where a word starts or ends)."""
    if sentence.isascii():
        return WORD_RE.findall(sentence.lower())
    return [_fold_word(w) for w in WORD_RE.findall(sentence)]


def _sentence_valence(ws: list[str], lex: dict, negate: frozenset) -> tuple[float, float, int, int]:
    """Sums of positive and negative valence and the counts of strong words (see :func:`sentence_features`).

    Only the words with a (non-zero) valence are visited, in order: the same sums as a pass over every word.
    """
    pos = neg = 0.0
    strong_pos = strong_neg = 0
    get = lex.get
    for i in [i for i, w in enumerate(ws) if get(w)]:
        v = lex[ws[i]]
        if any(x in negate or x.endswith("n't") for x in ws[max(0, i - 3):i]):
            v = -0.74 * v
        if v > 0:
            pos += v
            strong_pos += v >= 2.0
        elif v < 0:
            neg -= v
            strong_neg += v <= -2.0
    return pos, neg, strong_pos, strong_neg


def sentence_features(sentence: str, compound: float | None = None) -> dict[str, float]:
    """Features of a whole sentence, for the sentence-level news score (:mod:`analysis.sentiment`).

    Its words and bigrams (``u:``, ``b:``), VADER's compound, the log sums
    of positive and negative lexicon valence (negated within three words as
    in :func:`features`), their balance, the counts of strongly valenced
    words (|valence| >= 2), and whether a negator or a quotation is present.
    :func:`sentence_logit` is the same model applied without building this dict.
    """
    _, lex, negate = _vader()
    ws = _fold_words(sentence)
    f: dict[str, float] = {"bias": 1.0}
    for w in ws:
        f["u:" + w] = 1.0
    for a, b in zip(["<s>", *ws], [*ws, "</s>"]):
        f["b:" + a + "_" + b] = 1.0
    pos, neg, strong_pos, strong_neg = _sentence_valence(ws, lex, negate)
    if strong_pos:
        f["strong_pos"] = float(strong_pos)
    if strong_neg:
        f["strong_neg"] = float(strong_neg)
    f["val_balance"] = (pos - neg) / (1.0 + pos + neg)
    c = _compound(sentence) if compound is None else compound
    f["vader_sent"] = c
    f["vader_sent_pos"] = float(c >= 0.05)
    f["vader_sent_neg"] = float(c <= -0.05)
    f["val_pos"] = math.log1p(pos)
    f["val_neg"] = math.log1p(neg)
    if any(w in negate or w.endswith("n't") for w in ws):
        f["negated"] = 1.0
    if any(ch in sentence for ch in '"“”'):
        f["has_quote"] = 1.0
    return f


class SentenceWeights:
    """The weights of a sentence model split for look-up by word: unigram, bigram (first word, then second), all.

    A ``b:`` key whose words hold ``_`` is left out: :func:`sentence_features` never makes one.
    """

    def __init__(self, weights: dict[str, float]):
        self.all = weights
        self.unigram = {k[2:]: v for k, v in weights.items() if k.startswith("u:")}
        self.bigram: dict[str, dict[str, float]] = {}
        for k, v in weights.items():
            if k.startswith("b:"):
                first, sep, second = k[2:].partition("_")
                if sep and "_" not in second:
                    self.bigram.setdefault(first, {})[second] = v
        #: (first word, second word) -> weight of every bigram in :attr:`bigram`
        self.pairs: dict[tuple[str, str], float] = {(a, b): v for a, d in self.bigram.items() for b, v in d.items()}


def sentence_logit(sentence: str, weights: SentenceWeights | dict[str, float],
                   compound: float | None = None) -> float:
    """``sum(weights.get(k, 0.0) * v for k, v in sentence_features(sentence, compound).items())``, faster.

    The same terms summed in the same order (the dict's insertion order: a repeated word or bigram
    counts once, where it first occurs), so the result is the same float; features without a weight
    are left out (adding 0.0 changes no sum that is not -0.0, and a sum starting at 0 never is).
    ``weights``: the model's weights, or their :class:`SentenceWeights` (built once per model).
    """
    if not isinstance(weights, SentenceWeights):
        weights = SentenceWeights(weights)
    _, lex, negate = _vader()
    ws = _fold_words(sentence)
    g = weights.all.get
    terms: list[float] = []
    x = g("bias")
    if x is not None:
        terms.append(x)
    terms += [x for x in map(weights.unigram.get, dict.fromkeys(ws)) if x is not None]
    # each distinct bigram (<s> and </s> at the ends) once, where it first occurs
    terms += [x for x in map(weights.pairs.get, dict.fromkeys(zip(["<s>", *ws], [*ws, "</s>"]))) if x is not None]
    pos, neg, strong_pos, strong_neg = _sentence_valence(ws, lex, negate)
    c = _compound(sentence) if compound is None else compound
    rest = []
    if strong_pos:
        rest.append(("strong_pos", float(strong_pos)))
    if strong_neg:
        rest.append(("strong_neg", float(strong_neg)))
    rest += [("val_balance", (pos - neg) / (1.0 + pos + neg)), ("vader_sent", c),
             ("vader_sent_pos", float(c >= 0.05)), ("vader_sent_neg", float(c <= -0.05)),
             ("val_pos", math.log1p(pos)), ("val_neg", math.log1p(neg))]
    # a word ends in n't exactly when "n't " is in the words joined by spaces (words hold no spaces)
    if not negate.isdisjoint(ws) or "n't " in " ".join(ws) + " ":
        rest.append(("negated", 1.0))
    if any(ch in sentence for ch in '"“”'):
        rest.append(("has_quote", 1.0))
    for k, v in rest:
        x = g(k)
        if x is not None:
            terms.append(x * v)
    return sum(terms)
