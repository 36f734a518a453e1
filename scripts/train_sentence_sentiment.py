"""Train the news sentence score and measure it against VADER on hand-rated news sentences.

    python scripts/train_sentence_sentiment.py          # fit, choose the blend on the tune half, write the model
    python scripts/train_sentence_sentiment.py --no-write

Training data: NewsMTSC rw-train (Hamborg & Donnay 2021; MIT), one example per distinct sentence, whose
target is the mean polarity (-1..1) of the sentence's labelled targets: a proxy for how the sentence speaks
of the people in it.  A ridge regression over :func:`analysis.tsc.features.sentence_features` is fitted
(alpha chosen by 5-fold CV grouped by article, on Pearson r), then blended with VADER's compound:
``score = w * model + (1 - w) * vader``, with ``w`` chosen on the *tune* half of the project's hand-rated
news sentences (tests/gold/news_sentence_sentiment.csv; texts read from PolNeAR in ../shared).  The
*holdout* half is scored once, at the end, for the card.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.sentiment import (SENTENCE_MODEL_FILE, SENTENCE_MODEL_FORMAT, load_sentence_model,  # noqa: E402
                                news_ratings)
from analysis.tsc.features import SENTENCE_FEATURE_VERSION as FEATURE_VERSION, sentence_features  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=paths.SHARED / "datasets" / "newsmtsc")
    ap.add_argument("--alpha", type=float, nargs="+", default=[3.0, 10.0, 30.0])
    ap.add_argument("--out", type=Path, default=SENTENCE_MODEL_FILE)
    ap.add_argument("--no-write", action="store_true")
    ap.add_argument("--version", default="2.0")
    args = ap.parse_args(argv)

    from scipy.stats import pearsonr, spearmanr
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import GroupKFold

    from analysis.sentiment import score as vader

    train_p = args.data / "rw-train.jsonl"
    if not train_p.is_file():
        sys.exit(f"train_sentence_sentiment: {train_p}: not found (set FRAMING_SHARED or --data)")
    pol: dict[str, list[int]] = defaultdict(list)
    group: dict[str, str] = {}
    for line in train_p.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        pol[r["sentence"]].append(r["polarity"])
        group[r["sentence"]] = "_".join(str(r.get("id", "")).split("_")[:2])
    sents = sorted(pol)
    x = [sentence_features(s) for s in sents]
    seen: dict[str, int] = {}
    for d in x:  # features of fewer than two training sentences are dropped (unsupervised, before any fit)
        for k in d:
            seen[k] = seen.get(k, 0) + 1
    x = [{k: v for k, v in d.items() if seen[k] >= 2} for d in x]
    y = np.array([np.mean(pol[s]) for s in sents])
    g = np.array([group[s] for s in sents])
    print(f"{len(sents)} distinct training sentences", flush=True)

    best, best_r = None, -1.0
    for a in args.alpha:
        pred = np.zeros_like(y)
        for tr, te in GroupKFold(n_splits=5).split(x, y, g):
            vec = DictVectorizer()
            m = Ridge(alpha=a).fit(vec.fit_transform([x[i] for i in tr]), y[tr])
            pred[te] = m.predict(vec.transform([x[i] for i in te]))
        r = pearsonr(pred, y)[0]
        print(f"alpha={a}: CV Pearson r with mean target polarity {r:.3f}", flush=True)
        if r > best_r:
            best, best_r = a, r
    vec = DictVectorizer()
    m = Ridge(alpha=best).fit(vec.fit_transform(x), y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, m.coef_) if abs(w) >= 1e-4}

    ratings = news_ratings()  # raises with a clear line when ../shared is missing
    tune = [r for r in ratings if r["split"] == "tune"]
    hold = [r for r in ratings if r["split"] == "holdout"]

    def model_score(t):
        f = sentence_features(t)
        return float(m.intercept_ + sum(weights.get(k, 0.0) * v for k, v in f.items()))

    def corr(rows, w):
        s = [w * model_score(r["text"]) + (1 - w) * vader(r["text"])["compound"] for r in rows]
        y = [r["rating"] for r in rows]
        return pearsonr(s, y)[0], spearmanr(s, y)[0]

    grid = [round(v, 2) for v in np.linspace(0, 1, 11)]
    tuned = {w: corr(tune, w) for w in grid}
    for w, (pr, sr) in tuned.items():
        print(f"blend w={w}: tune Pearson {pr:.3f} Spearman {sr:.3f}")
    w = max(grid, key=lambda v: tuned[v][0])
    hold_ours, hold_vader = corr(hold, w), corr(hold, 0.0)
    all_ours, all_vader = corr(ratings, w), corr(ratings, 0.0)
    metrics = {"cv_pearson_newsmtsc": round(best_r, 4), "alpha": best, "blend_model": w,
               "tune_pearson": round(tuned[w][0], 4), "tune_pearson_vader": round(tuned[0.0][0], 4),
               "holdout_pearson": round(hold_ours[0], 4), "holdout_spearman": round(hold_ours[1], 4),
               "holdout_pearson_vader": round(hold_vader[0], 4), "holdout_spearman_vader": round(hold_vader[1], 4),
               "all_pearson": round(all_ours[0], 4), "all_pearson_vader": round(all_vader[0], 4),
               "rated_sentences": {"tune": len(tune), "holdout": len(hold)}}
    print(json.dumps(metrics, indent=2))
    if args.no_write:
        return 0
    data = {"format": SENTENCE_MODEL_FORMAT, "name": "news-sentence-ridge", "version": args.version,
            "feature_version": FEATURE_VERSION, "blend_model": w, "intercept": round(float(m.intercept_), 5),
            "training": {"data": "NewsMTSC rw-train (Hamborg & Donnay 2021; MIT licence): mean target polarity "
                                 "of each distinct sentence", "regressor": f"Ridge(alpha={best})", "min_count": 2,
                         "blend": "chosen on the tune half of tests/gold/news_sentence_sentiment.csv"},
            "metrics": metrics, "weights": weights}
    blob = json.dumps(data, sort_keys=True, separators=(",", ":")).encode("utf-8")
    args.out.write_bytes(gzip.compress(blob, mtime=0))
    load_sentence_model.cache_clear()
    stored = load_sentence_model(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {len(weights)} features), "
          f"blend {stored.blend_model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
