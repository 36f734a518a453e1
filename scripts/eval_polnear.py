#!/usr/bin/env python
"""Build a results folder of predicted attributions for PolNeAR texts and score it.

Usage:
    python scripts/eval_polnear.py [--split dev|train] [--out /tmp/polnear_dev] [--beliefs] [--content] [--no-score]

Writes OUT/articles.csv (article_id, source) and OUT/attributions.csv (analysis.sources columns) for every
PolNeAR text of the split (cleaned with analysis.text.clean), then runs
``/work/shared/tools/score_attributions.py OUT GOLD`` with and without ``--speech-only``.
The PolNeAR data stay where they are (analysis.paths.POLNEAR); nothing is copied into the repository.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from analysis.paths import POLNEAR, SHARED
from analysis.sources import attributions_table
from analysis.speakers import Registry
from analysis.text import clean


class _Doc:
    def __init__(self, id, text):
        self.id, self.text, self.sentences, self.meta = id, text, [], {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--beliefs", action="store_true", help="also extract belief cues (think, believe, want)")
    ap.add_argument("--content", action="store_true",
                    help="score the `content` column (attribution tag left out of interrupted quotations) "
                         "instead of the verbatim `quote` span")
    ap.add_argument("--no-score", action="store_true")
    a = ap.parse_args()
    gold = POLNEAR / "data" / a.split
    out = a.out or Path(f"/tmp/polnear_{a.split}")
    out.mkdir(parents=True, exist_ok=True)
    files = sorted((gold / "text").glob("*.txt"))
    docs, arts = [], []
    for i, f in enumerate(files):
        aid = f"p{i:04d}"
        docs.append(_Doc(aid, clean(f.read_bytes().decode("utf-8")).text))
        arts.append({"article_id": aid, "source": f.name})
    t0 = time.perf_counter()
    df = attributions_table(docs, registry=Registry([]), beliefs=a.beliefs)
    df = df[df["kind"] != "unattributed"]  # quotations no one is credited with are not attributions
    dt = time.perf_counter() - t0
    if a.content:
        df = df.assign(quote=df["content"])
    pd.DataFrame(arts).to_csv(out / "articles.csv", index=False)
    df.to_csv(out / "attributions.csv", index=False)
    print(f"{len(docs)} articles, {len(df)} attributions in {dt:.1f}s -> {out}")
    if not a.no_score:
        scorer = SHARED / "tools" / "score_attributions.py"
        for extra in ([], ["--speech-only"]):
            print("speech-only" if extra else "all relations")
            subprocess.run([sys.executable, str(scorer), str(out), str(gold), *extra], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
