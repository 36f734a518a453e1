"""Write N JSONL rows for an import stress test: 8 random sentences from the seed articles per row.

Usage: .venv/bin/python scripts/import_rows.py N OUT.jsonl [--seeds DIR]

The rows go to OUT (keep it outside the repository: the seed texts belong to their publishers). Each row
also has a US-style date (``4/21/18``) and a ``media_name`` column, so dates and column names are read
the way real exports need.  Measure with
``/usr/bin/time -v .venv/bin/framing add OUT.jsonl --corpus /tmp/c --skip-invalid``.  For speed figures on
articles of real length use ``benchmarks/bench_import.py`` (about 1,000 words of real news text a row).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from analysis import paths
from analysis.text import clean, sentences


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", type=Path, default=paths.SEEDS)
    a = ap.parse_args(argv)
    pool = []
    for p in sorted(a.seeds.glob("*.txt")):
        pool += [s.text for s in sentences(clean(p.read_text(encoding="utf-8")).body) if len(s.text.split()) > 6]
    rng = random.Random(1)
    with open(a.out, "w", encoding="utf-8") as fh:
        for i in range(a.n):
            row = {"text": " ".join(rng.sample(pool, 8)),
                   "date": f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2{rng.randint(0, 4)}",
                   "media_name": f"Outlet {i % 7}"}
            fh.write(json.dumps(row) + "\n")
    print(f"{a.n} rows from {len(pool)} seed sentences written to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
