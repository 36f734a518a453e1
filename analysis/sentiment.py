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

News score.  VADER reads news poorly: "war" or "attack" make a sentence
negative whatever it says about the war's outcome.  ``news_score`` blends
VADER's compound with a ridge regression over the sentence's words, bigrams
and valence sums (:func:`analysis.tsc.features.sentence_features`) trained on
NewsMTSC (Hamborg & Donnay 2021, EACL; MIT licence), where each sentence's
target is the mean polarity of its labelled targets.  The blend weight was
chosen on half of the project's hand-rated news sentences and the result
measured on the other half (``docs/sentiment.md``); ``sentiment_mean`` in
``articles.csv`` is the mean of whichever score correlated better with the
ratings (:data:`ARTICLE_SCORE`).

Known limits: VADER was built for social media; it misses irony, domain
terms ("occupation", "liberated" carry no valence in its lexicon), and it
scores the sentiment of the *words*, not the stance towards any actor.
"""
from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

from . import paths
from .errors import InputError

__all__ = ["POSITIVE", "NEGATIVE", "score", "news_score", "sentence_table", "sentence_rows", "article_sentiment", "polarity",
           "load_sentence_model", "news_ratings", "ARTICLE_SCORE", "sentiment_row"]

#: VADER's conventional thresholds on the compound score.
POSITIVE = 0.05
NEGATIVE = -0.05

SENTENCE_COLUMNS = ["article_id", "sentence", "start", "end", "text", "compound", "pos", "neu", "neg",
                    "news_score"]
SENTENCE_MODEL_FILE = paths.PACKAGE_DATA / "sentence_model.json.gz"
SENTENCE_MODEL_FORMAT = "framing-sentence-linear/1"
#: The hand-rated news sentences (offsets into PolNeAR texts in ../shared; see tests/gold/README.md).
RATINGS_FILE = paths.ROOT / "tests" / "gold" / "news_sentence_sentiment.csv"
#: The sentences.csv column averaged into ``sentiment_mean``: the one that correlated better with human
#: ratings of news sentences on the held-out half (docs/sentiment.md).
ARTICLE_SCORE = "news_score"


@lru_cache(maxsize=1)
def _analyzer():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=8192)
def _scores(text: str) -> tuple[float, float, float, float]:
    s = _analyzer().polarity_scores(text)
    return s["compound"], s["pos"], s["neu"], s["neg"]


def score(text: str) -> dict[str, float]:
    """VADER scores of ``text``: compound, pos, neu, neg (cached: the sentiment models reuse them)."""
    c, p, u, n = _scores(text)
    return {"compound": c, "pos": p, "neu": u, "neg": n}


def compound(text: str) -> float:
    """VADER's compound of ``text`` (cached)."""
    return _scores(text)[0]


@dataclass(frozen=True)
class SentenceModel:
    """Ridge weights over sentence features, blended with VADER's compound."""

    name: str
    version: str
    weights: dict
    intercept: float
    blend_model: float
    meta: dict

    @property
    def tag(self) -> str:
        return f"{self.name}@{self.version}"

    @cached_property
    def _split_weights(self):
        """The weights split for look-up by word (:class:`analysis.tsc.features.SentenceWeights`), built once."""
        from .tsc.features import SentenceWeights

        return SentenceWeights(self.weights)

    def score(self, text: str, compound: float | None = None) -> float:
        from .tsc.features import sentence_logit

        c = score(text)["compound"] if compound is None else compound
        # the dot product of the weights with sentence_features(text, c), without building the features
        z = self.intercept + sentence_logit(text, self._split_weights, c)
        return max(-1.0, min(1.0, self.blend_model * z + (1 - self.blend_model) * c))


@lru_cache(maxsize=1)
def load_sentence_model(path: str | Path | None = None) -> SentenceModel:
    """The news sentence model (default :data:`SENTENCE_MODEL_FILE`), checked; one clear error if unusable."""
    from .tsc.features import SENTENCE_FEATURE_VERSION
    from .tsc.model import read_model_file

    p = Path(path) if path is not None else SENTENCE_MODEL_FILE
    data = read_model_file(p, kind="sentence", fmt=SENTENCE_MODEL_FORMAT, feature_version=SENTENCE_FEATURE_VERSION,
                           retrain="scripts/train_sentence_sentiment.py")
    meta = {k: v for k, v in data.items() if k != "weights"}
    return SentenceModel(data["name"], str(data["version"]), data["weights"], float(data["intercept"]),
                         float(data["blend_model"]), meta)


def news_score(text: str, *, compound: float | None = None) -> float:
    """The project's news sentence score in [-1, 1] (see the module docstring); ``compound``: VADER's, if known."""
    return load_sentence_model().score(text, compound)


def news_ratings(path: str | Path | None = None) -> list[dict]:
    """The hand-rated news sentences with their texts read from PolNeAR (``paths.POLNEAR``).

    Rows: ``item, file, start, end, rating`` (-2..2), ``split`` (tune | holdout), ``text``.
    Raises :class:`InputError` naming the folder when the PolNeAR texts are not there.
    """
    p = Path(path) if path is not None else RATINGS_FILE
    base = paths.POLNEAR / "data"
    if not base.is_dir():
        raise InputError(base, "PolNeAR texts not found (set FRAMING_SHARED); the ratings hold offsets only")
    rows = []
    with open(p, encoding="utf-8", newline="") as fh:
        for n, r in enumerate(csv.DictReader(fh), 2):
            f = base / r["file"]
            if not f.is_file():
                raise InputError(f"{p}:{n}", f"text {f} not found")
            text = f.read_text(encoding="utf-8")[int(r["start"]):int(r["end"])]
            rows.append({**r, "start": int(r["start"]), "end": int(r["end"]), "rating": int(r["rating"]),
                         "text": text})
    return rows


def polarity(compound: float) -> str:
    """'positive', 'neutral' or 'negative' by VADER's ±0.05 convention."""
    if compound >= POSITIVE:
        return "positive"
    if compound <= NEGATIVE:
        return "negative"
    return "neutral"


def sentence_rows(articles: Iterable) -> list[tuple]:
    """The rows of :func:`sentence_table` (tuples in :data:`SENTENCE_COLUMNS` order)."""
    rows = []
    for art in articles:
        aid = art.id
        for s in art.sentences:
            c, p, u, n = _scores(s.text)
            rows.append((aid, s.index, s.start, s.end, s.text, c, p, u, n, round(news_score(s.text, compound=c), 4)))
    return rows


def sentence_frame(rows: list[tuple]) -> pd.DataFrame:
    """The table of :func:`sentence_rows`."""
    if not rows:
        return pd.DataFrame([], columns=SENTENCE_COLUMNS)
    return pd.DataFrame({c: list(v) for c, v in zip(SENTENCE_COLUMNS, zip(*rows))}, columns=SENTENCE_COLUMNS)


def sentence_table(articles: Iterable) -> pd.DataFrame:
    """One row per sentence: offsets into the cleaned text and its VADER scores."""
    return sentence_frame(sentence_rows(articles))


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


def article_sentiment(sentences: pd.DataFrame, *, texts: Mapping[str, str] | None = None,
                      measure: str | None = None) -> pd.DataFrame:
    """Per-article aggregates of a :func:`sentence_table`.

    ``sentiment_mean``, ``_sd`` and ``_median`` summarise ``measure`` (a
    column of the table; default :data:`ARTICLE_SCORE` when present, else
    VADER's ``compound``); ``vader_mean`` is always VADER's mean, for
    comparison.  The shares and the author/quoted means use VADER's compound
    (as the VADER figures of notebook 02 do).

    Columns: ``sentiment_mean, sentiment_sd, sentiment_median, vader_mean, share_positive,
    share_neutral, share_negative`` and, when the table has a ``voice`` column
    (author | quoted), ``sentiment_author_mean, sentiment_quoted_mean,
    sentences_author, sentences_quoted``.  With ``texts`` (article_id -> text)
    the saturating whole-text compound is added as ``compound_whole``.
    """
    rows = []
    if sentences.empty:
        return pd.DataFrame(columns=["article_id", "sentiment_mean", "sentiment_sd", "sentiment_median", "vader_mean",
                                     "share_positive", "share_negative", "share_neutral"])
    col = measure or (ARTICLE_SCORE if ARTICLE_SCORE in sentences else "compound")
    for art_id, g in sentences.groupby("article_id", sort=False):
        row = {"article_id": art_id, **sentiment_row(g["compound"].to_numpy(dtype=float), g[col].to_numpy(dtype=float),
                                                     g["voice"].tolist() if "voice" in g else None)}
        if texts is not None and art_id in texts:
            row["compound_whole"] = score(texts[art_id])["compound"]
        rows.append(row)
    return pd.DataFrame(rows)


def sentiment_row(compound: Sequence[float], measure: Sequence[float], voices: Sequence[str] | None = None) -> dict:
    """The :func:`article_sentiment` columns of one article (without ``article_id``) from its sentences'
    VADER ``compound`` scores, the ``measure`` averaged into ``sentiment_mean`` and their ``voices``."""
    c = np.asarray(compound, dtype=float)
    row = _aggregate(np.asarray(measure, dtype=float))
    n = len(c)
    row["vader_mean"] = float(c.mean()) if n else np.nan
    row["share_positive"] = float((c >= POSITIVE).sum() / n) if n else np.nan
    row["share_negative"] = float((c <= NEGATIVE).sum() / n) if n else np.nan
    row["share_neutral"] = float(1 - row["share_positive"] - row["share_negative"]) if n else np.nan
    if voices is not None:
        v = np.asarray(voices, dtype=object)
        for voice in ("author", "quoted"):
            sub = c[v == voice] if n else c
            row[f"sentiment_{voice}_mean"] = float(sub.mean()) if len(sub) else np.nan
            row[f"sentences_{voice}"] = int(len(sub))
    return row
