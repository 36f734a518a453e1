"""Read the result tables for the evidence pages, defensively, grouped by article.

Method: each table of a results folder (``articles.csv``, ``sentences.csv``,
``attributions.csv``, ``loaded_terms.csv``, ``actor_mentions.csv``,
``cleaning.csv``, ``metadata.csv``, the optional ``portrayal.csv``, and the
cleaned texts ``clean/<id>.txt``) is read once (CSV, or Parquet when only that
exists), sorted by ``article_id`` once, and each article's rows are taken out
when its page is written, so the cost is O(n log n) in the corpus and memory
holds the tables once.  Only ``articles.csv`` and the texts are required; a missing table or
column means that layer is left out of the pages.  Columns the pages do not
know are kept and shown as they are, so new evidence columns (``part``,
``target``, model scores, portrayal labels) appear without code changes.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError

_NA = pd.NA

__all__ = ["ArticleData", "Evidence", "load_evidence", "evidence_from_tables", "LAYER_TABLES"]

#: table name -> file stem, for the tables the pages use.
LAYER_TABLES = ("articles", "sentences", "attributions", "loaded_terms", "actor_mentions", "cleaning",
                "metadata", "portrayal")


def _plain(v):
    if v is None or v is _NA or (isinstance(v, float) and math.isnan(v)):
        return None
    return v.item() if hasattr(v, "item") else v


def _records(df) -> list[dict]:
    """DataFrame rows as dicts with missing values as ``None`` and numpy scalars as Python ones.

    Column-wise ``tolist`` (fast for NumPy and Arrow-backed columns alike), then one dict per row.
    """
    if df is None or len(df) == 0:
        return []
    cols = [str(c) for c in df.columns]
    data = [[_plain(v) for v in df[c].tolist()] for c in df.columns]
    return [dict(zip(cols, row)) for row in zip(*data)]


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
    """The whole results folder; rows are split by article on demand (in ``articles.csv`` order).

    Each evidence table is kept as one DataFrame, stably sorted by ``article_id`` with the row range of
    every article, so memory holds the tables once (no per-row Python objects) and an article's rows keep
    their table order.  ``texts`` may be a lazy mapping that reads ``clean/<id>.txt`` when asked.
    """

    articles: "object"  # DataFrame of articles.csv
    texts: Mapping[str, str]
    frames: dict = field(default_factory=dict)
    ranges: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    manifest: dict = field(default_factory=dict)

    @property
    def present(self) -> set[str]:
        return {"articles", *self.frames}

    @property
    def columns(self) -> list[str]:
        return [str(c) for c in self.articles.columns]

    def rows(self, article_id: str, layer: str) -> list[dict]:
        """The rows of ``layer`` for one article, as dicts (missing values ``None``)."""
        rng = self.ranges.get(layer, {}).get(article_id)
        if rng is None:
            return []
        return _records(self.frames[layer].iloc[rng[0]:rng[1]])

    def article_rows(self) -> list[dict]:
        """Every row of articles.csv as a dict, in order."""
        return _records(self.articles)

    def article(self, article_id: str) -> ArticleData:
        for row in self.article_rows():
            if row["article_id"] == article_id:
                return self._article(row)
        raise KeyError(article_id)

    def _article(self, row: dict) -> ArticleData:
        aid = row["article_id"]
        return ArticleData(article_id=aid, text=self.texts.get(aid, ""), row=row,
                           **{name: self.rows(aid, name) for name in LAYER_TABLES if name != "articles"})

    def values(self, layer: str, column: str) -> list:
        """Every value of one column of a layer (e.g. all loaded-term categories), or []."""
        df = self.frames.get(layer)
        return [] if df is None or column not in df.columns else df[column].tolist()

    def __iter__(self):
        return self.iter_range(0, len(self.articles))

    def iter_range(self, lo: int, hi: int):
        """Articles ``lo``..``hi`` in ``article_id`` order, a chunk at a time (each table's rows of a chunk
        are contiguous, so they are converted together)."""
        arts = self.articles.iloc[_argsort(self.articles["article_id"])[lo:hi]]
        for start in range(0, len(arts), _CHUNK):
            rows = _records(arts.iloc[start:start + _CHUNK])
            ids = [r["article_id"] for r in rows]
            layers = {}
            for name, ranges in self.ranges.items():
                spans = [ranges[i] for i in ids if i in ranges]
                if not spans:
                    continue
                lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
                layers[name] = (lo, _records(self.frames[name].iloc[lo:hi]))
            for row in rows:
                aid = row["article_id"]
                parts = {}
                for name in LAYER_TABLES[1:]:
                    rng = self.ranges.get(name, {}).get(aid)
                    if rng is None:
                        parts[name] = []
                    else:
                        lo, recs = layers[name]
                        parts[name] = recs[rng[0] - lo:rng[1] - lo]
                yield ArticleData(article_id=aid, text=self.texts.get(aid, ""), row=row, **parts)

    def __len__(self) -> int:
        return len(self.articles)


class _CleanTexts(Mapping):
    """``clean/<id>.txt`` of a results folder, read (as bytes: offsets stay exact) when asked for."""

    def __init__(self, folder: Path, ids):
        self.folder = folder
        self.ids = [i for i in ids if (folder / f"{i}.txt").parent == folder]

    def __getitem__(self, aid: str) -> str:
        path = self.folder / f"{aid}.txt"
        if path.parent != self.folder or not path.is_file():
            raise KeyError(aid)
        return path.read_bytes().decode("utf-8", errors="replace")

    def __contains__(self, aid) -> bool:
        path = self.folder / f"{aid}.txt"
        return path.parent == self.folder and path.is_file()

    def __iter__(self):
        return (i for i in self.ids if i in self)

    def __len__(self) -> int:
        return sum(1 for _ in self)


_CHUNK = 500


def _argsort(ids):
    import numpy as np

    return np.argsort(ids.astype(str).to_numpy(), kind="stable")


def _split(df):
    """``df`` stably sorted by article_id, and each article's row range."""
    import numpy as np

    order = _argsort(df["article_id"])
    df = df.iloc[order].reset_index(drop=True)
    ids = df["article_id"].astype(str).to_numpy()
    if not len(ids):
        return df, {}
    uniq, first = np.unique(ids, return_index=True)
    bounds = list(first[1:]) + [len(ids)]
    return df, {str(u): (int(a), int(b)) for u, a, b in zip(uniq, first, bounds)}


def evidence_from_frames(frames: dict, texts: Mapping[str, str], *, manifest: dict | None = None) -> Evidence:
    """Build :class:`Evidence` from DataFrames by table name (missing names are empty layers)."""
    arts = frames.get("articles")
    if arts is None or "article_id" not in arts.columns:
        raise InputError(None, "articles.csv (with an article_id column) is needed for the evidence pages")
    arts = arts.assign(article_id=arts["article_id"].astype(str))
    kept, ranges = {}, {}
    for name in LAYER_TABLES[1:]:
        df = frames.get(name)
        if df is None or "article_id" not in getattr(df, "columns", ()):
            continue
        kept[name], ranges[name] = _split(df)
    return Evidence(articles=arts, texts=texts, frames=kept, ranges=ranges, manifest=dict(manifest or {}))


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
    texts = _CleanTexts(folder / "clean", frames["articles"]["article_id"].astype(str))
    manifest = {}
    if (folder / "manifest.json").is_file():
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    return evidence_from_frames(frames, texts, manifest=manifest)
