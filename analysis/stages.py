"""The per-article stage of the pipeline: one article in, that article's partial rows of every table out.

Method
------
Every method of the toolkit that looks at one article at a time runs here, as
a list of *stage functions* (:data:`STAGES`).  A stage is called as
``stage(article, ctx, out)``: ``article`` is an :class:`analysis.corpus.Article`,
``ctx`` the run's :class:`Context` (options and the heavy objects built once per
worker process: lexicon, speaker registry, actors), and ``out`` the
:class:`ArticleResult` being built, which holds the earlier stages' partial
tables (so the loaded-language stage can use the attribution stage's quoted
spans).  A stage adds its evidence rows as named DataFrames
(``out.tables["loaded_terms"] = ...``) and its article-level columns as a named
part of the article row (``out.row["loaded"] = {...}``).

To add a method: write ``def my_stage(article, ctx, out)`` and append it to
:data:`STAGES` (and its table name to ``analysis.pipeline.TABLE_FILES`` when it
adds a table).  A stage must depend only on its article and ``ctx``, never on
the rest of the corpus, and be deterministic: the pipeline runs it in worker
processes or on a Dask cluster and caches its result per article
(:mod:`analysis.cache`), so the results of a parallel, distributed or cached run
equal a serial run's.

Functions that are per-article in effect but cost a fixed pandas overhead per call
(sources, sourcing ratios, sentiment aggregates, loaded-language rates) run once per
chunk of results (:data:`REDUCTIONS`, :func:`reduce_chunk`); corpus-level steps
(sourcing-share columns over all sides, text reuse) work from the partial results in
:mod:`analysis.pipeline`.

The ``part`` column (``headline`` / ``body``) of every evidence table is added
in one place, :func:`add_part`, from the article's ``headline_end`` offset.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np
import pandas as pd

log = logging.getLogger(__name__)

__all__ = ["RunSpec", "Context", "ArticleResult", "STAGES", "REDUCTIONS", "analyse_article", "reduce_chunk",
           "add_part", "context"]

#: Parts of the article row, in column order; parts added by new stages follow in the order they are added.
ROW_PARTS = ("meta", "sentiment", "readability", "sourcing", "loaded")
#: Columns of the ``import_flags`` part, always last in the article row.
IMPORT_FLAGS = ("near_duplicate_of", "near_duplicate_similarity", "mixed_language")


@dataclass(frozen=True, eq=False)
class RunSpec:
    """Everything a worker needs to rebuild a run's :class:`Context` (small and picklable)."""

    lexicon_paths: tuple[str, ...] = ()  # extra lexicon files given by the user
    lexicon_files: tuple[str, ...] = ()  # every lexicon file the run uses (for the fingerprint)
    corpus_path: str | None = None  # for the corpus's own lexicons (<corpus>/lexicons/)
    registry_path: str | None = None
    actors: Any = None  # analysis.actors.ActorList (or None: no actor mentions)
    reuse_n: int = 4

    def key(self) -> tuple:
        """A hashable summary of the spec (the same in every process that unpickles it)."""
        actors = None if self.actors is None else tuple((a.name, a.aliases, a.type, a.side) for a in self.actors)
        return (self.lexicon_paths, self.corpus_path, self.registry_path, actors, self.reuse_n)


@dataclass
class Context:
    """The run's options with the heavy objects built from them (once per process)."""

    spec: RunSpec
    lexicon: Any = None
    registry: Any = None
    actor_matcher: Any = None
    extra: dict = field(default_factory=dict)


_CONTEXTS: dict[tuple, Context] = {}


def context(spec: RunSpec) -> Context:
    """The :class:`Context` for ``spec``, built on first use in this process and kept."""
    key = spec.key()
    ctx = _CONTEXTS.get(key)
    if ctx is None:
        from . import actors, loaded, sources

        lexicon = loaded.load_lexicon(list(spec.lexicon_paths), corpus=spec.corpus_path)
        registry = sources.load_registry(spec.registry_path) if spec.registry_path else None
        matcher = actors.Matcher(spec.actors) if spec.actors is not None else None
        ctx = Context(spec, lexicon=lexicon, registry=registry, actor_matcher=matcher)
        _CONTEXTS.clear()  # one run at a time per process
        _CONTEXTS[key] = ctx
    return ctx


@dataclass
class ArticleResult:
    """One article's partial results: evidence tables, the parts of its article row, private data."""

    article_id: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    row: dict[str, dict] = field(default_factory=dict)
    text: str = ""
    private: dict[str, Any] = field(default_factory=dict)  # e.g. the text-reuse sketch; not a table

    def article_row(self) -> dict:
        """The article's row of ``articles.csv`` (parts in :data:`ROW_PARTS` order, then the others)."""
        out: dict = {}
        parts = [*[p for p in ROW_PARTS if p in self.row], *[p for p in self.row if p not in ROW_PARTS]]
        if "import_flags" in parts:
            parts = [p for p in parts if p != "import_flags"] + ["import_flags"]
        for name in parts:
            out.update(self.row[name])
        return out


# ---------------------------------------------------------------------------------------------- stages
def stage_basics(article, ctx: Context, out: ArticleResult) -> None:
    """Metadata, length, readability and the VADER score of every sentence."""
    from .corpus import FIELDS
    from .readability import readability
    from .sentiment import sentence_table

    meta = article.meta
    out.row["meta"] = {"article_id": article.id, **{k: meta.get(k) for k in FIELDS}, "words": article.words,
                       "sentences": len(article.sentences)}
    flags = getattr(article, "import_flags", None)
    if flags is not None:  # import flags (near duplicate, mixed language): the last columns
        out.row["import_flags"] = {k: flags.get(k) for k in IMPORT_FLAGS}
    out.row["readability"] = readability(article.text)
    out.tables["sentences"] = sentence_table([article])
    out.tables["cleaning"] = pd.DataFrame(
        [(article.id, r.kind, r.raw_start, r.raw_end, r.text) for r in article.cleaned.removed],
        columns=["article_id", "kind", "raw_start", "raw_end", "text"])
    out.tables["metadata"] = pd.DataFrame(
        [{"article_id": article.id, "field": k, **article.fields[k].as_dict()} if k in article.fields
         else {"article_id": article.id, "field": k, "value": None, "status": "unknown", "evidence": ""}
         for k in FIELDS], columns=["article_id", "field", "value", "status", "evidence"])


def stage_attribution(article, ctx: Context, out: ArticleResult) -> None:
    """Attributions, then the voice (author/quoted) of every sentence from the article's quoted spans."""
    from . import sources

    att = sources.attributions_table([article], registry=ctx.registry)
    # voice: reported speech (direct, mixed and indirect) is the speaker's, not the journalist's
    spans = sources.speech_spans(att, article.id)
    out.private["quoted_spans"] = spans
    out.tables["attributions"] = att
    sents = out.tables["sentences"]
    sents["voice"] = [sources.voice(int(s), int(e), spans) for s, e in zip(sents["start"], sents["end"])]
    if "news_score" in sents:  # after voice: the table's first columns are fixed
        sents["news_score"] = sents.pop("news_score")


def stage_loaded(article, ctx: Context, out: ArticleResult) -> None:
    """Loaded-language hits, each marked by voice."""
    from . import loaded

    out.tables["loaded_terms"] = loaded.loaded_table(
        [article], lexicon=ctx.lexicon, quoted_spans={article.id: out.private.get("quoted_spans", [])})


def stage_actors(article, ctx: Context, out: ArticleResult) -> None:
    """Mentions of the run's actors (one evidence row each)."""
    from .actors import MENTION_COLUMNS

    if ctx.actor_matcher is None:
        out.tables["actor_mentions"] = pd.DataFrame(columns=MENTION_COLUMNS)
        return
    out.tables["actor_mentions"] = ctx.actor_matcher.mentions(article)


def stage_portrayal(article, ctx: Context, out: ArticleResult) -> None:
    """Stance towards each actor mention (target-dependent sentiment, :mod:`analysis.portrayal`)."""
    from . import portrayal

    mentions = out.tables.get("actor_mentions")
    if mentions is None or not len(mentions):
        out.tables["portrayal"] = pd.DataFrame(columns=portrayal.PORTRAYAL_COLUMNS)
        return
    out.tables["portrayal"] = portrayal.article_portrayal(article, mentions, attributions=out.tables.get("attributions"))


def stage_reuse_sketch(article, ctx: Context, out: ArticleResult) -> None:
    """The article's text-reuse sketch (shingle hashes and MinHash signature), for the corpus-level step."""
    from . import reuse

    out.private["reuse"] = reuse.sketch(article.text, n=ctx.spec.reuse_n)


#: The per-article stages, in order.  Append new ones here (see the module docstring).
STAGES: list[Callable[[Any, Context, ArticleResult], None]] = [
    stage_basics, stage_attribution, stage_loaded, stage_actors, stage_portrayal, stage_reuse_sketch,
]


def add_part(df: pd.DataFrame, headline_end: int) -> pd.DataFrame:
    """``df`` with ``part`` = ``headline`` for rows starting before ``headline_end``, else ``body``."""
    if "start" not in df.columns:
        return df
    starts = pd.to_numeric(df["start"], errors="coerce").to_numpy(dtype=float) if len(df) else np.array([])
    df["part"] = np.where(starts < headline_end, "headline", "body") if len(df) else pd.Series(dtype=object)
    return df


# ------------------------------------------------------------------------------------- chunk reductions
# Whole-table functions that are per-article in effect (a groupby by article) run once per chunk of
# results instead of once per article: same rows, without the fixed cost of pandas per call.
class _Stub:
    """What the per-article table functions read of an article: its id and cleaned text."""

    __slots__ = ("id", "text")

    def __init__(self, aid: str, text: str):
        self.id, self.text = aid, text


def reduce_sources(results: list[ArticleResult], chunk: dict[str, pd.DataFrame]) -> None:
    """``sources`` rows and the sourcing columns of each article row (:mod:`analysis.sources`), per chunk."""
    from . import sources

    att = chunk["attributions"]
    src = sources.sources_table(att)
    if len(src):  # corpus order, as every other table
        order = {r.article_id: k for k, r in enumerate(results)}
        src = src.assign(_o=src["article_id"].map(order)).sort_values(["_o"], kind="stable") \
            .drop(columns="_o").reset_index(drop=True)
    chunk["sources"] = src
    ratios = sources.sourcing_ratios(att, [_Stub(r.article_id, r.text) for r in results])
    for r, row in zip(results, ratios.to_dict("records")):
        row.pop("article_id", None)
        r.row["sourcing"] = row


SENTIMENT_COLUMNS = ["sentiment_mean", "sentiment_sd", "sentiment_median", "share_positive", "share_negative",
                     "share_neutral", "sentiment_author_mean", "sentences_author", "sentiment_quoted_mean",
                     "sentences_quoted"]


def reduce_sentiment(results: list[ArticleResult], chunk: dict[str, pd.DataFrame]) -> None:
    """The sentiment columns of each article row from its sentences (:func:`analysis.sentiment.article_sentiment`)."""
    from .sentiment import article_sentiment

    agg = article_sentiment(chunk["sentences"])
    rows = {str(d.pop("article_id")): d for d in agg.to_dict("records")} if len(agg) else {}
    cols = [c for c in agg.columns if c != "article_id"] or SENTIMENT_COLUMNS
    for r in results:
        row = rows.get(r.article_id) or {c: np.nan for c in cols}
        for c in ("sentences_author", "sentences_quoted"):
            if c in row:
                row[c] = int(0 if pd.isna(row[c]) else row[c])
        r.row["sentiment"] = row


def reduce_loaded(results: list[ArticleResult], chunk: dict[str, pd.DataFrame]) -> None:
    """The loaded-language rate columns of each article row (:func:`analysis.loaded.loaded_rates`)."""
    from . import loaded

    rates = loaded.loaded_rates(chunk["loaded_terms"], [_Stub(r.article_id, r.text) for r in results])
    for r, row in zip(results, rates.drop(columns=["words"], errors="ignore").to_dict("records")):
        row.pop("article_id", None)
        r.row["loaded"] = row


HEADLINE_COLUMNS = ["headline_sentences", "headline_sentiment", "headline_vader", "body_sentiment",
                    "headline_loaded_hits", "headline_certainty_hits", "headline_attributions"]


def _by_part(df: pd.DataFrame | None, part: str) -> pd.DataFrame | None:
    if df is None or not len(df) or "part" not in df.columns:
        return None
    return df[df["part"] == part]


def reduce_headline(results: list[ArticleResult], chunk: dict[str, pd.DataFrame]) -> None:
    """Headline measures beside body measures: the headline's sentiment (news score and VADER), loaded and
    certainty hits and attributions, and the body's mean news score (rows whose ``part`` is headline/body)."""
    sents = chunk.get("sentences")
    head, body = _by_part(sents, "headline"), _by_part(sents, "body")
    loaded_head = _by_part(chunk.get("loaded_terms"), "headline")
    attr_head = _by_part(chunk.get("attributions"), "headline")

    def _mean(df, col):
        if df is None or col not in df.columns:
            return {}
        return df.groupby("article_id")[col].mean().to_dict()

    def _count(df, **where):
        if df is None:
            return {}
        for col, value in where.items():
            df = df[df[col] == value] if col in df.columns else df.iloc[0:0]
        return df.groupby("article_id").size().to_dict()

    h_news, h_vader, b_news = _mean(head, "news_score"), _mean(head, "compound"), _mean(body, "news_score")
    h_n = _count(head)
    h_loaded, h_cert = _count(loaded_head, measure="loaded"), _count(loaded_head, measure="certainty")
    h_attr = _count(attr_head)
    for r in results:
        a = r.article_id
        r.row["headline"] = {
            "headline_sentences": int(h_n.get(a, 0)),
            "headline_sentiment": h_news.get(a, np.nan), "headline_vader": h_vader.get(a, np.nan),
            "body_sentiment": b_news.get(a, np.nan),
            "headline_loaded_hits": int(h_loaded.get(a, 0)), "headline_certainty_hits": int(h_cert.get(a, 0)),
            "headline_attributions": int(h_attr.get(a, 0)),
        }


#: Reductions over a chunk of results, in order; each may add tables to ``chunk`` and parts to rows.
REDUCTIONS: list[Callable[[list[ArticleResult], dict[str, pd.DataFrame]], None]] = [
    reduce_sources, reduce_sentiment, reduce_loaded, reduce_headline,
]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0].iloc[0:0] if frames else pd.DataFrame()
    return full[0] if len(full) == 1 else pd.concat(full, ignore_index=True)


def reduce_chunk(results: list[ArticleResult]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The tables of a chunk of article results and their article rows (after :data:`REDUCTIONS`)."""
    names = list(dict.fromkeys(n for r in results for n in r.tables))
    chunk = {n: _concat([r.tables[n] for r in results if n in r.tables]) for n in names}
    for reduction in REDUCTIONS:
        reduction(results, chunk)
    return chunk, pd.DataFrame([r.article_row() for r in results])


def analyse_article(article, ctx: Context) -> ArticleResult:
    """Run every stage of :data:`STAGES` on ``article``; add ``part`` to the evidence tables."""
    out = ArticleResult(article_id=article.id, text=article.text)
    for stage in STAGES:
        stage(article, ctx, out)
    headline_end = int(getattr(article, "headline_end", 0) or 0)
    for name, df in out.tables.items():  # every evidence table with offsets into the text
        if "start" in df.columns:
            out.tables[name] = add_part(df, headline_end)
    return out
