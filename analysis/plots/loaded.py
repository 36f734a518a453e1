"""Figures of notebook 03 (loaded language): rates by category and by article."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import figures as F
from .base import (
    article_labels, per_article, _view, _order, _barh_labels,
)


#: Rate columns of the loaded measure that are not categories (voice and method splits).
_LOADED_NOT_CATEGORY = ("loaded_per_1000_author", "loaded_per_1000_quoted", "loaded_per_1000_lexicon",
                        "loaded_per_1000_model")


def loaded_rate_by_category(loaded_terms: pd.DataFrame, articles: pd.DataFrame):
    """Corpus-wide loaded-term rate per 1,000 words, by lexicon category, with hit counts."""
    words = int(articles["words"].sum())
    cats = sorted(c[len("loaded_per_1000_"):] for c in articles.columns
                  if c.startswith("loaded_per_1000_") and c not in _LOADED_NOT_CATEGORY)
    counts = loaded_terms["category"].astype(str).str.replace("-", "_").value_counts() if len(loaded_terms) else pd.Series(dtype=int)
    data = pd.DataFrame({"category": cats, "hits": [int(counts.get(c, 0)) for c in cats]})
    data["words"] = words
    data["per_1000"] = 1000.0 * data["hits"] / words if words else 0.0
    data = data.sort_values(["per_1000", "category"], ascending=[False, True], kind="stable").reset_index(drop=True)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        ax.barh(range(len(data)), data["per_1000"], color=F.OKABE_ITO["vermillion"])
        for i, r in enumerate(data.itertuples()):
            ax.text(r.per_1000, i, f" {r.hits:,}", va="center", fontsize=8)
        _barh_labels(ax, [c.replace("_", " ") for c in data["category"]])
        ax.set_xlabel("loaded terms per 1,000 words (label: hits)")
        ax.set_xlim(0, max(data["per_1000"].max() if len(data) else 0, 0.1) * 1.3)
        ax.set_title(f"Loaded language by category (n={words:,} words, {len(articles):,} articles)", wrap=True)
    return _view(fig, "by-group"), data


def loaded_rate_by_article(articles: pd.DataFrame):
    """Heatmap: loaded-term rate per 1,000 words, article × category; box plots per category when large."""
    labels = article_labels(articles)
    cols = sorted(c for c in articles.columns if c.startswith("loaded_per_1000_")
                  and c not in _LOADED_NOT_CATEGORY)
    data = articles[["article_id", *cols]].melt("article_id", var_name="column", value_name="per_1000")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    data.insert(2, "category", data["column"].str[len("loaded_per_1000_"):])
    order = _order(articles)
    with F.style():
        if not per_article(len(order)):
            cats = [c[len("loaded_per_1000_"):] for c in cols]
            fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(cats)))
            ax.boxplot([pd.to_numeric(articles[c], errors="coerce").dropna().to_numpy() for c in cols], orientation="horizontal",
                       widths=0.6, flierprops={"markersize": 2})
            ax.set_yticks(range(1, len(cats) + 1), [c.replace("_", " ") for c in cats])
            ax.invert_yaxis()
            ax.set_xlabel("loaded terms per 1,000 words, per article")
            ax.set_title(f"Loaded language by category (n={len(order):,} articles)")
            return _view(fig, "distribution"), data
        mat = data.pivot(index="article_id", columns="category", values="per_1000").reindex(order)
        fig, ax = plt.subplots(figsize=(F.DOUBLE if len(cols) > 5 else F.SINGLE + 1.5, 1.4 + 0.3 * len(order)))
        im = ax.imshow(mat.to_numpy(dtype=float), cmap=F.SEQUENTIAL, aspect="auto", vmin=0)
        vmax = np.nanmax(mat.to_numpy(dtype=float)) if mat.size else 0
        if len(order) <= 15:
            for i in range(mat.shape[0]):
                for j in range(mat.shape[1]):
                    v = mat.iat[i, j]
                    ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8,
                            color="black" if v > 0.55 * vmax else "white")
        ax.set_xticks(range(mat.shape[1]), [c.replace("_", " ") for c in mat.columns], rotation=30, ha="right")
        ax.set_yticks(range(len(order)), [labels[a] for a in order])
        fig.colorbar(im, ax=ax, label="per 1,000 words", shrink=0.8)
        ax.set_title(f"Loaded language by article and category (n={len(order)} articles)")
    return _view(fig, "per-article"), data
