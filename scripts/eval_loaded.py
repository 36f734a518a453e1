"""Measure the loaded-language lexicon against the gold spans of the seed articles.

Usage: .venv/bin/python scripts/eval_loaded.py [--gold tests/gold/loaded_terms.csv] [--seeds DIR] [--lexicon FILE ...]
                                              [--errors]

Method: analysis.loaded.evaluate (span-overlap precision/recall/F1, per category,
category agreement on overlapping pairs).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analysis import paths
from analysis.loaded import evaluate, format_evaluation, load_lexicon


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(paths.ROOT / "tests" / "gold" / "loaded_terms.csv"))
    ap.add_argument("--seeds", default=str(paths.SEEDS))
    ap.add_argument("--lexicon", nargs="*", default=None, help="extra lexicon files")
    ap.add_argument("--errors", action="store_true", help="list false positives and misses")
    ap.add_argument("--no-model", action="store_true", help="lexicon only (default: lexicon + the bundled model)")
    a = ap.parse_args(argv)
    res = evaluate(Path(a.gold), Path(a.seeds), lexicon=load_lexicon(a.lexicon, corpus=paths.CORPUS),
                   model=None if a.no_model else "bundled")
    print(format_evaluation(res))
    if a.errors:
        p, g = res["predicted"], res["gold"]
        print("\nfalse positives:")
        print(p[~p["hit"]][["source", "text", "category"]].to_string(index=False))
        print("\nmissed gold spans:")
        print(g[~g["found"]][["source", "text", "category"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
