"""Import benchmark: `framing add` of N JSONL rows of real news text, then 50 more rows (not a test).

    nice -n 5 python benchmarks/bench_import.py --rows 1000 [--words 1000] [--add 50] [--jobs N]
                                                 [--keep DIR] [--profile FILE]

1. Writes N JSONL rows (``text``, a US-style ``date`` such as ``4/21/18`` and a ``media_name`` column,
   as real exports have them) of about ``--words`` words each, recombined from real news paragraphs by
   ``benchmarks/corpus_gen.py`` (PolNeAR train/dev and the seeds, read from ../shared at run time,
   fixed random seed; nothing is committed), into a temporary folder (or ``--keep DIR``).
2. Runs ``framing add ROWS.jsonl --corpus DIR --skip-invalid`` in a subprocess and prints rows/s, wall
   time and the peak resident memory of the process tree (sampled every 0.1 s).
3. With ``--add K`` (default 50): K further rows are added to the corpus just built, which must cost
   what is added (rows/s of the same order as the first run, not a re-read of the corpus).

``--profile FILE`` runs the first import in this process under cProfile instead and writes the stats
to FILE (read them with ``python -m pstats FILE``).  The machine may be shared: compare figures
measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_gen  # noqa: E402


def write_rows(path: Path, n: int, *, start: int = 0, words: int = 1000, seed: int = 0) -> int:
    """Rows ``start .. start+n-1`` of the generator's sequence as JSONL; returns the number of words."""
    rng = random.Random(seed + start)
    total = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i, text in corpus_gen.articles(start + n, seed=seed, words=words):
            if i < start:
                continue
            total += len(text.split())
            row = {"text": text, "date": f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/1{rng.randint(5, 9)}",
                   "media_name": f"Outlet {i % 7}"}
            fh.write(json.dumps(row) + "\n")
    return total


def run_add(jsonl: Path, corpus: Path, extra: list[str], root: Path = ROOT) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS bytes of the process tree, stderr's last line) of one `framing add`
    (the code of checkout ``root``)."""
    import resource

    import psutil

    env = dict(os.environ, PYTHONPATH=str(root))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-m", "analysis.cli", "-q", "add", str(jsonl), "--corpus", str(corpus),
           "--skip-invalid", *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=str(root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        try:
            ps = psutil.Process(proc.pid)
        except psutil.NoSuchProcess:
            return
        while not stop.is_set():
            total = 0
            try:
                for p in [ps, *ps.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            peak = max(peak, total)
            stop.wait(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    t.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise SystemExit(f"framing add failed ({proc.returncode}): {err.strip()[-500:]}")
    return wall, cpu, peak, (err.strip().splitlines() or [""])[-1]


def profile_add(jsonl: Path, corpus: Path, out: Path, jobs: int | None) -> None:
    import cProfile
    import logging

    from analysis.importers import add_articles

    logging.basicConfig(level=logging.ERROR)
    opts = {"jobs": jobs} if jobs else {}
    t0 = time.perf_counter()
    cProfile.runctx("add_articles([jsonl], corpus_dir=corpus, skip_invalid=True, **opts)", globals(),
                    {"add_articles": add_articles, "jsonl": jsonl, "corpus": corpus, "opts": opts}, str(out))
    print(f"profiled import: {time.perf_counter() - t0:.1f} s; stats in {out}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--add", type=int, default=50)
    ap.add_argument("--jobs", type=int, default=None, help="pass --jobs N to framing add")
    ap.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it (rows and corpus)")
    ap.add_argument("--profile", type=Path, default=None, help="profile the first import in-process")
    ap.add_argument("--root", type=Path, action="append", default=None,
                    help="run the code of this checkout instead of this one (repeatable: compare checkouts in one run)")
    a = ap.parse_args(argv)
    work = a.keep or Path(tempfile.mkdtemp(prefix="bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = work / f"rows-{a.rows}-{a.words}.jsonl"
        if not rows.exists():
            t0 = time.perf_counter()
            write_rows(rows, a.rows, words=a.words)
            print(f"wrote {a.rows} rows to {rows} in {time.perf_counter() - t0:.1f} s")
        nwords = sum(len(json.loads(line)["text"].split()) for line in rows.open(encoding="utf-8"))
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        if a.profile:
            profile_add(rows, corpus, a.profile, a.jobs)
            return 0
        extra = ["--jobs", str(a.jobs)] if a.jobs else []
        for root in a.root or [ROOT]:
            shutil.rmtree(corpus, ignore_errors=True)
            print(f"code: {root}")
            wall, cpu, peak, last = run_add(rows, corpus, extra, root)
            print(f"framing add {a.rows} rows ({nwords / a.rows:.0f} words each): {wall:.1f} s wall, {cpu:.1f} s CPU, "
                  f"{a.rows / wall:.1f} rows/s ({a.rows / cpu:.1f} per CPU second), {nwords / wall:,.0f} words/s, "
                  f"peak {peak / 2**20:.0f} MB")
            print(f"  {last}")
            if a.add:
                more = work / f"more-{a.rows}-{a.add}-{a.words}.jsonl"
                if not more.exists():
                    write_rows(more, a.add, start=a.rows, words=a.words)
                wall2, cpu2, peak2, last2 = run_add(more, corpus, extra, root)
                print(f"framing add {a.add} more rows into the {a.rows}-article corpus: {wall2:.1f} s wall, "
                      f"{cpu2:.1f} s CPU, {a.add / wall2:.1f} rows/s, peak {peak2 / 2**20:.0f} MB")
                print(f"  {last2}")
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
