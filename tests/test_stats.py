"""Bootstrap over articles and minimum counts (analysis.stats); expected values worked out by hand."""
from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import stats


def test_ratio_identical_articles_has_a_point_interval():
    num = pd.Series([1, 1, 1, 1], index=list("abcd"))
    den = pd.Series([2, 2, 2, 2], index=list("abcd"))
    e = stats.bootstrap_ratio(num, den)
    assert e.value == 0.5 and e.low == 0.5 and e.high == 0.5
    assert e.numerator == 4 and e.denominator == 8 and e.articles == 4


def test_clustered_shares_get_wide_intervals():
    # 10 of 10 sentences positive in article a, 0 of 10 in b and c: pooled 1/3.
    # Resampling articles: P(no a) = (2/3)^3 = 0.30 > 2.5 %, so the lower bound is 0;
    # P(a three times) = 1/27 = 3.7 % > 2.5 %, so the upper bound is 1.
    # A binomial interval on 30 "independent" sentences would be about 0.17-0.53.
    num = pd.Series({"a": 10})
    den = pd.Series({"a": 10, "b": 10, "c": 10})
    e = stats.bootstrap_ratio(num, den, reps=2000)
    assert abs(e.value - 1 / 3) < 1e-12
    assert e.low == 0.0 and e.high == 1.0


def test_too_few_articles_give_no_interval():
    e = stats.bootstrap_ratio(pd.Series({"a": 1}), pd.Series({"a": 2, "b": 2}))
    assert e.value == 0.25 and np.isnan(e.low) and np.isnan(e.high)


def test_deterministic():
    rng = np.random.default_rng(3)
    den = pd.Series(rng.integers(1, 20, 50), index=[f"a{i}" for i in range(50)])
    num = (den * rng.uniform(0, 1, 50)).round()
    assert stats.bootstrap_ratio(num, den) == stats.bootstrap_ratio(num, den)


def test_share_by_group_counts_and_minimum():
    rows = pd.DataFrame({"article_id": ["a", "a", "b", "c", "c", "c"],
                         "side": ["x", "y", "x", "x", "x", None],
                         "attributions": [3, 1, 2, 1, 1, 2]})
    g = stats.share_by_group(rows, group="side", value="attributions", articles=["a", "b", "c", "d"]).set_index("side")
    assert g.loc["x", "count"] == 7 and g.loc["x", "total"] == 10 and g.loc["x", "share"] == 0.7
    assert g.loc["y", "articles"] == 1 and g.loc["unknown", "count"] == 2
    assert g["enough"].all()  # total 10 >= 5
    one = stats.share_by_group(rows.head(1), group="side", value="attributions")
    assert not one["enough"].any()  # 3 attributions < MIN_COUNT


def test_format_share_withholds_small_counts():
    assert stats.format_share(1.0, count=1, total=1, unit="attribution") == "too few to say (1 of 1 attribution)"
    assert stats.format_share(0.54, 0.3, 0.8, count=21, total=39, unit="attribution") == \
        "54 % (95 % CI 30–80 %; 21 of 39 attributions)"


def test_mean_by_article_resamples_articles():
    s = pd.DataFrame({"article_id": ["a"] * 3 + ["b"] * 1 + ["c"] * 2, "compound": [0.5, 0.5, 0.5, -1.0, 0.0, 0.0]})
    e = stats.mean_by_article(s, value="compound")
    assert abs(e.value - 0.5 / 6) < 1e-12 and e.articles == 3 and e.denominator == 6
    assert e.low < e.value < e.high
