"""The report's figures: one function per figure, from the result tables.

Every function takes result tables (see :mod:`analysis.pipeline`) and
returns ``(fig, data)``, where ``data`` is a DataFrame holding exactly the
values drawn (it becomes ``<name>.csv`` through
:func:`analysis.figures.save_figure`).  Styling, palette and sizes come from
:mod:`analysis.figures`; this module only decides what to draw.  Group
summaries state their ``n`` in the labels; axes name the quantity and its
unit.  Means come with 95 % confidence intervals from the t distribution
(sentences are not independent draws, so read them as descriptive bands,
not tests).

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
    "attribution_verbs", "article_profile", "actor_portrayal", "text_reuse", "PROFILE_MEASURES", "FIGURES",
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


def article_labels(articles: pd.DataFrame, *, long: bool = False, width: int = 28) -> pd.Series:
    """A readable label per article (indexed by article_id).

    Short form (default, for axes): the 6-character id prefix and the outlet
    (or the genre in brackets when the outlet is unknown), e.g. ``d14069 News.Az``,
    ``33523c (interview)``.  Long form:
    the id prefix and the title shortened to ``width`` characters.  The
    notebooks print the id → title table next to the figures.
    """
    def one(r) -> str:
        aid = str(r["article_id"])[:6]
        title, outlet, genre = (r.get(k) if isinstance(r.get(k), str) and r.get(k).strip() else None
                                for k in ("title", "outlet", "genre"))
        if long:
            return f"{aid} {_short(title, width)}" if title else f"{aid} [untitled {genre or 'article'}]"
        return f"{aid} {_short(outlet, 16)}" if outlet else f"{aid} ({_short(genre or 'article', 14)})"

    return pd.Series([one(r) for r in articles.to_dict("records")],
                     index=articles["article_id"].astype(str).to_numpy(), name="label")


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
    """Words per article, coloured by genre; sentence count annotated."""
    labels = article_labels(articles)
    data = pd.DataFrame({"article_id": articles["article_id"].astype(str),
                         "label": labels.to_numpy(),
                         "genre": articles["genre"].fillna("unknown").astype(str).to_numpy(),
                         "words": articles["words"].astype(int).to_numpy(),
                         "sentences": articles["sentences"].astype(int).to_numpy()})
    colours = F.colours_for(data["genre"])
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        ax.barh(range(len(data)), data["words"], color=[colours[g] for g in data["genre"]])
        for i, r in enumerate(data.itertuples()):
            ax.text(r.words, i, f" {r.sentences} sent.", va="center", fontsize=8)
        _barh_labels(ax, data["label"].tolist())
        ax.set_xlabel("length (words, cleaned text)")
        ax.set_xlim(0, data["words"].max() * 1.3 if len(data) else 1)
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
        ax.legend(handles, list(colours), title="genre", loc="lower right")
        ax.set_title(f"Article length (n={len(data)} articles)")
    return fig, data


def readability_by_article(articles: pd.DataFrame):
    """Grade-level readability indices per article (US school grade)."""
    labels = article_labels(articles)
    cols = [c for c in GRADE_MEASURES if c in articles]
    data = articles[["article_id", *cols]].melt("article_id", var_name="measure", value_name="grade")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    data["measure"] = data["measure"].map(GRADE_MEASURES)
    order = _order(articles)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order)))
        markers = ["o", "s", "^"]
        for k, (m, g) in enumerate(data.groupby("measure", sort=False)):
            y = [order.index(a) + (k - 1) * 0.18 for a in g["article_id"]]
            ax.scatter(g["grade"], y, label=m, marker=markers[k % 3], s=18, color=F.PALETTE[k], zorder=3)
        _barh_labels(ax, [labels[a] for a in order])
        ax.grid(axis="x")
        ax.set_xlabel("readability (US school grade)")
        ax.legend(loc="best")
        ax.set_title(f"Readability (n={len(order)} articles)")
    return fig, data


def cleaning_removed(cleaning: pd.DataFrame, articles: pd.DataFrame):
    """Characters removed by the cleaning, by kind of debris, per article."""
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
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order)))
        if data.empty:
            _empty(fig, ax, "the cleaning removed nothing")
            return fig, data
        _stacked_barh(ax, data, rows="article_id", stack="kind", value="chars", order=order, colours=colours)
        _barh_labels(ax, [labels[a] for a in order])
        ax.set_xlabel("removed (characters of raw text)")
        ax.legend(title="kind", loc="lower right")
        ax.set_title(f"What the cleaning removed (n={len(c)} lines)")
    return fig, data


# ---------------------------------------------------------------------------
# 02 sentiment


def sentiment_by_article(sentences: pd.DataFrame, articles: pd.DataFrame, *, texts: dict[str, str] | None = None):
    """Mean sentence compound per article with 95 % CI and n; whole-text compound for contrast.

    The whole-text compound is taken from ``articles["compound_whole"]`` when
    present, else computed with :func:`analysis.sentiment.score` from
    ``texts`` (article_id → cleaned text), else left out.
    """
    labels = article_labels(articles)
    rows = []
    whole = articles.set_index(articles["article_id"].astype(str)).get("compound_whole")
    if whole is None and texts is not None:
        from .sentiment import score

        whole = pd.Series({str(k): score(v)["compound"] for k, v in texts.items()})
    for aid in _order(articles):
        m, lo, hi, n = mean_ci(sentences.loc[sentences["article_id"].astype(str) == aid, "compound"])
        rows.append({"article_id": aid, "label": labels[aid], "mean": m, "ci_low": lo, "ci_high": hi,
                     "n_sentences": n,
                     "compound_whole": float(whole[aid]) if whole is not None and aid in whole else np.nan})
    data = pd.DataFrame(rows)
    with F.style():
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
        fig.legend(loc="outside lower center", ncol=1)
        ax.set_title("Sentiment by article (n = sentences)")
    return fig, data


def sentiment_shares(articles: pd.DataFrame):
    """Share of negative, neutral and positive sentences per article (stacked to 1)."""
    labels = article_labels(articles)
    cols = {"negative": "share_negative", "neutral": "share_neutral", "positive": "share_positive"}
    data = articles[["article_id", *cols.values(), "sentences"]].copy()
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data), min_height=2.6))
        left = np.zeros(len(data))
        for cls, col in cols.items():
            ax.barh(range(len(data)), data[col], left=left, color=F.SENTIMENT_COLOURS[cls], label=cls)
            left += data[col].fillna(0).to_numpy()
        _barh_labels(ax, [f"{lab} (n={n})" for lab, n in zip(data["label"], data["sentences"])])
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of sentences (VADER class, ±0.05)")
        fig.legend(ncol=3, loc="outside lower center")
        ax.set_title("Sentence sentiment classes (n = sentences)")
    return fig, data


def sentiment_by_voice(sentences: pd.DataFrame, articles: pd.DataFrame):
    """Mean compound of the author's sentences vs quoted sentences, per article, with n."""
    labels = article_labels(articles)
    rows = []
    for aid in _order(articles):
        s = sentences[sentences["article_id"].astype(str) == aid]
        for voice in ("author", "quoted"):
            m, lo, hi, n = mean_ci(s.loc[s["voice"] == voice, "compound"])
            rows.append({"article_id": aid, "label": labels[aid], "voice": voice, "mean": m, "ci_low": lo,
                         "ci_high": hi, "n_sentences": n})
    data = pd.DataFrame(rows, columns=["article_id", "label", "voice", "mean", "ci_low", "ci_high", "n_sentences"])
    order = _order(articles)
    colours = {"author": F.OKABE_ITO["blue"], "quoted": F.OKABE_ITO["orange"]}
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order) * 1.3, min_height=2.6))
        ax.axvline(0, color="#999999", lw=0.6)
        for k, voice in enumerate(("author", "quoted")):
            g = data[data["voice"] == voice]
            y = np.array([order.index(a) for a in g["article_id"]]) + (k - 0.5) * 0.3
            ax.errorbar(g["mean"], y, xerr=[g["mean"] - g["ci_low"], g["ci_high"] - g["mean"]], fmt="o" if k == 0 else "s",
                        ms=4, capsize=2, color=colours[voice], label=voice)
            for yy, (mv, n) in zip(y, zip(g["mean"], g["n_sentences"])):
                if n:
                    ax.text(1.02, yy, f"n={n}", va="center", fontsize=8, transform=ax.get_yaxis_transform())
        _barh_labels(ax, [labels[a] for a in order])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound, mean of sentences (95% CI)")
        fig.legend(title="voice", ncol=2, loc="outside lower center")
        ax.set_title("Author voice vs quoted speech (n = sentences)")
    return fig, data


def sentiment_by_outlet(sentences: pd.DataFrame, articles: pd.DataFrame):
    """Mean sentence compound per outlet (unknown outlets grouped), with n articles and sentences."""
    outlet = articles.set_index(articles["article_id"].astype(str))["outlet"].fillna("(outlet unknown)")
    s = sentences.assign(article_id=sentences["article_id"].astype(str))
    s["outlet"] = s["article_id"].map(outlet)
    rows = []
    for o, g in s.groupby("outlet", sort=True):
        m, lo, hi, n = mean_ci(g["compound"])
        rows.append({"outlet": o, "mean": m, "ci_low": lo, "ci_high": hi, "n_sentences": n,
                     "n_articles": g["article_id"].nunique()})
    data = pd.DataFrame(rows, columns=["outlet", "mean", "ci_low", "ci_high", "n_sentences", "n_articles"])
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        y = np.arange(len(data))
        ax.axvline(0, color="#999999", lw=0.6)
        ax.errorbar(data["mean"], y, xerr=[data["mean"] - data["ci_low"], data["ci_high"] - data["mean"]],
                    fmt="o", ms=4, capsize=2, color=F.OKABE_ITO["blue"])
        _barh_labels(ax, [f"{o} ({a} art., {n} sent.)" for o, a, n in
                          zip(data["outlet"], data["n_articles"], data["n_sentences"])])
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("VADER compound, mean of sentences (95% CI)")
        ax.set_title("Sentiment by outlet")
    return fig, data


# ---------------------------------------------------------------------------
# 03 loaded language


def loaded_rate_by_category(loaded_terms: pd.DataFrame, articles: pd.DataFrame):
    """Corpus-wide loaded-term rate per 1,000 words, by lexicon category, with hit counts."""
    words = int(articles["words"].sum())
    cats = sorted(c[len("loaded_per_1000_"):] for c in articles.columns
                  if c.startswith("loaded_per_1000_") and c not in ("loaded_per_1000_author", "loaded_per_1000_quoted"))
    counts = loaded_terms["category"].astype(str).str.replace("-", "_").value_counts() if len(loaded_terms) else pd.Series(dtype=int)
    data = pd.DataFrame({"category": cats, "hits": [int(counts.get(c, 0)) for c in cats]})
    data["words"] = words
    data["per_1000"] = 1000.0 * data["hits"] / words if words else 0.0
    data = data.sort_values(["per_1000", "category"], ascending=[False, True], kind="stable").reset_index(drop=True)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(data)))
        ax.barh(range(len(data)), data["per_1000"], color=F.OKABE_ITO["vermillion"])
        for i, r in enumerate(data.itertuples()):
            ax.text(r.per_1000, i, f" {r.hits}", va="center", fontsize=8)
        _barh_labels(ax, [c.replace("_", " ") for c in data["category"]])
        ax.set_xlabel("loaded terms per 1,000 words (label: hits)")
        ax.set_xlim(0, max(data["per_1000"].max(), 0.1) * 1.25)
        ax.set_title(f"Loaded language by category (n={words:,} words, {len(articles)} articles)")
    return fig, data


def loaded_rate_by_article(articles: pd.DataFrame):
    """Heatmap: loaded-term rate per 1,000 words, article × category (from articles.csv)."""
    labels = article_labels(articles)
    cols = sorted(c for c in articles.columns if c.startswith("loaded_per_1000_")
                  and c not in ("loaded_per_1000_author", "loaded_per_1000_quoted"))
    data = articles[["article_id", *cols]].melt("article_id", var_name="column", value_name="per_1000")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    data.insert(2, "category", data["column"].str[len("loaded_per_1000_"):])
    order = _order(articles)
    mat = data.pivot(index="article_id", columns="category", values="per_1000").reindex(order)
    with F.style():
        fig, ax = plt.subplots(figsize=(F.DOUBLE if len(cols) > 5 else F.SINGLE + 1.5, 1.2 + 0.3 * len(order)))
        im = ax.imshow(mat.to_numpy(dtype=float), cmap=F.SEQUENTIAL, aspect="auto", vmin=0)
        vmax = np.nanmax(mat.to_numpy(dtype=float)) if mat.size else 0
        for i in range(mat.shape[0]):
            for j in range(mat.shape[1]):
                v = mat.iat[i, j]
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize=8,
                        color="black" if v > 0.55 * vmax else "white")
        ax.set_xticks(range(mat.shape[1]), [c.replace("_", " ") for c in mat.columns], rotation=30, ha="right")
        ax.set_yticks(range(len(order)), [labels[a] for a in order])
        fig.colorbar(im, ax=ax, label="per 1,000 words", shrink=0.8)
        ax.set_title(f"Loaded language by article and category (n={len(order)} articles)")
    return fig, data


# ---------------------------------------------------------------------------
# 04 sourcing


def _side(s: pd.Series) -> pd.Series:
    return s.fillna("unknown").astype(str).replace("", "unknown")


def sources_by_side(sources: pd.DataFrame):
    """Attributions by speaker side, stacked by speaker role (corpus totals)."""
    s = sources.assign(side=_side(sources["side"]), role=_side(sources["role"]))
    data = (s.groupby(["side", "role"], sort=True)
            .agg(attributions=("attributions", "sum"), quoted_words=("quoted_words", "sum"),
                 speakers=("speaker", "nunique")).reset_index())
    totals = data.groupby("side")["attributions"].sum().sort_values(ascending=False, kind="stable")
    sides = totals.index.tolist()
    roles = sorted(data["role"].unique())
    colours = F.colours_for(roles)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=max(len(sides), 2), min_height=2.2))
        if data.empty:
            _empty(fig, ax, "no attributions found")
            return fig, data
        _stacked_barh(ax, data, rows="side", stack="role", value="attributions", order=sides, colours=colours)
        _barh_labels(ax, [f"{F.display_label(sd)} (n={int(totals[sd])})" for sd in sides])
        ax.set_xlabel("attributions (count)")
        fig.legend(title="speaker role", loc="outside lower center", ncol=min(len(roles), 3))
        ax.set_title(f"Who speaks: attributions by side (n={int(totals.sum())})")
    return fig, data


SOURCING_SHARES = {"quoted_word_share": "quoted words", "anonymous_share": "anonymous attributions",
                   "dominance": "top source's share", "evaluative_verb_share": "evaluative verbs"}


def sourcing_by_article(articles: pd.DataFrame):
    """Sourcing shares per article (0–1): quoted words, anonymous, dominance, evaluative verbs."""
    labels = article_labels(articles)
    cols = [c for c in SOURCING_SHARES if c in articles]
    data = articles[["article_id", "attributions", *cols]].melt(["article_id", "attributions"], var_name="measure",
                                                              value_name="share")
    data["article_id"] = data["article_id"].astype(str)
    data.insert(1, "label", data["article_id"].map(labels))
    order = _order(articles)
    with F.style():
        fig, ax = plt.subplots(figsize=F.figsize("single", rows=len(order) * 1.2, min_height=2.6))
        markers = ["o", "s", "^", "D"]
        for k, m in enumerate(cols):
            g = data[data["measure"] == m]
            y = np.array([order.index(a) for a in g["article_id"]]) + (k - 1.5) * 0.15
            ax.scatter(g["share"], y, marker=markers[k], s=16, color=F.PALETTE[k], label=SOURCING_SHARES[m], zorder=3)
        n = articles.set_index(articles["article_id"].astype(str))["attributions"]
        _barh_labels(ax, [f"{labels[a]} (n={int(n[a]) if pd.notna(n[a]) else 0})" for a in order])
        ax.set_xlim(-0.03, 1.03)
        ax.grid(axis="x")
        ax.set_xlabel("share (0–1; n = attributions)")
        fig.legend(loc="outside lower center", ncol=2)
        ax.set_title("Sourcing by article")
    return fig, data


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
            return fig, data
        ax.barh(range(len(data)), data["attributions"], color=[colours[c] for c in data["cue_class"]])
        _barh_labels(ax, data["cue"].tolist())
        ax.set_xlabel("attributions (count)")
        ax.legend([plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()], list(colours),
                  title="verb class", loc="lower right")
        ax.set_title(f"Attribution verbs (top {len(data)} of {a['cue'].nunique()}; n={len(a)})")
    return fig, data


# ---------------------------------------------------------------------------
# 05 synthesis


def article_profile(articles: pd.DataFrame, *, measures: dict[str, str] | None = None):
    """Heatmap of every article across the measures, z-scored within the corpus; raw values annotated."""
    measures = {k: v for k, v in (measures or PROFILE_MEASURES).items() if k in articles}
    labels = article_labels(articles)
    order = _order(articles)
    rows = []
    for col, lab in measures.items():
        v = pd.to_numeric(articles[col], errors="coerce").astype(float)
        sd = v.std(ddof=0)
        z = (v - v.mean()) / sd if sd and np.isfinite(sd) and sd > 0 else v * 0.0
        for aid, val, zz in zip(order, v, z):
            rows.append({"article_id": aid, "label": labels[aid], "measure": col, "measure_label": lab,
                         "value": val, "z": zz})
    data = pd.DataFrame(rows, columns=["article_id", "label", "measure", "measure_label", "value", "z"])
    zmat = data.pivot(index="measure", columns="article_id", values="z").reindex(index=list(measures), columns=order)
    vmat = data.pivot(index="measure", columns="article_id", values="value").reindex(index=list(measures), columns=order)
    with F.style():
        fig, ax = plt.subplots(figsize=(F.DOUBLE, 1.4 + 0.28 * len(measures)))
        im = ax.imshow(zmat.to_numpy(dtype=float), cmap=F.DIVERGING, vmin=-2, vmax=2, aspect="auto")
        for i in range(zmat.shape[0]):
            for j in range(zmat.shape[1]):
                v, z = vmat.iat[i, j], zmat.iat[i, j]
                txt = "–" if pd.isna(v) else (f"{v:,.0f}" if abs(v) >= 100 else f"{v:.2f}")
                txt = "0.00" if txt == "-0.00" else txt
                ax.text(j, i, txt, ha="center", va="center", fontsize=8,
                        color="white" if pd.notna(z) and abs(z) > 1.3 else "black")
        ax.set_yticks(range(len(measures)), list(measures.values()))
        ax.set_xticks(range(len(order)), ["\n".join(textwrap.wrap(labels[a], 12)[:3]) for a in order], fontsize=8)
        ax.xaxis.tick_top()
        fig.colorbar(im, ax=ax, label="z-score within corpus (clipped ±2)", shrink=0.8)
        fig.suptitle(f"Article profile (n={len(order)} articles; colour = z-score, cell text = raw value)")
    return fig, data


def actor_portrayal(portrayal: pd.DataFrame, *, top: int = 12, min_sentences: int = 1):
    """Actor salience (mentions) and mean compound of the sentences naming each actor (95% CI-free; n shown)."""
    p = portrayal[portrayal["sentences"] >= min_sentences].head(top)
    data = p[["actor", "type", "side", "mentions", "articles", "sentences", "compound_mean", "share_negative",
              "share_positive", "loaded_hits"]].reset_index(drop=True)
    with F.style():
        fig, (a1, a2) = plt.subplots(1, 2, sharey=True, figsize=F.figsize("double", rows=len(data)),
                                     gridspec_kw={"width_ratios": [1, 1.4]})
        if data.empty:
            _empty(fig, a1, "no actor mentions")
            a2.set_axis_off()
            return fig, data
        y = np.arange(len(data))
        tcol = F.colours_for(data["type"])
        a1.barh(y, data["mentions"], color=[tcol[t] for t in data["type"]])
        _barh_labels(a1, [f"{a} (n={s})" for a, s in zip(data["actor"], data["sentences"])])
        for yi, m in zip(y, data["mentions"]):
            a1.text(m, yi, f" {m}", va="center", fontsize=7)
        a1.set_xlabel("mentions (count; n = sentences)")
        a2.axvline(0, color="#999999", lw=0.6)
        a2.barh(y, -data["share_negative"], color=F.SENTIMENT_COLOURS["negative"], alpha=0.5)
        a2.barh(y, data["share_positive"], color=F.SENTIMENT_COLOURS["positive"], alpha=0.5)
        a2.scatter(data["compound_mean"], y, color="black", s=14, zorder=3)
        a2.set_xlim(-1.05, 1.05)
        a2.set_xlabel("tone of the sentences naming it")
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in tcol.values()] + [
            plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["negative"], alpha=0.5),
            plt.Rectangle((0, 0), 1, 1, color=F.SENTIMENT_COLOURS["positive"], alpha=0.5),
            plt.Line2D([], [], color="black", marker="o", ls="", ms=4)]
        names = [f"type: {t}" for t in tcol] + ["share negative (←)", "share positive (→)", "mean compound"]
        fig.legend(handles, names, loc="outside lower center", ncol=4)
        fig.suptitle(f"Actor portrayal (n = sentences naming the actor; top {len(data)} by mentions)")
    return fig, data


def text_reuse(matrix: pd.DataFrame, passages: pd.DataFrame, articles: pd.DataFrame, *, n: int = 4):
    """Heatmap of shingle containment (row article's shingles found in column article), passages annotated."""
    labels = article_labels(articles)
    order = [a for a in _order(articles) if a in matrix.index]
    m = matrix.reindex(index=order, columns=order)
    rows = []
    for a in order:
        for b in order:
            if a == b:
                continue
            pa, pb = sorted((a, b))
            k = int(((passages["article_a"] == pa) & (passages["article_b"] == pb)).sum()) if len(passages) else 0
            rows.append({"article_a": a, "article_b": b, "label_a": labels[a], "label_b": labels[b],
                         "containment": float(m.loc[a, b]), "passages": k})
    data = pd.DataFrame(rows, columns=["article_a", "article_b", "label_a", "label_b", "containment", "passages"])
    arr = m.to_numpy(dtype=float).copy()
    np.fill_diagonal(arr, np.nan)
    with F.style():
        fig, ax = plt.subplots(figsize=(F.SINGLE + 1.3, 1.6 + 0.42 * len(order)))
        vmax = max(0.05, np.nanmax(arr) if np.isfinite(arr).any() else 0.05)
        im = ax.imshow(arr, cmap=F.SEQUENTIAL, vmin=0, vmax=vmax)
        for r in data.itertuples():
            i, j = order.index(r.article_a), order.index(r.article_b)
            txt = f"{100 * r.containment:.1f}%" + (f"\n{r.passages} p." if r.passages else "")
            ax.text(j, i, txt, ha="center", va="center", fontsize=8,
                    color="black" if r.containment > 0.6 * vmax else "white")
        short = [labels[a][:6] for a in order]
        ax.set_xticks(range(len(order)), short, rotation=45, ha="right")
        ax.set_yticks(range(len(order)), [labels[a][:24] for a in order])
        ax.set_xlabel("found in article (id prefix)")
        cbar = fig.colorbar(im, ax=ax, label=f"containment of row in column (% of {n}-word shingles)", shrink=0.8)
        cbar.ax.yaxis.set_major_formatter(mticker.PercentFormatter(xmax=1, decimals=0))
        ax.set_title(f"Text reuse (n={len(order)} articles; p. = shared passages)")
    return fig, data


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
    "sources-by-side": sources_by_side,
    "sourcing-by-article": sourcing_by_article,
    "attribution-verbs": attribution_verbs,
    "article-profile": article_profile,
    "actor-portrayal": actor_portrayal,
    "text-reuse": text_reuse,
}
