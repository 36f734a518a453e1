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
