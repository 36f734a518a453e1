"""Text reuse at scale: the partner cap, candidate pairs found in bounded memory (buckets, batches, spilled
counts), and the passages aligned, cached and written part by part (analysis.reuse.candidates,
analysis.passages._passages).  Texts written for these tests."""
from __future__ import annotations

import logging

import pandas as pd
import pytest

from analysis import passages, reuse
from analysis.cache import ResultCache
from analysis.relay import _relayed

WIRE = ("The river commission said on Tuesday that the northern dam would stay closed until the engineers "
        "finish their inspection of the spillway and the turbines.")


def _filler(i: int, words: int = 12) -> str:
    return " ".join(f"{w}{i}" for w in ("story", "about", "number", "nothing", "else", "closes", "here", "today",
                                        "after", "noon", "again", "then")[:words]) + "."


def _wire_texts(reprints: int, others: int = 14) -> dict[str, str]:
    """``reprints`` articles that are the same wire sentence and nothing else, and ``others`` unrelated ones."""
    out = {f"w{i}": WIRE for i in range(reprints)}
    out.update({f"z{i:02d}": _filler(i) for i in range(others)})
    return out


def test_each_article_keeps_its_closest_partners_and_the_dropped_pairs_are_counted(caplog):
    """Six reprints of one wire sentence share every fingerprint with each other (15 pairs, all tied).  With at
    most 2 partners, each keeps the two first in id order (ties go to the lower id): w0 and w1 keep each other
    and w2, w2..w5 keep w0 and w1.  Kept: w0-w1, w0-w2, w1-w2, and w0, w1 with each of w3, w4, w5 = 9 pairs;
    6 dropped (w2-w3 ... w4-w5), which the log says."""
    sk = {k: reuse.sketch(t) for k, t in _wire_texts(6).items()}
    with caplog.at_level(logging.INFO, logger="analysis"):
        c = reuse.candidates(sk, max_partners=2, all_pairs_below=0)
    got = {(a, b) for a, _, b, _ in c.tuples()}
    assert got == {("w0", "w1"), ("w0", "w2"), ("w1", "w2"), ("w0", "w3"), ("w1", "w3"), ("w0", "w4"),
                   ("w1", "w4"), ("w0", "w5"), ("w1", "w5")}
    assert c.dropped == 6
    assert any("6 of 15 candidate pairs dropped (max_partners=2)" in r.getMessage() for r in caplog.records)
    # without the cap: all 15 pairs, nothing dropped
    assert len(reuse.candidates(sk, all_pairs_below=0)) == 15


def test_a_wire_story_reprinted_by_many_gives_at_most_max_partners_per_article():
    """40 reprints of the same text: 780 pairs share wording; with 5 partners each at most 40 x 5 pairs remain,
    and every reprint is still in a pair."""
    sk = {k: reuse.sketch(t) for k, t in _wire_texts(40, others=50).items()}  # 40 of 90: not boilerplate
    c = reuse.candidates(sk, max_partners=5, all_pairs_below=0)
    assert len(c) <= 40 * 5 and c.dropped == 780 - len(c)
    pairs = c.tuples()
    assert {a for a, *_ in pairs} | {b for _, _, b, _ in pairs} == {f"w{i}" for i in range(40)}
    degree = pd.Series([a for a, *_ in pairs] + [b for _, _, b, _ in pairs]).value_counts()
    assert degree.min() >= 5


def _mixed() -> dict[str, str]:
    """Unrelated articles, eight reprints of a wire sentence, and pairs sharing a sentence at different places."""
    texts = _wire_texts(8, others=30)
    for i in range(0, 30, 3):  # z00 with z01, z03 with z04, ...: a sentence of their own, after their filler
        shared = f"the harbour authority number {i} will publish the accounts of the ferry company next week."
        texts[f"z{i:02d}"] += " " + shared.capitalize()
        texts[f"z{i + 1:02d}"] = shared.capitalize() + " " + texts[f"z{i + 1:02d}"]
    return texts


def test_candidates_are_the_same_with_tiny_buckets_batches_and_spilled_counts(monkeypatch, tmp_path):
    """The fingerprints grouped in many buckets, the pairs generated a few at a time, the counts written to files
    after every few: same pairs, in the same order, as all in memory at once; the spill files are removed."""
    sk = {k: reuse.sketch(t) for k, t in _mixed().items()}
    for cap in (3, 50):
        whole = reuse.candidate_pairs(sk, max_partners=cap, all_pairs_below=0)
        assert ("z00", 0, "z01", 0) in whole and ("w0", 0, "w1", 0) in whole
        for bucket, batch, spill, per in ((7, 3, 5, 2), (100, 50, 40, 7)):
            monkeypatch.setattr(reuse, "_BUCKET", bucket)
            monkeypatch.setattr(reuse, "_PAIRS", batch)
            monkeypatch.setattr(reuse, "_SPILL", spill)
            monkeypatch.setattr(reuse, "_UNITS_PER_PART", per)
            c = reuse.candidates(sk, max_partners=cap, all_pairs_below=0, folder=tmp_path)
            assert c.tuples() == whole
            assert list(tmp_path.iterdir()) == []
            monkeypatch.undo()


def test_parts_keep_the_windows_of_two_articles_together():
    units = [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)]
    import numpy as np

    c = reuse.Candidates(units, np.array([0, 0, 1, 1, 2]), np.array([2, 3, 2, 3, 4]))
    assert list(c.parts(1)) == [(0, 4), (4, 5)]  # a-b's four window pairs are one part
    assert c.tuples(4, 5) == [("b", 0, "c", 0)]


def _cache(tmp_path, ids) -> ResultCache:
    class Spec:
        lexicon_paths = lexicon_files = ()
        corpus_path = registry_path = actors = None
        reuse_n = 4

        def key(self):
            return ()

    cache = ResultCache(tmp_path / "cache")
    cache.open(Spec())
    cache.keys = {aid: f"test-{aid}" for aid in ids}
    cache.base = dict(cache.keys)
    return cache


def test_passages_written_part_by_part_equal_the_whole_table_with_and_without_the_cache(monkeypatch, tmp_path):
    """With one article pair per part, the passages come in as many writes, and put together they are the
    table found in one go; a second run with the cache aligns nothing and writes the same passages; the cache
    keeps the pairs used (remembered in its database a few keys at a time)."""
    texts = _mixed()
    sk = {k: reuse.sketch(t) for k, t in texts.items()}
    whole = reuse.shared_passages(texts, all_pairs_below=0)
    assert set(zip(whole["article_a"], whole["article_b"])) >= {("z00", "z01"), ("w0", "w1")}
    monkeypatch.setattr(passages, "PART_PAIRS", 1)
    monkeypatch.setattr(ResultCache, "USED_BATCH", 3)
    for cache in (None, _cache(tmp_path, texts)):
        for run in (1, 2):
            parts: list[pd.DataFrame] = []
            n = passages._passages(texts, sk, cache, stored=None, pool=None, write=parts.append, folder=tmp_path,
                                   options={"all_pairs_below": 0})
            assert n == len(whole) and len(parts) == len(set(zip(whole["article_a"], whole["article_b"])))
            pd.testing.assert_frame_equal(pd.concat(parts, ignore_index=True), whole)
            if cache is not None:
                cache.commit()
        if cache is not None:
            kept = cache._db.execute("SELECT COUNT(*) FROM pairs").fetchone()[0]
            cache.close()
            assert kept == len(reuse.candidates(sk, all_pairs_below=0))  # every candidate pair, passages or not


def test_no_passages_still_writes_the_empty_table(tmp_path):
    texts = {f"z{i:02d}": _filler(i) for i in range(60)}
    sk = {k: reuse.sketch(t) for k, t in texts.items()}
    parts: list[pd.DataFrame] = []
    assert passages._passages(texts, sk, None, write=parts.append, folder=tmp_path, stored=None, pool=None) == 0
    assert len(parts) == 1 and parts[0].empty and list(parts[0].columns) == reuse.PASSAGE_COLUMNS
