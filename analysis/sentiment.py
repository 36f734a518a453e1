"""Sentence-level sentiment with VADER, aggregated per article.

Method
------
VADER (Hutto & Gilbert 2014, "VADER: A Parsimonious Rule-based Model for
Sentiment Analysis of Social Media Text", ICWSM) scores each sentence of the
cleaned text; its lexicon ships inside the ``vaderSentiment`` package, so
nothing is downloaded.  Per article we report the mean, standard deviation
and median of the sentence compound scores and the share of positive,
neutral and negative sentences with VADER's own thresholds (compound
>= 0.05 positive, <= -0.05 negative, otherwise neutral).

We do *not* report VADER's compound score over a whole article on its own:
the compound is a normalised sum that saturates towards ±1 as texts grow, so
long articles look uniformly extreme.  It is therefore not in the result
tables; :func:`article_sentiment` adds it as ``compound_whole`` only when asked
(``texts=``), as the ``sentiment-by-article`` figure does for contrast.

Known limits: VADER was built for social media; it misses irony, domain
terms ("occupation", "liberated" carry no valence in its lexicon), and it
scores the sentiment of the *words*, not the stance towards any actor.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

__all__ = ["POSITIVE", "NEGATIVE", "score", "sentence_table", "article_sentiment", "polarity"]

#: VADER's conventional thresholds on the compound score.
POSITIVE = 0.05
NEGATIVE = -0.05

SENTENCE_COLUMNS = ["article_id", "sentence", "start", "end", "text", "compound", "pos", "neu", "neg"]


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def score(text: str) -> dict[str, float]:
    """VADER scores of ``text``: compound, pos, neu, neg."""
    s = _analyzer().polarity_scores(text)
    return {"compound": s["compound"], "pos": s["pos"], "neu": s["neu"], "neg": s["neg"]}


def polarity(compound: float) -> str:
    """'positive', 'neutral' or 'negative' by VADER's ±0.05 convention."""
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def sentence_table(articles: Iterable) -> pd.DataFrame:
    """One row per sentence: offsets into the cleaned text and its VADER scores."""
    rows = []
    for art in articles:
        for s in art.sentences:
            rows.append({"article_id": art.id, "sentence": s.index, "start": s.start, "end": s.end,
                         "text": s.text, **score(s.text)})
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def _aggregate(compounds: Sequence[float], prefix: str = "sentiment") -> dict[str, float]:
    c = np.asarray(compounds, dtype=float)
    n = len(c)
    if n == 0:
        return {f"{prefix}_mean": np.nan, f"{prefix}_sd": np.nan, f"{prefix}_median": np.nan}
    return {
        f"{prefix}_mean": float(c.mean()),
        f"{prefix}_sd": float(c.std(ddof=1)) if n > 1 else 0.0,
        f"{prefix}_median": float(np.median(c)),
    }


def article_sentiment(sentences: pd.DataFrame, *, texts: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per-article aggregates of a :func:`sentence_table`.

    Columns: ``sentiment_mean, sentiment_sd, sentiment_median, share_positive,
    share_neutral, share_negative`` and, when the table has a ``voice`` column
    (author | quoted), ``sentiment_author_mean, sentiment_quoted_mean,
    sentences_author, sentences_quoted``.  With ``texts`` (article_id -> text)
    the saturating whole-text compound is added as ``compound_whole``.
    """
    rows = []
    if sentences.empty:
        return pd.DataFrame(columns=["article_id", "sentiment_mean", "sentiment_sd", "sentiment_median",
                                     "share_positive", "share_negative", "share_neutral"])
    for art_id, g in sentences.groupby("article_id", sort=False):
        c = g["compound"].to_numpy(dtype=float)
        row = {"article_id": art_id, **_aggregate(c)}
        n = len(c)
        row["share_positive"] = float((c >= POSITIVE).sum() / n) if n else np.nan
        row["share_negative"] = float((c <= NEGATIVE).sum() / n) if n else np.nan
        row["share_neutral"] = float(1 - row["share_positive"] - row["share_negative"]) if n else np.nan
        if "voice" in g:
            for voice in ("author", "quoted"):
                sub = g.loc[g["voice"] == voice, "compound"]
                row[f"sentiment_{voice}_mean"] = float(sub.mean()) if len(sub) else np.nan
                row[f"sentences_{voice}"] = int(len(sub))
        if texts is not None and art_id in texts:
            row["compound_whole"] = score(texts[art_id])["compound"]
        rows.append(row)
    return pd.DataFrame(rows)
