"""The report's figures: one function per figure, from the result tables.

Every function takes result tables (see :mod:`analysis.pipeline`) and
returns ``(fig, data)``, where ``data`` is a DataFrame holding exactly the
values drawn (it becomes ``<name>.csv`` through
:func:`analysis.figures.save_figure`).  Styling, palette and sizes come from
:mod:`analysis.figures`; this module only decides what to draw.  Group
summaries state their ``n`` in the labels; axes name the quantity and its
unit.  Per-article means come with 95 % confidence intervals from the t
distribution (sentences are not independent draws, so read them as
descriptive bands, not tests); corpus-level shares use the article
bootstrap of :mod:`analysis.stats`.

Scale: every figure stays legible from 2 to 10,000+ articles.  Up to
:data:`MAX_ROWS` articles, per-article charts draw one labelled row per
article; above it they switch to distributions (histograms, box plots),
top-N or by-outlet views (``fig.framing_view`` records which).  Articles
are labelled by short title, or outlet and date (:func:`article_labels`);
the id stays in the CSV.  Articles without a stated outlet are never pooled
into an outlet of their own.

:data:`FIGURES` maps each figure name to its function, for the notebooks,
the docs and the tests.
"""
from __future__ import annotations

import logging
import textwrap

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from . import figures as F

log = logging.getLogger(__name__)

__all__ = [
    "article_labels", "mean_ci", "article_length", "readability_by_article", "cleaning_removed",
    "sentiment_by_article", "sentiment_shares", "sentiment_by_voice", "sentiment_by_outlet",
    "loaded_rate_by_category", "loaded_rate_by_article", "sources_by_side", "sourcing_by_article",
    "attribution_verbs", "article_profile", "actor_portrayal", "text_reuse", "actor_stance", "mentioned_vs_quoted", "role_colours",
    "per_article", "scale_note", "MAX_ROWS", "TOP_N", "PROFILE_MEASURES", "FIGURES",
]

#: Grade-level readability indices (US school grade: comparable on one axis).
GRADE_MEASURES = {"flesch_kincaid_grade": "Flesch–Kincaid", "gunning_fog": "Gunning fog", "smog_index": "SMOG"}

#: Measures of the article profile (column in articles.csv -> label with unit).
PROFILE_MEASURES: dict[str, str] = {
    "words": "length (words)",
    "flesch_kincaid_grade": "reading grade (FK)",
    "sentiment_mean": "sentiment (mean news score)",
    "share_negative": "negative sentences (share)",
    "sentiment_author_mean": "author-voice sentiment",
    "sentiment_quoted_mean": "quoted sentiment",
    "loaded_per_1000": "loaded terms per 1,000 words",
    "quoted_word_share": "quoted words (share)",
    "named_sources": "named sources (count)",
    "anonymous_share": "anonymous attributions (share)",
    "dominance": "top-source dominance (share)",
    "evaluative_verb_share": "evaluative verbs (share)",
}


def _short(text: object, width: int) -> str:
    t = " ".join(str(text).split())
    return t if len(t) <= width else t[: width - 1].rstrip() + "…"


def _str(v) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def article_labels(articles: pd.DataFrame, *, long: bool = False, width: int = 28) -> pd.Series:
    """A readable label per article (indexed by article_id): what a reader recognises, not a hash.

    Short form (default, for axes): the title shortened to ``width``
    characters; without a title, the outlet and date ("News.Az 2024-04-07");
    without an outlet, the genre and date ("interview 2021").  Labels that
    would repeat get the 6-character id prefix appended.  Long form (for
    tables): the id prefix, then the short form.  The id itself stays in
    every figure's CSV (column ``article_id``).
    """
    def one(r) -> str:
        title, outlet, genre, date = (_str(r.get(k)) for k in ("title", "outlet", "genre", "published"))
        if title:
            return _short(title, width)
        what = _short(outlet, 18) if outlet else (f"untitled {genre}" if genre else "untitled article")
        return f"{what} {date[:10]}" if date else what

    recs = articles.to_dict("records")
    ids = articles["article_id"].astype(str).tolist()
    labs = [one(r) for r in recs]
    seen = pd.Series(labs).value_counts()
    labs = [f"{lab} ·{aid[:6]}" if seen[lab] > 1 else lab for lab, aid in zip(labs, ids)]
    again = pd.Series(labs).value_counts()
    labs = [f"{lab.rsplit(' ·', 1)[0]} ·{aid}" if again[lab] > 1 else lab for lab, aid in zip(labs, ids)]
    if long:
        labs = [f"{aid[:6]} {lab}" for lab, aid in zip(labs, ids)]
    return pd.Series(labs, index=ids, name="label")


#: Above this many articles, per-article charts become distributions, top-N or by-group views.
MAX_ROWS = 30
#: Groups (outlets, pairs, actors) shown in top-N views.
TOP_N = 20


def per_article(n: int) -> bool:
    """Whether ``n`` articles fit a chart with one labelled row per article (n ≤ :data:`MAX_ROWS`)."""
    return n <= MAX_ROWS


def scale_note(n: int) -> str:
    """Caption addition for per-article figures: what is drawn instead when there are too many articles."""
    return "" if per_article(n) else (f" With {n:,} articles (more than {MAX_ROWS}) the figure shows the distribution "
                                      "over articles instead of one row per article; the CSV keeps every article.")


def _view(fig, view: str):
    """Record which chart type was drawn (``per-article``, ``distribution``, ``top-n``, ``by-group``)."""
    fig.framing_view = view
    return fig


def _hist(ax, values, *, bins: int = 30, label: str | None = None, color=None, step: bool = False):
    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype=float)
    if len(v):
        ax.hist(v, bins=bins, histtype="step" if step else "bar", color=color, label=label,
                linewidth=1.2 if step else None, alpha=1 if step else 0.85)
    ax.set_ylabel("articles (count)")


def _outside_legend(fig, ax=None, *, ncol: int = 3, title: str | None = None, handles=None, labels=None):
    """A legend below the axes, never over bars or labels."""
    kw = {"loc": "outside lower center", "ncol": ncol, "title": title}
    if handles is not None:
        return fig.legend(handles, labels, **kw)
    return fig.legend(**kw)


def _stacked_barh(ax, data: pd.DataFrame, *, rows: str, stack: str, value: str, order: list, colours: dict) -> None:
    """Horizontal bars, one per ``order`` item (column ``rows``), stacked by ``stack`` in colour order."""
    left = np.zeros(len(order))
    for key, colour in colours.items():
        v = data[data[stack] == key].set_index(rows)[value].reindex(order, fill_value=0).to_numpy(dtype=float)
        ax.barh(range(len(order)), v, left=left, color=colour, label=key)
        left += v


def mean_ci(values, *, level: float = 0.95) -> tuple[float, float, float, int]:
    """Mean and t-based confidence interval (``mean, low, high, n``); NaN bounds for n < 2."""
    from scipy import stats

    v = pd.to_numeric(pd.Series(values), errors="coerce").dropna().to_numpy(dtype=float)
    n = len(v)
    if n == 0:
        return (np.nan, np.nan, np.nan, 0)
    m = float(v.mean())
    if n < 2:
        return (m, np.nan, np.nan, n)
    h = float(stats.t.ppf(0.5 + level / 2, n - 1) * v.std(ddof=1) / np.sqrt(n))
    return (m, m - h, m + h, n)


def _order(articles: pd.DataFrame) -> list[str]:
    """Articles in table order (the pipeline's order), as strings."""
    return articles["article_id"].astype(str).tolist()


def _barh_labels(ax, labels: list[str]) -> None:
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()


def _empty(fig, ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    ax.set_axis_off()


# ---------------------------------------------------------------------------
# 01 corpus


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


# ---------------------------------------------------------------------------
# 02 sentiment


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
        from .sentiment import score

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


def _outlets(articles: pd.DataFrame) -> pd.Series:
    """Outlet per article id; missing outlets are NaN (never pooled into an outlet of their own)."""
    o = articles["outlet"] if "outlet" in articles else pd.Series(np.nan, index=articles.index)
    o = o.where(o.astype(str).str.strip().ne("") & o.notna())
    return pd.Series(o.to_numpy(), index=articles["article_id"].astype(str).to_numpy())


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


# ---------------------------------------------------------------------------
# 03 loaded language
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


# ---------------------------------------------------------------------------
# 04 sourcing


def _side(s: pd.Series) -> pd.Series:
    return s.fillna("unknown").astype(str).replace("", "unknown")


def role_colours(roles) -> dict[str, tuple[str, str]]:
    """A distinct (colour, hatch) per role: the Okabe–Ito colours, then the same colours hatched."""
    from .speakers import ROLES

    order = [r for r in ROLES if r in set(roles)] + sorted(set(roles) - set(ROLES))
    hatches = ["", "///", "..."]
    return {r: (F.PALETTE[i % len(F.PALETTE)], hatches[(i // len(F.PALETTE)) % len(hatches)])
            for i, r in enumerate(order)}


def sources_by_side(sources: pd.DataFrame, *, mentioned: pd.DataFrame | None = None):
    """Attributions by speaker side, stacked by speaker role, with the sides that are mentioned but never quoted.

    ``mentioned`` (optional): :func:`analysis.findings.mentioned_vs_quoted`;
    its sides with mentions but no attribution get a bar of zero, labelled
    with their mentions, so absence is visible rather than dropped.
    """
    s = sources.assign(side=_side(sources["side"]), role=_side(sources["role"]))
    data = (s.groupby(["side", "role"], sort=True)
            .agg(attributions=("attributions", "sum"), quoted_words=("quoted_words", "sum"),
                 speakers=("speaker", "nunique")).reset_index())
    totals = data.groupby("side")["attributions"].sum().sort_values(ascending=False, kind="stable")
    zero = []
    if mentioned is not None and len(mentioned):
        zm = mentioned[(mentioned["mentions"] > 0) & ~mentioned["side"].isin(totals.index)]
        zero = zm["side"].tolist()
        data = pd.concat([data, pd.DataFrame({"side": zero, "role": "", "attributions": 0, "quoted_words": 0,
                                              "speakers": 0})], ignore_index=True)
    mentions = mentioned.set_index("side")["mentions"] if mentioned is not None and len(mentioned) else pd.Series(dtype=int)
    sides = totals.index.tolist() + zero
    roles = sorted(r for r in data["role"].unique() if r)
    colours = role_colours(roles)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=max(len(sides), 2), min_height=2.2))
        if not sides:
            _empty(fig, ax, "no attributions found")
            return _view(fig, "empty"), data
        left = np.zeros(len(sides))
        for role, (colour, hatch) in colours.items():
            v = (data[data["role"] == role].set_index("side")["attributions"].reindex(sides, fill_value=0)
                 .to_numpy(dtype=float))
            ax.barh(range(len(sides)), v, left=left, color=colour, hatch=hatch, edgecolor="white", linewidth=0.4,
                    label=role)
            left += v
        xmax = max(left.max(), 1)
        for i, sd in enumerate(sides):
            if sd in zero:
                ax.text(0, i, f" 0 — mentioned {int(mentions.get(sd, 0))}×, never quoted", va="center", fontsize=8)
        _barh_labels(ax, [f"{F.display_label(sd)} (n={int(totals.get(sd, 0))})" for sd in sides])
        ax.set_xlim(0, xmax * (1.9 if zero else 1.05))
        ax.set_xlabel("attributions (count)")
        _outside_legend(fig, title="speaker role", ncol=min(len(roles), 3))
        ax.set_title(f"Who speaks: attributions by side (n={int(totals.sum())})")
    return _view(fig, "by-group"), data


def mentioned_vs_quoted(table: pd.DataFrame, *, key: str = "side", top: int = TOP_N):
    """Share of mentions vs share of attributions per side (or actor), with article-bootstrap intervals; zeros drawn.

    ``table``: :func:`analysis.findings.mentioned_vs_quoted`.  Each side gets
    two bars: its share of all mentions of sided actors and its share of all
    attributions with a known side, each labelled with the count it rests on.
    """
    t = table[table[key].astype(str) != "unknown"].head(top).reset_index(drop=True)
    data = t[[key, "mentions", "mention_share", "mention_share_low", "mention_share_high", "attributions",
              "attribution_share", "attribution_share_low", "attribution_share_high"]].copy()
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=max(len(data), 2) * 1.6, min_height=2.4))
        if data.empty:
            _empty(fig, ax, "no sided actors mentioned and no sided sources")
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        h = 0.38
        colours = {"mentioned": "#999999", "quoted": F.OKABE_ITO["blue"]}
        for k, (what, col, n) in enumerate((("mentioned", "mention_share", "mentions"),
                                            ("quoted", "attribution_share", "attributions"))):
            v = data[col].fillna(0).to_numpy(dtype=float)
            lo, hi = data[f"{col}_low"].to_numpy(dtype=float), data[f"{col}_high"].to_numpy(dtype=float)
            yy = y + (k - 0.5) * h
            ax.barh(yy, v, height=h, color=colours[what], label=f"share of {n}")
            ok = np.isfinite(lo) & np.isfinite(hi)
            ax.errorbar(v[ok], yy[ok], xerr=[v[ok] - lo[ok], hi[ok] - v[ok]], fmt="none", ecolor="black",
                        elinewidth=0.8, capsize=2)
            for yi, vi, ci, cnt in zip(yy, v, np.where(ok, hi, v), data[n]):
                ax.text(max(vi, ci if np.isfinite(ci) else vi) + 0.01, yi, f"{int(cnt)}" if cnt else "0",
                        va="center", fontsize=8, fontweight="bold" if not cnt else "normal")
        _barh_labels(ax, [F.display_label(s) for s in data[key]])
        ax.set_xlim(0, 1.08)
        ax.xaxis.set_major_formatter(mticker.PercentFormatter(xmax=1, decimals=0))
        ax.set_xlabel("share (95 % CI, bootstrap over articles; label: count)")
        _outside_legend(fig, ncol=2)
        ax.set_title(f"Mentioned vs quoted, by {key} (n={int(data['mentions'].sum())} mentions, "
                     f"{int(data['attributions'].sum())} attributions)", wrap=True)
    return _view(fig, "by-group"), data


SOURCING_SHARES = {"quoted_word_share": "quoted words", "anonymous_share": "anonymous attributions",
                   "dominance": "top source's share", "evaluative_verb_share": "evaluative verbs"}


def sourcing_by_article(articles: pd.DataFrame):
    """Sourcing shares per article (0–1), one panel per measure; histograms for large corpora."""
    labels = article_labels(articles)
    cols = [c for c in SOURCING_SHARES if c in articles]
    data = articles[["article_id", "attributions", *cols]].melt(["article_id", "attributions"], var_name="measure",
                                                              value_name="share")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    order = _order(articles)
    with F.style():
        if not per_article(len(order)):
            fig, axes = plt.subplots(2, 2, figsize=(F.DOUBLE, 4.2), squeeze=False)
            for k, ax in enumerate(axes.flat):
                if k >= len(cols):
                    ax.set_axis_off()
                    continue
                v = data.loc[data["measure"] == cols[k], "share"]
                _hist(ax, v, bins=20, color=F.PALETTE[k])
                ax.set_xlim(0, 1)
                ax.set_title(f"{SOURCING_SHARES[cols[k]]} (n={int(v.notna().sum()):,} articles)")
                ax.set_xlabel("share (0–1)")
            fig.suptitle(f"Sourcing by article (n={len(order):,} articles)")
            return _view(fig, "distribution"), data
        n = articles.set_index(articles["article_id"].astype(str))["attributions"]
        fig, axes = plt.subplots(1, max(len(cols), 1), sharey=True, squeeze=False,
                                 figsize=(F.DOUBLE, F.figsize("single", rows=len(order), min_height=2.4)[1]))
        pos = {a: i for i, a in enumerate(order)}
        for k, m in enumerate(cols):
            ax = axes[0, k]
            g = data[data["measure"] == m]
            ax.hlines([pos[a] for a in g["article_id"]], 0, g["share"].fillna(0), color="#cccccc", lw=0.8)
            ax.scatter(g["share"], [pos[a] for a in g["article_id"]], s=16, color=F.PALETTE[k], zorder=3)
            ax.set_xlim(-0.03, 1.03)
            ax.set_xticks([0, 0.5, 1], ["0", "0.5", "1"])
            ax.grid(axis="x")
            ax.set_title("\n".join(textwrap.wrap(SOURCING_SHARES[m], 14)))
        _barh_labels(axes[0, 0], [f"{labels[a]} (n={int(n[a]) if pd.notna(n[a]) else 0})" for a in order])
        fig.supxlabel("share (0–1); no dot = no attributions to share", fontsize=8)
        fig.suptitle("Sourcing by article (n = attributions)")
    return _view(fig, "per-article"), data


def attribution_verbs(attributions: pd.DataFrame, *, top: int = 15):
    """The most frequent attribution cues (verbs), coloured by evaluative vs neutral class."""
    a = attributions.copy()
    a["cue"] = a["cue"].fillna("").astype(str).str.lower().str.strip()
    a = a[a["cue"] != ""]
    cls = a["cue_class"].fillna("other").astype(str) if "cue_class" in a else pd.Series("other", index=a.index)
    a["cue_class"] = cls
    data = (a.groupby(["cue", "cue_class"]).size().rename("attributions").reset_index()
            .sort_values(["attributions", "cue"], ascending=[False, True], kind="stable").head(top)
            .reset_index(drop=True))
    colours = F.colours_for(data["cue_class"])
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        if data.empty:
            _empty(fig, ax, "no attribution cues found")
            return _view(fig, "empty"), data
        ax.barh(range(len(data)), data["attributions"], color=[colours[c] for c in data["cue_class"]])
        _barh_labels(ax, data["cue"].tolist())
        ax.set_xlabel("attributions (count)")
        _outside_legend(fig, title="verb class", ncol=len(colours),
                        handles=[plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()], labels=list(colours))
        ax.set_title(f"Attribution verbs (top {len(data)} of {a['cue'].nunique()}; n={len(a):,})")
    return _view(fig, "top-n"), data


# ---------------------------------------------------------------------------
# 05 synthesis


def article_profile(articles: pd.DataFrame, *, measures: dict[str, str] | None = None, top: int = TOP_N):
    """Heatmap of every article (rows) across the measures (columns), z-scored within the corpus.

    Raw values are written in the cells up to 12 articles.  Above
    :data:`MAX_ROWS` articles the rows become outlets (the ``top`` outlets by
    articles; genres when fewer than two outlets are named) and the colour the
    mean z-score of their articles.
    """
    measures = {k: v for k, v in (measures or PROFILE_MEASURES).items() if k in articles}
    labels = article_labels(articles)
    order = _order(articles)
    zcols = {}
    for col in measures:
        v = pd.to_numeric(articles[col], errors="coerce").astype(float)
        sd = v.std(ddof=0)
        zcols[col] = ((v - v.mean()) / sd if sd and np.isfinite(sd) and sd > 0 else v * 0.0).to_numpy()
    vals = {c: pd.to_numeric(articles[c], errors="coerce").astype(float).to_numpy() for c in measures}
    data = pd.DataFrame({
        "article_id": np.repeat(np.array(order, dtype=object)[None, :], len(measures), 0).ravel(),
        "label": np.repeat(np.array([labels[a] for a in order], dtype=object)[None, :], len(measures), 0).ravel(),
        "measure": np.repeat(list(measures), len(order)),
        "measure_label": np.repeat(list(measures.values()), len(order)),
        "value": np.concatenate([vals[c] for c in measures]) if measures else [],
        "z": np.concatenate([zcols[c] for c in measures]) if measures else []})
    xlabels = ["\n".join(textwrap.wrap(m, 22)) for m in measures.values()]
    with F.style():
        if not per_article(len(order)):
            outlet = _outlets(articles)
            group, what = (outlet, "outlet") if outlet.dropna().nunique() >= 2 else (
                pd.Series(articles["genre"].to_numpy(), index=outlet.index), "genre")
            d = data.assign(group=data["article_id"].map(group)).dropna(subset=["group"])
            size = group.dropna().value_counts()
            keep = size.sort_values(ascending=False, kind="stable").head(top).index.tolist()
            zmat = (d[d["group"].isin(keep)].pivot_table(index="group", columns="measure", values="z", aggfunc="mean")
                    .reindex(index=keep, columns=list(measures)))
            fig, ax = plt.subplots(figsize=(F.DOUBLE, 2.2 + 0.24 * len(keep)))
            im = ax.imshow(zmat.to_numpy(dtype=float), cmap=F.DIVERGING, vmin=-1, vmax=1, aspect="auto")
            ax.set_yticks(range(len(keep)), [f"{_short(g, 22)} (n={int(size[g])})" for g in keep])
            ax.set_xticks(range(len(measures)), xlabels, rotation=90, fontsize=8)
            fig.colorbar(im, ax=ax, label="mean z-score of its articles", shrink=0.8)
            ax.set_title(f"Article profile by {what} (top {len(keep)}; n={len(order):,} articles)")
            return _view(fig, "by-group"), data
        zmat = data.pivot(index="article_id", columns="measure", values="z").reindex(index=order, columns=list(measures))
        vmat = data.pivot(index="article_id", columns="measure", values="value").reindex(index=order,
                                                                                        columns=list(measures))
        fig, ax = plt.subplots(figsize=(F.DOUBLE, 2.4 + 0.3 * len(order)))
        im = ax.imshow(zmat.to_numpy(dtype=float), cmap=F.DIVERGING, vmin=-2, vmax=2, aspect="auto")
        if len(order) <= 12:
            for i in range(zmat.shape[0]):
                for j in range(zmat.shape[1]):
                    v, z = vmat.iat[i, j], zmat.iat[i, j]
                    txt = "–" if pd.isna(v) else (f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}")
                    txt = "0.00" if txt == "-0.00" else txt
                    ax.text(j, i, txt, ha="center", va="center", fontsize=7,
                            color="white" if pd.notna(z) and abs(z) > 1.3 else "black")
        ax.set_yticks(range(len(order)), [labels[a] for a in order])
        ax.set_xticks(range(len(measures)), xlabels, rotation=90, fontsize=8)
        fig.colorbar(im, ax=ax, label="z-score within corpus (clipped ±2)", shrink=0.8)
        ax.set_title(f"Article profile (n={len(order)} articles; colour = z-score"
                     + ("; cell text = raw value)" if len(order) <= 12 else ")"))
    return _view(fig, "per-article"), data


def actor_portrayal(portrayal: pd.DataFrame, *, top: int = 12, min_sentences: int = 1, min_count: int | None = None):
    """Actor salience (mentions) and the tone of the sentences naming each actor, with n and intervals.

    ``portrayal``: :func:`analysis.actors.actor_portrayal`, optionally with
    ``ci_low``/``ci_high`` for ``compound_mean`` (drawn as error bars).
    Actors with fewer than ``min_count`` sentences (default
    :data:`analysis.stats.MIN_COUNT`) are drawn hollow, without shares.
    Mentions are grey so that no colour means both a type and a tone.
    """
    from .stats import MIN_COUNT

    min_count = MIN_COUNT if min_count is None else min_count
    p = portrayal[portrayal["sentences"] >= min_sentences].head(top)
    keep = ["actor", "type", "side", "mentions", "articles", "sentences", "compound_mean", "ci_low", "ci_high",
            "share_negative", "share_positive", "loaded_hits"]
    data = p.reindex(columns=keep).reset_index(drop=True)
    with F.style():
        fig, (a1, a2) = plt.subplots(1, 2, sharey=True, figsize=F.figsize("double", rows=max(len(data), 2)),
                                     gridspec_kw={"width_ratios": [1, 1.4]})
        if data.empty:
            _empty(fig, a1, "no actor mentions")
            a2.set_axis_off()
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        small = (data["sentences"] < min_count).to_numpy()
        a1.barh(y, data["mentions"], color="#777777")
        _barh_labels(a1, [f"{a} ({t}; n={s})" for a, t, s in zip(data["actor"], data["type"], data["sentences"])])
        for yi, m in zip(y, data["mentions"]):
            a1.text(m, yi, f" {m}", va="center", fontsize=7)
        a1.set_xlim(0, data["mentions"].max() * 1.25)
        a1.set_xlabel("mentions (count; n = sentences)")
        a2.axvline(0, color="#999999", lw=0.6)
        neg = np.where(small, 0, data["share_negative"].fillna(0))
        pos = np.where(small, 0, data["share_positive"].fillna(0))
        a2.barh(y, -neg, color=F.SENTIMENT_COLOURS["negative"], alpha=0.45)
        a2.barh(y, pos, color=F.SENTIMENT_COLOURS["positive"], alpha=0.45)
        cm = data["compound_mean"].to_numpy(dtype=float)
        lo, hi = data["ci_low"].to_numpy(dtype=float), data["ci_high"].to_numpy(dtype=float)
        ok = np.isfinite(lo) & np.isfinite(hi)
        if ok.any():
            a2.errorbar(cm[ok], y[ok], xerr=[cm[ok] - lo[ok], hi[ok] - cm[ok]], fmt="none", ecolor="black",
                        elinewidth=0.8, capsize=2)
        a2.scatter(cm[~small], y[~small], color="black", s=14, zorder=3)
        a2.scatter(cm[small], y[small], facecolor="white", edgecolor="black", s=14, zorder=3)
        a2.set_xlim(-1.05, 1.05)
        a2.set_xlabel("tone of the sentences naming it")
        handles = [plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["negative"], alpha=0.45),
                   plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["positive"], alpha=0.45),
                   plt.Line2D([], [], color="black", marker="o", ls="", ms=4),
                   plt.Line2D([], [], markerfacecolor="white", markeredgecolor="black", marker="o", ls="", ms=4)]
        names = ["share negative (←)", "share positive (→)", "mean compound (95 % CI)",
                 f"fewer than {min_count} sentences"]
        _outside_legend(fig, handles=handles, labels=names, ncol=2)
        fig.suptitle(f"Actor portrayal (n = sentences naming the actor; top {len(data)} by mentions)")
    return _view(fig, "top-n"), data


def actor_stance(summary: pd.DataFrame, *, top: int = 12):
    """How each actor is portrayed by the target-dependent model: mentions, and shares of negative and positive
    labels towards it with 95 % intervals.

    ``summary``: :func:`analysis.portrayal.portrayal_summary` by actor (shares
    are NaN for actors below its minimum number of mentions: those are drawn
    with their mean score only, hollow).  Mentions are grey; the shares use
    the sentiment colours and nothing else does.
    """
    keep = ["actor", "mentions", "articles", "negative", "neutral", "positive", "mean_score", "share_negative",
            "share_negative_lo", "share_negative_hi", "share_positive", "share_positive_lo", "share_positive_hi"]
    data = summary.reindex(columns=keep).head(top).reset_index(drop=True)
    with F.style():
        fig, (a1, a2) = plt.subplots(1, 2, sharey=True, figsize=F.figsize("double", rows=max(len(data), 2)),
                                     gridspec_kw={"width_ratios": [1, 1.4]})
        if data.empty:
            _empty(fig, a1, "no actor mentions")
            a2.set_axis_off()
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        a1.barh(y, data["mentions"], color="#777777")
        _barh_labels(a1, [f"{_short(a, 30)} (n={m})" for a, m in zip(data["actor"], data["mentions"])])
        for yi, m in zip(y, data["mentions"]):
            a1.text(m, yi, f" {m}", va="center", fontsize=7)
        a1.set_xlim(0, data["mentions"].max() * 1.25)
        a1.set_xlabel("mentions (count)")
        a2.axvline(0, color="#999999", lw=0.6)
        small = data["share_negative"].isna().to_numpy()
        for sign, name in ((-1, "negative"), (1, "positive")):
            v = data[f"share_{name}"].to_numpy(dtype=float)
            lo, hi = data[f"share_{name}_lo"].to_numpy(dtype=float), data[f"share_{name}_hi"].to_numpy(dtype=float)
            ok = np.isfinite(v)
            a2.barh(y[ok], sign * v[ok], color=F.SENTIMENT_COLOURS[name], alpha=0.55)
            good = ok & np.isfinite(lo) & np.isfinite(hi)
            a2.errorbar(sign * v[good], y[good], xerr=[v[good] - lo[good], hi[good] - v[good]], fmt="none",
                        ecolor="black", elinewidth=0.8, capsize=2)
        ms = data["mean_score"].to_numpy(dtype=float)
        a2.scatter(ms[small], y[small], facecolor="white", edgecolor="black", s=14, zorder=3)
        a2.set_xlim(-1.05, 1.05)
        a2.xaxis.set_major_formatter(mticker.FuncFormatter(lambda x, _: f"{abs(x):.0%}"))
        a2.set_xlabel("share of mentions labelled negative (←) / positive (→)")
        handles = [plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["negative"], alpha=0.55),
                   plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["positive"], alpha=0.55),
                   plt.Line2D([], [], markerfacecolor="white", markeredgecolor="black", marker="o", ls="", ms=4)]
        _outside_legend(fig, handles=handles, labels=["negative (95 % CI)", "positive (95 % CI)",
                                                      "mean score only: too few mentions for shares"], ncol=3)
        fig.suptitle(f"How each actor is portrayed (target-dependent labels; n = mentions; top {len(data)})")
    return _view(fig, "top-n"), data


def text_reuse(matrix: pd.DataFrame | None, passages: pd.DataFrame, articles: pd.DataFrame, *, n: int = 4,
               max_heatmap: int = 12, top: int = TOP_N):
    """Shared text between articles.

    Up to ``max_heatmap`` articles: a heatmap of shingle containment (row
    article's shingles found in column article) with shared passages
    annotated.  Beyond (or without a ``matrix``): the ``top`` article pairs by
    words in shared passages, as bars.
    """
    labels = article_labels(articles)
    order = [a for a in _order(articles) if matrix is not None and a in matrix.index]
    if matrix is None or len(order) > max_heatmap:
        p = passages.assign(article_a=passages["article_a"].astype(str), article_b=passages["article_b"].astype(str))
        data = (p.groupby(["article_a", "article_b"], sort=True).agg(passages=("words", "size"), words=("words", "sum"))
                .reset_index().sort_values(["words", "article_a", "article_b"], ascending=[False, True, True],
                                           kind="stable").head(top).reset_index(drop=True)
                if len(p) else pd.DataFrame(columns=["article_a", "article_b", "passages", "words"]))
        data.insert(2, "label_a", data["article_a"].map(labels))
        data.insert(3, "label_b", data["article_b"].map(labels))
        with F.style():
            fig, ax = plt.subplots(figsize=F.figsize("double", rows=max(len(data), 2)))
            if data.empty:
                _empty(fig, ax, "no shared passages")
                return _view(fig, "empty"), data
            ax.barh(range(len(data)), data["words"], color=F.OKABE_ITO["bluish green"])
            for i, r in enumerate(data.itertuples()):
                ax.text(r.words, i, f" {r.passages} p.", va="center", fontsize=8)
            _barh_labels(ax, [f"{_short(a, 30)} ↔ {_short(b, 30)}" for a, b in zip(data["label_a"], data["label_b"])])
            ax.set_xlim(0, data["words"].max() * 1.2)
            ax.set_xlabel("words in shared passages (label: passages)")
            n_pairs = int(passages[["article_a", "article_b"]].drop_duplicates().shape[0]) if len(passages) else 0
            ax.set_title(f"Text reuse: top {len(data)} of {n_pairs:,} article pairs "
                         f"(n={len(articles):,} articles)")
        return _view(fig, "top-n"), data
    m = matrix.reindex(index=order, columns=order)
    counts = (passages.assign(a=passages["article_a"].astype(str), b=passages["article_b"].astype(str))
              .groupby(["a", "b"]).size() if len(passages) else pd.Series(dtype=int))
    rows = []
    for a in order:
        for b in order:
            if a == b:
                continue
            pa, pb = sorted((a, b))
            rows.append({"article_a": a, "article_b": b, "label_a": labels[a], "label_b": labels[b],
                         "containment": float(m.loc[a, b]), "passages": int(counts.get((pa, pb), 0))})
    data = pd.DataFrame(rows, columns=["article_a", "article_b", "label_a", "label_b", "containment", "passages"])
    arr = m.to_numpy(dtype=float).copy()
    np.fill_diagonal(arr, np.nan)
    k = len(order)
    cell = 0.42 if k <= 6 else 0.34
    side = max(2.2, 1.2 + cell * k)
    with F.style():
        fig, ax = plt.subplots(figsize=(min(F.DOUBLE, side + 2.6), side + 1.0))
        vmax = max(0.05, np.nanmax(arr) if np.isfinite(arr).any() else 0.05)
        im = ax.imshow(arr, cmap=F.SEQUENTIAL, vmin=0, vmax=vmax)
        pos = {a: i for i, a in enumerate(order)}
        fs = 8 if k <= 6 else 7
        for r in data.itertuples():
            if k > 6 and r.containment < 0.005 and not r.passages:
                continue
            txt = f"{100 * r.containment:.0f}%" + (f"\n{r.passages}p" if r.passages else "")
            ax.text(pos[r.article_b], pos[r.article_a], txt, ha="center", va="center", fontsize=fs,
                    color="black" if r.containment > 0.6 * vmax else "white")
        ax.set_xticks(range(k), [str(i + 1) for i in range(k)])
        ax.set_yticks(range(k), [f"{i + 1}  {_short(labels[a], 26)}" for i, a in enumerate(order)])
        ax.set_xlabel("found in article (number)")
        cbar = fig.colorbar(im, ax=ax, label=f"% of row's {n}-word shingles in column", fraction=0.046, pad=0.04)
        cbar.ax.yaxis.set_major_formatter(mticker.PercentFormatter(xmax=1, decimals=0))
        ax.set_title(f"Text reuse (n={k} articles; p = shared passages)")
    return _view(fig, "per-article"), data


#: Figure name -> function (names are the exported file stems).
FIGURES = {
    "article-length": article_length,
    "readability-by-article": readability_by_article,
    "cleaning-removed": cleaning_removed,
    "sentiment-by-article": sentiment_by_article,
    "sentiment-shares": sentiment_shares,
    "sentiment-by-voice": sentiment_by_voice,
    "sentiment-by-outlet": sentiment_by_outlet,
    "loaded-rate-by-category": loaded_rate_by_category,
    "loaded-rate-by-article": loaded_rate_by_article,
    "mentioned-vs-quoted": mentioned_vs_quoted,
    "sources-by-side": sources_by_side,
    "sourcing-by-article": sourcing_by_article,
    "attribution-verbs": attribution_verbs,
    "article-profile": article_profile,
    "actor-portrayal": actor_portrayal,
    "text-reuse": text_reuse,
}
