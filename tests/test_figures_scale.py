"""Figures stay legible from 2 to 10,000 articles: chart type switches, no overlapping labels or legends.

The tables are synthetic (built here with a fixed seed) so every size can be drawn; the rules checked are
the ones a reader sees: tick labels that do not overlap, at most :data:`analysis.plots.MAX_ROWS` labelled
rows, legends outside the plotting area, articles without an outlet not drawn as an outlet.
"""
from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis import plots as P  # noqa: E402

OUTLETS = ["Daily Star", "Morning Post", "News.Az", "Caliber.Az", "The Courier", "Evening Herald"]


def synthetic(n: int, *, seed: int = 0, sentences_per_article: int = 4):
    """Articles, sentences, cleaning, sources and passages tables for ``n`` articles (fixed seed)."""
    rng = np.random.default_rng(seed)
    ids = [f"{i:012x}" for i in range(n)]
    outlet = [OUTLETS[i % len(OUTLETS)] if i % 5 else None for i in range(n)]  # every 5th has no outlet
    words = rng.integers(150, 2000, n)
    att = rng.integers(0, 12, n)
    a = pd.DataFrame({
        "article_id": ids, "title": [f"A rather long headline number {i} about a summit" if i % 3 else None
                                     for i in range(n)],
        "outlet": outlet, "genre": rng.choice(["news", "opinion", "interview"], n),
        "published": [f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(n)],
        "words": words, "sentences": np.full(n, sentences_per_article),
        "flesch_kincaid_grade": rng.normal(12, 2, n), "gunning_fog": rng.normal(14, 2, n),
        "smog_index": rng.normal(13, 2, n), "sentiment_mean": rng.uniform(-0.5, 0.5, n),
        "share_negative": rng.uniform(0, 0.5, n), "loaded_per_1000": rng.uniform(0, 20, n),
        "loaded_per_1000_name_calling": rng.uniform(0, 5, n), "loaded_per_1000_absolutes": rng.uniform(0, 5, n),
        "attributions": att, "quoted_word_share": rng.uniform(0, 0.6, n),
        "anonymous_share": np.where(att > 0, rng.uniform(0, 1, n), np.nan),
        "dominance": np.where(att > 0, rng.uniform(0.2, 1, n), np.nan),
        "evaluative_verb_share": np.where(att > 0, rng.uniform(0, 1, n), np.nan),
    })
    a["share_positive"] = rng.uniform(0, 1 - a["share_negative"])
    a["share_neutral"] = 1 - a["share_negative"] - a["share_positive"]
    k = sentences_per_article
    s = pd.DataFrame({"article_id": np.repeat(ids, k), "sentence": np.tile(np.arange(k), n),
                      "compound": rng.uniform(-1, 1, n * k).round(4), "voice": np.tile(["author", "quoted"], n * k // 2 + 1)[: n * k]})
    c = pd.DataFrame({"article_id": np.repeat(ids, 2), "kind": np.tile(["title", "footer"], n),
                      "raw_start": 0, "raw_end": rng.integers(10, 200, 2 * n), "text": "x"})
    pairs = [(ids[i], ids[(i + 1) % n]) for i in range(0, n, 3)] if n > 1 else []
    p = pd.DataFrame({"article_a": [x for x, _ in pairs], "article_b": [y for _, y in pairs],
                      "words": rng.integers(8, 60, len(pairs)), "text": "a shared passage", "b_text": "a shared passage"})
    return a, s, c, p


def _texts(fig):
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    return r


def _overlaps(boxes) -> list:
    bad = []
    for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
        if a.x0 < b.x1 - 1 and b.x0 < a.x1 - 1 and a.y0 < b.y1 - 1 and b.y0 < a.y1 - 1:
            bad.append((i, j))
    return bad


def check_legible(fig):
    """No overlapping tick labels on any axis, at most MAX_ROWS labelled rows, legends clear of the axes."""
    r = _texts(fig)
    for ax in fig.axes:
        if not ax.get_visible() or ax.get_label() == "<colorbar>":
            continue
        for k, axis in enumerate((ax.xaxis, ax.yaxis)):
            lo, hi = sorted(axis.get_view_interval())
            labels = [t for t in axis.get_ticklabels() if t.get_visible() and t.get_text().strip()
                      and lo - 1e-9 <= t.get_position()[k] <= hi + 1e-9]  # ticks outside the view are not drawn
            assert len(labels) <= P.MAX_ROWS + 2, f"{len(labels)} tick labels on one axis"
            boxes = [t.get_window_extent(r) for t in labels]
            assert not _overlaps(boxes), [labels[i].get_text() for i, _ in _overlaps(boxes)][:3]
        for t in ax.texts:
            assert t.get_fontsize() >= 7
    axes_boxes = [ax.get_window_extent(r) for ax in fig.axes if ax.get_visible() and ax.axison]
    for leg in fig.legends:
        lb = leg.get_window_extent(r)
        for ab in axes_boxes:
            assert not _overlaps([lb, ab]), "figure legend overlaps an axes"


def _all(n):
    a, s, c, p = synthetic(n)
    return {
        "article-length": lambda: P.article_length(a),
        "readability-by-article": lambda: P.readability_by_article(a),
        "cleaning-removed": lambda: P.cleaning_removed(c, a),
        "sentiment-by-article": lambda: P.sentiment_by_article(s, a),
        "sentiment-shares": lambda: P.sentiment_shares(a),
        "sentiment-by-voice": lambda: P.sentiment_by_voice(s, a),
        "sentiment-by-outlet": lambda: P.sentiment_by_outlet(s, a),
        "loaded-rate-by-article": lambda: P.loaded_rate_by_article(a),
        "sourcing-by-article": lambda: P.sourcing_by_article(a),
        "article-profile": lambda: P.article_profile(a),
        "text-reuse": lambda: P.text_reuse(None, p, a),
    }


@pytest.mark.parametrize("n", [2, 20, 10_000])
def test_every_article_figure_is_legible(n):
    for name, make in _all(n).items():
        fig, data = make()
        try:
            check_legible(fig)
        except AssertionError as e:  # name the figure
            raise AssertionError(f"{name} at {n} articles: {e}") from None
        finally:
            plt.close(fig)
        w, h = fig.get_size_inches()
        assert w <= 7.3 and h <= 10, f"{name} at {n} articles is {w:.1f}×{h:.1f} in"


@pytest.mark.parametrize("n,view", [(2, "per-article"), (20, "per-article"), (31, "distribution"),
                                    (10_000, "distribution")])
def test_chart_type_switches_with_corpus_size(n, view):
    a, s, _, _ = synthetic(n)
    for fig, _ in (P.article_length(a), P.sentiment_by_article(s, a), P.sentiment_shares(a),
                   P.sourcing_by_article(a), P.loaded_rate_by_article(a)):
        assert fig.framing_view == view
        plt.close(fig)
    fig, _ = P.article_profile(a)
    assert fig.framing_view == ("per-article" if n <= P.MAX_ROWS else "by-group")
    plt.close(fig)


def test_distribution_data_keeps_every_article():
    a, s, _, _ = synthetic(500)
    fig, data = P.sentiment_by_article(s, a)
    plt.close(fig)
    assert len(data) == 500
    assert np.allclose(data.set_index("article_id")["mean"], s.groupby("article_id")["compound"].mean())


def test_unknown_outlet_is_not_an_outlet():
    a, s, _, _ = synthetic(40)
    fig, data = P.sentiment_by_outlet(s, a)
    title = fig.axes[0].get_title()
    plt.close(fig)
    assert "(outlet unknown)" not in set(data["outlet"]) and data["outlet"].notna().all()
    assert set(data["outlet"]) <= set(OUTLETS)
    assert "8 articles without outlet left out" in title  # every 5th of 40
    assert data["n_articles"].sum() == 32


def test_top_n_outlets_at_scale():
    a, s, _, _ = synthetic(200)
    a["outlet"] = [f"Outlet {i % 50}" for i in range(200)]
    fig, data = P.sentiment_by_outlet(s, a)
    plt.close(fig)
    assert len(data) == P.TOP_N


def test_text_reuse_heatmap_small_and_pairs_when_large():
    a, _, _, p = synthetic(20)
    ids = a["article_id"].tolist()
    m = pd.DataFrame(0.0, index=ids, columns=ids)
    m.iloc[0, 1] = 0.3
    fig, data = P.text_reuse(m.iloc[:5, :5], p, a.head(5))
    assert fig.framing_view == "per-article" and len(data) == 20  # 5 × 4 ordered pairs
    check_legible(fig)
    plt.close(fig)
    fig, data = P.text_reuse(m, p, a)
    assert fig.framing_view == "top-n" and len(data) <= P.TOP_N
    assert data["words"].is_monotonic_decreasing
    check_legible(fig)
    plt.close(fig)


def test_actor_stance_draws_shares_only_with_enough_mentions():
    s = pd.DataFrame({"actor": ["Armenia", "Israel", "Iran"], "mentions": [40, 30, 3], "articles": [4, 3, 1],
                      "negative": [24, 3, 2], "neutral": [12, 12, 1], "positive": [4, 15, 0],
                      "mean_score": [-0.4, 0.3, -0.6], "share_negative": [0.6, 0.1, np.nan],
                      "share_negative_lo": [0.45, 0.02, np.nan], "share_negative_hi": [0.75, 0.2, np.nan],
                      "share_positive": [0.1, 0.5, np.nan], "share_positive_lo": [0.02, 0.35, np.nan],
                      "share_positive_hi": [0.2, 0.65, np.nan]})
    fig, data = P.actor_stance(s)
    check_legible(fig)
    bars = [p for p in fig.axes[1].patches]
    plt.close(fig)
    assert len(bars) == 4  # negative and positive for the two actors with shares; none for Iran
    assert data["actor"].tolist() == ["Armenia", "Israel", "Iran"]
