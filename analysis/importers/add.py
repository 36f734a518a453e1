"""``framing add``: validate inputs row by row and add them to a corpus, all or nothing.

Rows are streamed: each is read (:mod:`.formats`), validated and turned into a candidate with its
metadata (:mod:`.validate`), checked against the corpus's duplicate store (:mod:`analysis.dedup`:
exact duplicates refused, near duplicates flagged or dropped) and staged (:mod:`.write`).  Only
when the whole batch has been read are the staged files moved into ``articles/`` and the duplicate
store committed; a failure or an interrupt before that removes the staging folder and leaves the
corpus as it was.

The per-row work (validation, language identification, cleaning, MinHash signature, rendering
the metadata) can run in ``jobs`` worker processes; rows are handed out in chunks and their results
taken back in input order, and everything that depends on earlier rows (duplicates, near duplicates,
ids, boilerplate counts) is decided in the main process in that order, so the corpus written is the
same for any number of jobs.
"""
from __future__ import annotations

import logging
import shutil
import signal
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import numpy as np

from .. import paths
from ..errors import DuplicateArticleError, InputError
from .formats import records
from .streams import expand_inputs
from .validate import MIN_WORDS, Candidate, Options, make_options, plain, to_candidate
from .write import (Reject, commit, learn_boilerplate, new_staging, remove_stale_staging, render_metadata,
                    split_origin, text_blob, write_article, write_rejects)

log = logging.getLogger(__name__)

__all__ = ["ImportResult", "add_articles", "CHUNK"]

#: Rows handed to a worker process at a time.
CHUNK = 32


class ImportResult(list):
    """The ids of the articles added (a list), with what was refused: ``duplicates``, ``rejected``, ``rejects_file``."""

    def __init__(self):
        super().__init__()
        self.duplicates: list[Reject] = []
        self.rejected: list[Reject] = []
        self.near_duplicates: list[tuple[str, str, float]] = []  # (new id, earlier id, similarity)
        self.rejects_file: Path | None = None

    def summary(self, corpus_dir) -> str:
        line = (f"added {len(self)} article(s), {len(self.duplicates)} duplicate(s), "
                f"{len(self.rejected)} rejected to {corpus_dir}")
        if self.near_duplicates:
            line += f"; {len(self.near_duplicates)} near-duplicate(s) flagged"
        if self.rejects_file is not None:
            line += f"; refused rows are listed in {self.rejects_file}"
        return line


@dataclass
class Prepared:
    """One record after the per-row work: its candidate (or why it was refused) and what the import needs of it."""

    origin: str
    cand: Candidate | None = None
    error: InputError | None = None
    key: str = ""  # hash of the cleaned body (exact duplicates)
    sig: np.ndarray | None = None  # MinHash signature (near duplicates)
    blob: bytes = b""  # the text file
    meta: bytes = b""  # the metadata file, as long as the article is not flagged
    lines: dict | None = None  # its distinct lines, when its outlet is known (boilerplate counts)


def prepare(origin: str, record, opts: Options) -> Prepared:
    """The per-row work, independent of every other row (runs in a worker process with ``jobs``)."""
    from ..boilerplate import lines_of, outlet_key
    from ..corpus import _body_key
    from ..dedup import signature

    if isinstance(record, InputError):
        return Prepared(origin, error=record)
    try:
        cand = to_candidate(record, opts)
    except InputError as exc:
        return Prepared(origin, error=exc)
    except (ValueError, TypeError, RecursionError) as exc:  # a value no check foresaw: refuse the row, not the batch
        log.debug("%s: unexpected %s", origin, type(exc).__name__, exc_info=True)
        return Prepared(origin, error=InputError(origin, f"row could not be read ({type(exc).__name__}: "
                                                         f"{str(exc)[:120]})"))
    cleaned = cand.cleaned()
    blob = text_blob(cand)
    prep = Prepared(origin, cand, key=_body_key(cleaned.body), sig=signature(cleaned.body or cleaned.text),
                    blob=blob, meta=render_metadata(cand, blob))
    if outlet_key(cand.fields["outlet"].value) is not None:
        prep.lines = lines_of(cand.text)
    cand.cleanings.clear()  # not needed any more (and not sent back from a worker)
    return prep


def _prepare_many(items: list, opts: Options) -> list[Prepared]:
    return [prepare(origin, record, opts) for origin, record in items]


def _worker_init() -> None:
    # Ctrl-C and SIGTERM are the main process's to handle: it stops the workers itself
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _pool(jobs: int):
    import multiprocessing

    from ..dedup import signature
    from .language import _walker

    _walker()  # load the language model once, before the workers are forked: they share it
    signature("warm up")
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ctx.Pool(jobs, initializer=_worker_init)


def _prepared(path: Path, opts: Options, pool, jobs: int) -> Iterator[Prepared]:
    """Prepared records of one file, in order; a file-level error is raised after the rows before it."""
    it = records(path, mapping=opts.mapping)
    if pool is None:
        for origin, record in it:
            yield prepare(origin, record, opts)
        return
    pending: deque = deque()
    error: InputError | None = None
    done = False
    while True:
        while not done and len(pending) < 2 * jobs:  # two chunks a worker in flight
            batch = []
            try:
                for _ in range(CHUNK):
                    batch.append(next(it))
            except StopIteration:
                done = True
            except InputError as exc:
                done, error = True, exc
            if batch:
                pending.append(pool.apply_async(_prepare_many, (batch, opts)))
        if not pending:
            break
        yield from pending.popleft().get()
    if error is not None:
        raise error


class _Import:
    """The state of one import: the duplicate store, the staging folder, what was added and refused."""

    def __init__(self, corpus_dir: Path, *, skip_invalid: bool, drop_near_duplicates: bool, threshold: float):
        from ..dedup import SignatureStore

        self.corpus_dir = corpus_dir
        self.skip_invalid = skip_invalid
        self.drop_near = drop_near_duplicates
        self.threshold = threshold
        self.result = ImportResult()
        self.rejects: list[Reject] = []
        self.staging = new_staging(corpus_dir)
        self.batch_ids: set[str] = set()
        self.outlets: set[str] = set()
        self.store = SignatureStore(corpus_dir)
        try:
            self.store.sync()
            self.store.begin()
        except BaseException:
            self.store.close()
            raise

    def refuse(self, exc: InputError, kind: str = "rejected") -> None:
        if not self.skip_invalid:
            raise exc
        file, row = split_origin(exc.path or "")
        r = Reject(file, row, kind, exc.message)
        (self.result.duplicates if kind == "duplicate" else self.result.rejected).append(r)
        self.rejects.append(r)
        log.warning("skipped %s", exc)

    def take(self, prep: Prepared) -> None:
        """Decide on one prepared record (in input order) and stage it when it is accepted."""
        if prep.error is not None:
            self.refuse(prep.error)
            return
        cand, origin, store = prep.cand, prep.origin, self.store
        hit = store.exact(prep.key)
        if hit is not None:
            self.refuse(DuplicateArticleError(origin, hit.id, hit.origin), "duplicate")
            return
        if cand.id in self.batch_ids or (self.corpus_dir / "articles" / f"{cand.id}.yaml").exists():
            self.refuse(InputError(origin, f"id {cand.id!r} is already in the corpus"))
            return
        meta = prep.meta
        near = store.near(prep.sig, threshold=self.threshold)
        if near is not None:
            msg = (f"near duplicate of article {near.id}"
                   f"{f' (imported from {near.origin})' if near.origin else ''}: "
                   f"estimated Jaccard {near.similarity:.2f} of word 3-shingles")
            if self.drop_near:
                self.refuse(InputError(origin, msg + "; dropped (--drop-near-duplicates)"), "duplicate")
                return
            log.warning("%s: %s; kept (drop with --drop-near-duplicates)", origin, msg)
            cand.extra["near_duplicate"] = {
                "of": near.id, "similarity": near.similarity,
                "method": f"MinHash estimate of the Jaccard similarity of word 3-shingles "
                          f"(threshold {self.threshold})"}
            self.result.near_duplicates.append((cand.id, near.id, near.similarity))
            meta = render_metadata(cand, prep.blob)
        write_article(cand, self.staging, meta=meta, atomic=False)
        store.add(cand.id, prep.key, prep.sig, origin=plain(cand.fields["source"].value) or origin)
        outlet = cand.fields["outlet"].value
        if outlet:
            store.count_lines(outlet, cand.text, lines=prep.lines)
            self.outlets.add(outlet)
        self.batch_ids.add(cand.id)
        self.result.append(cand.id)
        log.info("added %s from %s", cand.id, origin)

    def finish(self) -> None:
        commit(self.staging, self.corpus_dir)
        self.store.commit()
        learn_boilerplate(self.corpus_dir, self.store, self.outlets)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        shutil.rmtree(self.staging, ignore_errors=True)


def _check_corpus_dir(corpus_dir: Path) -> None:
    if corpus_dir.exists() and not corpus_dir.is_dir():
        raise InputError(corpus_dir, "is a file, not a corpus folder")
    if (corpus_dir / "articles").exists() and not (corpus_dir / "articles").is_dir():
        raise InputError(corpus_dir / "articles", "is a file, not a folder of articles")


def add_articles(inputs: Iterable[str | Path], *, corpus_dir: str | Path | None = None,
                 supplied: Mapping[str, object] | None = None, skip_invalid: bool = False,
                 min_words: int = MIN_WORDS, mapping: Mapping[str, str] | None = None,
                 day_first: bool = False, drop_near_duplicates: bool = False,
                 near_threshold: float | None = None, jobs: int = 1) -> ImportResult:
    """Validate ``inputs`` row by row and add them to the corpus; return an :class:`ImportResult` (the new ids).

    Unless ``skip_invalid``, the first refused row or file aborts the whole batch and nothing is
    written.  With it, refused rows are counted (``result.rejected``, ``result.duplicates``) and
    listed in ``<corpus>/rejects/<time>.csv``.  Near duplicates are kept and flagged in their
    metadata (``near_duplicate``), or dropped with ``drop_near_duplicates``.  ``jobs`` worker
    processes do the per-row work (the result is the same for any number).
    """
    from ..dedup import NEAR_THRESHOLD, store_path

    threshold = NEAR_THRESHOLD if near_threshold is None else float(near_threshold)
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else paths.CORPUS
    _check_corpus_dir(corpus_dir)
    inputs = expand_inputs(inputs)  # a folder: the supported files inside it
    for p in inputs:  # file-level problems that need no reading are reported before any work
        if not p.exists() and not skip_invalid:
            raise InputError(p, "no such file")
    opts = make_options(supplied=supplied, mapping=mapping, min_words=min_words, day_first=day_first)
    created = [p for p in (corpus_dir, store_path(corpus_dir).parent) if not p.exists()]  # removed on failure
    try:
        corpus_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(corpus_dir, f"cannot create the corpus folder ({exc.strerror})") from None
    remove_stale_staging(corpus_dir)
    run = pool = None
    try:
        run = _Import(corpus_dir, skip_invalid=skip_invalid, drop_near_duplicates=drop_near_duplicates,
                      threshold=threshold)
        pool = _pool(jobs) if jobs > 1 else None
        for path in inputs:
            try:
                for prep in _prepared(path, opts, pool, jobs):
                    run.take(prep)
            except InputError as exc:
                if exc.path is None or not str(exc.path).startswith(str(path)):
                    raise
                run.refuse(exc)
        run.finish()
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool.join()
            pool = None
        if run is not None:
            run.close()
        for p in created:  # no debris: what this import created goes
            shutil.rmtree(p, ignore_errors=True)
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if run is not None:
            run.close()
    if run.rejects:
        run.result.rejects_file = write_rejects(corpus_dir, run.rejects)
    return run.result
