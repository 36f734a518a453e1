"""Benchmark: articles per second for each stage of the analysis (run on demand, not a test).

    python benchmarks/bench_pipeline.py [--copies 40]

Replicates the bundled corpus ``--copies`` times in memory (each copy gets a distinct id) and times
each stage of ``analysis.pipeline.build_tables`` separately (each copy differs by one sentence, so
no cache keyed on the text helps) on one core, then the whole pipeline.
Prints one line per stage: articles, seconds, articles/second.
"""
from __future__ import annotations

import argparse
import time
import resource

from analysis import loaded, sources
from analysis.corpus import Article, Corpus, load_corpus
from analysis.pipeline import build_tables
from analysis.readability import readability
from analysis.sentiment import sentence_table


def replicated(copies: int) -> Corpus:
    base = load_corpus()
    # each copy gets one distinct closing sentence, so no per-text cache (e.g. textstat's) can help
    arts = [Article(id=f"{a.id}-{i}", raw=f"{a.raw}\n\nThis is copy number {i} of the article.", fields=a.fields)
            for i in range(copies) for a in base]
    return Corpus(arts, path=base.path)


def timed(label: str, n: int, fn) -> None:
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    print(f"{label:<28} {n:>6} articles {dt:8.2f} s {n / dt:10.1f} articles/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--copies", type=int, default=40)
    args = ap.parse_args()
    corpus = replicated(args.copies)
    arts = list(corpus)
    words = sum(a.words for a in arts)  # also warms cleaning + segmentation caches
    print(f"{len(arts)} articles, {words} words ({words / len(arts):.0f} per article)")
    # warm-up: load lexicons and models once
    readability(arts[0].text), sentence_table(arts[:1])
    lex = loaded.load_lexicon()
    timed("clean + segment", len(arts), lambda: [Article(id=a.id, raw=a.raw, fields=a.fields).sentences for a in arts])
    timed("sentiment (VADER)", len(arts), lambda: sentence_table(arts))
    timed("readability (textstat)", len(arts), lambda: [readability(a.text) for a in arts])
    timed("attributions", len(arts), lambda: sources.attributions_table(arts))
    timed("loaded language", len(arts), lambda: loaded.loaded_table(arts, lexicon=lex))
    fresh = replicated(args.copies)
    timed("whole pipeline", len(fresh), lambda: build_tables(fresh, lexicon=lex))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(f"peak resident memory of this process: {peak / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
