"""Per-article rates of loaded language and summaries of the evidence table."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

import pandas as pd

from ..text import count_words
from .categories import MEASURES, categories_of, measure_of


def rate_column(category: str) -> str:
    """The rate column of a category: ``loaded_per_1000_<cat>`` or ``certainty_per_1000_<cat>``."""
    return f"{measure_of(category)}_per_1000_" + category.replace("-", "_")


def rate_columns() -> list[str]:
    """All columns of :func:`loaded_rates` after ``article_id, words``, in order."""
    loaded = categories_of("loaded")
    certainty = categories_of("certainty")
    return (["loaded_hits", "loaded_per_1000"] + [rate_column(c) for c in loaded]
            + ["loaded_per_1000_author", "loaded_per_1000_quoted", "loaded_per_1000_lexicon", "loaded_per_1000_model",
               "certainty_hits", "certainty_per_1000"] + [rate_column(c) for c in certainty]
            + ["certainty_per_1000_author", "certainty_per_1000_quoted"])


def loaded_rates(hits_df: pd.DataFrame, articles: Iterable[Any]) -> pd.DataFrame:
    """Per-article counts and rates per 1,000 words of the two measures, per category and voice.

    ``loaded_hits`` / ``loaded_per_1000`` count loaded wording (every category
    whose measure is ``loaded``, lexicon and model hits); ``certainty_hits`` /
    ``certainty_per_1000`` count absolutes and boosters, which are *not* part
    of ``loaded_per_1000``.  Per category: ``loaded_per_1000_<category>`` or
    ``certainty_per_1000_<category>``; per voice: ``<measure>_per_1000_author``
    and ``_quoted``; per method: ``loaded_per_1000_lexicon`` and ``_model``.
    Denominator: the article's word count (:func:`analysis.text.count_words`),
    so the category, voice and method rates of a measure each sum to its rate.
    """
    rows = []
    by_article = {k: g for k, g in hits_df.groupby("article_id")} if len(hits_df) else {}
    for a in articles:
        words = count_words(a.text)
        rows.append({"article_id": a.id, "words": words, **article_rates(by_article.get(a.id), words)})
    return pd.DataFrame(rows, columns=["article_id", "words"] + rate_columns())


def article_rates(hits: pd.DataFrame | None, words: int) -> dict[str, Any]:
    """The :func:`loaded_rates` columns of one article (after ``article_id, words``) from its hits.

    Plain Python over the hit table's columns: the pipeline calls it once per article.
    """
    n_hits = 0 if hits is None else len(hits)
    cats = hits["category"].tolist() if n_hits else []
    voices = hits["voice"].tolist() if n_hits and "voice" in hits.columns else [None] * n_hits
    methods = hits["method"].tolist() if n_hits and "method" in hits.columns else [None] * n_hits
    measure = {c: measure_of(c) for c in set(cats)}
    per = (lambda k: 1000.0 * k / words if words else 0.0)
    row: dict[str, Any] = {}
    for m in MEASURES:
        idx = [i for i, c in enumerate(cats) if measure[c] == m]
        n = len(idx)
        row[f"{m}_hits"] = n
        row[f"{m}_per_1000"] = per(n)
        by_cat = Counter(cats[i] for i in idx)
        for c in categories_of(m):
            row[rate_column(c)] = per(by_cat.get(c, 0))
        by_voice = Counter(voices[i] for i in idx)
        row[f"{m}_per_1000_author"] = per(by_voice.get("author", 0))
        row[f"{m}_per_1000_quoted"] = per(by_voice.get("quoted", 0))
        if m == "loaded":
            model = sum(1 for i in idx if methods[i] == "model")
            row["loaded_per_1000_lexicon"] = per(n - model)
            row["loaded_per_1000_model"] = per(model)
    return {c: row[c] for c in rate_columns()}


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
    c = column_or_id.removeprefix("loaded_per_1000_").removeprefix("certainty_per_1000_")
    return c.replace("_", "-")

