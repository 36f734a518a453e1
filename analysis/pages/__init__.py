"""Evidence pages: every article of a results folder annotated in the browser.

Method: :func:`write_pages` reads the result tables (:mod:`.data`), writes one
static HTML page per article (:mod:`.article`: the cleaned text with
attributions, loaded terms, actor mentions and sentences marked at their
offsets, nested by a boundary sweep, :mod:`.markup`) and a corpus index
(:mod:`.corpus_index`).  Pages are plain HTML, CSS and a little JavaScript,
self-contained (no server, no network), keyboard accessible and print-ready;
every string is escaped (:mod:`.safe`).  The field's annotated-text viewers
are the model: displaCy's inline entities, Prta's propaganda-span highlights
(Da San Martino et al. 2020), the GenderGapTracker's quote lists
(Asr et al. 2021).  See docs/pages.md.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

from ..errors import InputError
from . import safe
from .article import category_codes, opening_words, render_article
from .corpus_index import render_index
from .data import Evidence, evidence_from_tables, load_evidence
from .links import evidence_hrefs, page_href

log = logging.getLogger(__name__)

__all__ = ["write_pages", "render_article", "render_index", "load_evidence", "evidence_from_tables", "page_files",
           "page_href", "evidence_hrefs"]


def page_files(evidence: Evidence) -> dict[str, str]:
    """article id -> page file name (unique, safe)."""
    out, used = {}, set()
    for aid in evidence.articles["article_id"].astype(str):
        name = safe.file_name(aid)
        if name in used or name == "index.html":
            name = safe.file_name("\0" + aid)  # a hashed name for a clash
        used.add(name)
        out[aid] = name
    return out


def _index_rows(evidence: Evidence) -> list[dict]:
    from .corpus_index import INDEX_COLUMNS
    from .data import _records

    cols = [c for c, _, _ in INDEX_COLUMNS if c in evidence.articles.columns]
    rows = _records(evidence.articles[cols])
    for r in rows:  # an untitled article is listed by its opening words, as its page is
        if not (isinstance(r.get("title"), str) and r["title"].strip()):
            opening = opening_words(evidence.texts.get(r["article_id"], ""))
            r["title"] = f"(untitled) {opening}" if opening else None
    return rows


def _evidence(source) -> Evidence:
    if isinstance(source, Evidence):
        return source
    if isinstance(source, (str, os.PathLike)):
        return load_evidence(source)
    return evidence_from_tables(source)


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(out, "is a file, not a folder; choose another output folder for the pages")
    if out.exists() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise InputError(out, "is not empty and has no index.html; choose another output folder for the pages")


_WORKER: dict = {}


def _init_worker(evidence, categories, files, staging) -> None:
    _WORKER.update(evidence=evidence, categories=categories, files=files, staging=staging)


def _write_range(lo: int, hi: int) -> int:
    """Write the pages of articles ``lo``..``hi`` (in id order) into the staging folder; return how many."""
    ev, cats, files, staging = (_WORKER[k] for k in ("evidence", "categories", "files", "staging"))
    n = 0
    for art in ev.iter_range(lo, hi):
        if art.article_id not in ev.texts:
            log.warning("article %s: no cleaned text in the results; its page shows no text", art.article_id)
        (staging / files[art.article_id]).write_bytes(render_article(art, categories=cats).encode("utf-8"))
        n += 1
    return n


#: below this many articles the pages are written in this process (starting workers costs more).
PARALLEL_FROM = 400


def write_pages(source, out_dir: str | Path, *, title: str = "Evidence pages", progress: bool = False,
                jobs: int | None = None) -> Path:
    """Write ``<out_dir>/<article_id>.html`` for every article and ``<out_dir>/index.html``; return the index.

    ``source`` is a results folder, an :class:`analysis.pipeline.Tables` or an
    :class:`~analysis.pages.data.Evidence`.  The pages are written to a staging
    folder that then replaces ``out_dir`` (which must be absent, empty or an
    earlier pages folder), so the folder is whole or unchanged.  ``jobs``
    processes write pages at once (default: one below :data:`PARALLEL_FROM`
    articles, else the CPUs, at most 4); the pages are the same either way.
    """
    t0 = time.perf_counter()
    evidence = _evidence(source)
    out = Path(out_dir).resolve()
    _check_out(out)
    files = page_files(evidence)
    counts = Counter(str(c) for c in evidence.values("loaded_terms", "category"))
    categories = category_codes(sorted(counts, key=lambda c: (-counts[c], c)))
    n = len(evidence)
    if jobs is None:
        jobs = 1 if n < PARALLEL_FROM else min(os.cpu_count() or 1, 4)
    jobs = max(1, min(jobs, n or 1))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.staging-"))
    staging.chmod(0o755)
    bar = None
    try:
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=n, desc="evidence pages", unit="article", leave=False)
        step = 200
        ranges = [(lo, min(n, lo + step)) for lo in range(0, n, step)]
        if jobs == 1:
            _init_worker(evidence, categories, files, staging)
            try:
                for lo, hi in ranges:
                    done = _write_range(lo, hi)
                    bar is not None and bar.update(done)
            finally:
                _WORKER.clear()
        else:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_init_worker,
                                     initargs=(evidence, categories, files, staging)) as pool:
                for done in pool.map(_write_range, *zip(*ranges)):
                    bar is not None and bar.update(done)
        (staging / "index.html").write_bytes(
            render_index(_index_rows(evidence), files=files, title=title).encode("utf-8"))
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.old-"))
            os.replace(out, old / out.name)
        os.replace(staging, out)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if bar is not None:
            bar.close()
    log.info("wrote %d evidence pages to %s in %.1f s (%d process%s)", n, out, time.perf_counter() - t0, jobs,
             "" if jobs == 1 else "es")
    return out / "index.html"
