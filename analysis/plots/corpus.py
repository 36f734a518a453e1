"""Figures of notebook 01 (the corpus): length, readability, what cleaning removed."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import figures as F
from .base import (
    GRADE_MEASURES, article_labels, per_article, _view, _hist, _outside_legend, _stacked_barh, _order, _barh_labels, _empty,
)


def article_length(articles: pd.DataFrame):
    """Words per article coloured by genre (sentence count annotated); a histogram above :data:`MAX_ROWS` articles."""
    labels = article_labels(articles)
    data = pd.DataFrame({"article_id": articles["article_id"].astype(str),
                         "label": labels.to_numpy(),
                         "genre": articles["genre"].fillna("unknown").astype(str).to_numpy(),
                         "words": articles["words"].astype(int).to_numpy(),
                         "sentences": articles["sentences"].astype(int).to_numpy()})
    colours = F.colours_for(data["genre"])
    with F.style():
        if not per_article(len(data)):
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.8))
            ax.hist([data.loc[data["genre"] == g, "words"] for g in colours], bins=30, stacked=True,
                    color=list(colours.values()), label=list(colours))
            ax.set_xlabel("length (words, cleaned text)")
            ax.set_ylabel("articles (count)")
            _outside_legend(fig, title="genre", ncol=min(len(colours), 4))
            ax.set_title(f"Article length (n={len(data):,} articles)")
            return _view(fig, "distribution"), data
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        ax.barh(range(len(data)), data["words"], color=[colours[g] for g in data["genre"]])
        for i, r in enumerate(data.itertuples()):
            ax.text(r.words, i, f" {r.sentences} sent.", va="center", fontsize=8)
        _barh_labels(ax, data["label"].tolist())
        ax.set_xlabel("length (words, cleaned text)")
        ax.set_xlim(0, data["words"].max() * 1.3 if len(data) else 1)
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
        _outside_legend(fig, title="genre", ncol=min(len(colours), 4), handles=handles, labels=list(colours))
        ax.set_title(f"Article length (n={len(data)} articles)")
    return _view(fig, "per-article"), data


def readability_by_article(articles: pd.DataFrame):
    """Grade-level readability indices per article (US school grade); distributions for large corpora."""
    labels = article_labels(articles)
    cols = [c for c in GRADE_MEASURES if c in articles]
    data = articles[["article_id", *cols]].melt("article_id", var_name="measure", value_name="grade")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    data["measure"] = data["measure"].map(GRADE_MEASURES)
    order = _order(articles)
    markers = ["o", "s", "^"]
    with F.style():
        if not per_article(len(order)):
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.8))
            for k, (m, g) in enumerate(data.groupby("measure", sort=False)):
                _hist(ax, g["grade"], label=m, color=F.PALETTE[k], step=True)
            ax.set_xlabel("readability (US school grade)")
            _outside_legend(fig, ncol=3)
            ax.set_title(f"Readability (n={len(order):,} articles)")
            return _view(fig, "distribution"), data
        fig, axes = plt.subplots(1, max(len(cols), 1), sharey=True, squeeze=False,
                                 figsize=(F.DOUBLE if len(cols) > 1 else F.SINGLE,
                                          F.figsize("single", rows=len(order))[1]))
        pos = {a: i for i, a in enumerate(order)}
        for k, (m, g) in enumerate(data.groupby("measure", sort=False)):
            ax = axes[0, k]
            ax.scatter(g["grade"], [pos[a] for a in g["article_id"]], marker=markers[k % 3], s=18,
                       color=F.PALETTE[k], zorder=3)
            ax.grid(axis="x")
            ax.set_title(m)
            ax.set_xlabel("US school grade")
        _barh_labels(axes[0, 0], [labels[a] for a in order])
        fig.suptitle(f"Readability (n={len(order)} articles)")
    return _view(fig, "per-article"), data


def cleaning_removed(cleaning: pd.DataFrame, articles: pd.DataFrame):
    """Characters removed by the cleaning, by kind of debris, per article; corpus totals for large corpora."""
    labels = article_labels(articles)
    c = cleaning.copy()
    c["chars"] = (c["raw_end"] - c["raw_start"]).astype(int)
    data = (c.groupby(["article_id", "kind"], sort=True)
            .agg(lines=("chars", "size"), chars=("chars", "sum")).reset_index())
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    order = _order(articles)
    kinds = sorted(data["kind"].unique())
    colours = F.colours_for(kinds)
    with F.style():
        if data.empty:
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.4))
            _empty(fig, ax, "the cleaning removed nothing")
            return _view(fig, "empty"), data
        if not per_article(len(order)):
            tot = (data.groupby("kind").agg(chars=("chars", "sum"), lines=("lines", "sum"),
                                            articles=("article_id", "nunique"))
                   .sort_values("chars", ascending=False))
            fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(tot)))
            ax.barh(range(len(tot)), tot["chars"], color=[colours[k] for k in tot.index])
            for i, r in enumerate(tot.itertuples()):
                ax.text(r.chars, i, f" {r.articles:,} art.", va="center", fontsize=8)
            _barh_labels(ax, tot.index.tolist())
            ax.set_xlim(0, tot["chars"].max() * 1.35)
            ax.set_xlabel("removed (characters of raw text, all articles)")
            ax.set_title(f"What the cleaning removed (n={len(c):,} lines, {len(order):,} articles)")
            return _view(fig, "by-group"), data
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order)))
        _stacked_barh(ax, data, rows="article_id", stack="kind", value="chars", order=order, colours=colours)
        _barh_labels(ax, [labels[a] for a in order])
        ax.set_xlabel("removed (characters of raw text)")
        _outside_legend(fig, title="kind", ncol=min(len(kinds), 4))
        ax.set_title(f"What the cleaning removed (n={len(c)} lines)")
    return _view(fig, "per-article"), data
