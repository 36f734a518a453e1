"""Read the result tables for the evidence pages, defensively, grouped by article.

Method: each table of a results folder (``articles.csv``, ``sentences.csv``,
``attributions.csv``, ``loaded_terms.csv``, ``actor_mentions.csv``,
``cleaning.csv``, ``metadata.csv``, the optional ``portrayal.csv``, and the
cleaned texts ``clean/<id>.txt``) is read once (CSV, or Parquet when only that
exists) and split by ``article_id`` in one pass, so the cost is linear in the
corpus.  Only ``articles.csv`` and the texts are required; a missing table or
column means that layer is left out of the pages.  Columns the pages do not
know are kept and shown as they are, so new evidence columns (``part``,
``target``, model scores, portrayal labels) appear without code changes.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["ArticleData", "Evidence", "load_evidence", "evidence_from_tables", "LAYER_TABLES"]

#: table name -> file stem, for the tables the pages use.
LAYER_TABLES = ("articles", "sentences", "attributions", "loaded_terms", "actor_mentions", "cleaning",
                "metadata", "portrayal")


def _records(df) -> list[dict]:
    """DataFrame rows as dicts with missing values as ``None`` and numpy scalars as Python ones."""
    if df is None or len(df) == 0:
        return []
    out = []
    cols = list(df.columns)
    for row in df.itertuples(index=False, name=None):
        rec = {}
        for c, v in zip(cols, row):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                rec[c] = None
            elif hasattr(v, "item"):
                rec[c] = v.item()
            else:
                rec[c] = v
        out.append(rec)
    return out


@dataclass
class ArticleData:
    """Everything one article's page shows."""

    article_id: str
    text: str
    row: dict
    sentences: list[dict] = field(default_factory=list)
    attributions: list[dict] = field(default_factory=list)
    loaded_terms: list[dict] = field(default_factory=list)
    actor_mentions: list[dict] = field(default_factory=list)
    cleaning: list[dict] = field(default_factory=list)
    metadata: list[dict] = field(default_factory=list)
    portrayal: list[dict] = field(default_factory=list)


@dataclass
class Evidence:
    """The whole results folder, split by article (in ``articles.csv`` order)."""

    articles: list[dict]
    columns: list[str]
    texts: dict[str, str]
    by_article: dict[str, dict[str, list[dict]]]
    present: set[str]
    manifest: dict = field(default_factory=dict)

    def article(self, article_id: str) -> ArticleData:
        row = next(r for r in self.articles if r["article_id"] == article_id)
        return self._article(row)

    def _article(self, row: dict) -> ArticleData:
        aid = row["article_id"]
        parts = self.by_article.get(aid, {})
        return ArticleData(article_id=aid, text=self.texts.get(aid, ""), row=row,
                           **{name: parts.get(name, []) for name in LAYER_TABLES if name != "articles"})

    def __iter__(self):
        for row in self.articles:
            yield self._article(row)

    def __len__(self) -> int:
        return len(self.articles)


def _split(records: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        out[str(r.get("article_id"))].append(r)
    return out


def evidence_from_frames(frames: dict, texts: dict[str, str], *, manifest: dict | None = None) -> Evidence:
    """Build :class:`Evidence` from DataFrames by table name (missing names are empty layers)."""
    arts = frames.get("articles")
    if arts is None or "article_id" not in arts.columns:
        raise InputError(None, "articles.csv (with an article_id column) is needed for the evidence pages")
    articles = _records(arts)
    for r in articles:
        r["article_id"] = str(r["article_id"])
    by_article: dict[str, dict[str, list[dict]]] = defaultdict(dict)
    present = {"articles"}
    for name in LAYER_TABLES[1:]:
        df = frames.get(name)
        if df is None or "article_id" not in getattr(df, "columns", ()):
            continue
        present.add(name)
        for aid, rows in _split(_records(df)).items():
            by_article[aid][name] = rows
    return Evidence(articles=articles, columns=[str(c) for c in arts.columns], texts=dict(texts),
                    by_article=dict(by_article), present=present, manifest=dict(manifest or {}))


def evidence_from_tables(tables) -> Evidence:
    """Build :class:`Evidence` from an :class:`analysis.pipeline.Tables` (plus any extra attributes)."""
    frames = {name: getattr(tables, name, None) for name in LAYER_TABLES}
    return evidence_from_frames(frames, getattr(tables, "texts", {}) or {},
                                manifest=getattr(tables, "manifest", {}) or {})


def _read_table(folder: Path, name: str):
    import pandas as pd

    csv, parquet = folder / f"{name}.csv", folder / f"{name}.parquet"
    dtype = {"article_id": str, "published": str, "title": str, "author": str, "outlet": str, "url": str,
             "speaker": str, "speaker_mention": str, "text": str, "quote": str, "entry": str}
    try:
        if csv.is_file():
            return pd.read_csv(csv, keep_default_na=False, na_values=[""], dtype=dtype)
        if parquet.is_file():
            return pd.read_parquet(parquet)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise InputError(csv if csv.is_file() else parquet, f"cannot be read ({exc})") from None
    return None


def load_evidence(results_dir: str | Path) -> Evidence:
    """Read a results folder written by ``framing analyze`` (see module docstring)."""
    import json

    folder = Path(results_dir)
    if not folder.is_dir():
        raise InputError(folder, "is not a results folder; run 'framing analyze' first")
    frames = {name: _read_table(folder, name) for name in LAYER_TABLES}
    if frames["articles"] is None:
        raise InputError(folder / "articles.csv", "missing; run 'framing analyze' first")
    texts = {}
    clean = folder / "clean"
    for aid in frames["articles"]["article_id"].astype(str):
        path = clean / f"{aid}.txt"
        if path.is_file() and path.parent == clean:  # bytes: no newline translation, offsets stay exact
            texts[aid] = path.read_bytes().decode("utf-8", errors="replace")
    manifest = {}
    if (folder / "manifest.json").is_file():
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    return evidence_from_frames(frames, texts, manifest=manifest)
