"""Text reuse between articles: shared passages and pairwise containment.

Method
------
Each cleaned article text is split into words (:data:`analysis.text.WORD_RE`)
that are normalised for comparison (Unicode NFKC, case-folded, typographic
apostrophes and dashes unified); the character offsets of every word in the
cleaned text are kept.  A *shingle* is a run of ``n`` consecutive normalised
words (Broder 1997, "On the resemblance and containment of documents",
*Compression and Complexity of Sequences*, IEEE, pp. 21–29).

*Shared passages* follow the seed-and-extend approach of Smith, Cordell &
Mullen (2015, "Computational methods for uncovering reprinted texts in
antebellum newspapers", *American Literary History* 27(3):E1–E15): every
shingle that occurs in two articles is a seed; seeds on the same diagonal
(consecutive positions in both texts) merge into an exact run, and runs that
follow each other in *both* texts with at most ``max_gap`` unmatched words
between them merge into one passage, so a talking point reused with a few
words changed ("closer, warmer, more sincere, and friendlier relations" /
"closer or friendlier ties") is reported once, as one passage.  A passage is
kept when at least ``min_words`` of its words are covered by exact shared
shingles.  Offsets (``a_start``/``a_end``, ``b_start``/``b_end``) are
character offsets into each article's cleaned text, so
``text_a[a_start:a_end]`` is the passage as printed in article A.

*Containment* of A in B is ``|S(A) ∩ S(B)| / |S(A)|`` over the sets of
shingles; *resemblance* is the Jaccard coefficient ``|S(A) ∩ S(B)| / |S(A) ∪
S(B)|`` (Broder 1997).  Containment is asymmetric: a short piece wholly
reprinted inside a long one has containment 1 in it, but not the reverse.

Limits
------
Shared passages show that two texts share wording, not who copied whom, nor
whether both quote a third source (a press release, an interview): read the
passages.  Formulaic phrases of the genre ("the two countries") are too short
to pass ``min_words`` with the defaults but can join a passage through the
gap rule when they sit next to a real match.  Paraphrase without shared
word runs is not detected.  Very common shingles (present in more than
``max_df`` of the articles) are ignored as boilerplate when the corpus has at
least ten articles.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from .text import WORD_RE, fold

log = logging.getLogger(__name__)

__all__ = ["PASSAGE_COLUMNS", "Tokens", "tokens", "shingles", "shared_passages", "reuse_matrix", "reuse_pairs",
           "article_texts"]

#: Columns of :func:`shared_passages`.
PASSAGE_COLUMNS = ["article_a", "article_b", "text", "a_start", "a_end", "b_start", "b_end", "words",
                   "matched_words", "b_text"]

_norm = fold  # compare words with quotes, dashes, case and Unicode forms folded


@dataclass(frozen=True)
class Tokens:
    """Normalised words of a text with their (start, end) character offsets."""

    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def tokens(text: str) -> Tokens:
    """Normalised words of ``text`` and their offsets."""
    ms = list(WORD_RE.finditer(text))
    return Tokens(tuple(_norm(m.group()) for m in ms), tuple(m.span() for m in ms))


def shingles(words: tuple[str, ...] | list[str], n: int) -> list[tuple[str, ...]]:
    """The ``n``-word shingles of ``words`` in order (one per start position)."""
    return [tuple(words[i:i + n]) for i in range(len(words) - n + 1)]


def article_texts(articles) -> dict[str, str]:
    """``{article_id: cleaned text}`` from a corpus, Article objects, a mapping or a DataFrame.

    Accepted: an iterable of objects with ``.id`` and ``.text`` (a
    :class:`analysis.corpus.Corpus`), a mapping of id to text, or a DataFrame
    with ``article_id`` and ``text`` columns.
    """
    if isinstance(articles, pd.DataFrame):
        return {str(i): str(t) for i, t in zip(articles["article_id"], articles["text"])}
    if isinstance(articles, Mapping):
        return {str(k): str(v) for k, v in articles.items()}
    return {str(a.id): str(a.text) for a in articles}


def _index(toks: dict[str, Tokens], n: int, max_df: float) -> dict[tuple[str, ...], dict[str, list[int]]]:
    idx: dict[tuple[str, ...], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for aid, t in toks.items():
        for i, sh in enumerate(shingles(t.words, n)):
            idx[sh][aid].append(i)
    if len(toks) >= 10:
        limit = max(2, int(max_df * len(toks)))
        idx = {k: v for k, v in idx.items() if len(v) <= limit}
    return idx


def _runs(pairs: list[tuple[int, int]], n: int) -> list[list[int]]:
    """Merge seed position pairs on the same diagonal into runs [a0, a1, b0, b1) in words."""
    by_diag: dict[int, list[int]] = defaultdict(list)
    for i, j in pairs:
        by_diag[j - i].append(i)
    runs = []
    for d, starts in by_diag.items():
        starts.sort()
        s = prev = starts[0]
        for i in starts[1:]:
            if i > prev + 1:
                runs.append([s, prev + n, s + d, prev + n + d])
                s = i
            prev = i
        runs.append([s, prev + n, s + d, prev + n + d])
    runs.sort(key=lambda r: (r[0], r[2]))
    return runs


def _chain(runs: list[list[int]], max_gap: int) -> list[tuple[int, int, int, int, int]]:
    """Chain runs that follow each other in both texts; return (a0, a1, b0, b1, matched_words)."""
    passages: list[list] = []  # [a0, a1, b0, b1, covered_a_positions:set]
    for a0, a1, b0, b1 in runs:
        best = None
        for p in passages:
            ga, gb = a0 - p[1], b0 - p[3]
            if a0 >= p[0] and b0 >= p[2] and -(a1 - a0) < ga <= max_gap and -(b1 - b0) < gb <= max_gap:
                if best is None or ga + gb < best[0]:
                    best = (ga + gb, p)
        if best is not None:
            p = best[1]
            p[1], p[3] = max(p[1], a1), max(p[3], b1)
            p[4].update(range(a0, a1))
        else:
            passages.append([a0, a1, b0, b1, set(range(a0, a1))])
    return [(p[0], p[1], p[2], p[3], len(p[4])) for p in passages]


def shared_passages(articles, *, n: int = 4, min_words: int = 8, max_gap: int = 8,
                    max_df: float = 0.5) -> pd.DataFrame:
    """Passages shared by pairs of articles, with offsets into both cleaned texts.

    ``articles``: see :func:`article_texts`.  ``n``: shingle length in words;
    ``min_words``: minimum number of words covered by exact shared shingles;
    ``max_gap``: unmatched words allowed between two matching runs in either
    text for them to count as one passage (0: exact passages only);
    ``max_df``: shingles in more than this share of the articles are ignored
    (only with ten or more articles).

    Returns one row per passage and pair (``article_a`` < ``article_b``):
    :data:`PASSAGE_COLUMNS`, where ``text`` is the passage as printed in A,
    ``b_text`` as printed in B, ``words`` the passage length in A in words and
    ``matched_words`` the words of A covered by exact shared shingles.  Sorted
    by pair and position.
    """
    if n < 1 or min_words < 1 or max_gap < 0:
        raise ValueError("n and min_words must be positive and max_gap non-negative")
    texts = article_texts(articles)
    toks = {aid: tokens(t) for aid, t in texts.items()}
    idx = _index(toks, n, max_df)
    pair_seeds: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for occ in idx.values():
        if len(occ) < 2:
            continue
        for a, b in combinations(sorted(occ), 2):
            for i in occ[a]:
                for j in occ[b]:
                    pair_seeds[(a, b)].append((i, j))
    rows = []
    for (a, b), seeds in sorted(pair_seeds.items()):
        ta, tb = toks[a], toks[b]
        for a0, a1, b0, b1, matched in _chain(_runs(seeds, n), max_gap):
            if matched < min_words:
                continue
            s_a, e_a = ta.spans[a0][0], ta.spans[a1 - 1][1]
            s_b, e_b = tb.spans[b0][0], tb.spans[b1 - 1][1]
            rows.append({"article_a": a, "article_b": b, "text": texts[a][s_a:e_a],
                         "a_start": s_a, "a_end": e_a, "b_start": s_b, "b_end": e_b,
                         "words": a1 - a0, "matched_words": matched, "b_text": texts[b][s_b:e_b]})
    out = pd.DataFrame(rows, columns=PASSAGE_COLUMNS)
    if not out.empty:
        out = out.sort_values(["article_a", "article_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
    log.info("shared passages: %d across %d article pairs (n=%d, min_words=%d, max_gap=%d)",
             len(out), out[["article_a", "article_b"]].drop_duplicates().shape[0], n, min_words, max_gap)
    return out


def reuse_pairs(articles, *, n: int = 4) -> pd.DataFrame:
    """Pairwise shingle overlap, one row per ordered pair of different articles.

    Columns: ``article_a``, ``article_b``, ``shingles_a`` (distinct shingles
    of A), ``shared`` (distinct shingles in both), ``containment`` (of A in
    B: ``shared / shingles_a``) and ``resemblance`` (Jaccard).
    """
    texts = article_texts(articles)
    sets = {aid: set(shingles(tokens(t).words, n)) for aid, t in texts.items()}
    rows = []
    for a in sorted(sets):
        for b in sorted(sets):
            if a == b:
                continue
            shared = len(sets[a] & sets[b])
            union = len(sets[a] | sets[b])
            rows.append({"article_a": a, "article_b": b, "shingles_a": len(sets[a]), "shared": shared,
                         "containment": shared / len(sets[a]) if sets[a] else 0.0,
                         "resemblance": shared / union if union else 0.0})
    return pd.DataFrame(rows, columns=["article_a", "article_b", "shingles_a", "shared", "containment",
                                       "resemblance"])


def reuse_matrix(articles, *, n: int = 4, measure: str = "containment") -> pd.DataFrame:
    """Square matrix of ``measure`` (``"containment"`` of row in column, or ``"resemblance"``).

    The diagonal is 1.0.  Index and columns are the sorted article ids.
    """
    if measure not in ("containment", "resemblance"):
        raise ValueError("measure must be 'containment' or 'resemblance'")
    pairs = reuse_pairs(articles, n=n)
    ids = sorted(article_texts(articles))
    m = pd.DataFrame(1.0, index=pd.Index(ids, name="article_a"), columns=pd.Index(ids, name="article_b"))
    for r in pairs.itertuples(index=False):
        m.loc[r.article_a, r.article_b] = getattr(r, measure)
    return m


_WS = re.compile(r"\s+")


def preview(text: str, *, width: int = 90) -> str:
    """One-line preview of a passage, shortened with an ellipsis."""
    t = _WS.sub(" ", text).strip()
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"
