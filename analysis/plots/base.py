"""Shared pieces of the report figures: article labels, the scale switch (:data:`MAX_ROWS`), confidence
intervals and small drawing helpers.  Style and palette live in :mod:`analysis.figures`."""
from __future__ import annotations

import logging
import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

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


def _outlets(articles: pd.DataFrame) -> pd.Series:
    """Outlet per article id; missing outlets are NaN (never pooled into an outlet of their own)."""
    o = articles["outlet"] if "outlet" in articles else pd.Series(np.nan, index=articles.index)
    o = o.where(o.astype(str).str.strip().ne("") & o.notna())
    return pd.Series(o.to_numpy(), index=articles["article_id"].astype(str).to_numpy())
