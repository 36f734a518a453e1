"""Benchmark: memory and speed of one pool worker over a large corpus (run on demand, not a test).

    python benchmarks/bench_worker_memory.py --corpus /tmp/fin10k [--articles 10000] [--every 500]
        [--tracemalloc] [--floor 200]

Runs the per-article stage (``analysis.pipeline._analyse_chunk``, the pool workers' entry point, in
chunks of 32 as the pool sends them, rendering CSV rows and cache entries as they do by default) in ONE process over a generated corpus (``benchmarks/corpus_gen.py``)
and prints, every ``--every`` articles: the process's resident memory (RSS, from /proc), the growth since
the previous line, ms per article over the last block (wall and CPU time), and the size of every memo that grew (every
``functools.lru_cache`` of the loaded ``analysis``/``textstat``/``pyphen``/``vaderSentiment`` modules, and
every dict, set or list held by those modules or by the run context's objects, one level down): so growth
can be attributed to a memo.  ``--floor N`` times bare VADER over the Punkt sentences of the first N texts
(same process, before the run) and prints each block's ms/article as a ratio to it: compare old and new
code by that ratio, on a shared machine.  ``--tracemalloc`` adds the top allocation sites grown between
the first and the last report (slows the run about 2x).
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
import types
from pathlib import Path

PREFIXES = ("analysis", "textstat", "pyphen", "vaderSentiment", "nltk")


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _sized(obj):
    """Length of a container, currsize of an lru_cache, else None."""
    info = getattr(obj, "cache_info", None)
    if callable(info) and not isinstance(obj, type):
        try:
            return info().currsize
        except TypeError:
            return None
    if isinstance(obj, (dict, set, frozenset, list)):
        return len(obj)
    return None


def memos(extra: dict) -> dict[str, int]:
    """name -> size of every memo-like object reachable from the tracked modules and ``extra`` objects."""
    out: dict[str, int] = {}
    seen: set[int] = set()

    def visit(name, obj, depth):
        if id(obj) in seen:
            return
        seen.add(id(obj))
        n = _sized(obj)
        if n is not None:
            out[name] = n
        if isinstance(obj, types.FunctionType):  # memos held in a closure (e.g. readability's per-word counts)
            for var, cell in zip(obj.__code__.co_freevars, obj.__closure__ or ()):
                try:
                    v = cell.cell_contents
                except ValueError:
                    continue
                if isinstance(v, (dict, set, list, types.FunctionType)):
                    visit(f"{name}<{var}>", v, depth - 1)
            return
        if depth and not isinstance(obj, (types.ModuleType, type)) and hasattr(obj, "__dict__"):
            for k, v in list(vars(obj).items()):
                visit(f"{name}.{k}", v, depth - 1)
        if depth and isinstance(obj, dict) and len(obj) < 50:  # small registries of objects (e.g. models)
            for k, v in list(obj.items()):
                if isinstance(v, (dict, set, list)) or hasattr(v, "__dict__") and not isinstance(
                        v, (types.ModuleType, type, types.FunctionType)):
                    visit(f"{name}[{k!r}]", v, depth - 1)

    for mname, mod in list(sys.modules.items()):
        if not mname.startswith(PREFIXES) or mod is None:
            continue
        for k, v in list(vars(mod).items()):
            if isinstance(v, types.ModuleType):
                continue
            if isinstance(v, type):  # class attributes (e.g. class-level caches)
                for ck, cv in list(vars(v).items()):
                    n = _sized(cv)
                    if n is not None and id(cv) not in seen:
                        seen.add(id(cv))
                        out[f"{mname}.{k}.{ck}"] = n
                continue
            visit(f"{mname}.{k}", v, 2)
    for k, v in extra.items():
        visit(k, v, 3)
    return out


def vader_floor(articles) -> float:
    """Seconds per article of bare VADER over the Punkt sentences of ``articles``' raw texts."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.text import _punkt, sentences

    sia = SentimentIntensityAnalyzer()
    texts = [a.raw for a in articles]
    punkt = _punkt(stock=True)  # NLTK's own Punkt, as a user would run it (the package's is faster; same sentences)
    sentences("Warm up. Punkt.", tokenizer=punkt)
    t0 = time.perf_counter()
    for t in texts:
        for s in sentences(t, tokenizer=punkt):
            sia.polarity_scores(s.text)
    return (time.perf_counter() - t0) / max(1, len(texts))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", required=True, help="a corpus folder (e.g. built by benchmarks/corpus_gen.py)")
    ap.add_argument("--articles", type=int, default=0, help="analyse only the first N articles (default: all)")
    ap.add_argument("--every", type=int, default=500, help="report every N articles")
    ap.add_argument("--chunk", type=int, default=32, help="articles per call, as the pool sends them")
    ap.add_argument("--plain", action="store_true",
                    help="results as analyse_article gives them (default: rendered and compressed as the pool "
                         "workers send them when writing CSV with a result cache)")
    ap.add_argument("--floor", type=int, default=0, help="time bare VADER on the first N texts first")
    ap.add_argument("--tracemalloc", action="store_true", help="top allocation sites grown (slow)")
    ap.add_argument("--top", type=int, default=25, help="memos (and allocation sites) to show")
    a = ap.parse_args(argv)

    from analysis import actors, loaded
    from analysis.corpus import load_corpus
    from analysis.pipeline import _analyse_chunk, _release
    from analysis.stages import RunSpec, context

    t0 = time.perf_counter()
    corpus = load_corpus(a.corpus)
    arts = list(corpus)[: a.articles or None]
    lexicon = loaded.load_lexicon([], corpus=corpus.path)
    spec = RunSpec(lexicon_files=tuple(str(f.path) for f in getattr(lexicon, "files", []) if getattr(f, "path", None)),
                   corpus_path=str(corpus.path.resolve()), actors=actors.actors_for(corpus.path, list(corpus)))
    print(f"{len(arts)} articles loaded in {time.perf_counter() - t0:.1f} s; RSS {rss_mb():.0f} MB", flush=True)
    floor = vader_floor(arts[: a.floor]) if a.floor else 0.0
    if floor:
        print(f"floor: bare VADER over Punkt, {a.floor} texts: {floor * 1000:.1f} ms/article", flush=True)
    ctx = context(spec)
    extra = {"ctx.lexicon": ctx.lexicon, "ctx.registry": ctx.registry, "ctx.actor_matcher": ctx.actor_matcher}
    if a.tracemalloc:
        import tracemalloc
        tracemalloc.start(1)
    base_rss, base_memos, snap0 = None, {}, None
    prev_rss, prev_memos = rss_mb(), memos(extra)
    t_block, c_block, done, total_t, total_c = time.perf_counter(), time.process_time(), 0, 0.0, 0.0
    curve = []
    print(f"{'articles':>8} {'RSS MB':>8} {'+MB':>7} {'ms/art':>7} {'CPU ms':>7}" + ("  ratio" if floor else ""), flush=True)
    for i in range(0, len(arts), a.chunk):
        chunk = arts[i:i + a.chunk]
        _analyse_chunk(spec, chunk, render=not a.plain, blobs=not a.plain)
        for art in chunk:
            _release(art)
        before = done
        done += len(chunk)
        if done // a.every != before // a.every or done == len(arts):
            dt, dc = time.perf_counter() - t_block, time.process_time() - c_block
            k = done - (curve[-1][0] if curve else 0)
            ms, cpu_ms = dt * 1000 / k, dc * 1000 / k
            total_t += dt
            total_c += dc
            gc.collect()
            now_rss, now_memos = rss_mb(), memos(extra)
            curve.append((done, now_rss, ms))
            line = f"{done:>8} {now_rss:>8.0f} {now_rss - prev_rss:>+7.1f} {ms:>7.1f} {cpu_ms:>7.1f}"
            print(line + (f"  {ms / 1000 / floor:5.2f}x" if floor else ""), flush=True)
            grown = sorted(((now_memos[k] - prev_memos.get(k, 0), k) for k in now_memos
                            if now_memos[k] != prev_memos.get(k, 0)), reverse=True)[: a.top]
            for d, k in grown:
                print(f"{'':>10}{k}: {now_memos[k]:,} ({d:+,})")
            if a.tracemalloc and snap0 is None:
                snap0 = tracemalloc.take_snapshot()
            prev_rss, prev_memos = now_rss, now_memos
            t_block, c_block = time.perf_counter(), time.process_time()
    n = curve[-1][0]
    print(f"\n{n} articles: {total_t / n * 1000:.1f} ms/article overall ({total_c / n * 1000:.1f} ms CPU)"
          + (f", {total_t / n / floor:.2f}x the VADER floor" if floor else "")
          + f"; RSS {curve[0][1]:.0f} MB at {curve[0][0]} -> {curve[-1][1]:.0f} MB at {n}")
    after = [c for c in curve if c[0] >= 2000]
    if len(after) >= 2:
        per_k = (after[-1][1] - after[0][1]) / (after[-1][0] - after[0][0]) * 1000
        print(f"growth after 2,000 articles: {per_k:+.1f} MB per 1,000 articles")
    if a.tracemalloc and snap0 is not None:
        snap1 = tracemalloc.take_snapshot()
        print("\ntop allocation sites grown since the first report:")
        for st in snap1.compare_to(snap0, "lineno")[: a.top]:
            print(f"  {st}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
