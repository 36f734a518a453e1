"""Benchmark: CPU time of each per-article stage, and its ratio to the floor, in one process (not a test).

    nice -n 10 python benchmarks/bench_stages.py --corpus /tmp/pc1000 [--articles 400]

Runs the pool workers' entry point (``analysis.pipeline._analyse_chunk``, chunks of 32, CSV rows rendered
and cache entries compressed as the workers do) over a generated corpus (``benchmarks/corpus_gen.py``), after
one warm-up chunk and with the garbage collector's long-lived objects frozen as the workers freeze them
(``gc.freeze``), and prints the CPU milliseconds per article of each stage of ``analysis.stages.STAGES``, of the
summaries and of the workers' rendering (``_lighten``), then the floor on the same articles: bare VADER over
the sentences of the raw texts split by NLTK's stock Punkt (as ``benchmarks/bench_scale.py`` times it).  CPU
time, not wall time: on a shared machine it moves less with the other sessions' load; the floor still moves
by some 20 % between runs, so compare stage times of two code versions run alternately.
"""
from __future__ import annotations

import argparse
import collections
import functools
import gc
import sys
import time


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a corpus folder (e.g. built by benchmarks/corpus_gen.py)")
    ap.add_argument("--articles", type=int, default=400, help="articles timed, after a warm-up chunk of 32")
    a = ap.parse_args(argv)

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis import actors, loaded, pipeline, stages
    from analysis.corpus import load_corpus
    from analysis.text import _punkt, sentences

    corpus = load_corpus(a.corpus)
    arts = list(corpus)
    lexicon = loaded.load_lexicon([], corpus=corpus.path)
    spec = stages.RunSpec(lexicon_files=tuple(str(f.path) for f in getattr(lexicon, "files", [])
                                              if getattr(f, "path", None)),
                          corpus_path=str(corpus.path.resolve()), actors=actors.actors_for(corpus.path, arts))
    pipeline._analyse_chunk(spec, arts[:32], render=True, blobs=True)
    gc.collect()
    gc.freeze()
    spent: collections.Counter = collections.Counter()

    def timed(f, name):
        @functools.wraps(f)
        def g(*args, **kw):
            c = time.process_time()
            try:
                return f(*args, **kw)
            finally:
                spent[name] += time.process_time() - c
        return g

    saved = list(stages.STAGES), list(stages.SUMMARIES), pipeline._lighten
    stages.STAGES[:] = [timed(s, s.__name__) for s in stages.STAGES]
    stages.SUMMARIES[:] = [timed(s, "summaries") for s in stages.SUMMARIES]
    pipeline._lighten = timed(pipeline._lighten, "render + compress (_lighten)")
    try:
        work = arts[32:32 + a.articles]
        c0 = time.process_time()
        for i in range(0, len(work), 32):
            pipeline._analyse_chunk(spec, work[i:i + 32], render=True, blobs=True)
        total = time.process_time() - c0
    finally:
        stages.STAGES[:], stages.SUMMARIES[:], pipeline._lighten = saved[0], saved[1], saved[2]
    sia, punkt = SentimentIntensityAnalyzer(), _punkt(stock=True)
    c0 = time.process_time()
    for art in work:
        for s in sentences(art.raw, tokenizer=punkt):
            sia.polarity_scores(s.text)
    floor = time.process_time() - c0
    n = len(work)
    print(f"{n} articles: {total * 1000 / n:.1f} ms CPU/article; floor (VADER over NLTK's Punkt, raw texts) "
          f"{floor * 1000 / n:.2f} ms/article; ratio {total / floor:.2f}x per core")
    for name, v in spent.most_common():
        print(f"  {name:<32} {v * 1000 / n:6.2f} ms/article  {100 * v / total:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
