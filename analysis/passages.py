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


#: Candidate pairs (of article windows) looked up in the cache, aligned and written at a time: bounds the pair
#: keys, pairs and passages held in memory whatever the number of candidate pairs.
PART_PAIRS = 20_000


def _passages(texts, sketches: dict, cache, *, pool=None, stored=None, write=None, folder=None, options=None):
    """Text reuse over the corpus (:func:`analysis.reuse.shared_passages`), with the passages of each candidate
    pair taken from the result cache when both articles and the compared windows are unchanged.

    ``pool``: ``(executor, results folder, log level)``: the pairs to align are shared among the worker
    processes (each reads the cleaned texts from the folder); ``stored``: ``(tokens file, {id: (offset,
    length)})``, the words of the articles as the workers found them (:func:`analysis.reuse.packed_tokens`),
    read instead of tokenising the texts again.  The passages are the same.

    The candidate pairs are found as arrays (:func:`analysis.reuse.candidates`, spilling to a temporary
    folder inside ``folder``) and handled :data:`PART_PAIRS` at a time, in order: cache look-up, alignment,
    cache entries, passages.  ``write``: a function given the passages of each part in turn (a DataFrame,
    sorted; the empty table when there are none), so the passages are never held whole; then the number of
    passages is returned.  Without it the passages table is returned.  ``options``: keyword options of
    :func:`analysis.reuse.candidates` (``max_partners``...).
    """
    from . import reuse

    use_cache = cache is not None and getattr(cache, "_db", None) is not None
    if not use_cache and pool is None and stored is None and write is None:
        return _relayed(reuse.shared_passages, texts, sketches=sketches, **(options or {}))
    cands = _relayed(reuse.candidates, sketches, folder=folder, **(options or {}))
    frames: list[pd.DataFrame] = []
    n_rows = n_linked = n_aligned = n_cached = 0
    for lo, hi in cands.parts(PART_PAIRS):
        pairs = cands.tuples(lo, hi)
        if use_cache:
            part, linked, aligned, cached = _cached_part(texts, pairs, sketches, cache, pool, stored)
            n_aligned += aligned
            n_cached += cached
        else:
            part = _find_passages(texts, pairs, sketches, pool, stored)
            linked = part[["article_a", "article_b"]].drop_duplicates().shape[0]
        n_linked += linked
        if len(part):
            n_rows += len(part)
            if write is not None:
                write(part)
            else:
                frames.append(part)
    empty = pd.DataFrame([], columns=reuse.PASSAGE_COLUMNS)
    if write is not None and not n_rows:
        write(empty)
    if use_cache:
        log.info("shared passages: %d across %d article pairs (%d candidate pairs, %d pairs aligned, %d from the "
                 "cache)", n_rows, n_linked, len(cands), n_aligned, n_cached)
    else:
        log.info("shared passages: %d across %d article pairs (%d candidate pairs)", n_rows, n_linked, len(cands))
    if write is not None:
        return n_rows
    if not frames:
        return empty
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def _cached_part(texts, pairs: list, sketches: dict, cache, pool, stored):
    """The passages of ``pairs`` (sorted, whole article pairs) from the cache or aligned (and then cached);
    also the number of article pairs with passages, aligned and taken from the cache."""
    from collections import defaultdict

    from . import reuse

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
    del found
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
    return out, sum(1 for v in rows.values() if v), len(aligned), len(by_pair) - len(aligned)


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
