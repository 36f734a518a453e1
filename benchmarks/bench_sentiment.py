"""Benchmark: target-dependent sentiment (portrayal) and the news sentence score (run on demand, not a test).

    python benchmarks/bench_sentiment.py [--repeat 3]

On the bundled corpus (cleaned texts, Punkt sentences, actor mentions from corpus/actors.yaml), measured in
one run and one process:
* bare VADER over every sentence (the floor of the pipeline's work);
* the news sentence score on top of VADER (``analysis.sentiment.news_score`` with VADER's compound given);
* the portrayal stage: the target-dependent model over every actor mention (``analysis.portrayal``);
and prints sentences/s, mentions/s, the ratio of each stage to bare VADER, and peak memory (max RSS).
Models are loaded before timing (once per process in the pipeline too).  Before/after figures of the
method stages on larger generated articles: ``benchmarks/bench_methods.py`` and docs/sentiment.md.
"""
from __future__ import annotations

import argparse
import resource
import time

from analysis import paths
from analysis.actors import actor_mentions, actors_for
from analysis.corpus import load_corpus
from analysis.portrayal import portrayal_table
from analysis.sentiment import load_sentence_model, news_score, score
from analysis.tsc import default_model


def best(fn, repeat: int) -> float:
    from analysis.tsc import features as tsc_features

    times = []
    for _ in range(repeat):
        from analysis import sentiment

        sentiment._scores.cache_clear()  # cold caches, as in a run over new articles
        tsc_features._tokens.cache_clear()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    arts = list(load_corpus(paths.CORPUS))
    sents = [s.text for a in arts for s in a.sentences]
    mentions = actor_mentions(arts, actors=actors_for(paths.CORPUS, arts))
    default_model(), load_sentence_model()
    compounds = {}

    def vader():
        for t in sents:
            compounds[t] = score(t)["compound"]

    def news():
        for t in sents:
            news_score(t, compound=compounds[t])

    def portrayal():  # after VADER has scored the sentences, as in the pipeline
        vader()
        portrayal_table(arts, mentions)

    t_vader = best(vader, args.repeat)
    t_news = best(news, args.repeat)
    t_port = best(portrayal, args.repeat) - t_vader
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    n = len(arts)
    print(f"{n} articles, {len(sents)} sentences, {len(mentions)} actor mentions")
    print(f"bare VADER over sentences: {t_vader:.3f} s ({len(sents) / t_vader:,.0f} sentences/s, "
          f"{t_vader / n * 1000:.2f} ms/article)")
    print(f"news sentence score (VADER given): {t_news:.3f} s ({len(sents) / t_news:,.0f} sentences/s, "
          f"{t_news / n * 1000:.2f} ms/article), {t_news / t_vader:.2f}x VADER")
    print(f"portrayal (TSC over mentions): {t_port:.3f} s ({len(mentions) / t_port:,.0f} mentions/s, "
          f"{t_port / n * 1000:.2f} ms/article), {t_port / t_vader:.2f}x VADER")
    print(f"peak memory {rss:.0f} MB")


if __name__ == "__main__":
    main()
