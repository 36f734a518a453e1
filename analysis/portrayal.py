"""Actor portrayal: the stance of each sentence towards each actor it mentions, and who voices it.

Method
------
For every actor mention (the ``actor_mentions`` table of
:mod:`analysis.actors`: article, offsets, sentence), the target-dependent
sentiment model of :mod:`analysis.tsc` (a linear classifier trained on
NewsMTSC, Hamborg & Donnay 2021, EACL) labels the sentence's stance towards
*that mention* — negative, neutral or positive — with its probability.  Unlike
sentence-level VADER (Hutto & Gilbert 2014), two actors in one sentence can
get different labels ("Armenia's army looted the city Azerbaijan liberated").

**Voice.**  A mention inside the span of an attribution (direct, indirect or
mixed, from :mod:`analysis.sources`) is in the *quoted* voice of that
attribution's speaker; otherwise it is in the journalist's own (*author*)
voice.  When spans nest, the narrowest wins.  So "Armenia is portrayed
negatively" can be traced to who said it.

**Summaries.**  :func:`portrayal_summary` counts labels per group (actor,
actor × article, actor × outlet, actor × voice/speaker) and gives the shares
of negative and positive mentions with 95 % intervals:

* over several articles, a percentile bootstrap that resamples *articles*
  (mentions in one article are not independent; Efron & Tibshirani 1993);
* within a single article, a Wilson score interval over its mentions
  (Wilson 1927), which treats them as independent and is marked so.

No share is given for a group with fewer than :data:`MIN_MENTIONS` mentions
(the counts are still shown): a percentage of two or three sentences is an
anecdote, not a finding.

Known limits: the model reaches about 0.66–0.68 macro-F1 on NewsMTSC (see
``docs/sentiment.md``), so single labels are often wrong; read the evidence
rows.  Mentions are found by aliases (:mod:`analysis.actors`), so pronouns
referring to an actor are not counted.
"""
from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

__all__ = ["PORTRAYAL_COLUMNS", "MIN_MENTIONS", "portrayal_table", "article_portrayal", "portrayal_summary",
           "wilson_interval"]

#: Fewest mentions in a group before a share (percentage) is reported.
MIN_MENTIONS = 10
PORTRAYAL_COLUMNS = ["article_id", "actor", "alias", "start", "end", "sentence", "sentence_text", "label",
                     "probability", "p_negative", "p_neutral", "p_positive", "score", "voice", "speaker",
                     "attribution_kind", "side", "model"]


def _column(df: pd.DataFrame, name: str, default=None) -> list:
    """``df[name]`` as a list of Python values (``default`` for every row when the column is missing)."""
    return df[name].tolist() if name in df.columns else [default] * len(df)


def _as_str(x):
    """``Series.astype(str)`` of one value: missing values stay missing."""
    return x if pd.isna(x) else str(x)


def _attribution_spans(attributions: pd.DataFrame | None) -> dict[str, list[tuple[int, int, str, str]]]:
    """article_id -> [(start, end, speaker, kind)] of every attribution's span."""
    out: dict[str, list[tuple[int, int, str, str]]] = {}
    if attributions is None or len(attributions) == 0:
        return out
    # column by column as lists (what fillna("").astype(str) and astype(str) give, without a frame per call)
    speakers = [("" if pd.isna(x) else str(x)) for x in _column(attributions, "speaker", "")]
    for aid, s, e, sp, kind in zip(map(_as_str, attributions["article_id"].tolist()), attributions["start"].tolist(),
                                   attributions["end"].tolist(), speakers, map(_as_str, attributions["kind"].tolist())):
        out.setdefault(aid, []).append((int(s), int(e), sp, kind))
    return out


def _voice_of(start: int, end: int, spans: Sequence[tuple[int, int, str, str]]) -> tuple[str, str, str]:
    """(voice, speaker, kind) of the mention [start, end): the narrowest attribution span holding it."""
    best = None
    for s, e, sp, kind in spans:
        if s <= start and end <= e and (best is None or e - s < best[1] - best[0]):
            best = (s, e, sp, kind)
    if best is None:
        return "author", "", ""
    return "quoted", best[2], best[3]


def article_portrayal(article, mentions: pd.DataFrame, *, attributions: pd.DataFrame | None = None,
                      model=None) -> pd.DataFrame:
    """Evidence rows (:data:`PORTRAYAL_COLUMNS`) for one article's actor mentions.

    ``article``: an object with ``.id``, ``.text`` and ``.sentences`` (offsets
    into the text); ``mentions``: that article's rows of ``actor_mentions``;
    ``attributions``: that article's rows of ``attributions.csv`` (optional:
    without them every mention is in the author's voice).
    """
    return _frame(portrayal_rows(article, mentions, attributions=attributions, model=model))


def portrayal_rows(article, mentions, *, attributions=None, model=None) -> list[tuple]:
    """The rows of :func:`article_portrayal` (tuples in :data:`PORTRAYAL_COLUMNS` order).  ``mentions`` and
    ``attributions`` need only ``len()``, ``.columns`` and ``[name].tolist()`` of a DataFrame."""
    from .tsc import default_model

    m = model or default_model()
    sents = list(getattr(article, "sentences", None) or [])
    if not sents:
        from .text import sentences as split

        sents = split(article.text)
    spans = _attribution_spans(attributions).get(str(article.id), [])
    starts = [s.start for s in sents]
    rows, skipped = [], 0
    aid, tag = str(article.id), m.tag
    for actor, alias, a, b, side in zip(mentions["actor"].tolist(), _column(mentions, "alias", ""),
                                        mentions["start"].tolist(), mentions["end"].tolist(),
                                        _column(mentions, "side", "")):
        a, b = int(a), int(b)
        k = bisect.bisect_right(starts, a) - 1
        if k < 0 or b > sents[k].end:
            skipped += 1  # outside any sentence (e.g. across a boundary): no sentence to read the stance from
            continue
        s = sents[k]
        p = m.predict(s.text, a - s.start, b - s.start)
        voice, speaker, kind = _voice_of(a, b, spans)
        rows.append((aid, actor, alias, a, b, s.index, s.text, p.label, round(p.probability, 4),
                     round(p.probabilities["negative"], 4), round(p.probabilities["neutral"], 4),
                     round(p.probabilities["positive"], 4), round(p.score, 4), voice, speaker, kind, side, tag))
    if skipped:
        log.info("article %s: %d actor mention(s) outside any sentence were not labelled", article.id, skipped)
    return rows


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The portrayal rows (tuples in :data:`PORTRAYAL_COLUMNS` order) as a table, one column at a time."""
    if not rows:
        return pd.DataFrame(columns=PORTRAYAL_COLUMNS)
    return pd.DataFrame({c: list(v) for c, v in zip(PORTRAYAL_COLUMNS, zip(*rows))}, columns=PORTRAYAL_COLUMNS)


def portrayal_table(articles: Iterable, mentions: pd.DataFrame, *, attributions: pd.DataFrame | None = None,
                    model=None) -> pd.DataFrame:
    """:func:`article_portrayal` for every article (cost linear in the number of mentions)."""
    by_art = {str(k): g for k, g in mentions.groupby(mentions["article_id"].astype(str), sort=False)} \
        if len(mentions) else {}
    att = {str(k): g for k, g in attributions.groupby(attributions["article_id"].astype(str), sort=False)} \
        if attributions is not None and len(attributions) else {}
    frames = [article_portrayal(a, by_art[str(a.id)], attributions=att.get(str(a.id)), model=model)
              for a in articles if str(a.id) in by_art]
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=PORTRAYAL_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def wilson_interval(k: int, n: int, *, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval of a proportion ``k/n`` (Wilson 1927); (nan, nan) when ``n`` is 0."""
    if n <= 0:
        return float("nan"), float("nan")
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return float(max(0.0, c - h)), float(min(1.0, c + h))


def _bootstrap(counts: np.ndarray, n: np.ndarray, *, reps: int, rng) -> tuple[float, float]:
    """95 % percentile interval of sum(counts)/sum(n) resampling articles (rows) with replacement."""
    idx = rng.integers(0, len(n), size=(reps, len(n)))
    tot = n[idx].sum(axis=1)
    share = counts[idx].sum(axis=1) / np.where(tot > 0, tot, 1)
    lo, hi = np.percentile(share, [2.5, 97.5])
    return float(lo), float(hi)


def portrayal_summary(portrayal: pd.DataFrame, *, by: Sequence[str] = ("actor",),
                      articles: pd.DataFrame | None = None, min_mentions: int = MIN_MENTIONS,
                      reps: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Label counts and shares per group of :func:`portrayal_table` rows.

    ``by``: columns of the portrayal table (``actor``, ``article_id``,
    ``voice``, ``speaker``, ``side``...) or of ``articles`` (``outlet``,
    ``genre``..., joined on ``article_id``).  Columns: the ``by`` keys,
    ``mentions``, ``articles``, ``negative``, ``neutral``, ``positive``,
    ``mean_score`` (mean of P(positive) − P(negative)), and — only for groups
    with at least ``min_mentions`` mentions — ``share_negative``,
    ``share_positive`` with ``_lo``/``_hi`` 95 % bounds and ``interval``
    (``bootstrap over articles`` or, within one article, ``wilson over
    mentions``).  Deterministic for a given ``seed``.
    """
    by = list(by)
    df = portrayal
    need = [c for c in by if c not in df.columns]
    if need:
        if articles is None or any(c not in articles.columns for c in need):
            raise ValueError(f"unknown grouping column(s) {need}: pass 'articles' holding them")
        meta = articles[["article_id", *need]].astype({"article_id": str})
        df = df.assign(article_id=df["article_id"].astype(str)).merge(meta, on="article_id", how="left")
        for c in need:  # an article without the value is its own group, never pooled with others
            df[c] = df[c].fillna("(unknown)").astype(str).replace("", "(unknown)")
    cols = [*by, "mentions", "articles", "negative", "neutral", "positive", "mean_score", "share_negative",
            "share_negative_lo", "share_negative_hi", "share_positive", "share_positive_lo", "share_positive_hi",
            "interval"]
    if df.empty:
        return pd.DataFrame(columns=cols)
    rng = np.random.default_rng(seed)
    rows = []
    for key, g in df.groupby(by, sort=True, dropna=False):
        key = key if isinstance(key, tuple) else (key,)
        n = len(g)
        lab = g["label"].astype(str)
        row = dict(zip(by, key))
        row.update({"mentions": n, "articles": int(g["article_id"].nunique()),
                    "negative": int((lab == "negative").sum()), "neutral": int((lab == "neutral").sum()),
                    "positive": int((lab == "positive").sum()),
                    "mean_score": float(pd.to_numeric(g["score"], errors="coerce").mean())})
        for name in ("negative", "positive"):
            row[f"share_{name}"] = row[f"share_{name}_lo"] = row[f"share_{name}_hi"] = float("nan")
        row["interval"] = ""
        if n >= min_mentions:
            per = g.assign(_neg=lab == "negative", _pos=lab == "positive").groupby("article_id", sort=True).agg(
                n=("label", "size"), neg=("_neg", "sum"), pos=("_pos", "sum"))
            for name, col in (("negative", "neg"), ("positive", "pos")):
                k = int(per[col].sum())
                row[f"share_{name}"] = k / n
                if len(per) > 1:
                    lo, hi = _bootstrap(per[col].to_numpy(float), per["n"].to_numpy(float), reps=reps, rng=rng)
                else:
                    lo, hi = wilson_interval(k, n)
                row[f"share_{name}_lo"], row[f"share_{name}_hi"] = lo, hi
            row["interval"] = "bootstrap over articles" if len(per) > 1 else "wilson over mentions"
        rows.append(row)
    out = pd.DataFrame(rows, columns=cols)
    return out.sort_values(["mentions", *by], ascending=[False] + [True] * len(by), kind="stable") \
        .reset_index(drop=True)
