"""VADER sentence scores and per-article aggregates on sentences written for these tests."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.sentiment import article_sentiment, polarity, score


@pytest.mark.parametrize("sentence, sign", [
    ("The two countries enjoy a warm, sincere and wonderful friendship.", 1),
    ("The invasion resulted in brutal massacres and terrible suffering.", -1),
    ("The office opened on Tuesday in Tel Aviv.", 0),
])
def test_sentiment_sign_on_hand_written_sentences(sentence, sign):
    c = score(sentence)["compound"]
    assert polarity(c) == {1: "positive", -1: "negative", 0: "neutral"}[sign]


def test_aggregates_and_shares_computed_by_hand():
    df = pd.DataFrame({"article_id": ["a"] * 4, "compound": [0.5, -0.5, 0.0, 0.04],
                       "voice": ["author", "quoted", "author", "author"]})
    row = article_sentiment(df).iloc[0]
    assert row["sentiment_mean"] == pytest.approx(0.01)
    assert row["sentiment_median"] == pytest.approx(0.02)
    assert row["share_positive"] == pytest.approx(0.25)
    assert row["share_negative"] == pytest.approx(0.25)
    assert row["share_neutral"] == pytest.approx(0.5)
    assert row["sentiment_quoted_mean"] == pytest.approx(-0.5)
    assert row["sentiment_author_mean"] == pytest.approx((0.5 + 0.0 + 0.04) / 3)
    assert row["sentences_author"] == 3 and row["sentences_quoted"] == 1


def test_whole_article_compound_saturates_but_sentence_mean_does_not(corpus):
    """Why the article-level compound is not reported alone: on the seeds it is near ±1."""
    from analysis.sentiment import sentence_table

    art = next(a for a in corpus if a.meta["source"].startswith("002"))
    agg = article_sentiment(sentence_table([art]), texts={art.id: art.text}).iloc[0]
    assert agg["compound_whole"] > 0.99
    assert agg["sentiment_mean"] < 0.6
    assert not math.isnan(agg["sentiment_sd"])


# --- the news score -------------------------------------------------------------------------------------

# From the seed articles, as quoted in issue 11: VADER reads the first as positive (+0.71).
OCCUPATION = ("For 27 years, the Armenian occupation army engaged in looting and vandalism, wiping out such "
              "handsome cities as Aghdam, Fizuli, Jabrayil, and Zangilan from the face of the earth.")


def test_news_score_discounts_the_handsome_cities_of_a_looting_sentence():
    """VADER: +0.71 ("handsome"); looting and vandalism are not in its lexicon. The news score halves it at
    least, though it does not reach negative (a known limit, docs/sentiment.md)."""
    from analysis.sentiment import news_score

    assert score(OCCUPATION)["compound"] > 0.7
    assert news_score(OCCUPATION) < 0.35


def test_news_score_is_bounded_and_uses_the_given_compound():
    from analysis.sentiment import news_score

    s = "The two countries enjoy a warm, sincere and wonderful friendship."
    assert -1 <= news_score(s) <= 1
    assert news_score(s, compound=score(s)["compound"]) == pytest.approx(news_score(s))
    assert news_score(s) > news_score("The invasion resulted in brutal massacres and terrible suffering.")


def test_news_score_logit_is_the_dot_product_of_the_features(corpus):
    """The fast scorer adds the same weighted features in the same order as the feature dict: equal floats,
    on every seed sentence and on sentences with repeated words and bigrams, negators, quotes, non-ASCII."""
    from analysis.sentiment import load_sentence_model
    from analysis.tsc.features import sentence_features, sentence_logit

    from analysis.tsc.features import SentenceWeights

    m = load_sentence_model()
    split = SentenceWeights(m.weights)
    texts = [s.text for a in corpus for s in a.sentences] + [
        "No, no, it is not bad; it is not bad at all.", "“Straße” and ÉCOLE naïvely: a café’s “quoted” view.",
        "They can't've known; we don't, won't and shouldn't."]
    for t in texts:
        c = score(t)["compound"]
        dot = sum(m.weights.get(k, 0.0) * v for k, v in sentence_features(t, c).items())
        assert sentence_logit(t, split, c) == dot
    assert sentence_logit(texts[-1], m.weights) == sentence_logit(texts[-1], split)  # the plain dict works too


def test_sentiment_mean_is_the_news_score_and_vader_mean_is_kept():
    df = pd.DataFrame({"article_id": ["a", "a"], "compound": [0.5, -0.1], "news_score": [0.2, -0.4]})
    row = article_sentiment(df).iloc[0]
    assert row["sentiment_mean"] == pytest.approx(-0.1)
    assert row["vader_mean"] == pytest.approx(0.2)
    assert row["share_positive"] == pytest.approx(0.5)  # shares stay on VADER's compound


def test_news_score_beats_vader_on_held_out_rated_news_sentences():
    """120 hand-rated PolNeAR sentences never tuned on (tests/gold/README.md); texts read from ../shared."""
    import os

    from scipy.stats import pearsonr

    from analysis import paths
    from analysis.sentiment import news_ratings, news_score

    if not (paths.POLNEAR / "data").is_dir():
        if os.environ.get("FRAMING_REQUIRE_SEEDS"):
            pytest.fail(f"PolNeAR texts not found at {paths.POLNEAR}")
        pytest.skip(f"PolNeAR texts not found at {paths.POLNEAR}: held-out sentence ratings not checked")
    rows = [r for r in news_ratings() if r["split"] == "holdout"]
    assert len(rows) == 120
    y = [r["rating"] for r in rows]
    ours = pearsonr([news_score(r["text"]) for r in rows], y)[0]
    vader = pearsonr([score(r["text"])["compound"] for r in rows], y)[0]
    assert ours >= 0.55 and ours > vader
