"""Pathological inputs: no input may make `framing analyze` hang or explode (issue 15). Not a test.

    nice -n 10 python benchmarks/bench_pathological.py [--mb 10] [--near 1000] [--only NAME]

Cases (each a small corpus built at run time from real news paragraphs, see corpus_gen.py):

* ``big-overlap``: a ``--mb`` MB article made of another article's paragraphs repeated over and over,
  plus that article (the case that used to explode in text reuse);
* ``near-identical``: ``--near`` articles that differ by one sentence each;
* ``quotes``: an article with 5,000 quotation marks (2,500 short quotes, then an unbalanced one);
* ``long-sentence``: one sentence of 50,000 characters (no full stop).

Prints, per case, the wall time of ``analyze`` (all cores, no cache) and of the text-reuse step alone,
the number of passages and the peak memory of the process tree.
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_gen  # noqa: E402
from bench_scale import PeakMemory  # noqa: E402


def write(folder: Path, texts: list[str]) -> Path:
    import yaml

    from analysis.corpus import FIELDS, text_id

    (folder / "articles").mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        aid = text_id(text)
        blob = text.encode("utf-8")
        fields = {k: {"value": None, "status": "unknown", "evidence": ""} for k in FIELDS}
        fields["source"] = {"value": f"patho-{i:05d}", "status": "supplied", "evidence": "bench_pathological"}
        doc = {"id": aid, "text_file": f"{aid}.txt", "sha256": hashlib.sha256(blob).hexdigest(), "fields": fields}
        (folder / "articles" / f"{aid}.txt").write_bytes(blob)
        (folder / "articles" / f"{aid}.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    shutil.copy(ROOT / "corpus" / "actors.yaml", folder / "actors.yaml")
    return folder


def cases(mb: float, near: int) -> dict:
    paras = corpus_gen.paragraphs()
    rng = random.Random(1)
    base = [paras[rng.randrange(len(paras))] for _ in range(12)]
    other = "\n\n".join(base) + "\n"
    big, size = [], 0
    while size < mb * 2**20:
        p = base[rng.randrange(len(base))]
        big.append(p)
        size += len(p) + 2
    filler = [t for _, t in corpus_gen.articles(3, seed=7)]
    near_base = filler[0]
    return {
        "big-overlap": lambda: [other, "\n\n".join(big) + "\n"],
        "near-identical": lambda: [near_base + f"\nThis is note number {i} on the story.\n" for i in range(near)],
        "quotes": lambda: [filler[1], "Analysts disagree.\n\n" + " ".join(f'He said "item {i}" again.'
                                                                        for i in range(2500)) + ' And "then\n'],
        "long-sentence": lambda: [filler[2], "The minister said that " + ", and ".join(
            f"the {w} matters" for w in (paras[k % len(paras)].split()[0] for k in range(4000)))[:50_000] + "\n"],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=10.0)
    ap.add_argument("--near", type=int, default=1000)
    ap.add_argument("--only", default=None)
    ap.add_argument("--jobs", type=int, default=None)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from analysis import reuse
    from analysis.pipeline import analyze

    for name, make in cases(a.mb, a.near).items():
        if a.only and name != a.only:
            continue
        work = Path(tempfile.mkdtemp(prefix=f"framing-patho-{name}-"))
        try:
            texts = make()
            corpus = write(work / "corpus", texts)
            t0 = time.perf_counter()
            with PeakMemory() as mem:
                t = analyze(corpus, work / "results", jobs=a.jobs, cache=False)
            wall = time.perf_counter() - t0
            clean = {k: t.texts[k] for k in t.texts}
            t1 = time.perf_counter()
            passages = reuse.shared_passages(clean)
            reuse_s = time.perf_counter() - t1
            print(f"{name:<16} {len(texts):>5} articles {sum(map(len, texts)) / 2**20:7.2f} MB  analyze {wall:7.1f} s  "
                  f"(reuse alone {reuse_s:6.1f} s, {len(passages)} passages)  peak {mem.peak / 2**20:6.0f} MB",
                  flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
