"""The analysis pipeline: corpus in, tidy tables out.

``analyze`` runs every per-article method on a corpus and writes the result
tables (UTF-8 CSV, one row per observation) to a results folder:

================  ==============================================================
articles.csv      one row per article: metadata, length, sentiment aggregates,
                  readability, sourcing ratios and loaded-language rates
sentences.csv     one row per sentence: offsets, text, VADER scores, voice
attributions.csv  one row per attribution (evidence: offsets, cue, rule)
sources.csv       one row per source per article
loaded_terms.csv  one row per loaded-term hit (evidence: offsets, lexicon entry)
cleaning.csv      one row per line the cleaning removed (raw offsets)
actor_mentions.csv one row per mention of an actor (corpus actors.yaml, or proposed)
portrayal.csv     one row per actor mention: stance towards the actor (TSC model), voice, speaker
passages.csv      one row per passage shared by two articles (text reuse)
metadata.csv      metadata provenance: article_id, field, value, status, evidence
clean/<id>.txt    the cleaned text every offset points into
manifest.json     corpus fingerprint, software and method-data versions
================  ==============================================================

The corpus is only read.  All tables are computed before anything is written
and each file is replaced atomically, so results are whole or absent.
"""
from __future__ import annotations

import dataclasses
import functools
import json
import logging
import os
import platform
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

import pandas as pd

from . import __version__, paths
from .corpus import Corpus, corpus_fingerprint, load_corpus
from .errors import InputError
from .passages import _passages
from .relay import _collecting, _Relay
from .sink import _render_rows, _Sink, _text_reader
from .stages import ArticleResult, RunSpec, analyse_article, context

log = logging.getLogger(__name__)

__all__ = ["Tables", "build_tables", "analyze", "write_tables", "load_tables", "TABLE_FILES", "run_stages",
           "finish_articles", "cache_dir", "default_jobs"]

TABLE_FILES = {
    "articles": "articles.csv",
    "sentences": "sentences.csv",
    "attributions": "attributions.csv",
    "sources": "sources.csv",
    "loaded_terms": "loaded_terms.csv",
    "cleaning": "cleaning.csv",
    "metadata": "metadata.csv",
    "actor_mentions": "actor_mentions.csv",
    "passages": "passages.csv",
    "portrayal": "portrayal.csv",
}


@dataclass
class Tables:
    """The result tables of one analysis run (pandas DataFrames) and its manifest."""

    articles: pd.DataFrame
    sentences: pd.DataFrame
    attributions: pd.DataFrame
    sources: pd.DataFrame
    loaded_terms: pd.DataFrame
    cleaning: pd.DataFrame
    metadata: pd.DataFrame
    actor_mentions: pd.DataFrame
    passages: pd.DataFrame
    portrayal: pd.DataFrame
    manifest: dict = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def __iter__(self):
        for name in TABLE_FILES:
            yield name, getattr(self, name)


def _progress(iterable=None, *, enabled: bool, desc: str, total: int | None = None):
    """A tqdm bar with rate and ETA on a terminal; nothing when disabled or when stderr is not a terminal."""
    import sys

    from tqdm.auto import tqdm

    on = enabled and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    return tqdm(iterable, desc=desc, total=total, unit="article", leave=False, disable=not on,
                smoothing=0.1, dynamic_ncols=True)


def _portable(path) -> str | None:
    """A path as recorded in the manifest: relative to the project root when inside it; elsewhere only its
    folder and file name (no absolute path of the user's machine in any output)."""
    if path is None:
        return None
    p = Path(path).resolve()
    if paths.IN_CHECKOUT:
        try:
            return p.relative_to(paths.ROOT).as_posix()
        except ValueError:
            pass
    return "/".join(p.parts[-2:]) if p.is_file() else p.name


# ------------------------------------------------------------------------------------------ running stages
def _analyse_chunk(spec: RunSpec, articles: list, level: int = logging.WARNING, *, render: bool = False,
                   blobs: bool = False):
    """Worker entry point: the per-article stage on each article of a chunk (context built once per process).

    Returns the results and the log records of the chunk, which the caller re-emits through its own
    logging (so a worker's warnings look like the parent's: the CLI prints them as one line each).

    With ``render`` (results written as CSV), the worker also renders each article's CSV rows and
    pickles and compresses its tables, so the parent only writes bytes: each result comes back as a
    :class:`_Light` (row, text, private data, CSV rows and the compressed tables, read again only if a
    chunk has to be rebuilt).  With ``blobs`` (a result cache is used) it also builds the cache entries.
    """
    ctx = context(spec)
    with _collecting(level) as records:
        results = [analyse_article(a, ctx) for a in articles]
        if render:
            results = _lighten(results, blobs=blobs)
    return results, records


@dataclass
class _Light:
    """An article's result as a worker sends it when the parent writes CSV (see :func:`_analyse_chunk`)."""

    article_id: str
    row: dict
    text: str
    private: dict
    csv: dict
    tables: bytes  # zlib(pickle(ArticleResult)): the cache's ``results`` entry
    rendered: bytes | None  # the cache's ``rendered`` entry (None without a cache)
    tokens: bytes = b""  # the text's words for text reuse (analysis.reuse.packed_tokens)

    def result(self) -> ArticleResult:
        """The :class:`ArticleResult`, its tables unpickled only when asked for (the packed tokens travel in
        ``private["tokens"]``, which the sink takes out before anything else sees the result)."""
        private = {**self.private, "tokens": self.tokens} if self.tokens else self.private
        r = ArticleResult(self.article_id, row=self.row, text=self.text, private=private)
        r.csv = self.csv
        blob = self.tables
        r._loader = lambda: _unblob(blob).packed_tables()
        return r


def _blob(obj) -> bytes:
    """``obj`` pickled and compressed as the result cache stores it."""
    import pickle
    import zlib

    return zlib.compress(pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unblob(blob: bytes):
    import pickle
    import zlib

    return pickle.loads(zlib.decompress(blob))


def _lighten(results: list[ArticleResult], *, blobs: bool) -> list[_Light]:
    """Each result's CSV rows rendered (:func:`_render_rows`), its tables compressed and its text's words
    packed for text reuse (in the worker)."""
    from . import reuse

    names = list(dict.fromkeys(n for r in results for n in r.packed_tables()))
    for name in names:
        have = [r for r in results if name in r.packed_tables()]
        while have:  # articles whose table has the same columns and dtypes are rendered together
            cols, dtypes = have[0].packed_tables()[name][:2]
            group = [r for r in have if r.packed_tables()[name][0] == cols and r.packed_tables()[name][1] == dtypes]
            _render_rows(group, name)
            have = [r for r in have if not any(r is g for g in group)]
    out = []
    for r in results:
        rendered = _blob({"article_id": r.article_id, "row": r.row, "text": r.text, "private": r.private,
                          "csv": r.csv}) if blobs else None
        out.append(_Light(r.article_id, r.row, r.text, r.private, r.csv, _blob(r), rendered,
                          reuse.packed_tokens(r.text) if "reuse" in r.private else b""))
    return out


def _chunks(items: Sequence, size: int):
    for i in range(0, len(items), size):
        yield items[i:i + size]


#: With the default ``jobs``, runs that have fewer articles than this to compute (a small corpus, or a few
#: articles added to a cached one) stay in this process: a worker's start-up (imports, lexicons, models:
#: several seconds) costs more than a second core saves on them ...
IN_PROCESS_BELOW = 64
#: ... unless this many articles or more come from the cache: reading them (about 2 ms an article) takes
#: this process as long as a worker's start-up, so the workers compute the new articles meanwhile and
#: align the text reuse of their pairs in parallel.
OVERLAP_FROM = 1000
#: Runs with at most this many articles to compute (and a cache) send them all to the workers at once.
PREFETCH_MAX = 256


def default_jobs() -> int:
    """Worker processes by default: every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_stages(articles: Sequence, spec: RunSpec, *, jobs: int | None = None, chunk_size: int = 32,
               cache=None, scheduler: str | None = None, progress: bool = False,
               render: bool = False, keep_pool: list | None = None) -> Iterator[ArticleResult]:
    """Yield the :class:`ArticleResult` of every article, in the order of ``articles``.

    Articles are processed in chunks of ``chunk_size`` on ``jobs`` worker processes (default: all
    cores, or this process when fewer than :data:`IN_PROCESS_BELOW` articles need computing; 1 runs in
    this process) or, with ``scheduler`` (a Dask scheduler address or a
    ``distributed.Client``), on a Dask cluster.  At most a few chunks are in flight at a time, so
    memory is bounded by the chunk size, not by the corpus.  With a ``cache``
    (:class:`analysis.cache.ResultCache`), articles whose result is cached are not recomputed and
    new results are stored.  With ``render`` (the results are written as CSV), new results come with
    their CSV rows (``r.csv``), rendered by the workers, and their tables are unpickled only if needed.
    With ``keep_pool`` (a list), a local process pool, once every article is done, is appended to it
    instead of being shut down: the caller runs more work on the warm workers and shuts it down.
    """
    missing = None  # the articles without a cached result, when counted
    if jobs is None:  # default: every core, unless so few articles need computing that starting workers
        jobs = default_jobs()  # (imports, lexicons and models in each) costs more than it saves
        if jobs > 1 and scheduler is None:
            missing = list(articles) if cache is None else cache.missing(articles)
            todo = len(missing)
            if todo < IN_PROCESS_BELOW and (todo == 0 or len(articles) - todo < OVERLAP_FROM):
                log.info("%d article(s) to compute: analysed in this process (workers start only from %d, "
                         "or beside %d cached ones)", todo, IN_PROCESS_BELOW, OVERLAP_FROM)
                jobs = 1
    jobs = max(1, int(jobs))
    if jobs > 1 and scheduler is None and cache is not None and missing is None:
        missing = cache.missing(articles)
    # a few articles to compute among many cached ones: all sent to the workers at once, computed while
    # this process reads the cached ones (the in-order window below would leave the workers idle)
    prefetch = missing if (jobs > 1 and scheduler is None and cache is not None and missing is not None
                           and 0 < len(missing) <= PREFETCH_MAX) else None
    if prefetch is not None:
        log.info("%d article(s) to compute beside %d cached ones: sent to %d workers at once", len(prefetch),
                 len(articles) - len(prefetch), jobs)
    level = logging.getLogger("analysis").getEffectiveLevel()
    bar = _progress(enabled=progress, desc="analysing", total=len(articles))
    counts = {"computed": 0, "cached": 0}
    relay = _Relay()

    def todo_and_cached(chunk):
        cached = cache.get_many(chunk) if cache is not None else {}
        return [a for a in chunk if a.id not in cached], cached

    def merged(chunk, computed, cached):
        computed, records = computed if isinstance(computed, tuple) else (computed, [])
        for rec in records:
            relay.handle(rec)
        by_id = {r.article_id: r for r in computed}
        for a in chunk:
            r = by_id.get(a.id)
            if isinstance(r, _Light):  # rendered and compressed in the worker
                if cache is not None:
                    cache.put_blobs(a, r.tables, r.rendered, text=r.text)
                by_id[a.id] = r.result()
            elif r is not None and cache is not None:
                cache.put(a, r)
        counts["computed"] += len(by_id)
        counts["cached"] += len(cached)
        bar.update(len(chunk))
        for a in chunk:
            r = by_id.get(a.id) or cached[a.id]
            _release(a)
            yield r

    try:
        work = functools.partial(_analyse_chunk, render=render, blobs=render and cache is not None)
        if scheduler is not None:
            from .distributed import map_chunks

            submit_all = map_chunks(scheduler, work, spec, level=level)
        elif jobs == 1:
            def submit_all(pairs):
                for chunk, todo in pairs:
                    yield chunk, work(spec, todo, level) if todo else []
        elif prefetch is not None:
            submit_all = _prefetch_map(jobs, spec, level, work, prefetch, chunk_size, keep=keep_pool)
        else:
            submit_all = _pool_map(jobs, spec, level, work, keep=keep_pool)
        pending_cached: dict[int, dict] = {}

        def pairs():
            for k, chunk in enumerate(_chunks(articles, chunk_size)):
                todo, cached = todo_and_cached(chunk)
                pending_cached[id(chunk)] = cached
                yield chunk, todo

        for chunk, computed in submit_all(pairs()):
            yield from merged(chunk, computed, pending_cached.pop(id(chunk)))
    finally:
        bar.close()
        relay.close()
        if cache is not None:
            cache.commit()
    log.info("%d articles: %d computed, %d reused from the cache", len(articles), counts["computed"],
             counts["cached"])
    run_stages.last_counts = dict(counts)


run_stages.last_counts = {}


def _release(article) -> None:
    """Drop an article's cached text products once analysed (lazy corpora read them again if needed)."""
    if hasattr(article, "release"):
        article.release()
        return
    for k in ("cleaned", "sentences", "words"):
        article.__dict__.pop(k, None)


def _new_pool(jobs: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # forkserver: safe when the caller has threads (framing report analyses while kernels start)
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method), initializer=_exit_with_parent)


@contextmanager
def _pool(jobs: int, keep: list | None = None):
    """A new worker pool for the ``with`` block.  Left normally, it is shut down (waiting for its workers),
    or, with ``keep`` (a list), appended to ``keep`` for the caller to use next and shut down (text reuse
    runs on the warm workers).  Left by an exception, including a generator closed early (GeneratorExit)
    or an interrupt, pending work is cancelled first and the pool is never handed on."""
    pool = _new_pool(jobs)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        pool.shutdown()
        raise
    if keep is not None:
        keep.append(pool)
    else:
        pool.shutdown()


def _prefetch_map(jobs: int, spec: RunSpec, level: int, work, missing: list, chunk_size: int,
                  keep: list | None = None, ahead: int = 32):
    """Like :func:`_pool_map`, for a few articles to compute (``missing``) among many cached ones: they are
    all submitted at once, in small parts, and each (chunk, todo) pair gets the results of its ``todo``.
    While the results a chunk needs are not ready, up to ``ahead`` more pairs are drawn (reading their
    cached results), so this process works while the workers do."""
    from collections import deque

    def run(pairs):
        futures: dict[str, object] = {}
        size = max(1, min(chunk_size, -(-len(missing) // (2 * jobs))))
        with _pool(jobs, keep) as pool:
            for part in _chunks(missing, size):
                f = pool.submit(work, spec, part, level)
                for a in part:
                    futures[a.id] = f
            relayed: set[int] = set()
            window: deque = deque()
            source = iter(pairs)
            exhausted = False

            def ready(todo) -> bool:
                return all(a.id in futures and futures[a.id].done() for a in todo)

            while True:
                while not exhausted and (not window or (len(window) < ahead and not ready(window[0][1]))):
                    try:
                        window.append(next(source))
                    except StopIteration:
                        exhausted = True
                if not window:
                    break
                chunk, todo = window.popleft()
                if not todo:
                    yield chunk, []
                    continue
                late = [a for a in todo if a.id not in futures]
                if late:  # not counted as missing up front (cannot happen unless the cache changed)
                    f = pool.submit(work, spec, late, level)
                    for a in late:
                        futures[a.id] = f
                want = {a.id for a in todo}
                results, records = [], []
                for f in dict.fromkeys(futures[a.id] for a in todo):
                    got, recs = f.result()
                    if id(f) not in relayed:  # a part's log records, once
                        relayed.add(id(f))
                        records.extend(recs)
                    results.extend(r for r in got if r.article_id in want)
                for a in todo:
                    futures.pop(a.id, None)
                yield chunk, (results, records)
    return run


def _pool_map(jobs: int, spec: RunSpec, level: int = logging.WARNING, work=_analyse_chunk, keep: list | None = None):
    """A function mapping (chunk, todo) pairs to (chunk, results) on a process pool, in order, bounded.

    With ``keep`` (a list), the pool is not shut down when every chunk is done but appended to ``keep``.
    """
    from collections import deque

    def run(pairs):
        window: deque = deque()
        with _pool(jobs, keep) as pool:
            for chunk, todo in pairs:
                window.append((chunk, pool.submit(work, spec, todo, level) if todo else None))
                if len(window) >= 2 * jobs + 1:
                    c, f = window.popleft()
                    yield c, (f.result() if f is not None else [])
            while window:
                c, f = window.popleft()
                yield c, (f.result() if f is not None else [])
    return run


def _exit_with_parent() -> None:
    """Pool worker initializer: exit as soon as the process that started the pool is gone.

    A ``ProcessPoolExecutor`` worker waits on its task queue forever when its parent dies without
    shutting the pool down (``kill -9``, the OOM killer, a notebook kernel restarted mid-run), each
    holding its models in memory; a daemon thread waits on the parent's sentinel and ends the worker.
    """
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - only pool workers call this
        return

    def watch():
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# ------------------------------------------------------------------------------------------------ reductions
def finish_articles(rows: pd.DataFrame) -> pd.DataFrame:
    """The article table from the per-article rows: corpus-wide share columns filled and put in order.

    ``share_side_<side>`` and ``share_role_<role>`` exist for every side and role seen in the corpus:
    0.0 for an article with attributions but none of that side, empty (NaN) for an article without
    attributions (as :func:`analysis.sources.sourcing_ratios` computes them over a whole corpus).
    """
    if rows.empty:
        return rows
    cols = list(rows.columns)
    groups = [c for c in cols if c.startswith(("share_side_", "share_role_"))]
    has = pd.to_numeric(rows.get("attributions", pd.Series(0, index=rows.index)), errors="coerce").fillna(0) > 0
    for c in groups:
        rows[c] = rows[c].where(~(rows[c].isna() & has), 0.0)
    if groups:
        anchor = cols.index("dominance") + 1 if "dominance" in cols else len(cols)
        rest = [c for c in cols if c not in groups]
        anchor = min(anchor, len(rest))
        ordered = (rest[:anchor] + sorted(c for c in groups if c.startswith("share_side_"))
                   + sorted(c for c in groups if c.startswith("share_role_")) + rest[anchor:])
        rows = rows[ordered]
    for col in ("sentences_author", "sentences_quoted"):
        if col in rows:
            rows[col] = pd.to_numeric(rows[col]).fillna(0).astype(int)
    return rows.reset_index(drop=True)


def _manifest(corpus, spec: RunSpec, lexicon, registry, actor_list, counts: dict) -> dict:
    from . import loaded
    from .cache import method_fingerprint
    from .tsc import default_model

    return {
        "software": {"framing-analysis": __version__, "python": platform.python_version(),
                     "pandas": pd.__version__},
        "corpus": {"path": _portable(corpus.path), "articles": len(corpus),
                   "fingerprint": corpus_fingerprint(corpus, spec=spec)},
        "methods": {"fingerprint": method_fingerprint(spec)},
        "lexicons": [{k: (_portable(v) if k == "path" else v)
                      for k, v in (dict(f) if isinstance(f, dict) else vars(f)).items()}
                     for f in getattr(lexicon, "files", [])],
        "loaded_model": loaded.load_model().label,  # the word model of loaded_terms rows with method=model
        "registry": _portable(getattr(registry, "path", None)),
        "actors": _portable(actor_list.path) if actor_list.path else "proposed from capitalised names",
        "actor_list": actor_list.record(),  # what the notebooks read (analysis.actors.actors_of)
        "models": {"target_sentiment": default_model().tag},
        "run": counts,
    }


def _run(corpus: Corpus, sink: _Sink, *, lexicons: Sequence = (), registry_path=None, jobs=None,
         chunk_size: int = 32, cache=None, scheduler=None, progress: bool = False) -> dict:
    """Analyse ``corpus`` into ``sink`` (every table) and return the manifest."""
    from . import actors, loaded, sources

    arts = list(corpus)
    if not arts:
        raise InputError(corpus.path, "the corpus has no articles; add some with 'framing add'")
    log.info("analysing %d articles", len(arts))
    lexicon = loaded.load_lexicon([str(p) for p in lexicons], corpus=corpus.path)  # + <corpus>/lexicons/
    registry = sources.load_registry(registry_path) if registry_path else None
    spec = RunSpec(lexicon_paths=tuple(str(Path(p).resolve()) for p in lexicons),
                   lexicon_files=tuple(str(f.path) for f in getattr(lexicon, "files", []) if getattr(f, "path", None)),
                   corpus_path=str(corpus.path.resolve()) if corpus.path is not None else None,
                   registry_path=str(Path(registry_path).resolve()) if registry_path else None)
    if cache is not None:  # opened before the actors are known: they may be proposed from what it holds
        cache.open(spec)
    actor_list = actors.actors_for(corpus.path, arts, stats=cache.name_stats(arts) if cache is not None else None)
    spec = dataclasses.replace(spec, actors=actor_list)
    if cache is not None:
        cache.use_actors(actor_list)
    sink.cache = cache
    pools: list = []  # the worker pool, kept for text reuse
    try:
        for r in run_stages(arts, spec, jobs=jobs, chunk_size=chunk_size, cache=cache, scheduler=scheduler,
                            progress=progress, render=sink.folder is not None and sink.fmt == "csv",
                            keep_pool=pools if sink.folder is not None else None):
            sink.add(r)
        sink.flush()
        counts = dict(run_stages.last_counts)
        # corpus-level reductions
        articles_df = finish_articles(pd.concat(sink.article_rows, ignore_index=True)
                                      if sink.article_rows else pd.DataFrame())
        sink.write("articles", articles_df)
        texts = sink.texts if sink.folder is None else _text_reader(sink.folder)
        t0 = time.perf_counter()
        sink.close_tokens()
        stored = (str(sink.folder / sink.TOKENS), sink.tokens) if sink.tokens else None
        passages = _passages(texts, sink.sketches, cache,
                             pool=(pools[0], str(sink.folder), logging.getLogger("analysis").getEffectiveLevel())
                             if pools else None, stored=stored, folder=sink.folder,
                             write=(lambda df: sink.write("passages", df)) if sink.folder is not None else None)
    finally:
        for p in pools:
            p.shutdown(cancel_futures=True)
        sink.close_tokens(remove=True)
    if sink.folder is None:
        sink.write("passages", passages)
    log.info("text reuse across %d articles: %.1f s", len(sink.sketches), time.perf_counter() - t0)
    sink.n_articles = len(articles_df)
    return _manifest(corpus, spec, lexicon, registry, actor_list, counts)


def build_tables(corpus: Corpus, *, lexicon=None, registry=None, progress: bool = False, jobs: int = 1,
                 lexicons: Sequence = (), registry_path=None) -> Tables:
    """Run every method on ``corpus`` and return the :class:`Tables` in memory (nothing is written).

    For small corpora, tests and notebooks; :func:`analyze` streams large corpora to disk instead.
    ``lexicon`` and ``registry`` objects are accepted for compatibility: give ``lexicons`` (extra
    lexicon files) and ``registry_path`` instead, which worker processes can load themselves.
    """
    if registry is not None and registry_path is None:
        registry_path = getattr(registry, "path", None) or None
        if registry_path and not Path(registry_path).is_file():
            registry_path = None
    if lexicon is not None and not lexicons:
        from .loaded import default_lexicon_files

        defaults = {Path(p).resolve() for p in default_lexicon_files()}
        lexicons = [f.path for f in getattr(lexicon, "files", [])
                    if getattr(f, "path", None) and Path(f.path).resolve() not in defaults]
    sink = _Sink(None)
    manifest = _run(corpus, sink, lexicons=lexicons, registry_path=registry_path, jobs=jobs, progress=progress)
    frames = {name: sink.table(name) for name in TABLE_FILES}
    return Tables(**frames, manifest=manifest, texts=sink.texts)


def _link_texts(src: Path, dest: Path) -> bool:
    """Hard-link every previous text of ``src`` into ``dest`` (the staging folder's ``clean/``), so a re-run
    rewrites only what changed while the previous results stay whole until the swap, even if the run is
    killed.  False (and ``dest`` emptied) where links cannot be made: every text is then written again."""
    dest.mkdir(parents=True, exist_ok=True)
    try:
        with os.scandir(src) as it:
            for e in it:
                if e.is_file(follow_symlinks=False):
                    os.link(e.path, dest / e.name)
    except OSError as exc:
        log.debug("previous texts not linked (%s): every text is written again", exc)
        shutil.rmtree(dest, ignore_errors=True)
        dest.mkdir(parents=True)
        return False
    return True


def _checked_out(out_dir: str | Path) -> Path:
    """``out_dir`` resolved, if it may be (re)written as a results folder."""
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file, not a folder; choose another --out")
    if out.exists() and any(out.iterdir()) and not (out / "manifest.json").is_file():
        raise InputError(out, "is not a results folder (no manifest.json) and is not empty; choose another --out")
    return out


def _staging(out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.staging-"))
    staging.chmod(0o755)
    return staging


def _swap(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging`` with two renames (the previous results survive any failure before)."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{staging.name.rsplit('-', 1)[-1]}")
        os.replace(out, old)
    os.replace(staging, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_manifest(folder: Path, manifest: dict) -> None:
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n",
                                          encoding="utf-8")


def write_tables(tables: Tables, out_dir: str | Path, *, checked: bool = False, fmt: str = "csv") -> Path:
    """Write in-memory ``tables`` to ``out_dir`` whole or not at all.

    Everything is written to a staging folder beside ``out_dir``, which then
    replaces ``out_dir`` by two renames; a failure leaves the previous results
    untouched.  An existing ``out_dir`` must be a results folder (it holds a
    ``manifest.json``) or empty, so a mistyped ``--out`` never replaces
    unrelated files.
    """
    from . import tablefmt

    out = Path(out_dir).resolve() if checked else _checked_out(out_dir)
    staging = _staging(out)
    try:
        for name in TABLE_FILES:
            tablefmt.append(staging, name, getattr(tables, name), fmt=fmt, first=True)
        tablefmt.close(staging)
        (staging / "clean").mkdir()
        for art_id, text in tables.texts.items():  # bytes: no newline translation, offsets stay exact
            (staging / "clean" / f"{art_id}.txt").write_bytes(text.encode("utf-8"))
        _write_manifest(staging, {**tables.manifest, "format": fmt})
        _swap(staging, out)
    except BaseException:
        tablefmt.close(staging, discard=True)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    log.info("wrote %d tables and %d texts to %s", len(TABLE_FILES), len(tables.texts), out)
    return out


CACHE_FOLDER = ".cache"


def cache_dir(out_dir: str | Path) -> Path:
    """Where the per-article result cache of the results folder ``out_dir`` lives: ``<out>/.cache/``.

    It travels with the results folder when a run replaces it (moved into the staging folder first,
    moved back if the run fails) and is never inside the corpus.  Delete it at any time;
    ``--no-cache`` neither reads nor writes it.
    """
    return Path(out_dir).resolve() / CACHE_FOLDER


def analyze(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None, *,
            lexicons: Sequence[str | Path] = (), registry_path: str | Path | None = None,
            progress: bool = False, write: bool = True, jobs: int | None = None, cache: bool = True,
            scheduler=None, fmt: str = "csv", chunk_size: int = 32):
    """Load the corpus, run every method and (unless ``write=False``) write the tables to ``out_dir``.

    ``lexicons`` are extra lexicon files that add to or override the shipped
    ones; ``registry_path`` defaults to ``<corpus>/speakers.csv`` when present.
    ``jobs``: worker processes (default: all cores); ``scheduler``: a Dask
    scheduler address (or ``distributed.Client``) to run on instead;
    ``cache``: reuse per-article results of earlier runs (see :func:`cache_dir`);
    ``fmt``: ``csv`` (default) or ``parquet``.  Evidence tables are streamed to
    a staging folder chunk by chunk (memory bounded by the chunk size) and the
    staging folder replaces ``out_dir`` only when everything is written.

    Returns the :class:`Tables` (read lazily from ``out_dir`` when written).
    """
    from . import tablefmt

    if fmt not in tablefmt.FORMATS:
        raise InputError(None, f"--format {fmt!r}: expected one of {', '.join(tablefmt.FORMATS)}")
    out = _checked_out(out_dir if out_dir is not None else paths.RESULTS) if write else None
    corpus = load_corpus(corpus_dir)
    if registry_path is None and corpus.path is not None and (corpus.path / "speakers.csv").is_file():
        registry_path = corpus.path / "speakers.csv"
    if out is None:
        return build_tables(corpus, lexicons=lexicons, registry_path=registry_path, progress=progress,
                            jobs=jobs if jobs is not None else 1)
    staging = _staging(out)
    kept = cache_dir(out)
    if kept.is_dir():  # carry the cache over to the new results folder
        os.replace(kept, staging / CACHE_FOLDER)
    # the previous texts too, as hard links (the previous results stay whole): each is rewritten only if it changed
    carried = (out / "clean").is_dir() and _link_texts(out / "clean", staging / "clean")
    sink = _Sink(staging, fmt=fmt, carried=carried)
    result_cache = None
    if cache:
        from .cache import ResultCache

        result_cache = ResultCache(staging / CACHE_FOLDER)
    try:
        manifest = _run(corpus, sink, lexicons=lexicons, registry_path=registry_path, jobs=jobs,
                        chunk_size=chunk_size, cache=result_cache, scheduler=scheduler, progress=progress)
        tablefmt.close(staging)
        removed = sink.prune_texts()  # the texts of articles no longer in the corpus
        _write_manifest(staging, {**manifest, "format": fmt})
        if result_cache is not None:
            result_cache.close()
        _swap(staging, out)
    except BaseException:
        tablefmt.close(staging, discard=True)
        if result_cache is not None:
            result_cache.abandon()
        if (staging / CACHE_FOLDER).is_dir() and out.is_dir():
            try:
                os.replace(staging / CACHE_FOLDER, kept)
            except OSError:
                pass
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if carried:
        log.info("cleaned texts: %d unchanged, %d written, %d removed", sink.kept_texts, sink.written_texts, removed)
    c = manifest.get("run", {})
    log.info("wrote the tables of %d articles to %s (%d computed, %d reused from the cache)",
             sink.n_articles, out, c.get("computed", 0), c.get("cached", 0))
    return load_tables(out)


class _LazyTexts(dict):
    """``{article_id: cleaned text}`` read from ``<results>/clean/`` on first access."""

    def __init__(self, folder: Path):
        super().__init__()
        self._folder = folder
        self._ids = sorted(p.stem for p in folder.glob("*.txt")) if folder.is_dir() else []

    def __missing__(self, key):
        p = self._folder / f"{key}.txt"
        if not p.is_file():
            raise KeyError(key)
        text = p.read_bytes().decode("utf-8")
        self[key] = text
        return text

    def _load_all(self):
        for k in self._ids:
            self[k]

    def __iter__(self):
        return iter(self._ids)

    def __len__(self):
        return len(self._ids)

    def __contains__(self, key):
        return key in self._ids or super().__contains__(key)

    def keys(self):
        return list(self._ids)

    def items(self):
        return [(k, self[k]) for k in self._ids]

    def values(self):
        return [self[k] for k in self._ids]

    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default


class LazyTables(Tables):
    """:class:`Tables` whose DataFrames are read from a results folder when first used."""

    def __init__(self, folder: Path, manifest: dict, fmt: str):
        object.__setattr__(self, "_folder", folder)
        object.__setattr__(self, "_fmt", fmt)
        object.__setattr__(self, "manifest", manifest)
        object.__setattr__(self, "texts", _LazyTexts(folder / "clean"))

    def __getattr__(self, name):
        if name in TABLE_FILES:
            from . import tablefmt

            df = tablefmt.read(self._folder, name)
            object.__setattr__(self, name, df)
            return df
        raise AttributeError(name)

    def __repr__(self) -> str:  # pragma: no cover - cosmetic
        return f"LazyTables({self._folder})"


def load_tables(results_dir: str | Path | None = None) -> Tables:
    """The tables written by :func:`analyze` (CSV or Parquet), each read when first used."""
    from . import tablefmt

    folder = Path(results_dir) if results_dir is not None else paths.RESULTS
    for name in TABLE_FILES:
        if tablefmt.find(folder, name) is None:
            raise InputError(folder / TABLE_FILES[name], "missing; run 'framing analyze' first")
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    return LazyTables(folder, manifest, manifest.get("format", "csv"))
