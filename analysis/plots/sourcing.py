"""Figures of notebook 04 (sourcing): sides and roles, mentioned vs quoted, ratios, verbs."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from .. import figures as F
from .base import (
    TOP_N, article_labels, per_article, _view, _hist, _outside_legend, _order, _barh_labels, _empty,
)


def _side(s: pd.Series) -> pd.Series:
    return s.fillna("unknown").astype(str).replace("", "unknown")


def role_colours(roles) -> dict[str, tuple[str, str]]:
    """A distinct (colour, hatch) per role: the Okabe–Ito colours, then the same colours hatched."""
    from ..speakers import ROLES

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
