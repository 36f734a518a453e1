"""Distinctive terms (keyness) and candidate loaded terms.

Method
------
*Distinctive terms* use the weighted log-odds ratio with an informative
Dirichlet prior of Monroe, Colaresi & Quinn (2008, "Fightin' Words: lexical
feature selection and evaluation for identifying the content of political
conflict", Political Analysis 16(4), section 3.5).  For a group *i* (an
article, an outlet, a genre or any metadata field) and a comparison *j*::

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
    z_w     = delta_w / sqrt(var_w)

where *y* are word counts, *n* token totals and the prior ``a_w = a_0 * p_w``
is proportional to the word's share *p_w* of the background.  Two
backgrounds are offered:

``corpus``   *j* is the rest of the corpus and *p_w* the whole corpus
             (Monroe et al.'s informative prior);
``english``  *j* is general English: expected counts ``p_w * n_ref`` with
             *p_w* from the ``wordfreq`` package (Speer 2022; its data ships
             with the package, nothing is downloaded), ``n_ref`` = 10^9
             tokens (so that wordfreq's floor frequency, 10^-9, is one
             expected occurrence), and ``a_w = p_w * n_i`` as prior.

Positive z means over-represented in the group; ``|z| > 1.96`` is the usual
reading of "distinctive".  Tokens are lower-cased words from
:data:`analysis.text.WORD_RE` with possessive *'s* removed; numbers and
one-letter tokens are dropped.  The prior shrinks frequent function words
(Monroe et al. 2008, sec. 3.5), but with few articles "said" or "an" still
top a list, so stop words (scikit-learn's English list plus reporting
filler) are dropped by default, and *names* (terms capitalised in at least
90 % of their mid-sentence uses across the corpus) are ranked apart from
other words (``kind`` column), so that an interviewee's surname does not
stand for an article's vocabulary.

Comparisons that mean something: ``by="genre"`` (op-ed vs news, from the
metadata), ``by="outlet"`` (outlet vs outlet; articles without an outlet are
left out, not pooled as an outlet), ``by="voice"`` (the journalists' own
words vs quoted and paraphrased speech, from the quoted spans the pipeline
passes) and ``by="article"``.

*Candidate loaded terms* are words of the corpus that a subjectivity or
valence resource flags but that no lexicon entry matches, ranked by
frequency, each with an example sentence, for a human to review before
adding them to a lexicon.  Resources: the VADER lexicon (Hutto & Gilbert
2014, ICWSM; MIT licence) at ``|valence| >= 1.5`` (its scale is -4..4) and
VADER's booster (intensifier) list, i.e. the "subjective intensifiers" of
Recasens et al. (2013); very common words (Zipf frequency >= 5.8 in
wordfreq: *good, very, more*) are skipped.  Context decides; candidates are
not hits.

Known limits: unigrams only; ``english`` background inherits wordfreq's
tokenisation and its web/news/subtitle mix; very small groups give small |z|.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import InputError

from .text import WORD_RE
from .text import sentences as _sentences

log = logging.getLogger(__name__)

__all__ = ["term_counts", "log_odds", "distinctive_terms", "candidate_terms", "stop_words", "names_in",
           "capitalisation_counts", "VADER_THRESHOLD"]

#: Minimum |valence| in the VADER lexicon (scale -4..4) for a candidate.
VADER_THRESHOLD = 1.5
#: Size (tokens) of the general-English reference for ``background="english"``.
ENGLISH_REFERENCE_TOKENS = 1_000_000_000
#: Total prior mass a_0 for ``background="corpus"`` (capped by the corpus size).
PRIOR_SIZE = 10_000
#: Candidate terms more common than this in general English (Zipf scale) are skipped.
MAX_ZIPF = 5.8
_APOS = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
_HAS_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=500_000)
def _term(word: str) -> str | None:
    """The term a word token counts as (lower case, straight apostrophe, no possessive 's), or None."""
    t = word.translate(_APOS).casefold()
    if t.endswith("'s"):
        t = t[:-2]
    if len(t) < 2 or not _HAS_LETTER.search(t):
        return None
    return t


def _fold(raw: Counter) -> Counter:
    """Counts of word tokens -> counts of their terms (each distinct token normalised once)."""
    out: Counter = Counter()
    for w, n in raw.items():
        t = _term(w)
        if t is not None:
            out[t] += n
    return out


def _terms(text: str) -> list[str]:
    return [t for t in map(_term, WORD_RE.findall(text)) if t is not None]


def term_counts(text: str) -> Counter:
    """Counts of the lower-cased word terms of ``text`` (see module docstring)."""
    return _fold(Counter(WORD_RE.findall(text)))


def log_odds(
    y_i: Counter, y_j: Counter, prior: dict[str, float], *, n_i: float | None = None,
    n_j: float | None = None, a0: float | None = None,
) -> pd.DataFrame:
    """Monroe et al. (2008) weighted log-odds of every term in ``y_i`` vs ``y_j`` with a Dirichlet prior.

    ``prior`` maps term -> a_w (pseudo-counts); a_0 is their sum unless given.  Returns
    ``term, count, log_odds, z`` for the terms of ``y_i``.
    """
    terms = list(y_i)
    if not terms:
        return pd.DataFrame(columns=["term", "count", "log_odds", "z"])
    n_i = float(sum(y_i.values()) if n_i is None else n_i)
    n_j = float(sum(y_j.values()) if n_j is None else n_j)
    a0 = float(sum(prior.values()) if a0 is None else a0)
    yi = np.array([y_i[t] for t in terms], dtype=float)
    yj = np.array([y_j.get(t, 0.0) for t in terms], dtype=float)
    a = np.array([prior.get(t, 0.0) for t in terms], dtype=float)
    a = np.maximum(a, 1e-3)  # a term absent from the prior still gets a tiny pseudo-count
    d = (np.log(yi + a) - np.log(n_i + a0 - yi - a)) - (np.log(yj + a) - np.log(n_j + a0 - yj - a))
    var = 1.0 / (yi + a) + 1.0 / (yj + a)
    z = d / np.sqrt(var)
    return pd.DataFrame({"term": terms, "count": yi.astype(int), "log_odds": d, "z": z})


@lru_cache(maxsize=200_000)
def _english_freq(term: str) -> float:
    from wordfreq import word_frequency

    return word_frequency(term, "en", minimum=1e-9)


UNKNOWN = "(unknown)"
#: Group values left out of comparisons (an unknown outlet is not an outlet).
VOICES = ("author", "quoted")


def _group_of(article: Any, by: str) -> str:
    if by == "article":
        return str(article.id)
    meta = getattr(article, "meta", None) or {}
    v = meta.get(by) if isinstance(meta, dict) else getattr(meta, by, None)
    if isinstance(v, dict):  # a provenance record {"value": ...}
        v = v.get("value")
    v = getattr(v, "value", v)
    return str(v) if v not in (None, "") else UNKNOWN


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """English stop words: scikit-learn's list (Glasgow IR group; BSD) plus reporting filler (said, says, told)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS) | {"said", "says", "told", "mr", "mrs", "ms", "just", "like", "also", "would",
                                            "could", "according", "don't", "it's", "i'm", "that's", "didn't",
                                            "doesn't", "isn't", "won't", "can't", "we're", "they're", "he's",
                                            "she's", "there's", "let's", "you're", "i've", "we've"}


_SENT_END = re.compile(r"[.!?:;\"“”‘'(\[—–\n]\s*$")


_SENT_END_CHAR = re.compile(r"[.!?:;\"“”‘'(\[—–\n]")


def _sentence_starts(text: str) -> set[int]:
    """Offsets at which a token counts as sentence-initial: 0, and any offset whose previous three characters
    hold a sentence-ending mark followed only by whitespace (the rule of :data:`_SENT_END`)."""
    starts = {0}
    for m in _SENT_END_CHAR.finditer(text):
        q = m.end()
        starts.add(q)
        for k in (q, q + 1):
            if k < len(text) and text[k].isspace():
                starts.add(k + 1)
            else:
                break
    return starts


#: Characters that never occur inside a token of :data:`analysis.text.WORD_RE` among the sentence-ending marks
#: ("." and "'" can: "3.5", "don't").
_NEVER_IN_TOKEN = frozenset("!?:;\"“”‘([—–\n")


def _initial_tokens(text: str) -> list[str]:
    """The tokens of ``text`` (as :data:`WORD_RE` scans it) that start at a sentence start.

    A whole-text scan never carries a token across whitespace, so whether a token starts at ``p`` is settled
    by rescanning from the last whitespace before ``p`` (at most 64 characters back; beyond that, once, from
    the token starts of the whole text: linear in any input)."""
    out, all_starts = [], None
    for p in sorted(_sentence_starts(text)):
        m = WORD_RE.match(text, p)
        if m is None:
            continue
        if p > 0 and text[p - 1] not in _NEVER_IN_TOKEN and not text[p - 1].isspace():
            # "." or "'" before p may sit inside a token ("3.5", "don't")
            i = p - 1
            while i >= 0 and p - i <= 64 and not text[i].isspace():
                i -= 1
            if i >= 0 and not text[i].isspace():  # no whitespace within reach
                if all_starts is None:
                    all_starts = {t.start() for t in WORD_RE.finditer(text)}
                genuine = p in all_starts
            else:
                genuine = any(t.start() == p for t in WORD_RE.finditer(text, i + 1, m.end()))
            if not genuine:
                continue
        out.append(m.group())
    return out


@lru_cache(maxsize=500_000)
def _case_key(word: str) -> tuple[str, bool] | None:
    """(term, capitalised) of a word token for :func:`capitalisation_counts`; None for tokens not starting with
    a letter."""
    if not word[:1].isalpha():
        return None
    t = word.translate(_APOS).casefold()
    if t.endswith("'s"):
        t = t[:-2]
    return (t, word[:1].isupper())


def _case_fold(raw: Counter) -> Counter:
    """Counts of mid-sentence word tokens -> :func:`capitalisation_counts` (each distinct token keyed once)."""
    c: Counter = Counter()
    for w, n in raw.items():
        if n > 0 and (k := _case_key(w)) is not None:
            c[k] += n
    return c


def capitalisation_counts(text: str) -> Counter:
    """Per term: how often it is written capitalised (``+1``) or not (``-1``) away from a sentence start.

    Summed over articles, a term that is (nearly) always capitalised in mid-sentence is a name.
    """
    raw = Counter(WORD_RE.findall(text))
    raw.subtract(_initial_tokens(text))
    return _case_fold(raw)


def names_in(caps: Counter, *, share: float = 0.9) -> set[str]:
    """Terms capitalised in at least ``share`` of their mid-sentence uses (from :func:`capitalisation_counts`)."""
    upper: Counter = Counter()
    total: Counter = Counter()
    for (t, up), n in caps.items():
        total[t] += n
        if up:
            upper[t] += n
    return {t for t, n in total.items() if upper[t] >= share * n}


def _texts_by_voice(article: Any, spans: Sequence[tuple[int, int]]) -> dict[str, str]:
    """The article's text split into the author's and the quoted (and paraphrased) parts."""
    text = article.text
    quoted, author, pos = [], [], 0
    for a, b in sorted(spans):
        a, b = max(a, pos), max(b, pos)
        author.append(text[pos:a])
        quoted.append(text[a:b])
        pos = b
    author.append(text[pos:])
    return {"author": "\n".join(author), "quoted": "\n".join(quoted)}


def distinctive_terms(
    articles: Iterable[Any],
    *,
    by: str = "article",
    background: str = "corpus",
    top: int = 20,
    min_count: int = 2,
    names: str = "separate",
    stop: bool = True,
    quoted_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    unknown: str = "exclude",
) -> pd.DataFrame:
    """The ``top`` most distinctive terms of each group (largest z first).

    ``by`` is ``"article"``, a metadata field (``outlet``, ``genre`` for op-ed
    vs news, ...) or ``"voice"`` (the author's own words vs quoted and
    paraphrased speech; needs ``quoted_spans``: article id -> spans, as the
    pipeline passes them); ``background`` is ``"corpus"`` (the group vs the
    rest) or ``"english"`` (vs general English from wordfreq).  Stop words are
    dropped unless ``stop=False``.  ``names``: ``"separate"`` ranks names
    (terms capitalised in 90 % of their mid-sentence uses across the corpus)
    apart from other words, ``"drop"`` leaves them out, ``"keep"`` mixes them
    in.  Articles whose group is unknown (no outlet, no genre) are left out of
    the comparison unless ``unknown="keep"``.  Only terms used at least
    ``min_count`` times in the group are listed.  Columns:
    ``group, kind, term, count, log_odds, z, background`` (``kind`` is
    ``word`` or ``name``).
    """
    if background not in ("corpus", "english"):
        raise ValueError(f"background must be 'corpus' or 'english', not {background!r}")
    if names not in ("separate", "drop", "keep"):
        raise ValueError(f"names must be 'separate', 'drop' or 'keep', not {names!r}")
    articles = list(articles)
    if by not in ("article", "voice") and articles:
        metas = [m for m in (getattr(a, "meta", None) for a in articles) if isinstance(m, dict)]
        if metas and not any(by in m for m in metas):
            fields = sorted(set().union(*metas))
            raise InputError(None, f"cannot group by {by!r}: no such metadata field; use article, voice or one of "
                                   f"{', '.join(fields)}")
    if by == "voice" and quoted_spans is None:
        raise InputError(None, "distinctive terms by voice need the quoted spans (quoted_spans=...)")
    # raw token counts first (C-level counting), folded into terms once per group at the end
    raw_groups: dict[str, Counter] = {}
    tokens: Counter = Counter()
    initial: Counter = Counter()
    left_out = 0
    for a in articles:
        words = WORD_RE.findall(a.text)
        tokens.update(words)
        initial.update(_initial_tokens(a.text))
        if by == "voice":
            for g, t in _texts_by_voice(a, (quoted_spans or {}).get(a.id, [])).items():
                raw_groups.setdefault(g, Counter()).update(WORD_RE.findall(t))
            continue
        g = _group_of(a, by)
        if g == UNKNOWN and unknown == "exclude" and by != "article":
            left_out += 1
            continue
        raw_groups.setdefault(g, Counter()).update(words)
    if left_out:
        log.warning("distinctive_terms: %d article(s) without %s left out of the comparison", left_out, by)
    tokens.subtract(initial)
    caps = _case_fold(tokens)
    groups = {g: _fold(raw) for g, raw in raw_groups.items()}
    drop = stop_words() if stop else frozenset()
    name_set = names_in(caps) if names != "keep" else set()
    if drop or names == "drop":
        for c in groups.values():
            for t in [t for t in c if t in drop or (names == "drop" and t in name_set)]:
                del c[t]
    cols = ["group", "kind", "term", "count", "log_odds", "z", "background"]
    if not groups:
        return pd.DataFrame(columns=cols)
    total: Counter = Counter()
    for c in groups.values():
        total.update(c)
    n_total = sum(total.values())
    frames = []
    if background == "corpus":
        a0 = float(min(PRIOR_SIZE, n_total)) or 1.0
        prior = {t: a0 * c / n_total for t, c in total.items()}
        if len(groups) < 2:
            log.warning("distinctive_terms: only one group; background='corpus' has nothing to compare with")
    for g, y_i in groups.items():
        if not y_i:
            continue
        if background == "corpus":
            y_j = total - y_i
            n_j = n_total - sum(y_i.values())
            if n_j <= 0:
                continue
            df = log_odds(y_i, y_j, prior, n_j=n_j)
        else:
            nref = float(ENGLISH_REFERENCE_TOKENS)
            p = {t: _english_freq(t) for t in y_i}
            y_j = Counter({t: p[t] * nref for t in y_i})
            # a_w = a_0 * p_w with a_0 = the group size: the English prior weighs as much as the group
            n_i = sum(y_i.values())
            prior_e = {t: p[t] * n_i for t in y_i}
            df = log_odds(y_i, y_j, prior_e, n_j=nref, a0=float(n_i))
        df["kind"] = ["name" if t in name_set else "word" for t in df["term"]] if names == "separate" else "word"
        df = df[df["count"] >= min_count].sort_values(["z", "count", "term"], ascending=[False, False, True])
        df = df.groupby("kind", sort=False).head(top) if names == "separate" else df.head(top)
        df = df.sort_values(["kind", "z", "count", "term"], ascending=[False, False, False, True])
        df.insert(0, "group", g)
        df["background"] = background
        frames.append(df)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    return out[cols].reset_index(drop=True)


@lru_cache(maxsize=200_000)
def _zipf(term: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(term, "en")


@lru_cache(maxsize=1)
def _vader() -> tuple[dict[str, float], dict[str, float]]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentimentIntensityAnalyzer

    return dict(SentimentIntensityAnalyzer().lexicon), dict(BOOSTER_DICT)


def candidate_terms(
    articles: Iterable[Any],
    *,
    lexicon: Any,
    top: int = 50,
    threshold: float = VADER_THRESHOLD,
    max_zipf: float = MAX_ZIPF,
) -> pd.DataFrame:
    """Strongly valenced or intensifying words of the corpus that no lexicon entry matches.

    Words more frequent in general English than ``max_zipf`` on the Zipf
    scale of wordfreq (``good``, ``very``, ``more``) are left out: they are
    rarely loaded on their own.

    Columns: ``term, count, articles, valence`` (VADER mean valence, or the
    booster increment for intensifiers), ``example`` (the first sentence
    using the word), ``source`` (``vader-lexicon`` or ``vader-booster``).
    Ranked by count, then number of articles, then |valence|.
    """
    vlex, boosters = _vader()
    matcher = lexicon.matcher
    counts: Counter = Counter()
    docs: dict[str, set] = {}
    example: dict[str, str] = {}
    covered_cache: dict[str, bool] = {}

    def covered(term: str) -> bool:
        if term not in covered_cache:
            covered_cache[term] = bool(matcher.match(term))
        return covered_cache[term]

    for a in articles:
        text = a.text
        sents = getattr(a, "sentences", None)
        if callable(sents):
            sents = sents()
        if sents is None:
            sents = _sentences(text)
        for s in sents:
            for t in set(_terms(s.text)):
                if not (t in boosters or abs(vlex.get(t, 0.0)) >= threshold):
                    continue
                if covered(t) or _zipf(t) >= max_zipf:
                    continue
                example.setdefault(t, s.text)
                docs.setdefault(t, set()).add(a.id)
            for t in _terms(s.text):
                if t in docs:
                    counts[t] += 1
    # words in lexicon context (e.g. part of a matched phrase) are still listed if the word itself is not matched
    rows = []
    for t, n in counts.items():
        if t in vlex and abs(vlex[t]) >= threshold:
            val, src = vlex[t], "vader-lexicon"
        else:
            val, src = boosters.get(t, float("nan")), "vader-booster"
        rows.append((t, n, len(docs[t]), float(val), example[t], src))
    df = pd.DataFrame(rows, columns=["term", "count", "articles", "valence", "example", "source"])
    if df.empty:
        return df
    df["_abs"] = df["valence"].abs()
    df = df.sort_values(["count", "articles", "_abs", "term"], ascending=[False, False, False, True])
    return df.drop(columns="_abs").head(top).reset_index(drop=True)
