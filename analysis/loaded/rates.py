"""Per-article rates of loaded language and summaries of the evidence table."""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from ..text import count_words
from .categories import CATEGORIES

def rate_column(category: str) -> str:
    return "loaded_per_1000_" + category.replace("-", "_")


def loaded_rates(hits_df: pd.DataFrame, articles: Iterable[Any]) -> pd.DataFrame:
    """Per-article counts and rates per 1,000 words, overall, per category and per voice.

    Columns: ``article_id, words, loaded_hits, loaded_per_1000``, one
    ``loaded_per_1000_<category>`` for every category (0.0 where none), then
    ``loaded_per_1000_author`` and ``loaded_per_1000_quoted``.  All rates use
    the article's total word count as denominator, so the category rates and
    the two voice rates each sum to ``loaded_per_1000``.
    """
    rows = []
    by_article = {k: g for k, g in hits_df.groupby("article_id")} if len(hits_df) else {}
    for a in articles:
        words = count_words(a.text)
        g = by_article.get(a.id)
        n = 0 if g is None else len(g)
        per = (lambda k: 1000.0 * k / words if words else 0.0)
        row = {"article_id": a.id, "words": words, "loaded_hits": n, "loaded_per_1000": per(n)}
        cats = {} if g is None else g["category"].value_counts().to_dict()
        for c in CATEGORIES:
            row[rate_column(c)] = per(cats.get(c, 0))
        voices = {} if g is None else g["voice"].value_counts().to_dict()
        row["loaded_per_1000_author"] = per(voices.get("author", 0))
        row["loaded_per_1000_quoted"] = per(voices.get("quoted", 0))
        rows.append(row)
    cols = (["article_id", "words", "loaded_hits", "loaded_per_1000"]
            + [rate_column(c) for c in CATEGORIES] + ["loaded_per_1000_author", "loaded_per_1000_quoted"])
    return pd.DataFrame(rows, columns=cols)


def top_entries(hits: pd.DataFrame) -> pd.DataFrame:
    """Lexicon entries by number of hits: ``entry, category, hits, articles, as_written`` (most first)."""
    cols = ["entry", "category", "hits", "articles", "as_written"]
    if hits.empty:
        return pd.DataFrame(columns=cols)
    out = (hits.groupby(["entry", "category"])
           .agg(hits=("text", "size"), articles=("article_id", "nunique"),
                as_written=("text", lambda s: "; ".join(sorted(set(s))[:3])))
           .reset_index()
           .sort_values(["hits", "entry"], ascending=[False, True], kind="stable"))
    return out[cols].reset_index(drop=True)


def category_label(column_or_id: str) -> str:
    """A category id from an id or a rate column name (``loaded_per_1000_name_calling`` -> ``name-calling``)."""
    c = column_or_id.removeprefix("loaded_per_1000_")
    return c.replace("_", "-")

