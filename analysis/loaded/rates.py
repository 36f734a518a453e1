"""Per-article rates of loaded language and summaries of the evidence table."""
from __future__ import annotations

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
        g = by_article.get(a.id)
        per = (lambda k: 1000.0 * k / words if words else 0.0)
        row: dict[str, Any] = {"article_id": a.id, "words": words}
        for m in MEASURES:
            mg = None if g is None else g[g["category"].map(measure_of) == m]
            n = 0 if mg is None else len(mg)
            row[f"{m}_hits"] = n
            row[f"{m}_per_1000"] = per(n)
            cats = {} if mg is None else mg["category"].value_counts().to_dict()
            for c in categories_of(m):
                row[rate_column(c)] = per(cats.get(c, 0))
            voices = {} if mg is None else mg["voice"].value_counts().to_dict()
            row[f"{m}_per_1000_author"] = per(voices.get("author", 0))
            row[f"{m}_per_1000_quoted"] = per(voices.get("quoted", 0))
            if m == "loaded":
                methods = ({} if mg is None or "method" not in mg else mg["method"].value_counts().to_dict())
                row["loaded_per_1000_lexicon"] = per(n - methods.get("model", 0))
                row["loaded_per_1000_model"] = per(methods.get("model", 0))
        rows.append(row)
    return pd.DataFrame(rows, columns=["article_id", "words"] + rate_columns())


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

