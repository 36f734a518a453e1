"""The text-reuse step of a run alone, on the first N articles of a corpus: time, pairs, passages, peak memory.

    nice -n 5 python benchmarks/bench_reuse.py --corpus /work/c100k --articles 10000 [--jobs 2] [--work DIR]
    nice -n 5 python benchmarks/bench_reuse.py --generate 100000 --articles 10000   # corpus_gen.py's texts

First (once per corpus, kept in ``--work``, default ``/tmp/bench_reuse/<corpus name>``): the corpus is loaded
as ``framing analyze`` loads it (articles in corpus order), each cleaned text is written to
``clean/<id>.txt`` (``--generate``: the generated texts, in memory) and its text-reuse sketch and packed tokens are computed on ``--jobs`` processes, as the
pipeline's workers do (``analysis.reuse.sketch``, ``packed_tokens``); ``--articles`` then takes the first N.
The preparation is not measured.  Then, in this process and ``--jobs`` fresh worker processes (the
pipeline's pool, which is kept warm for this step), each phase measured with the peak RSS of the whole
process tree (sampled every 50 ms with psutil: this process and its children, the workers started by the
forkserver as the pipeline starts them, so no page is shared with this process and counted twice):

1. ``candidates``: :func:`analysis.reuse.candidates` alone (the arrays the run uses; with older code, the list
   of :func:`analysis.reuse.candidate_pairs`);
2. ``cold``: the run's text-reuse step (``analysis.passages._passages``: candidates, the pair cache, exact
   alignment on the worker pool, the passages table) with an empty result cache;
3. ``warm``: the same again with the cache the cold pass filled (an unchanged re-run);
4. (``--no-cache``) the step without a cache, as ``framing analyze --no-cache`` runs it.

Prints one line per phase: seconds, candidate pairs, passages, peak RSS of the tree and of this process; and
for each aligning phase the share of articles sharing a passage with another and the SHA-256 of the passages
table as written (CSV; the same with old and new code when the passages are the same).
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import inspect
import logging
import os
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class Peak:
    """Peak RSS of this process and all its children, sampled in a thread."""

    def __init__(self, every: float = 0.05):
        self.every = every
        self.proc = psutil.Process()
        self.tree = self.own = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        own = self.proc.memory_info().rss
        tree = own
        for c in self.proc.children(recursive=True):
            try:
                tree += c.memory_info().rss
            except psutil.Error:
                pass
        self.tree, self.own = max(self.tree, tree), max(self.own, own)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.sample()
            except psutil.Error:
                pass

    def __enter__(self):
        self.sample()
        self._t.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._t.join()
        self.sample()


def _prep_part(texts: list[str]):
    from analysis import reuse

    out = []
    for t in texts:
        sk = reuse.sketch(t)
        out.append((sk.words, [w.astype(np.uint64) for w in sk.windows], reuse.packed_tokens(t)))
    return out


class _Generated:
    """An article of ``benchmarks/corpus_gen.py`` as the bench needs it (its generated text taken as cleaned)."""

    def __init__(self, i: int, text: str):
        from analysis.corpus import text_id

        self.id, self.text = text_id(text), text


def prepare(corpus: Path | None, work: Path, jobs: int, generate: int = 0, seed: int = 0) -> None:
    """Cleaned texts, sketches and packed tokens of every article of ``corpus``, in corpus order, in ``work``
    (or of the first ``generate`` articles of ``benchmarks/corpus_gen.py`` for ``seed``, generated here)."""
    t0 = time.perf_counter()
    if generate:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import corpus_gen

        arts = (_Generated(i, t) for i, t in corpus_gen.articles(generate, seed=seed))
    else:
        from analysis.corpus import load_corpus

        arts = list(load_corpus(corpus))
        print(f"prepare: {len(arts)} articles loaded in {time.perf_counter() - t0:.1f} s", file=sys.stderr,
              flush=True)
    (work / "clean").mkdir(parents=True, exist_ok=True)
    ids, words, wlens, hashes, tok_index = [], [], [], [], []
    tok = open(work / "tokens.bin", "wb")
    batch = 64

    def texts():
        part = []
        for a in arts:
            t = a.text
            (work / "clean" / f"{a.id}.txt").write_bytes(t.encode("utf-8"))
            part.append(t)
            ids.append(a.id)
            if len(part) == batch:
                yield part
                part = []
        if part:
            yield part

    def results(ex):  # at most 2 x jobs + 2 batches in flight (map() would submit every batch at once)
        from collections import deque

        flying: deque = deque()
        for part in texts():
            flying.append(ex.submit(_prep_part, part))
            if len(flying) > 2 * jobs + 2:
                yield flying.popleft().result()
        while flying:
            yield flying.popleft().result()

    with ProcessPoolExecutor(jobs) as ex:
        for res in results(ex):
            for nw, wins, data in res:
                words.append(nw)
                wlens.append(len(wins))
                hashes.extend(wins)
                tok_index.append((tok.tell(), len(data)))
                tok.write(data)
            if len(words) % 5120 < batch:
                print(f"prepare: {len(words)} sketched, {time.perf_counter() - t0:.0f} s", file=sys.stderr,
                      flush=True)
    tok.close()
    lens = np.array([len(h) for h in hashes], dtype=np.int64)
    np.savez(work / "sketches.npz", ids=np.array(ids), words=np.array(words, dtype=np.int64),
             wlens=np.array(wlens, dtype=np.int64), lens=lens,
             hashes=np.concatenate(hashes) if hashes else np.zeros(0, np.uint64),
             tok_index=np.array(tok_index, dtype=np.int64).reshape(-1, 2))
    print(f"prepare: done in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)


def load(work: Path, n: int):
    """``(sketches, tokens index)`` of the first ``n`` articles."""
    from analysis.reuse import Sketch

    z = np.load(work / "sketches.npz")
    ids, words, wlens, lens = z["ids"][:n].tolist(), z["words"][:n], z["wlens"][:n], z["lens"]
    hashes, tix = z["hashes"], z["tok_index"][:n]
    sketches, index = {}, {}
    w = off = 0
    for k, aid in enumerate(ids):
        wins = []
        for _ in range(int(wlens[k])):
            ln = int(lens[w])
            wins.append(hashes[off:off + ln].copy())
            off += ln
            w += 1
        sketches[aid] = Sketch(int(words[k]), tuple(wins))
        index[aid] = (int(tix[k][0]), int(tix[k][1]))
    return sketches, index


def _warm_worker(_=None) -> int:
    from analysis import reuse  # noqa: F401

    return os.getpid()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="a corpus folder")
    ap.add_argument("--generate", type=int, default=0, metavar="N",
                    help="instead of --corpus: the first N articles of benchmarks/corpus_gen.py (--seed), generated "
                         "in memory (their texts taken as cleaned; no corpus folder written)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--articles", type=int, required=True, help="the first N articles of the corpus")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--work", help="preparation folder (default /tmp/bench_reuse/<corpus name>)")
    ap.add_argument("--skip", default="", help="phases to skip, comma-separated (candidates,cold,warm,nocache)")
    ap.add_argument("--verbose", action="store_true", help="show the step's log lines")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO if a.verbose else logging.WARNING, format="%(asctime)s %(message)s")
    if not a.corpus and not a.generate:
        ap.error("give --corpus or --generate")
    corpus = Path(a.corpus) if a.corpus else f"corpus_gen.py {a.generate} --seed {a.seed}"
    name = corpus.resolve().name if a.corpus else f"gen{a.generate}-seed{a.seed}"
    work = Path(a.work or f"/tmp/bench_reuse/{name}")
    if not (work / "sketches.npz").is_file():
        prepare(Path(a.corpus) if a.corpus else None, work, a.jobs, a.generate, a.seed)
    from analysis import passages, reuse
    from analysis.cache import ResultCache
    from analysis import tablefmt
    from analysis.io import csv_bytes
    from analysis.pipeline import _new_pool
    from analysis.sink import _text_reader

    skip = set(filter(None, a.skip.split(",")))
    sketches, index = load(work, a.articles)
    gc.collect()
    n = len(sketches)
    base = psutil.Process().memory_info().rss
    print(f"text reuse, {n} articles of {corpus} (sketches in memory: this process {base / 2**20:.0f} MB)",
          flush=True)
    print(f"{'phase':<11} {'seconds':>8} {'pairs':>10} {'passages':>9} {'peak tree MB':>13} {'peak parent MB':>15}",
          flush=True)

    def line(name, secs, pairs, npass, pk):
        print(f"{name:<11} {secs:>8.1f} {pairs:>10} {npass:>9} {pk.tree / 2**20:>13.0f} {pk.own / 2**20:>15.0f}",
              flush=True)

    if "candidates" not in skip:
        with Peak() as pk:
            t0 = time.perf_counter()
            # what the run's step uses: the arrays of reuse.candidates where it exists (else the list of tuples)
            find = getattr(reuse, "candidates", None) or reuse.candidate_pairs
            pairs = find(sketches)
            secs = time.perf_counter() - t0
            npairs = len(pairs)
            del pairs
        line("candidates", secs, npairs, "", pk)
        gc.collect()
    texts = _text_reader(work)
    stored = (str(work / "tokens.bin"), index)
    level = logging.getLogger("analysis").getEffectiveLevel()
    with tempfile.TemporaryDirectory(prefix="bench-reuse-", dir=work) as tmp:
        cache = ResultCache(Path(tmp) / "cache")

        class Spec:  # the fingerprint of the code; no lexicons, registry or actors
            lexicon_paths = lexicon_files = ()
            corpus_path = registry_path = actors = None
            reuse_n = 4

            def key(self):
                return ()

        cache.open(Spec())
        cache.keys = {aid: f"bench-{aid}" for aid in sketches}
        cache.base = dict(cache.keys)  # the text-reuse pair keys (main from 934abf8 on)
        phases = [("cold", cache), ("warm", cache), ("nocache", None)]
        digests: list[str] = []
        for name, c in phases:
            if name in skip:
                continue
            with _new_pool(a.jobs) as ex, Peak() as pk:  # the pipeline's pool (forkserver workers)
                list(ex.map(_warm_worker, range(a.jobs)))
                t0 = time.perf_counter()
                linked: set = set()
                table = Path(tmp) / f"passages-{name}.csv"
                if "write" in inspect.signature(passages._passages).parameters:
                    # as the run: each part's passages appended to the table in the staging folder
                    def write(df, first=[True]):
                        linked.update(df["article_a"]), linked.update(df["article_b"])
                        tablefmt.append_csv(Path(tmp), f"passages-{name}", csv_bytes(df), first=first[0])
                        first[0] = False

                    npass = passages._passages(texts, sketches, c, pool=(ex, str(work), level), stored=stored,
                                               write=write, folder=Path(tmp))
                else:  # older code: the whole table returned, then written
                    out = passages._passages(texts, sketches, c, pool=(ex, str(work), level), stored=stored)
                    linked.update(out["article_a"]), linked.update(out["article_b"])
                    table.write_bytes(csv_bytes(out))
                    npass = len(out)
                    del out
                if c is not None:
                    c.commit()
                secs = time.perf_counter() - t0
            gc.collect()
            line(name, secs, "", npass, pk)
            digests.append(hashlib.sha256(table.read_bytes()).hexdigest()[:12])
            table.unlink()
            print(f"{'':<11} articles sharing a passage with another: {len(linked)} of {n} ({len(linked) / n:.1%}); "
                  f"passages table sha256 {digests[-1]}", flush=True)
        cache.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
