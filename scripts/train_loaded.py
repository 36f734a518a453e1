"""Train the loaded-language model on the project's own annotations and report held-out accuracy.

Usage: .venv/bin/python scripts/train_loaded.py [--polnear DIR] [--out FILE] [--dry-run]

Method: analysis.loaded.train (C and threshold chosen by grouped cross-validation on the train
split; the test split is scored once).  Reads the PolNeAR texts from ../shared (offsets only are in
the repository) and writes analysis/data/loaded_model.json unless --dry-run.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from analysis import paths
from analysis.loaded import load_lexicon
from analysis.loaded.devset import read_devset
from analysis.loaded.model import MODEL_FILE
from analysis.loaded.train import train_and_evaluate


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--polnear", default=str(paths.POLNEAR), help="PolNeAR folder (default ../shared/datasets/polnear)")
    ap.add_argument("--out", default=str(MODEL_FILE), help="model file to write")
    ap.add_argument("--version", default="1.0")
    ap.add_argument("--dry-run", action="store_true", help="train and report, write nothing")
    ap.add_argument("--cv-only", action="store_true",
                    help="only the cross-validation on the train split (for development: the test split is not read)")
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        sents = read_devset(a.polnear)
    except FileNotFoundError as exc:
        print(f"train_loaded: {exc}", file=sys.stderr)
        return 2
    if a.cv_only:
        from analysis.loaded.train import choose

        C, th, cv = choose([s for s in sents if s.split == "train"], load_lexicon())
        print(json.dumps({"C": C, "threshold": th, "cv_word": cv}, indent=1))
        return 0
    _, metrics = train_and_evaluate(sents, load_lexicon(), out=None if a.dry_run else a.out, version=a.version)
    print(json.dumps(metrics, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
