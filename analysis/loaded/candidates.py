"""Candidate terms: words the model flags that no lexicon lists, for a user to accept into a corpus lexicon.

Method
------
The model's hits (evidence rows with ``method == "model"`` in
``loaded_terms.csv``) are grouped by their lower-cased wording: how often,
in how many articles, mean and highest model score, the features that
weighed most, and keyword-in-context lines of the first occurrences.  A
user reads them and copies the ones that are loaded *in this corpus* into
``<corpus>/lexicons/accepted.yaml`` (:func:`lexicon_yaml` writes the text of
such a file); from the next analysis on, they are lexicon hits with an entry
and a note.  Candidates are suggestions, not findings: they are already
counted as model hits, and accepting them changes only what fired.
"""
from __future__ import annotations

import datetime as _dt
from typing import Iterable, Mapping

import pandas as pd
import yaml

from .categories import CATEGORIES

CANDIDATE_COLUMNS = ["term", "hits", "articles", "mean_score", "max_score", "features", "left", "match", "right",
                     "article_id", "start", "end"]


def candidate_terms(hits: pd.DataFrame, texts: Mapping[str, str], *, top: int = 50, min_hits: int = 1,
                    width: int = 50) -> pd.DataFrame:
    """Model hits grouped by wording, most frequent first, with one KWIC line (the first occurrence) each.

    ``hits`` is the evidence table (``loaded_terms``); ``texts`` maps article id
    to the cleaned text its offsets point into.  Columns: :data:`CANDIDATE_COLUMNS`.
    """
    if hits.empty or "method" not in hits:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    m = hits[hits["method"] == "model"].copy()
    if m.empty:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    m["term"] = m["text"].str.lower()
    m = m.sort_values(["article_id", "start"], kind="stable")
    g = m.groupby("term", sort=False)
    out = g.agg(hits=("text", "size"), articles=("article_id", "nunique"), mean_score=("score", "mean"),
                max_score=("score", "max"), features=("features", "first"), article_id=("article_id", "first"),
                start=("start", "first"), end=("end", "first")).reset_index()
    out = out[out["hits"] >= min_hits]
    left, match, right = [], [], []
    for aid, s, e in zip(out["article_id"], out["start"], out["end"]):
        t = texts[str(aid)]
        left.append(t[max(0, int(s) - width):int(s)].replace("\n", " "))
        match.append(t[int(s):int(e)])
        right.append(t[int(e):int(e) + width].replace("\n", " "))
    out["left"], out["match"], out["right"] = left, match, right
    out["mean_score"] = out["mean_score"].round(3)
    out = out.sort_values(["hits", "articles", "max_score", "term"], ascending=[False, False, False, True],
                          kind="stable").head(top)
    return out[CANDIDATE_COLUMNS].reset_index(drop=True)


def candidate_kwic(hits: pd.DataFrame, texts: Mapping[str, str], term: str, *, width: int = 60) -> pd.DataFrame:
    """Every model hit of one candidate ``term`` with its context (``article_id, start, end, left, match, right``)."""
    m = hits[(hits.get("method") == "model") & (hits["text"].str.lower() == term.lower())]
    rows = []
    for aid, s, e in zip(m["article_id"], m["start"], m["end"]):
        t = texts[str(aid)]
        rows.append((aid, int(s), int(e), t[max(0, int(s) - width):int(s)].replace("\n", " "), t[int(s):int(e)],
                     t[int(e):int(e) + width].replace("\n", " ")))
    return pd.DataFrame(rows, columns=["article_id", "start", "end", "left", "match", "right"])


def lexicon_yaml(terms: Iterable[str], *, category: str = "emotive", name: str = "accepted",
                 source: str = "terms accepted from the model's candidate list") -> str:
    """The text of a corpus lexicon file listing ``terms`` (save it as ``<corpus>/lexicons/<name>.yaml``)."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    terms = [t.strip() for t in terms if t and t.strip()]
    data = {
        "name": name, "version": "1", "date": _dt.date.today().isoformat(), "source": source,
        "licence": "as the corpus", "description": "corpus-specific loaded terms accepted by the analyst",
        "entries": [{"term": t, "category": category} for t in dict.fromkeys(terms)],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
