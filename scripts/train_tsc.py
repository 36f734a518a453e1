"""Train the target-dependent sentiment model on NewsMTSC and write it into the package.

    python scripts/train_tsc.py                      # 5-fold CV on train, dev score, write the model
    python scripts/train_tsc.py --no-write --c 0.1 0.3 1   # try regularisation strengths only

Reads ``rw-train.jsonl`` and ``rw-dev.jsonl`` from ``<shared>/datasets/newsmtsc`` (FRAMING_SHARED or
``--data``; never the test split), picks the regularisation strength ``C`` by 5-fold cross-validation on
train (folds grouped by article, so the targets of one sentence never straddle folds), reports
cross-validated and dev macro-F1, then fits on train and writes ``analysis/data/tsc_model.json.gz``
(weights as JSON, see analysis.tsc.model) and prints the figures for the model card.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.tsc.features import FEATURE_VERSION, features  # noqa: E402
from analysis.tsc.model import FORMAT, LABELS, MODEL_FILE, load_model  # noqa: E402


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def group_of(row: dict) -> str:
    """The article a NewsMTSC target comes from (``source_article_...`` prefix of its id)."""
    return "_".join(str(row.get("id", row["sentence"])).split("_")[:2])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=paths.SHARED / "datasets" / "newsmtsc")
    ap.add_argument("--c", type=float, nargs="+", default=[0.05, 0.1, 0.2, 0.4])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=2, help="drop features seen in fewer training targets")
    ap.add_argument("--out", type=Path, default=MODEL_FILE)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--version", default="2.0")
    args = ap.parse_args(argv)

    from sklearn import __version__ as skl_version
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import classification_report, f1_score
    from sklearn.model_selection import GroupKFold

    train_p, dev_p = args.data / "rw-train.jsonl", args.data / "rw-dev.jsonl"
    for p in (train_p, dev_p):
        if not p.is_file():
            sys.exit(f"train_tsc: {p}: not found (set FRAMING_SHARED or --data)")
    train, dev = read(train_p), read(dev_p)
    t0 = time.perf_counter()
    xtr = [features(r["sentence"], r["from"], r["to"]) for r in train]
    xdv = [features(r["sentence"], r["from"], r["to"]) for r in dev]
    print(f"features: {len(xtr) + len(xdv)} targets in {time.perf_counter() - t0:.1f}s", flush=True)
    ytr = np.array([r["polarity"] for r in train])
    ydv = np.array([r["polarity"] for r in dev])
    groups = np.array([group_of(r) for r in train])

    def fit(x, y, c):
        seen: dict[str, int] = {}
        for d in x:  # features seen in fewer than --min-count training targets are dropped
            for k in d:
                seen[k] = seen.get(k, 0) + 1
        keep = {k for k, n in seen.items() if n >= args.min_count}
        x = [{k: v for k, v in d.items() if k in keep} for d in x]
        vec = DictVectorizer()
        m = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
        m.fit(vec.fit_transform(x), y)
        return vec, m

    cv = {}
    for c in args.c:
        preds = np.zeros_like(ytr)
        for tr, te in GroupKFold(n_splits=args.folds).split(xtr, ytr, groups):
            vec, m = fit([xtr[i] for i in tr], ytr[tr], c)
            preds[te] = m.predict(vec.transform([xtr[i] for i in te]))
        fold_f1 = []
        for tr, te in GroupKFold(n_splits=args.folds).split(xtr, ytr, groups):
            fold_f1.append(f1_score(ytr[te], preds[te], average="macro"))
        vec, m = fit(xtr, ytr, c)
        dev_f1 = f1_score(ydv, m.predict(vec.transform(xdv)), average="macro")
        cv[c] = (float(np.mean(fold_f1)), float(np.std(fold_f1)), float(dev_f1))
        print(f"C={c}: CV macro-F1 {np.mean(fold_f1):.3f} ± {np.std(fold_f1):.3f}  dev {dev_f1:.3f}", flush=True)
    best = max(cv, key=lambda c: cv[c][0])  # chosen on CV (train), not on dev
    vec, m = fit(xtr, ytr, best)
    pdv = m.predict(vec.transform(xdv))
    report = classification_report(ydv, pdv, labels=[-1, 0, 1], target_names=list(LABELS), output_dict=True,
                                   zero_division=0)
    print(f"chosen C={best}")
    print(classification_report(ydv, pdv, labels=[-1, 0, 1], target_names=list(LABELS), digits=3))
    if args.no_write:
        return 0

    classes = list(m.classes_)
    order = [classes.index(p) for p in (-1, 0, 1)]
    names = vec.get_feature_names_out()
    coef = m.coef_[order]
    weights = {}
    for j, name in enumerate(names):
        w = coef[:, j]
        if np.abs(w).max() >= 1e-4:
            weights[str(name)] = [round(float(v), 5) for v in w]
    data = {
        "format": FORMAT, "name": "newsmtsc-linear", "version": args.version, "feature_version": FEATURE_VERSION,
        "labels": list(LABELS),
        "training": {"data": "NewsMTSC rw-train (Hamborg & Donnay 2021; MIT licence), 8,739 targets",
                     "classifier": f"LogisticRegression(C={best}, class_weight='balanced')",
                     "min_count": args.min_count,
                     "scikit-learn": skl_version, "folds": args.folds, "grouped_by": "article"},
        "metrics": {"cv_macro_f1": round(cv[best][0], 4), "cv_macro_f1_sd": round(cv[best][1], 4),
                    "dev_macro_f1": round(float(f1_score(ydv, pdv, average="macro")), 4),
                    "dev_accuracy": round(float((pdv == ydv).mean()), 4),
                    "dev_per_class": {k: {mk: round(v[mk], 4) for mk in ("precision", "recall", "f1-score", "support")}
                                      for k, v in report.items() if k in LABELS},
                    "c_grid": {str(c): [round(v, 4) for v in cv[c]] for c in cv}},
        "intercept": [round(float(v), 5) for v in m.intercept_[order]],
        "weights": weights,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    blob = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    # The stored model must predict what the scikit-learn model predicts.
    stored = load_model(args.out)
    agree = np.mean([stored.predict(r["sentence"], r["from"], r["to"]).polarity == p for r, p in zip(dev, pdv)])
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(weights)} features); "
          f"agreement with scikit-learn on dev {agree:.3f}")
    print(json.dumps(data["metrics"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
