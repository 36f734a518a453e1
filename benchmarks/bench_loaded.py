"""Speed of the loaded-language stage (lexicon + model) against bare VADER over Punkt sentences.

Usage: .venv/bin/python benchmarks/bench_loaded.py [--texts DIR] [--limit N]

Prints articles/s and the ratio of the loaded stage's time to bare VADER's time over the same
sentences, measured in the same run (texts: PolNeAR train articles from ../shared by default).
The per-article budget of the whole pipeline is about 3x VADER (issue 8); this stage should stay
well under 1x.  Also printed: ms per article, and ``loaded_table`` (hits plus the evidence table, one
article at a time as the pipeline's stage calls it).  Before/after figures: docs/loaded.md.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from analysis import paths
from analysis.loaded import find_loaded, load_lexicon, loaded_table
from analysis.loaded.model import load_model
from analysis.text import clean, sentences


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(paths.POLNEAR / "data" / "train" / "text"))
    ap.add_argument("--limit", type=int, default=300)
    a = ap.parse_args(argv)
    files = sorted(Path(a.texts).glob("*.txt"))[: a.limit]
    if not files:
        print(f"bench_loaded: no texts in {a.texts}", file=sys.stderr)
        return 2
    texts = [clean(f.read_text(encoding="utf-8")).text for f in files]
    sents = [sentences(t) for t in texts]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    lex, model = load_lexicon(), load_model()
    find_loaded(texts[0], lexicon=lex, sentences=sents[0], model=model)  # warm caches
    def timed(fn) -> float:  # best of two runs (the machine is shared; the first also fills caches)
        best = float("inf")
        for _ in range(2):
            t0 = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - t0)
        return best

    t_vader = timed(lambda: [vader.polarity_scores(s.text) for ss in sents for s in ss])
    t_lex = timed(lambda: [find_loaded(t, lexicon=lex, sentences=ss, model=None) for t, ss in zip(texts, sents)])
    t_all = timed(lambda: [find_loaded(t, lexicon=lex, sentences=ss, model=model) for t, ss in zip(texts, sents)])
    arts = [_Article(str(k), t, ss) for k, (t, ss) in enumerate(zip(texts, sents))]
    t_table = timed(lambda: [loaded_table([a], lexicon=lex, model=model) for a in arts])  # as the pipeline's stage
    n = len(texts)
    print(f"{n} articles, {sum(len(t) for t in texts):,} characters")
    for label, t in (("bare VADER over Punkt sentences", t_vader), ("loaded, lexicon only", t_lex),
                     ("loaded, lexicon + model", t_all), ("loaded_table (+ evidence rows)", t_table)):
        ratio = "" if t is t_vader else f", {t / t_vader:.2f}x VADER"
        print(f"{label + ':':34s} {t:.2f} s ({n / t:.0f} articles/s, {t / n * 1000:.2f} ms/article{ratio})")
    return 0


class _Article:
    """What :func:`analysis.loaded.loaded_table` reads of an article."""

    def __init__(self, aid: str, text: str, sentences: list):
        self.id, self.text, self.sentences = aid, text, sentences


if __name__ == "__main__":
    sys.exit(main())
