#!/usr/bin/env python
"""Throughput of analysis.sources.extract on news-length text (articles per second on one core).

Usage: python benchmarks/bench_sources.py [--repeat 3]

Texts: the seed articles (analysis.paths.SEEDS) and, when present, the PolNeAR dev texts
(analysis.paths.POLNEAR); each is cleaned once with analysis.text.clean outside the timing.
Sentence segmentation is not timed either (extract() does its own segmentation).  Not a test.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from analysis.paths import POLNEAR, SEEDS
from analysis.sources import extract, load_registry
from analysis.text import clean


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    files = sorted(SEEDS.glob("*.txt")) + sorted((POLNEAR / "data" / "dev" / "text").glob("*.txt"))
    if not files:
        print("no texts found under", SEEDS, "or", POLNEAR)
        return 1
    texts = [clean(f.read_text(encoding="utf-8")).text for f in files]
    registry = load_registry()
    words = statistics.mean(len(t.split()) for t in texts)
    extract(texts[0], registry=registry)  # warm the lexicon caches
    rates = []
    for _ in range(a.repeat):
        t0 = time.perf_counter()
        n = sum(len(extract(t, registry=registry)) for t in texts)
        rates.append(len(texts) / (time.perf_counter() - t0))
    print(f"{len(texts)} articles (mean {words:.0f} words), {n} attributions per pass")
    print(f"articles/s per core: best {max(rates):.0f}, median {statistics.median(rates):.0f} (target >= 200)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
