"""Uncertainty for corpus-level rates and shares: bootstrap over articles, and minimum counts.

Method
------
The observations behind a share (sentences, attributions, words, mentions)
are not independent: they cluster in articles, whose authors, topics and
styles differ.  Intervals that treat sentences as independent draws are too
narrow.  Following the cluster (block) bootstrap (Davison & Hinkley 1997,
*Bootstrap Methods and their Application*, §3.8; Field & Welsh 2007,
"Bootstrapping clustered data", *JRSS B* 69(3):369–390), every interval here
resamples **articles** with replacement and recomputes the ratio estimator
``sum(numerator) / sum(denominator)`` over the resampled articles; the 95 %
interval is the 2.5th–97.5th percentile of the replicates (percentile
method).  With fewer than :data:`MIN_ARTICLES` articles an interval is not
computed (NaN): a bootstrap over one or two articles says nothing.

A share is reported or ranked only when it rests on at least
:data:`MIN_COUNT` observations (its denominator); below that the prose says
"too few to say" and gives the raw count.  The choice of 5 follows the usual
rule of thumb for expected cell counts (Cochran 1954, *Biometrics*
10(4):417–451) and keeps "100 % of 1 attribution" out of any ranking.

Replicates are drawn with a fixed seed, so results are deterministic; the
cost is linear in the number of articles (``reps × articles`` draws, in
blocks).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

__all__ = ["MIN_COUNT", "MIN_ARTICLES", "REPS", "Estimate", "per_article", "bootstrap_ratio",
           "share_by_group", "mean_by_article", "format_share", "format_interval", "enough"]

#: Minimum observations (the denominator) before a share is reported or ranked.
MIN_COUNT = 5
#: Minimum number of articles before a bootstrap interval is computed.
MIN_ARTICLES = 3
#: Bootstrap replicates.
REPS = 1000
_BLOCK = 250


@dataclass(frozen=True)
class Estimate:
    """A ratio estimate with its article-bootstrap interval and what it rests on."""

    value: float
    low: float
    high: float
    numerator: float
    denominator: float
    articles: int

    @property
    def enough(self) -> bool:
        """True when the denominator reaches :data:`MIN_COUNT`."""
        return self.denominator >= MIN_COUNT


def enough(n: float, *, min_count: int = MIN_COUNT) -> bool:
    """Whether ``n`` observations are enough to report a share (``n >= min_count``)."""
    return bool(n >= min_count)


def per_article(rows: pd.DataFrame, *, value: str | None = None, article: str = "article_id") -> pd.Series:
    """Per-article totals of ``value`` (or row counts when ``value`` is None), indexed by article id."""
    if rows.empty:
        return pd.Series(dtype=float)
    key = rows[article].astype(str)
    if value is None:
        return key.value_counts(sort=False).astype(float)
    return pd.to_numeric(rows[value], errors="coerce").fillna(0).groupby(key, sort=False).sum().astype(float)


def _replicate_sums(values: np.ndarray, *, reps: int, seed: int) -> np.ndarray:
    """Column sums of ``values`` (articles × columns) over ``reps`` resamples of the articles (reps × columns).

    Each replicate draws as many articles as there are, with replacement; the
    draw counts are built with ``bincount`` so the cost is linear in
    ``reps × articles``.
    """
    k = values.shape[0]
    rng = np.random.default_rng(seed)
    out = []
    for start in range(0, reps, _BLOCK):
        b = min(_BLOCK, reps - start)
        idx = rng.integers(0, k, size=(b, k))
        w = np.bincount((np.arange(b)[:, None] * k + idx).ravel(), minlength=b * k).reshape(b, k)
        out.append(w @ values)
    return np.vstack(out)


def _percentiles(num: np.ndarray, den: np.ndarray, level: float) -> tuple[float, float]:
    with np.errstate(invalid="ignore", divide="ignore"):
        r = np.where(den > 0, num / den, np.nan)
    r = r[np.isfinite(r)]
    if not len(r):
        return float("nan"), float("nan")
    a = (1 - level) / 2
    lo, hi = np.quantile(r, [a, 1 - a])
    return float(lo), float(hi)


def bootstrap_ratio(numerator: pd.Series, denominator: pd.Series, *, reps: int = REPS, seed: int = 0,
                    level: float = 0.95) -> Estimate:
    """``sum(numerator) / sum(denominator)`` with a percentile interval from resampling articles.

    Both series are per-article totals indexed by article id; articles
    missing from ``numerator`` count 0.  The articles are those of
    ``denominator`` (articles with a zero denominator take part in the
    resampling, as they do in the corpus).  Returns NaN for an empty
    denominator and NaN bounds for fewer than :data:`MIN_ARTICLES` articles.
    """
    den = pd.to_numeric(denominator, errors="coerce").fillna(0).astype(float)
    num = pd.to_numeric(numerator, errors="coerce").reindex(den.index).fillna(0).astype(float)
    d, k = float(den.sum()), len(den)
    value = float(num.sum()) / d if d > 0 else float("nan")
    if k < MIN_ARTICLES or d <= 0:
        return Estimate(value, float("nan"), float("nan"), float(num.sum()), d, k)
    sums = _replicate_sums(np.column_stack([num.to_numpy(), den.to_numpy()]), reps=reps, seed=seed)
    lo, hi = _percentiles(sums[:, 0], sums[:, 1], level)
    return Estimate(value, lo, hi, float(num.sum()), d, k)


def share_by_group(rows: pd.DataFrame, *, group: str, value: str | None = None, articles=None,
                   reps: int = REPS, seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """Share of ``value`` (or of rows) falling in each level of ``group``, with article-bootstrap intervals.

    ``articles`` (optional) lists every article id of the corpus, so that
    articles without any row take part in the resampling.  All levels share
    the same resamples.  Columns: ``group`` level, ``count``, ``total``,
    ``share``, ``ci_low``, ``ci_high``, ``articles`` (articles with a row in
    this level), ``enough`` (total ≥ :data:`MIN_COUNT`).  Sorted by count.
    """
    cols = [group, "count", "total", "share", "ci_low", "ci_high", "articles", "enough"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    r = rows.assign(_g=rows[group].fillna("unknown").astype(str), _a=rows["article_id"].astype(str),
                    _v=1.0 if value is None else pd.to_numeric(rows[value], errors="coerce").fillna(0).astype(float))
    table = r.pivot_table(index="_a", columns="_g", values="_v", aggfunc="sum", fill_value=0.0)
    if articles is not None:
        table = table.reindex(pd.Index([str(a) for a in articles]).union(table.index), fill_value=0.0)
    n = table.to_numpy(dtype=float)
    den = n.sum(axis=1)
    total = float(den.sum())
    k = len(table)
    if k >= MIN_ARTICLES and total > 0:
        sums = _replicate_sums(np.column_stack([n, den]), reps=reps, seed=seed)
        bounds = [_percentiles(sums[:, j], sums[:, -1], level) for j in range(n.shape[1])]
    else:
        bounds = [(float("nan"), float("nan"))] * n.shape[1]
    arts = r.groupby("_g")["_a"].nunique()
    out = [{group: g, "count": float(n[:, j].sum()), "total": total,
            "share": float(n[:, j].sum()) / total if total > 0 else float("nan"),
            "ci_low": bounds[j][0], "ci_high": bounds[j][1], "articles": int(arts.get(g, 0)),
            "enough": enough(total)} for j, g in enumerate(table.columns)]
    return pd.DataFrame(out, columns=cols).sort_values(["count", group], ascending=[False, True],
                                                       kind="stable").reset_index(drop=True)


def mean_by_article(rows: pd.DataFrame, *, value: str, reps: int = REPS, seed: int = 0) -> Estimate:
    """Mean of ``value`` over rows (e.g. sentence compound), with an interval resampling articles."""
    v = rows.assign(_v=pd.to_numeric(rows[value], errors="coerce")).dropna(subset=["_v"])
    return bootstrap_ratio(per_article(v, value="_v"), per_article(v), reps=reps, seed=seed)


def format_interval(low: float, high: float, *, percent: bool = True, digits: int = 0) -> str:
    """``95 % CI 30–80 %`` (or empty when the bounds are NaN)."""
    if not (np.isfinite(low) and np.isfinite(high)):
        return ""
    if percent:
        return f"95 % CI {100 * low:.{digits}f}–{100 * high:.{digits}f} %"
    return f"95 % CI {low:+.2f} to {high:+.2f}"


def format_share(value: float, low: float = float("nan"), high: float = float("nan"), *, count: float | None = None,
                 total: float | None = None, unit: str = "", min_count: int = MIN_COUNT) -> str:
    """A share as prose: ``54 % (95 % CI 30–80 %; 21 of 39 attributions)``.

    Below ``min_count`` observations the share is withheld:
    ``too few to say (1 of 1 attribution)``.
    """
    counts = ""
    if count is not None and total is not None:
        noun = unit if (not unit or total == 1) else (unit if unit.endswith("s") else unit + "s")
        counts = f"{int(count):,} of {int(total):,}{' ' + noun if noun else ''}"
    if total is not None and total < min_count:
        return f"too few to say ({counts})" if counts else "too few to say"
    if not np.isfinite(value):
        return f"n/a ({counts})" if counts else "n/a"
    ci = format_interval(low, high)
    inner = "; ".join(x for x in (ci, counts) if x)
    return f"{100 * value:.0f} %" + (f" ({inner})" if inner else "")
