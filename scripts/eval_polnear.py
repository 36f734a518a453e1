#!/usr/bin/env python
"""Build a results folder of predicted attributions for PolNeAR texts and score it.

Usage:
    python scripts/eval_polnear.py [--split dev|train] [--out /tmp/polnear_dev] [--beliefs] [--content] [--no-score]
                                   [--errors]

Writes OUT/articles.csv (article_id, source) and OUT/attributions.csv (analysis.sources columns) for every
PolNeAR text of the split (cleaned with analysis.text.clean), then runs
``/work/shared/tools/score_attributions.py OUT GOLD`` with and without ``--speech-only``.
The PolNeAR data stay where they are (analysis.paths.POLNEAR); nothing is copied into the repository.

``--errors`` also writes OUT/errors.csv for error analysis (do it on train, never on test): one row per
speech relation of the gold that no prediction matches (``missed``), per prediction that matches no speech
relation (``spurious``; precision is a lower bound, see the scorer), and per matched pair whose speaker or
cue is wrong (``speaker``, ``cue``), with the gold source, cue and content, the prediction's quote, speaker,
mention, cue and rule, matched as the scorer does (word Dice >= 0.3, one to one, best first).
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
    ap.add_argument("--errors", action="store_true", help="write OUT/errors.csv (speech relations, overlap 0.3)")
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
    if a.errors:
        errors(out, gold).to_csv(out / "errors.csv", index=False)
        print(f"error rows -> {out / 'errors.csv'}")
    if not a.no_score:
        scorer = SHARED / "tools" / "score_attributions.py"
        for extra in ([], ["--speech-only"]):
            print("speech-only" if extra else "all relations")
            subprocess.run([sys.executable, str(scorer), str(out), str(gold), *extra], check=True)
    return 0


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("score_attributions", SHARED / "tools" / "score_attributions.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def errors(out: Path, gold_dir: Path, threshold: float = 0.3) -> pd.DataFrame:
    """Missed, spurious and mis-attributed speech relations, matched as the scorer matches them."""
    sc = _scorer()
    gold, pred = sc.load_gold(gold_dir), sc.load_results(out, "source")
    rows = []
    for name, grels in gold.items():
        grels = [g for g in grels if {w.lower() for w in sc.words(g["cue"])} & sc.SPEECH_CUES or g["cue"].strip() == ":"]
        prels = pred.get(name, [])
        pairs = sorted(((sc.dice(sc.words(g["content"]), sc.words(p.get("quote", ""))), i, j)
                        for i, g in enumerate(grels) for j, p in enumerate(prels)), reverse=True)
        used_g, used_p = {}, {}
        for s, i, j in pairs:
            if s >= threshold and i not in used_g and j not in used_p:
                used_g[i], used_p[j] = j, s
        for i, g in enumerate(grels):
            j = used_g.get(i)
            p = prels[j] if j is not None else {}
            kinds = ["missed"] if j is None else []
            if j is not None and sc.words(g["source"]) and not sc.speaker_ok(g["source"], p):
                kinds.append("speaker")
            if j is not None and g["cue"].strip() and not sc.cue_ok(g["cue"], p.get("cue", "")):
                kinds.append("cue")
            for k in kinds:
                rows.append({"article": name, "error": k, "gold_source": g["source"], "gold_cue": g["cue"],
                             "gold_content": g["content"], **_pred(p), "dice": used_p.get(j)})
        for j, p in enumerate(prels):
            if j not in used_p:
                rows.append({"article": name, "error": "spurious", "gold_source": "", "gold_cue": "",
                             "gold_content": "", **_pred(p), "dice": None})
    return pd.DataFrame(rows)


def _pred(p: dict) -> dict:
    return {"quote": p.get("quote", ""), "speaker": p.get("speaker", ""), "mention": p.get("speaker_mention", ""),
            "cue": p.get("cue", ""), "rule": p.get("rule", ""), "speaker_rule": p.get("speaker_rule", "")}


if __name__ == "__main__":
    sys.exit(main())
