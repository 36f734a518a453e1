"""Scale benchmark: `framing analyze` on N real-news articles against the floor of the work (not a test).

    nice -n 10 python benchmarks/bench_scale.py --articles 1000 [--jobs 2] [--keep DIR] [--add 50] [--again]

1. Builds (or reuses, with ``--keep DIR``) a corpus of N unique ~1,000-word articles of real news text
   (``benchmarks/corpus_gen.py``: paragraphs of PolNeAR train/dev and the seeds, read from ../shared at
   run time, fixed random seed) and copies the bundled ``corpus/actors.yaml`` beside it (with
   ``--proposed-actors``, none: the actors are proposed from the corpus, as for an imported one).
2. The floor: bare VADER over the Punkt sentences of the same texts, in one process
   (``analysis.text.sentences`` with NLTK's stock Punkt tokenizer, ``analysis.text._punkt(stock=True)``, as a
   user of NLTK would run it, + ``SentimentIntensityAnalyzer.polarity_scores``; the package splits with the same
   Punkt without NLTK's per-call regex guard: same sentences, half the time).
3. ``framing analyze`` with the default settings (all cores, cache on, but a fresh results folder)
   through :func:`analysis.pipeline.analyze`.
4. With ``--add K``: K more articles are added to the corpus and the analysis is re-run on the same
   results folder (the per-article cache reuses the first N).
5. With ``--again``: one more re-run on the unchanged corpus (every article cached).

Prints articles/s, words/s, wall time, the peak memory of the whole process tree (parent and workers,
sampled every 0.2 s) and the ratio of each run's wall time to the floor measured in the same run.
The machine may be shared: compare ratios, not absolute times.
"""
from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_gen  # noqa: E402


class PeakMemory:
    """Peak resident memory of this process and all its children, sampled in a thread."""

    def __init__(self, interval: float = 0.2):
        import psutil

        self.proc = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for p in [self.proc, *self.proc.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except Exception:
                pass
        return total

    def _run(self):
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            self._stop.wait(self.interval)

    def __enter__(self):
        self.peak = self._sample()
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()


def floor(corpus_dir: Path, sample: int = 0) -> tuple[float, int, int]:
    """Seconds of bare VADER over Punkt sentences of every raw text in ``corpus_dir`` (one process).

    With ``sample``, only every k-th text is scored (about ``sample`` texts) and the time is scaled up
    by the share of words scored (the work is linear in the words).
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.text import _punkt, count_words, sentences

    files = sorted((corpus_dir / "articles").glob("*.txt"))
    step = max(1, len(files) // sample) if sample else 1
    words_all = 0
    texts = []  # only the scored texts are held: the parent's memory is then the analysis's, not the floor's
    for i, f in enumerate(files):
        t = f.read_text(encoding="utf-8")
        words_all += count_words(t)
        if i % step == 0:
            texts.append(t)
    sia = SentimentIntensityAnalyzer()
    punkt = _punkt(stock=True)  # NLTK's own Punkt, as a user would run it (the package's is faster; same sentences)
    sentences("Warm up. Punkt.", tokenizer=punkt)
    t0 = time.perf_counter()
    n = 0
    for t in texts:
        for s in sentences(t, tokenizer=punkt):
            sia.polarity_scores(s.text)
            n += 1
    secs = time.perf_counter() - t0
    return secs * words_all / max(1, sum(count_words(t) for t in texts)), words_all, n * step


def timed_analyze(corpus_dir: Path, out: Path, jobs: int | None, **kw):
    from analysis.pipeline import analyze, run_stages

    with PeakMemory() as mem:
        t0 = time.perf_counter()
        analyze(corpus_dir, out, jobs=jobs, **kw)
        wall = time.perf_counter() - t0
    return wall, mem.peak, dict(run_stages.last_counts)


def report(label: str, n: int, words: int, wall: float, peak: int, floor_s: float, counts: dict) -> None:
    print(f"{label:<28} {n:>7} articles  {wall:8.1f} s  {n / wall:7.1f} articles/s  {words / wall:9.0f} words/s  "
          f"peak {peak / 2**20:7.0f} MB  ratio to floor {wall / floor_s:5.2f}x  "
          f"(computed {counts.get('computed', '?')}, cached {counts.get('cached', '?')})", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--keep", type=Path, default=None, help="corpus folder to build once and reuse")
    ap.add_argument("--add", type=int, default=0, help="then add this many articles and re-analyse")
    ap.add_argument("--again", action="store_true",
                    help="finally re-run on the unchanged corpus (every article cached: the fixed cost of a run)")
    ap.add_argument("--no-cache", action="store_true")
    ap.add_argument("--proposed-actors", action="store_true",
                    help="no actors.yaml: the actors are proposed from the corpus, as for a corpus made with "
                         "'framing add' (default: the bundled actors file, as in earlier figures)")
    ap.add_argument("--floor-sample", type=int, default=0,
                    help="measure the floor on about this many texts and scale it by words (default: all)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    work = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    try:
        corpus_dir = a.keep or work / "corpus"
        if not (corpus_dir / "articles").is_dir() or len(list((corpus_dir / "articles").glob("*.yaml"))) < a.articles:
            if corpus_dir.exists() and a.keep:
                shutil.rmtree(corpus_dir)
            t0 = time.perf_counter()
            corpus_gen.write_corpus(a.articles, corpus_dir, seed=a.seed)
            print(f"built {a.articles} articles in {time.perf_counter() - t0:.1f} s", flush=True)
        if a.proposed_actors:
            (corpus_dir / "actors.yaml").unlink(missing_ok=True)
        else:
            shutil.copy(ROOT / "corpus" / "actors.yaml", corpus_dir / "actors.yaml")
        floor_s, words, nsent = floor(corpus_dir, a.floor_sample)
        n = len(list((corpus_dir / "articles").glob("*.yaml")))
        print(f"{'floor: VADER over Punkt':<28} {n:>7} articles  {floor_s:8.1f} s  {n / floor_s:7.1f} articles/s  "
              f"{words / floor_s:9.0f} words/s  (~{nsent} sentences, one process"
              f"{', sampled' if a.floor_sample else ''})", flush=True)
        out = work / "results"
        wall, peak, counts = timed_analyze(corpus_dir, out, a.jobs, cache=not a.no_cache)
        report(f"framing analyze (jobs={a.jobs or 'all'})", n, words, wall, peak, floor_s, counts)
        if a.add:
            grown = work / "grown"
            shutil.copytree(corpus_dir, grown)
            corpus_gen.write_corpus(a.add, grown, seed=a.seed, start=n)
            wall2, peak2, counts2 = timed_analyze(grown, out, a.jobs, cache=not a.no_cache)
            report(f"re-run after adding {a.add}", n + a.add, words, wall2, peak2, floor_s, counts2)
            print(f"re-run / full run: {wall2 / wall:.1%}", flush=True)
        if a.again:
            last = grown if a.add else corpus_dir
            n3 = len(list((last / "articles").glob("*.yaml")))
            wall3, peak3, counts3 = timed_analyze(last, out, a.jobs, cache=not a.no_cache)
            report("re-run, nothing changed", n3, words, wall3, peak3, floor_s, counts3)
            print(f"unchanged re-run / full run: {wall3 / wall:.1%}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
