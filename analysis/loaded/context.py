"""Keyword in context: lines around a term or around counted hits."""
from __future__ import annotations

import bisect
from typing import Any, Iterable, Mapping

import pandas as pd

from ..errors import InputError
from .find import _article_sentences
from .lexicon import Entry, Lexicon, _TOKEN_RE
from .matcher import _Matcher

def kwic(
    articles: Iterable[Any],
    term: str,
    *,
    width: int = 60,
    lexicon: Lexicon | None = None,
) -> pd.DataFrame:
    """Keyword-in-context lines for ``term`` in every article.

    If ``lexicon`` has an entry with this term (or pattern) its matching rules
    apply (inflections, exceptions); otherwise ``term`` is a literal word or
    phrase, case-insensitive, word-bounded, hyphen = space.  Columns:
    ``article_id, start, end, left, match, right, sentence``.
    """
    if not term or not term.strip():
        raise InputError(None, "kwic: the term is empty")
    entry = lexicon.find(term) if lexicon is not None else None
    if entry is None:
        if not _TOKEN_RE.search(term):
            raise InputError(None, f"kwic: {term!r} has no words to match")
        entry = Entry(term=term, pattern=None, category="emotive")
    else:
        entry = Entry(**{**entry.__dict__, "neutral": False, "category": entry.category or "emotive"})
    matcher = _Matcher([entry], name_guard=False)
    rows = []
    for a in articles:
        text = a.text
        sents = _article_sentences(a) or []
        starts = [s.start for s in sents]
        for s, e, _ in matcher.match(text):
            k = bisect.bisect_right(starts, s) - 1
            left = text[max(0, s - width):s].replace("\n", " ")
            right = text[e:e + width].replace("\n", " ")
            rows.append((a.id, s, e, left, text[s:e], right, sents[k].index if k >= 0 else None))
    df = pd.DataFrame(rows, columns=["article_id", "start", "end", "left", "match", "right", "sentence"])
    df["sentence"] = df["sentence"].astype("Int64")
    return df


def hit_context(hits: pd.DataFrame, texts: Mapping[str, str], *, width: int = 60) -> pd.DataFrame:
    """Keyword-in-context lines for evidence rows of :func:`loaded_table`.

    Unlike :func:`kwic`, which searches the texts again, this shows exactly
    the hits that were counted (so a figure's numbers and its evidence agree).
    ``texts`` maps article id to the cleaned text the offsets point into.
    Adds ``left`` and ``right`` (``width`` characters, newlines as spaces).
    """
    left, right = [], []
    for aid, s, e in zip(hits["article_id"], hits["start"], hits["end"]):
        text = texts[str(aid)]
        left.append(text[max(0, int(s) - width):int(s)].replace("\n", " "))
        right.append(text[int(e):int(e) + width].replace("\n", " "))
    return hits.assign(left=left, right=right)

