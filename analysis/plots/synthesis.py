"""Figures of notebook 05 (synthesis): article profile, text reuse."""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
import pandas as pd

from .. import figures as F
from .base import (
    _outlets, PROFILE_MEASURES, TOP_N, article_labels, per_article, _short, _view, _order, _barh_labels, _empty,
)


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
