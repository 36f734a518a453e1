"""Figures of notebook 02 (sentiment): per article, shares, by voice, by outlet."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from .. import figures as F
from .base import (
    _outlets, TOP_N, article_labels, per_article, _short, _view, _hist, _outside_legend, _order, _barh_labels, _empty,
)


def _ci_table(sentences: pd.DataFrame, keys: list[str], value: str = "compound") -> pd.DataFrame:
    """Mean, t-interval and n of ``value`` per group (vectorised: linear in rows)."""
    from scipy import stats

    s = sentences.assign(article_id=sentences["article_id"].astype(str))
    s[value] = pd.to_numeric(s[value], errors="coerce")
    g = s.groupby(keys, sort=False)[value].agg(["mean", "std", "count"]).reset_index()
    n = g["count"].astype(int)
    h = pd.Series(np.where(n >= 2, stats.t.ppf(0.975, np.maximum(n - 1, 1)) * g["std"] / np.sqrt(n.clip(lower=1)),
                           np.nan), index=g.index)
    g["ci_low"], g["ci_high"], g["n_sentences"] = g["mean"] - h, g["mean"] + h, n
    g.loc[n == 0, "mean"] = np.nan
    return g.drop(columns=["std", "count"])


def sentiment_by_article(sentences: pd.DataFrame, articles: pd.DataFrame, *, texts: dict[str, str] | None = None):
    """Mean sentence compound per article with 95 % CI and n; whole-text compound for contrast.

    The whole-text compound is taken from ``articles["compound_whole"]`` when
    present, else computed with :func:`analysis.sentiment.score` from
    ``texts`` (article_id → cleaned text) for small corpora, else left out.
    Above :data:`MAX_ROWS` articles the figure is the distribution of the
    article means.
    """
    labels = article_labels(articles)
    order = _order(articles)
    whole = articles.set_index(articles["article_id"].astype(str)).get("compound_whole")
    if whole is None and texts is not None and per_article(len(order)):
        from ..sentiment import score

        whole = pd.Series({str(k): score(v)["compound"] for k, v in texts.items()})
    g = _ci_table(sentences, ["article_id"]).set_index("article_id").reindex(order)
    data = pd.DataFrame({"article_id": order, "label": [labels[a] for a in order],
                         "mean": g["mean"].to_numpy(), "ci_low": g["ci_low"].to_numpy(),
                         "ci_high": g["ci_high"].to_numpy(),
                         "n_sentences": g["n_sentences"].fillna(0).astype(int).to_numpy(),
                         "compound_whole": (whole.reindex(order).astype(float).to_numpy() if whole is not None
                                            else np.full(len(order), np.nan))})
    with F.style():
        if not per_article(len(data)):
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.8))
            _hist(ax, data["mean"], color=F.OKABE_ITO["blue"])
            ax.axvline(0, color="#999999", lw=0.6)
            ax.set_xlim(-1.05, 1.05)
            ax.set_xlabel("mean VADER compound of an article's sentences")
            ax.set_title(f"Sentiment by article (n={len(data):,} articles)")
            return _view(fig, "distribution"), data
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data), min_height=2.6))
        y = np.arange(len(data))
        ax.axvline(0, color="#999999", lw=0.6)
        ax.errorbar(data["mean"], y, xerr=[data["mean"] - data["ci_low"], data["ci_high"] - data["mean"]],
                    fmt="o", color=F.OKABE_ITO["blue"], ms=4, capsize=2, label="mean of sentences (95% CI)")
        if data["compound_whole"].notna().any():
            ax.scatter(data["compound_whole"], y, marker="D", facecolor="none", edgecolor=F.OKABE_ITO["vermillion"],
                       s=18, label="whole-text compound (saturates)", zorder=3)
        _barh_labels(ax, [f"{lab} (n={n})" for lab, n in zip(data["label"], data["n_sentences"])])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound (−1 negative … +1 positive)")
        _outside_legend(fig, ncol=1)
        ax.set_title("Sentiment by article (n = sentences)")
    return _view(fig, "per-article"), data


def sentiment_shares(articles: pd.DataFrame):
    """Share of negative, neutral and positive sentences per article (stacked to 1); box plots for large corpora."""
    labels = article_labels(articles)
    cols = {"negative": "share_negative", "neutral": "share_neutral", "positive": "share_positive"}
    data = articles[["article_id", *cols.values(), "sentences"]].copy()
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    with F.style():
        if not per_article(len(data)):
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.7))
            vals = [data[c].dropna().to_numpy(dtype=float) for c in cols.values()]
            bp = ax.boxplot(vals, orientation="horizontal", patch_artist=True, widths=0.6, flierprops={"markersize": 2})
            for patch, cls in zip(bp["boxes"], cols):
                patch.set_facecolor(F.SENTIMENT_COLOURS[cls])
                patch.set_alpha(0.6)
            ax.set_yticks([1, 2, 3], list(cols))
            ax.set_xlim(0, 1)
            ax.set_xlabel("share of an article's sentences (VADER class, ±0.05)")
            ax.set_title(f"Sentence sentiment classes (n={len(data):,} articles)")
            return _view(fig, "distribution"), data
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data), min_height=2.6))
        left = np.zeros(len(data))
        for cls, col in cols.items():
            ax.barh(range(len(data)), data[col], left=left, color=F.SENTIMENT_COLOURS[cls], label=cls)
            left += data[col].fillna(0).to_numpy()
        _barh_labels(ax, [f"{lab} (n={n})" for lab, n in zip(data["label"], data["sentences"])])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of sentences (VADER class, ±0.05)")
        _outside_legend(fig, ncol=3)
        ax.set_title("Sentence sentiment classes (n = sentences)")
    return _view(fig, "per-article"), data


def sentiment_by_voice(sentences: pd.DataFrame, articles: pd.DataFrame):
    """Mean compound of the author's sentences vs quoted sentences, per article, with n; distributions when large."""
    labels = article_labels(articles)
    order = _order(articles)
    g = _ci_table(sentences, ["article_id", "voice"])
    full = pd.MultiIndex.from_product([order, ["author", "quoted"]], names=["article_id", "voice"])
    g = g.set_index(["article_id", "voice"]).reindex(full).reset_index()
    g["n_sentences"] = g["n_sentences"].fillna(0).astype(int)
    g.insert(1, "label", g["article_id"].map(labels))
    data = g[["article_id", "label", "voice", "mean", "ci_low", "ci_high", "n_sentences"]]
    colours = {"author": F.OKABE_ITO["blue"], "quoted": F.OKABE_ITO["orange"]}
    with F.style():
        if not per_article(len(order)):
            fig, ax = plt.subplots(figsize=F.figsize("single", aspect=0.8))
            for voice in ("author", "quoted"):
                v = data[data["voice"] == voice]
                _hist(ax, v["mean"], label=f"{voice} ({int((v['n_sentences'] > 0).sum()):,} articles)",
                      color=colours[voice], step=True)
            ax.set_xlim(-1.05, 1.05)
            ax.set_xlabel("mean VADER compound of an article's sentences in that voice")
            _outside_legend(fig, title="voice", ncol=2)
            ax.set_title(f"Author voice vs quoted speech (n={len(order):,} articles)")
            return _view(fig, "distribution"), data
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order) * 1.3, min_height=2.6))
        ax.axvline(0, color="#999999", lw=0.6)
        pos = {a: i for i, a in enumerate(order)}
        for k, voice in enumerate(("author", "quoted")):
            v = data[data["voice"] == voice]
            y = np.array([pos[a] for a in v["article_id"]]) + (k - 0.5) * 0.3
            ax.errorbar(v["mean"], y, xerr=[v["mean"] - v["ci_low"], v["ci_high"] - v["mean"]], fmt="o" if k == 0 else "s",
                        ms=4, capsize=2, color=colours[voice], label=voice)
            for yy, n in zip(y, v["n_sentences"]):
                if n:
                    ax.text(1.02, yy, f"n={n}", va="center", fontsize=8, transform=ax.get_yaxis_transform())
        _barh_labels(ax, [labels[a] for a in order])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound, mean of sentences (95% CI)")
        _outside_legend(fig, title="voice", ncol=2)
        ax.set_title("Author voice vs quoted speech (n = sentences)")
    return _view(fig, "per-article"), data


def sentiment_by_outlet(sentences: pd.DataFrame, articles: pd.DataFrame, *, top: int = TOP_N):
    """Mean sentence compound per outlet (top ``top`` outlets by articles) with n articles and sentences.

    Articles without a stated outlet are left out (they are not an outlet);
    the title says how many.
    """
    outlet = _outlets(articles)
    unknown = int(outlet.isna().sum())
    s = sentences.assign(article_id=sentences["article_id"].astype(str))
    s["outlet"] = s["article_id"].map(outlet)
    s = s[s["outlet"].notna()]
    g = _ci_table(s, ["outlet"]) if len(s) else pd.DataFrame(columns=["outlet", "mean", "ci_low", "ci_high", "n_sentences"])
    arts = outlet.dropna().groupby(outlet.dropna()).size().rename("n_articles")
    data = g.merge(arts, left_on="outlet", right_index=True, how="left")
    data = data.sort_values(["n_articles", "outlet"], ascending=[False, True], kind="stable").head(top)
    data = data[["outlet", "mean", "ci_low", "ci_high", "n_sentences", "n_articles"]].reset_index(drop=True)
    note = f"; {unknown:,} article{'s' if unknown != 1 else ''} without outlet left out" if unknown else ""
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=max(len(data), 2)))
        if data.empty:
            _empty(fig, ax, "no article names its outlet")
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        ax.axvline(0, color="#999999", lw=0.6)
        ax.errorbar(data["mean"], y, xerr=[data["mean"] - data["ci_low"], data["ci_high"] - data["mean"]],
                    fmt="o", ms=4, capsize=2, color=F.OKABE_ITO["blue"])
        _barh_labels(ax, [f"{_short(o, 20)} ({a} art., {n} sent.)" for o, a, n in
                          zip(data["outlet"], data["n_articles"], data["n_sentences"])])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound, mean of sentences (95% CI)")
        n_out = int(outlet.dropna().nunique())
        ax.set_title("Sentiment by outlet" + (f" (top {len(data)} of {n_out})" if n_out > len(data) else "")
                     + note, wrap=True)
    return _view(fig, "by-group"), data
