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

The article row's columns computed from the article's own tables (sources rows,
sourcing ratios, sentiment aggregates, loaded-language rates, headline measures)
are *summaries* (:data:`SUMMARIES`), run after the stages in plain Python, without a
pandas call per article: they are cached with the article.  Results are pickled
*packed* (:func:`pack`: plain lists and dtypes) and each table of a chunk is built
once (:func:`reduce_chunk`).  Corpus-level steps (sourcing-share columns over all
sides, text reuse) work from the partial results in :mod:`analysis.pipeline`.

The ``part`` column (``headline`` / ``body``) of every evidence table is added
in one place, :func:`add_part`, from the article's ``headline_end`` offset.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

import numpy as np
import pandas as pd

from .errors import ArticleError, FramingError

log = logging.getLogger(__name__)

__all__ = ["RunSpec", "Context", "ArticleResult", "STAGES", "SUMMARIES", "analyse_article", "reduce_chunk",
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
    warm: bool = False  # one article analysed with it (every lazily loaded model is loaded)


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


#: A table in its light form: ``(columns, dtypes, one list of values per column, number of rows)``.
Packed = tuple


def pack(df: pd.DataFrame) -> Packed:
    """``df`` as plain lists with its column dtypes (pickles and unpickles far faster than a DataFrame)."""
    cols = list(df.columns)
    if not len(df):  # no rows: no column to convert
        return cols, list(df.dtypes), [[] for _ in cols], 0
    return cols, list(df.dtypes), [df[c].tolist() for c in cols], len(df)


def unpack(p: Packed) -> pd.DataFrame:
    """The DataFrame of a :func:`pack`-ed table: same columns, dtypes and values."""
    cols, dtypes, data, _ = p
    return pd.DataFrame({c: pd.Series(v, dtype=dt) for c, dt, v in zip(cols, dtypes, data)}, columns=cols)


@lru_cache(maxsize=1)
def _plain_dtypes() -> dict:
    """Python type -> the dtype pandas gives a column of only such values (and what ``tolist`` gives back)."""
    return {str: pd.Series(["a"]).dtype, int: np.dtype("int64"), float: np.dtype("float64"),
            bool: np.dtype("bool")}


_INT64 = (-(2 ** 63), 2 ** 63 - 1)


def _plain_column(values: list, dtype=None):
    """``(dtype, values)`` of a column as ``pack(pd.DataFrame({...}))`` would give them, for the plain cases
    (every value a ``str``, an ``int`` within int64, a ``float``, a ``bool``; ints and floats mixed make
    floats), or ``None``: let pandas decide.  With ``dtype`` (the column's declared dtype, as the table's
    DataFrame builder sets it), the values must be of its plain Python type."""
    types = set(map(type, values))
    plain = _plain_dtypes()
    if dtype is None and types == {str, type(None)}:  # text with gaps: pandas' str dtype, gaps NaN
        return plain[str], [float("nan") if v is None else v for v in values]
    if len(types) == 1:
        t = next(iter(types))
        dt = plain.get(t)
        if dt is None:
            return None
        if t is int and not (_INT64[0] <= min(values) and max(values) <= _INT64[1]):
            return None
        if dtype is not None and dtype != dt:
            if dtype == "Int64" and t is int:
                return pd.Int64Dtype(), values
            if dtype == "float64" and t is int:
                return np.dtype("float64"), [float(v) for v in values]
            return None
        return dt, values
    if types == {int, float} and dtype in (None, "float64"):
        return np.dtype("float64"), [float(v) for v in values]
    return None


_EMPTY: dict[tuple, Packed] = {}


def pack_rows(columns: list[str], rows: list[tuple], build: Callable[[list[tuple]], pd.DataFrame], *,
              dtypes: dict[str, Any] | None = None) -> Packed:
    """``pack(build(rows))`` without building the DataFrame when every column is plain (:func:`_plain_column`).

    ``rows``: tuples in ``columns`` order; ``build``: the table's own DataFrame builder (used for an empty
    table and whenever a column is not plain, so the result is always what it gives); ``dtypes``: the
    dtypes ``build`` declares for some columns.  Saves building a DataFrame per article and table and
    converting it back to lists (together about as much CPU as VADER's own per article).
    """
    if not rows:  # an empty table: its builder's columns and dtypes (the same every time: built once)
        key = (tuple(columns), build)
        empty = _EMPTY.get(key)
        if empty is None:
            empty = _EMPTY[key] = pack(build(rows))
        return list(empty[0]), list(empty[1]), [[] for _ in empty[0]], 0
    dtypes = dtypes or {}
    out_dtypes, data = [], []
    for name, values in zip(columns, zip(*rows)):
        got = _plain_column(list(values), dtypes.get(name))
        if got is None:
            return pack(build(rows))
        out_dtypes.append(got[0])
        data.append(got[1])
    return list(columns), out_dtypes, data, len(rows)


def _with_column(p: Packed, name: str, values: list) -> Packed | None:
    """``p`` with column ``name`` set to ``values`` (appended when new), as ``df[name] = values`` does for plain
    values; ``None`` when they are not plain (then the caller uses the DataFrame)."""
    cols, dtypes, data, n = p
    got = _plain_column(values) if n else None
    if got is None or len(values) != n:
        return None
    cols, dtypes, data = list(cols), list(dtypes), list(data)
    if name in cols:
        k = cols.index(name)
        dtypes[k], data[k] = got
    else:
        cols.append(name)
        dtypes.append(got[0])
        data.append(got[1])
    return cols, dtypes, data, n


def _move_last(p: Packed, name: str) -> Packed:
    """``p`` with column ``name`` moved to the end (``df[name] = df.pop(name)``)."""
    cols, dtypes, data, n = p
    k = cols.index(name)
    order = [i for i in range(len(cols)) if i != k] + [k]
    return [cols[i] for i in order], [dtypes[i] for i in order], [data[i] for i in order], n


class _List(list):
    def tolist(self) -> list:
        return list(self)


class Columns:
    """A :func:`pack`-ed table read as the per-article code reads a DataFrame: ``len(t)``, ``t.columns``,
    ``t[name].tolist()`` (no DataFrame is built)."""

    __slots__ = ("columns", "_data", "_n")

    def __init__(self, p: Packed):
        self.columns = list(p[0])
        self._data = dict(zip(p[0], p[2]))
        self._n = p[3]

    def __len__(self) -> int:
        return self._n

    def __contains__(self, name) -> bool:
        return name in self._data

    def __getitem__(self, name: str) -> _List:
        return _List(self._data[name])


def concat_packed(parts: list[Packed]) -> pd.DataFrame:
    """``pd.concat`` of the unpacked ``parts`` (empty ones left out), built once from the joined lists when
    every part has the same columns and dtypes (the usual case), else by ``pd.concat`` itself."""
    full = [p for p in parts if p[3]]
    if not full:
        return unpack(parts[0]).iloc[0:0] if parts else pd.DataFrame()
    if len(full) == 1:
        return unpack(full[0])
    cols, dtypes = full[0][0], full[0][1]
    if all(p[0] == cols and p[1] == dtypes for p in full[1:]):
        data = {c: pd.Series([v for p in full for v in p[2][j]], dtype=dtypes[j]) for j, c in enumerate(cols)}
        return pd.DataFrame(data, columns=cols)
    return pd.concat([unpack(p) for p in full], ignore_index=True)


class ArticleResult:
    """One article's partial results: evidence tables, the parts of its article row, private data.

    While the stages run, each table is a DataFrame or, when a stage stored it light (:meth:`put`), a
    :func:`pack`-ed tuple; :meth:`table` reads either without converting it.  Reading ``tables`` turns
    every table into a DataFrame; :meth:`packed_tables` turns every table into its packed form, the form
    in which results are pickled (to the parent process, a Dask client or the result cache):
    :func:`reduce_chunk` builds each table of a chunk once from the packed parts.
    """

    __slots__ = ("article_id", "_t", "row", "text", "private", "csv", "_loader")

    def __init__(self, article_id: str, tables: dict[str, pd.DataFrame] | None = None,
                 row: dict[str, dict] | None = None, text: str = "", private: dict[str, Any] | None = None):
        self.article_id = article_id
        self._t: dict[str, Any] = dict(tables or {})  # name -> DataFrame or Packed, in the order added
        self.row = dict(row or {})
        self.text = text
        self.private = dict(private or {})  # e.g. the text-reuse sketch; not a table
        #: the CSV rows of each table as written (``analysis.pipeline``): name -> (columns, dtypes key, rows, bytes)
        self.csv: dict[str, tuple] = {}
        self._loader = None  # a cached result's tables are read from the cache only when needed

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        self._load()
        t = self._t
        for n, v in t.items():
            if not isinstance(v, pd.DataFrame):
                t[n] = unpack(v)
        return t

    def packed_tables(self) -> dict[str, Packed]:
        """Every table :func:`pack`-ed (kept packed: reading ``tables`` again unpacks them)."""
        self._load()
        t = self._t
        for n, v in t.items():
            if isinstance(v, pd.DataFrame):
                t[n] = pack(v)
        return t

    def put(self, name: str, table) -> None:
        """Store table ``name``: a DataFrame, or its packed form (as :func:`pack` gives it), kept as it is."""
        self._load()
        self._t[name] = table

    def names(self) -> list[str]:
        """The names of the tables, in the order added."""
        self._load()
        return list(self._t)

    def tables_frame(self, name: str) -> pd.DataFrame:
        """Table ``name`` as a DataFrame (only that one is converted)."""
        self._load()
        v = self._t[name]
        if not isinstance(v, pd.DataFrame):
            v = self._t[name] = unpack(v)
        return v

    def held(self, name: str):
        """Table ``name`` as it is held (a DataFrame or a packed tuple), or None."""
        self._load()
        return self._t.get(name)

    def table(self, name: str):
        """Table ``name`` as it is held (a DataFrame or a :class:`Columns` view of its packed form), or None."""
        self._load()
        v = self._t.get(name)
        if v is None or isinstance(v, pd.DataFrame):
            return v
        return Columns(v)

    def _load(self) -> None:
        if self._loader is not None:
            loader, self._loader = self._loader, None
            self._t = dict(loader())

    def __getstate__(self):
        return {"article_id": self.article_id, "packed": self.packed_tables(), "row": self.row, "text": self.text,
                "private": self.private}

    def __setstate__(self, state):
        self.article_id, self._t = state["article_id"], state["packed"]
        self.row, self.text, self.private = state["row"], state["text"], state["private"]
        self.csv, self._loader = {}, None

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
def _cleaning_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=CLEANING_COLUMNS)


def _metadata_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame([dict(zip(METADATA_COLUMNS, r)) for r in rows], columns=METADATA_COLUMNS)


CLEANING_COLUMNS = ["article_id", "kind", "raw_start", "raw_end", "text"]
METADATA_COLUMNS = ["article_id", "field", "value", "status", "evidence"]


def stage_basics(article, ctx: Context, out: ArticleResult) -> None:
    """Metadata, length, readability and the VADER score of every sentence."""
    from .corpus import FIELDS
    from .readability import readability
    from .sentiment import SENTENCE_COLUMNS, sentence_frame, sentence_rows

    meta = article.meta
    out.row["meta"] = {"article_id": article.id, **{k: meta.get(k) for k in FIELDS}, "words": article.words,
                       "sentences": len(article.sentences)}
    flags = getattr(article, "import_flags", None)
    if flags is not None:  # import flags (near duplicate, mixed language): the last columns
        out.row["import_flags"] = {k: flags.get(k) for k in IMPORT_FLAGS}
    out.row["readability"] = readability(article.text)
    out.put("sentences", pack_rows(SENTENCE_COLUMNS, sentence_rows([article]), sentence_frame))
    out.put("cleaning", pack_rows(CLEANING_COLUMNS, [(article.id, r.kind, r.raw_start, r.raw_end, r.text)
                                                     for r in article.cleaned.removed], _cleaning_frame))
    fields = article.fields
    rows = []
    for k in FIELDS:
        if k in fields:
            d = fields[k].as_dict()
            rows.append((article.id, k, d["value"], d["status"], d["evidence"]))
        else:
            rows.append((article.id, k, None, "unknown", ""))
    out.put("metadata", pack_rows(METADATA_COLUMNS, rows, _metadata_frame))


def stage_attribution(article, ctx: Context, out: ArticleResult) -> None:
    """Attributions, then the voice (author/quoted) of every sentence from the article's quoted spans."""
    from .sources import tables
    from .text import voice

    rows = tables.attribution_rows(article, registry=ctx.registry)
    tables.warn_unbalanced_rows(rows)
    # voice: reported speech (direct, mixed and indirect) is the speaker's, not the journalist's
    spans = tables.speech_spans_of_rows(rows)
    out.private["quoted_spans"] = spans
    out.put("attributions", pack_rows(tables.ATTRIBUTION_FIELDS, rows, tables.attributions_frame))
    sents = out.table("sentences")
    voices = [voice(int(s), int(e), spans) for s, e in zip(sents["start"].tolist(), sents["end"].tolist())]
    p = out.held("sentences")
    if not isinstance(p, pd.DataFrame):
        q = _with_column(p, "voice", voices)
        if q is not None:
            out.put("sentences", _move_last(q, "news_score") if "news_score" in q[0] else q)
            return
    df = out.tables_frame("sentences")
    df["voice"] = voices
    if "news_score" in df:  # after voice: the table's first columns are fixed
        df["news_score"] = df.pop("news_score")


def stage_loaded(article, ctx: Context, out: ArticleResult) -> None:
    """Loaded-language hits, each marked by voice."""
    from .loaded.find import ALL_COLUMNS, TABLE_DTYPES, _frame, loaded_rows

    rows = loaded_rows([article], lexicon=ctx.lexicon,
                       quoted_spans={article.id: out.private.get("quoted_spans", [])})
    out.put("loaded_terms", pack_rows(ALL_COLUMNS, rows, _frame, dtypes=TABLE_DTYPES))


def stage_actors(article, ctx: Context, out: ArticleResult) -> None:
    """Mentions of the run's actors (one evidence row each)."""
    from .actors import MENTION_COLUMNS, mention_frame

    if ctx.actor_matcher is None:
        out.put("actor_mentions", pack_rows(MENTION_COLUMNS, [], mention_frame))
        return
    out.put("actor_mentions", pack_rows(MENTION_COLUMNS, ctx.actor_matcher.mention_rows(article), mention_frame))


def stage_portrayal(article, ctx: Context, out: ArticleResult) -> None:
    """Stance towards each actor mention (target-dependent sentiment, :mod:`analysis.portrayal`)."""
    from . import portrayal

    mentions = out.table("actor_mentions")
    if mentions is None or not len(mentions):
        out.put("portrayal", pack_rows(portrayal.PORTRAYAL_COLUMNS, [], portrayal._frame))
        return
    rows = portrayal.portrayal_rows(article, mentions, attributions=out.table("attributions"))
    out.put("portrayal", pack_rows(portrayal.PORTRAYAL_COLUMNS, rows, portrayal._frame))


def stage_reuse_sketch(article, ctx: Context, out: ArticleResult) -> None:
    """The article's text-reuse sketch (shingle hashes and MinHash signature), for the corpus-level step."""
    from . import reuse

    out.private["reuse"] = reuse.sketch(article.text, n=ctx.spec.reuse_n)


#: The per-article stages, in order.  Append new ones here (see the module docstring).
STAGES: list[Callable[[Any, Context, ArticleResult], None]] = [
    stage_basics, stage_attribution, stage_loaded, stage_actors, stage_portrayal, stage_reuse_sketch,
]


def add_part_packed(p: Packed, headline_end: int) -> Packed:
    """:func:`add_part` of a packed table (the same column, without a DataFrame when the offsets are whole)."""
    cols, dtypes, data, n = p
    k = cols.index("start")
    if n and dtypes[k].kind in "iu":
        q = _with_column(p, "part", ["headline" if v < headline_end else "body" for v in data[k]])
        if q is not None:
            return q
    return pack(add_part(unpack(p), headline_end))


def add_part(df: pd.DataFrame, headline_end: int) -> pd.DataFrame:
    """``df`` with ``part`` = ``headline`` for rows starting before ``headline_end``, else ``body``."""
    if "start" not in df.columns:
        return df
    if len(df) and df["start"].dtype.kind in "iu":  # the usual case: whole offsets, no pandas conversion
        df["part"] = ["headline" if v < headline_end else "body" for v in df["start"].tolist()]
        return df
    starts = pd.to_numeric(df["start"], errors="coerce").to_numpy(dtype=float) if len(df) else np.array([])
    df["part"] = np.where(starts < headline_end, "headline", "body") if len(df) else pd.Series(dtype=object)
    return df


# ------------------------------------------------------------------------------------ per-article summaries
# The article-row columns computed from the article's own evidence tables (after ``part`` is added), in plain
# Python per article: they are cached with the article, so a cached article costs no recomputation.
def summary_sources(article, ctx: Context, out: ArticleResult) -> None:
    """``sources`` rows and the sourcing columns of the article row (:mod:`analysis.sources`)."""
    from .sources.tables import SOURCES_COLUMNS, _article_ratios, sources_frame, sources_rows

    att = out.table("attributions")
    out.put("sources", pack_rows(SOURCES_COLUMNS, sources_rows(att), sources_frame))
    row = _article_ratios(out.article_id, article.text, att, words=article.words)
    row.pop("article_id", None)
    out.row["sourcing"] = row


SENTIMENT_COLUMNS = ["sentiment_mean", "sentiment_sd", "sentiment_median", "vader_mean", "share_positive",
                     "share_negative", "share_neutral", "sentiment_author_mean", "sentences_author",
                     "sentiment_quoted_mean", "sentences_quoted"]


def summary_sentiment(article, ctx: Context, out: ArticleResult) -> None:
    """The sentiment columns of the article row from its sentences (:func:`analysis.sentiment.sentiment_row`)."""
    from .sentiment import ARTICLE_SCORE, sentiment_row

    s = out.table("sentences")
    if not len(s):  # no sentence: every aggregate empty, no sentence of either voice
        out.row["sentiment"] = {c: (0 if c.startswith("sentences_") else np.nan) for c in SENTIMENT_COLUMNS}
        return
    compound = np.asarray(s["compound"].tolist(), dtype=float)
    measure = np.asarray(s[ARTICLE_SCORE].tolist(), dtype=float) if ARTICLE_SCORE in s.columns else compound
    out.row["sentiment"] = sentiment_row(compound, measure, s["voice"].tolist() if "voice" in s.columns else None)


def summary_loaded(article, ctx: Context, out: ArticleResult) -> None:
    """The loaded-language rate columns of the article row (:func:`analysis.loaded.rates.article_rates`)."""
    from .loaded.rates import article_rates

    out.row["loaded"] = article_rates(out.table("loaded_terms"), article.words)


HEADLINE_COLUMNS = ["headline_sentences", "headline_sentiment", "headline_vader", "body_sentiment",
                    "headline_loaded_hits", "headline_certainty_hits", "headline_attributions"]


def _group_mean(values: list[float]) -> float:
    """The mean as pandas' ``groupby().mean()`` computes it (Kahan-compensated sum, NaN skipped)."""
    total = comp = 0.0
    n = 0
    for v in values:
        if v != v:
            continue
        n += 1
        y = v - comp
        t = total + y
        comp = t - total - y
        if comp != comp:
            comp = 0.0
        total = t
    return total / n if n else np.nan


def summary_headline(article, ctx: Context, out: ArticleResult) -> None:
    """Headline measures beside body measures: the headline's sentiment (news score and VADER), loaded and
    certainty hits and attributions, and the body's mean news score (rows whose ``part`` is headline/body)."""
    def col(name, column):
        df = out.table(name)
        if df is None or not len(df) or "part" not in df.columns:
            return [], []
        return df["part"].tolist(), (df[column].tolist() if column in df.columns else None)

    parts, news = col("sentences", "news_score")
    _, vader = col("sentences", "compound")
    head = [i for i, p in enumerate(parts) if p == "headline"]
    body = [i for i, p in enumerate(parts) if p == "body"]
    lparts, measures = col("loaded_terms", "measure")
    aparts, _ = col("attributions", "part")
    out.row["headline"] = {
        "headline_sentences": len(head),
        "headline_sentiment": _group_mean([news[i] for i in head]) if news is not None else np.nan,
        "headline_vader": _group_mean([vader[i] for i in head]) if vader is not None else np.nan,
        "body_sentiment": _group_mean([news[i] for i in body]) if news is not None else np.nan,
        "headline_loaded_hits": sum(1 for p, m in zip(lparts, measures or ()) if p == "headline" and m == "loaded"),
        "headline_certainty_hits": sum(1 for p, m in zip(lparts, measures or ())
                                       if p == "headline" and m == "certainty"),
        "headline_attributions": sum(1 for p in aparts if p == "headline"),
    }


#: Per-article summaries, run after :data:`STAGES` and :func:`add_part`; each adds parts to the article row
#: (and may add tables) from the article's evidence tables.
SUMMARIES: list[Callable[[Any, Context, ArticleResult], None]] = [
    summary_sources, summary_sentiment, summary_loaded, summary_headline,
]


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    full = [f for f in frames if len(f)]
    if not full:
        return frames[0].iloc[0:0] if frames else pd.DataFrame()
    return full[0] if len(full) == 1 else pd.concat(full, ignore_index=True)


def reduce_chunk(results: list[ArticleResult]) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """The tables of a chunk of article results (concatenated in order) and their article rows."""
    packed = [r.packed_tables() for r in results]
    names = list(dict.fromkeys(n for p in packed for n in p))
    chunk = {n: concat_packed([p[n] for p in packed if n in p]) for n in names}
    return chunk, pd.DataFrame([r.article_row() for r in results])


def analyse_article(article, ctx: Context) -> ArticleResult:
    """Run every stage of :data:`STAGES` on ``article``, add ``part`` to the evidence tables, then run
    :data:`SUMMARIES` (the article row's columns computed from its tables)."""
    out = ArticleResult(article_id=article.id, text=article.text)
    for stage in STAGES:
        try:
            stage(article, ctx, out)
        except FramingError:
            raise
        except Exception as exc:  # name the article: one bad text must be findable among 100,000
            source = (getattr(article, "meta", None) or {}).get("source")
            raise ArticleError(article.id, source, stage.__name__, f"{type(exc).__name__}: {exc}") from exc
    headline_end = int(getattr(article, "headline_end", 0) or 0)
    for name in list(out.names()):  # every evidence table with offsets into the text
        t = out.held(name)
        if isinstance(t, pd.DataFrame):
            if "start" in t.columns:
                out.put(name, add_part(t, headline_end))
        elif "start" in t[0]:
            out.put(name, add_part_packed(t, headline_end))
    for summary in SUMMARIES:
        summary(article, ctx, out)
    if not ctx.warm:
        ctx.warm = True
        _freeze_models()
    return out


def _freeze_models() -> None:
    """In a worker process, after its first article: move every object alive then (modules, lexicons, models,
    dictionaries: some millions, kept for the process's life) out of the cyclic garbage collector's sight
    (``gc.freeze``), so its full collections no longer walk them; they took about 7 % of a worker's CPU
    time (21 full collections of about 0.3 s each over 1,600 generated articles).  Only in a child process
    (a pool or Dask worker, which lives for one run): a frozen object is still freed when its last
    reference goes, but a frozen reference cycle would never be collected, so the main process of a
    notebook or of a serial run is left alone."""
    import gc
    import multiprocessing

    if multiprocessing.parent_process() is None:
        return
    gc.collect()
    gc.freeze()
