"""Text reuse of an analysis run: candidate pairs, the pair cache and exact alignment on the worker pool.

Method
------
The corpus-level step of :mod:`analysis.reuse` (winnowed shingle fingerprints, Schleimer, Wilkerson &
Aiken 2003, "Winnowing: local algorithms for document fingerprinting", SIGMOD; seed-and-extend alignment of
the candidate pairs) run over the sketches the workers computed: the passages of each candidate pair are
taken from the result cache when both articles and the compared windows are unchanged, the other pairs
are aligned, on the run's warm worker processes from :data:`POOL_PAIRS_FROM` pairs on, and the passages
are put back in the order of a serial run.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .relay import _collecting, _relayed, _Relay
from .sink import _text_reader

log = logging.getLogger(__name__)

__all__: list[str] = []


def _passages(texts, sketches: dict, cache, *, pool=None, stored=None) -> pd.DataFrame:
    """Text reuse over the corpus (:func:`analysis.reuse.shared_passages`), with the passages of each candidate
    pair taken from the result cache when both articles and the compared windows are unchanged.

    ``pool``: ``(executor, results folder, log level)``: the pairs to align are shared among the worker
    processes (each reads the cleaned texts from the folder); ``stored``: ``(tokens file, {id: (offset,
    length)})``, the words of the articles as the workers found them (:func:`analysis.reuse.packed_tokens`),
    read instead of tokenising the texts again.  The passages are the same.
    """
    from collections import defaultdict

    from . import reuse

    if cache is None or getattr(cache, "_db", None) is None:
        if pool is None and stored is None:
            return _relayed(reuse.shared_passages, texts, sketches=sketches)
        pairs = _relayed(reuse.candidate_pairs, sketches)
        out = _find_passages(texts, pairs, sketches, pool, stored)
        log.info("shared passages: %d across %d article pairs (%d candidate pairs)", len(out),
                 out[["article_a", "article_b"]].drop_duplicates().shape[0], len(pairs))
        return out
    pairs = _relayed(reuse.candidate_pairs, sketches)
    by_pair: dict[tuple[str, str], list] = defaultdict(list)
    for p in pairs:
        by_pair[(p[0], p[2])].append(p)
    rows: dict[tuple[str, str], list[dict]] = {}
    todo, keys = [], {}
    for ab, ps in by_pair.items():
        keys[ab] = cache.pair_key(ab[0], ab[1], [(i, j) for _, i, _, j in ps])
    found = cache.get_pairs(keys.values())
    for ab, ps in by_pair.items():
        got = found.get(keys[ab])
        if got is None:
            todo.extend(ps)
        else:
            rows[ab] = got
    new = _find_passages(texts, sorted(todo), sketches, pool, stored)
    fresh: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for r in new.to_dict("records"):
        fresh[(r["article_a"], r["article_b"])].append(r)
    aligned = {(a, b) for a, _, b, _ in todo}
    for ab in aligned:
        rows[ab] = fresh.get(ab, [])
        cache.put_pair(keys[ab], rows[ab])
    out = pd.DataFrame([r for ab in sorted(rows) for r in rows[ab]], columns=reuse.PASSAGE_COLUMNS)
    if not out.empty:
        out = out.sort_values(["article_a", "article_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)
    log.info("shared passages: %d across %d article pairs (%d candidate pairs, %d pairs aligned, %d from the cache)",
             len(out), sum(1 for v in rows.values() if v), len(pairs), len(aligned),
             len(by_pair) - len(aligned))
    return out


#: Text reuse is aligned on the worker pool only from this many candidate pairs on.
POOL_PAIRS_FROM = 64


def _token_reader(stored):
    """A function: article id -> its packed tokens from the tokens file, or None (``stored``: file, index)."""
    if stored is None:
        return None
    path, index = stored

    def read(aid: str):
        where = index.get(aid)
        if where is None:
            return None
        with open(path, "rb") as fh:
            fh.seek(where[0])
            return fh.read(where[1])
    return read


def _find_passages(texts, pairs: list, sketches: dict, pool, stored=None) -> pd.DataFrame:
    """:func:`analysis.reuse.find_passages` of ``pairs`` (sorted), on the worker ``pool`` when given: the pairs
    are cut into consecutive parts of about equal words (so each worker tokenises an article once for its
    several partners), aligned in parallel, and their passages put in the order of a serial run."""
    from . import reuse

    if pool is None or len(pairs) < POOL_PAIRS_FROM:
        return reuse.find_passages(texts, pairs, stored=_token_reader(stored))
    executor, folder, level = pool
    parts: list[list] = [[]]
    cost = [sketches[a].words + sketches[b].words for a, _, b, _ in pairs]
    per = sum(cost) / (4 * max(1, executor._max_workers)) or 1
    acc = 0.0
    for k, p in enumerate(pairs):
        if acc >= per and (p[0], p[2]) != (pairs[k - 1][0], pairs[k - 1][2]):  # a pair's windows stay together
            parts.append([])
            acc = 0.0
        parts[-1].append(p)
        acc += cost[k]
    def subset(part):  # the index entries of the part's articles
        if stored is None:
            return None
        ids = {p[0] for p in part} | {p[2] for p in part}
        return stored[0], {a: stored[1][a] for a in ids if a in stored[1]}
    futures = [executor.submit(_find_part, folder, part, level, subset(part)) for part in parts]
    relay, frames = _Relay(), []
    try:
        for f in futures:
            df, records = f.result()
            for rec in records:
                relay.handle(rec)
            if len(df):
                frames.append(df)
    finally:
        for f in futures:
            f.cancel()
        relay.close()
    if not frames:
        return reuse.find_passages(texts, [])
    out = pd.concat(frames, ignore_index=True)
    return out.sort_values(["article_a", "article_b", "a_start", "b_start"], kind="stable").reset_index(drop=True)


def _find_part(folder: str, pairs: list, level: int, stored=None):
    """Worker entry point: the passages of some candidate pairs, with the texts read from the results folder."""
    from . import reuse

    with _collecting(level) as records:
        out = reuse.find_passages(_text_reader(Path(folder)), pairs, stored=_token_reader(stored))
    return out, records
