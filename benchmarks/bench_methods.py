"""Per-article cost of the method stages (loaded language, news score, portrayal), now and at an older commit.

Usage::

    .venv/bin/python benchmarks/corpus_gen.py 100 /tmp/c100 && cp corpus/actors.yaml /tmp/c100/
    .venv/bin/python benchmarks/bench_methods.py --corpus /tmp/c100 [--base debc585] [--repeat 5]

For every article of the corpus (after the earlier stages have run, as in the pipeline) it times, in one
process: bare VADER over the article's sentences (the floor of the pipeline's work), the whole per-article
work of a worker (``analyse_article`` and packing its tables), readability (syllable memo warm), the ``stage_basics``
stage (VADER, news score, readability, tables), the news score alone (VADER's compound given), the
loaded-language stage and its parts (``find_loaded``, the lexicon matcher, the model) and the portrayal
stage.  With ``--base REV`` the same parts of the package as it was at ``REV`` (``git archive``, imported
as ``analysis_base``) are timed in the same run, interleaved, so the ratio is fair on a shared machine.
Times are CPU seconds (``time.process_time``), the best of ``--repeat`` rounds, in ms per article and
as a multiple of bare VADER.  Figures: docs/loaded.md, docs/sentiment.md.
"""
from __future__ import annotations

import argparse
import importlib
import io
import logging
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _base_package(rev: str, where: Path) -> str:
    """Unpack ``analysis/`` at ``rev`` as the package ``analysis_base`` under ``where``; its name."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "analysis"], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(where)
    (where / "analysis").rename(where / "analysis_base")
    sys.path.insert(0, str(where))
    return "analysis_base"


def _parts(pkg: str, corpus: Path) -> tuple[dict, int]:
    """The timed functions of package ``pkg`` over ``corpus`` (after the stages before each have run)."""
    C = importlib.import_module(pkg + ".corpus")
    S = importlib.import_module(pkg + ".stages")
    A = importlib.import_module(pkg + ".actors")
    sent = importlib.import_module(pkg + ".sentiment")
    tsc = importlib.import_module(pkg + ".tsc.features")
    find = importlib.import_module(pkg + ".loaded.find")
    model = importlib.import_module(pkg + ".loaded.model").load_model()
    c = C.load_corpus(corpus)
    arts = list(c)
    ctx = S.context(S.RunSpec(corpus_path=str(c.path.resolve()), actors=A.actors_for(c.path, arts)))
    outs = []
    for a in arts:
        out = S.ArticleResult(article_id=a.id, text=a.text)
        for stage in S.STAGES:
            stage(a, ctx, out)
        outs.append(out)
    sentences = [s.text for a in arts for s in a.sentences]
    compounds = {t: sent.score(t)["compound"] for t in sentences}

    read = importlib.import_module(pkg + ".readability")

    def whole():  # the worker's per-article work: every stage and summary, then the tables packed
        sent._scores.cache_clear()
        tsc._tokens.cache_clear()
        for a in arts:
            S.analyse_article(a, ctx).packed_tables()

    def basics():
        sent._scores.cache_clear()  # VADER scores each new sentence once, as in a run over new articles
        tsc._tokens.cache_clear()
        for a, o in zip(arts, outs):
            S.stage_basics(a, ctx, o)

    return {
        "analyse_article + pack": whole,
        "stage_basics": basics,
        "  readability (warm)": lambda: [read.readability(a.text) for a in arts],
        "news score (VADER given)": lambda: [sent.news_score(t, compound=compounds[t]) for t in sentences],
        "stage_loaded": lambda: [S.stage_loaded(a, ctx, o) for a, o in zip(arts, outs)],
        "  find_loaded": lambda: [find.find_loaded(a.text, lexicon=ctx.lexicon, sentences=a.sentences,
                                                   quoted_spans=o.private.get("quoted_spans"), model=model)
                                  for a, o in zip(arts, outs)],
        "  lexicon matcher": lambda: [ctx.lexicon.matcher.match(a.text) for a in arts],
        "  model": lambda: [model.find(a.text, sentences=a.sentences) for a in arts],
        "stage_portrayal": lambda: [S.stage_portrayal(a, ctx, o) for a, o in zip(arts, outs)],
    }, len(arts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    ap.add_argument("--base", help="a git revision to compare with, in the same run")
    ap.add_argument("--base-dir", help="or a folder holding an 'analysis' package to compare with (e.g. main with "
                                       "some files as they were at an older commit: git show REV:FILE)")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    logging.disable(logging.WARNING)
    sys.path.insert(0, str(ROOT))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    tmp = tempfile.TemporaryDirectory()
    if a.base_dir:
        import shutil

        shutil.copytree(Path(a.base_dir) / "analysis", Path(tmp.name) / "analysis_base")
        sys.path.insert(0, tmp.name)
        a.base = a.base_dir
    pkgs = ["analysis"] + (["analysis_base"] if a.base_dir else [_base_package(a.base, Path(tmp.name))] if a.base else [])
    parts = {}
    for pkg in pkgs:
        parts[pkg], n = _parts(pkg, Path(a.corpus))
    arts = list(importlib.import_module("analysis.corpus").load_corpus(Path(a.corpus)))
    texts = [s.text for art in arts for s in art.sentences]
    vader = SentimentIntensityAnalyzer()
    best: dict = {}

    def timed(key, fn):
        t0 = time.process_time()
        fn()
        best[key] = min(best.get(key, float("inf")), time.process_time() - t0)

    for _ in range(a.repeat):
        timed("vader", lambda: [vader.polarity_scores(t) for t in texts])
        for name in parts["analysis"]:
            for pkg in pkgs:
                timed((pkg, name), parts[pkg][name])
    v = best["vader"]
    print(f"{n} articles, {len(texts)} sentences; CPU time, best of {a.repeat}; "
          f"bare VADER {v / n * 1000:.2f} ms/article")
    head = f"{'part':26s} {'ms/article':>10s} {'x VADER':>8s}"
    if a.base:
        head += f" {'base ms':>8s} {'base x':>7s} {'speed-up':>8s}   (base: {a.base})"
    print(head)
    for name in parts["analysis"]:
        t = best[("analysis", name)]
        line = f"{name:26s} {t / n * 1000:10.2f} {t / v:8.2f}"
        if a.base:
            b = best[("analysis_base", name)]
            line += f" {b / n * 1000:8.2f} {b / v:7.2f} {b / t:7.2f}x"
        print(line)
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
