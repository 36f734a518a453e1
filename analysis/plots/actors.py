"""Figures of the actors (notebook 05): salience and tone of the sentences naming each actor, and the
target-dependent portrayal labels towards it."""
from __future__ import annotations

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from .. import figures as F
from .base import _barh_labels, _empty, _outside_legend, _short, _view


def _two_panels(data: pd.DataFrame):
    """The two-panel scaffold of the actor figures: mentions (left) beside tone (right), one row per actor.

    Returns ``(fig, left, right)``; ``right`` is None when there is nothing to draw (the figure then says so).
    """
    fig, (a1, a2) = plt.subplots(1, 2, sharey=True, figsize=F.figsize("double", rows=max(len(data), 2)),
                                 gridspec_kw={"width_ratios": [1, 1.4]})
    if data.empty:
        _empty(fig, a1, "no actor mentions")
        a2.set_axis_off()
        return fig, a1, None
    return fig, a1, a2


def _mentions_panel(ax, mentions: pd.Series, labels: list[str], *, xlabel: str) -> None:
    """Grey mention-count bars with their values, labelled one row per actor (no colour means a type or tone)."""
    y = np.arange(len(mentions))
    ax.barh(y, mentions, color="#777777")
    _barh_labels(ax, labels)
    for yi, m in zip(y, mentions):
        ax.text(m, yi, f" {m}", va="center", fontsize=7)
    ax.set_xlim(0, mentions.max() * 1.25)
    ax.set_xlabel(xlabel)


def actor_portrayal(portrayal: pd.DataFrame, *, top: int = 12, min_sentences: int = 1, min_count: int | None = None):
    """Actor salience (mentions) and the tone of the sentences naming each actor, with n and intervals.

    ``portrayal``: :func:`analysis.actors.actor_portrayal`, optionally with
    ``ci_low``/``ci_high`` for ``compound_mean`` (drawn as error bars).
    Actors with fewer than ``min_count`` sentences (default
    :data:`analysis.stats.MIN_COUNT`) are drawn hollow, without shares.
    Mentions are grey so that no colour means both a type and a tone.
    """
    from ..stats import MIN_COUNT

    min_count = MIN_COUNT if min_count is None else min_count
    p = portrayal[portrayal["sentences"] >= min_sentences].head(top)
    keep = ["actor", "type", "side", "mentions", "articles", "sentences", "compound_mean", "ci_low", "ci_high",
            "share_negative", "share_positive", "loaded_hits"]
    data = p.reindex(columns=keep).reset_index(drop=True)
    with F.style():
        fig, a1, a2 = _two_panels(data)
        if a2 is None:
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        small = (data["sentences"] < min_count).to_numpy()
        _mentions_panel(a1, data["mentions"], [f"{a} ({t}; n={s})" for a, t, s in
                                               zip(data["actor"], data["type"], data["sentences"])],
                        xlabel="mentions (count; n = sentences)")
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
        fig, a1, a2 = _two_panels(data)
        if a2 is None:
            return _view(fig, "empty"), data
        y = np.arange(len(data))
        _mentions_panel(a1, data["mentions"], [f"{_short(a, 30)} (n={m})" for a, m in
                                               zip(data["actor"], data["mentions"])], xlabel="mentions (count)")
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
