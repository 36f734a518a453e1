"""Training and held-out evaluation of the loaded-language model on the project's own annotations.

Method
------
Examples are the candidate words (:func:`analysis.loaded.features.is_candidate`)
of the ``train`` sentences of the development set
(:mod:`analysis.loaded.devset`); a word is positive when it overlaps an
annotated loaded span.  Word identities (``w=``) are kept as features only
for words seen at least twice in the training sentences.  A scikit-learn
``LogisticRegression`` (L2, lbfgs; deterministic) is fitted; its
regularisation ``C`` and the decision threshold are chosen by grouped
cross-validation over articles within the ``train`` split only (the
``test`` split is scored once, at the end, and never used for a choice).

The system that is scored is the one the pipeline runs: lexicon hits of
the ``loaded`` measure, plus model hits outside them.  Figures:

* word level: precision, recall and F1 over word tokens
  (:func:`analysis.text.word_spans`), a token counting as predicted /
  gold when it overlaps a predicted / gold span;
* sentence level: a sentence is loaded when it has at least one span;
  precision, recall, F1 of the loaded class and macro-F1 over both classes.
"""
from __future__ import annotations

import datetime as _dt
import json
import logging
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from .categories import measure_of
from .devset import DevSentence
from .features import sentence_features, tokens
from .lexicon import Lexicon
from .model import LoadedModel

log = logging.getLogger(__name__)

C_GRID = (0.3, 1.0, 3.0, 10.0)
THRESHOLD_GRID = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))  # 0.10 .. 0.60
FOLDS = 4
MIN_WORD_COUNT = 2


def _overlaps(a: int, b: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and e > a for s, e in spans)


def lexicon_spans(s: DevSentence, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Lexicon hits of the loaded measure in one sentence (offsets into ``s.text``)."""
    seg = s.text[s.start:s.end]
    return [(s.start + a, s.start + b) for a, b, e in lexicon.matcher.match(seg) if measure_of(e.category) == "loaded"]


def examples(sents: Sequence[DevSentence]) -> list[tuple[DevSentence, list, list[dict | None], list[int]]]:
    """Per sentence: tokens, feature dicts and gold labels (1 = overlaps a gold span)."""
    out = []
    for s in sents:
        toks = tokens(s.text, s.start, s.end)
        feats = sentence_features(toks)
        ys = [int(_overlaps(t.start, t.end, s.spans)) for t in toks]
        out.append((s, toks, feats, ys))
    return out


def _vocab(exs) -> set[str]:
    c: Counter = Counter()
    for _, toks, feats, _ in exs:
        for f in feats:
            if f is not None:
                c.update(k for k in f if k.startswith("w="))
    return {k for k, n in c.items() if n >= MIN_WORD_COUNT}


def _filter(f: dict, vocab: set[str]) -> dict:
    return {k: v for k, v in f.items() if not k.startswith("w=") or k in vocab}


def fit(exs, *, C: float) -> LoadedModel:
    """Fit the logistic regression on the candidate words of ``exs``; threshold 0.5 until chosen."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vocab = _vocab(exs)
    X, y = [], []
    for _, _, feats, ys in exs:
        for f, lab in zip(feats, ys):
            if f is not None:
                X.append(_filter(f, vocab))
                y.append(lab)
    vec = DictVectorizer(sparse=True)
    Xm = vec.fit_transform(X)
    clf = LogisticRegression(C=C, solver="lbfgs", max_iter=2000)
    clf.fit(Xm, y)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 5) for n, w in zip(names, clf.coef_[0]) if abs(w) >= 1e-4}
    return LoadedModel(weights=weights, intercept=float(clf.intercept_[0]), threshold=0.5, info={})


def predict(s: DevSentence, model: LoadedModel | None, lexicon: Lexicon | None) -> list[tuple[int, int]]:
    """Predicted spans in one sentence: lexicon (loaded measure) then model hits outside them."""
    spans = lexicon_spans(s, lexicon) if lexicon is not None else []
    if model is not None:
        class _S:  # one sentence as the model expects it
            start, end = s.start, s.end
        spans += [(h.start, h.end) for h in model.find(s.text, sentences=[_S], taken=sorted(spans))]
    return spans


def score(sents: Sequence[DevSentence], model: LoadedModel | None, lexicon: Lexicon | None) -> dict[str, Any]:
    """Word- and sentence-level precision, recall and F1 of the system on ``sents``."""
    tp = fp = fn = 0
    stp = sfp = sfn = stn = 0
    for s in sents:
        pred = predict(s, model, lexicon)
        for t in tokens(s.text, s.start, s.end):
            g, p = _overlaps(t.start, t.end, s.spans), _overlaps(t.start, t.end, pred)
            tp += g and p
            fp += p and not g
            fn += g and not p
        g, p = bool(s.spans), bool(pred)
        stp += g and p
        sfp += p and not g
        sfn += g and not p
        stn += not g and not p
    return {"word": _prf(tp, fp, fn), "sentence": {**_prf(stp, sfp, sfn),
                                                    "macro_f1": (_prf(stp, sfp, sfn)["f1"] + _prf(stn, sfn, sfp)["f1"]) / 2},
            "sentences": len(sents)}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def _folds(sents: Sequence[DevSentence], k: int) -> list[list[int]]:
    files = sorted({s.file for s in sents})
    fold_of = {f: i % k for i, f in enumerate(files)}
    return [[i for i, s in enumerate(sents) if fold_of[s.file] == j] for j in range(k)]


def choose(sents: Sequence[DevSentence], lexicon: Lexicon) -> tuple[float, float, dict]:
    """(C, threshold, cv scores) maximising cross-validated word F1 of lexicon + model on ``sents``."""
    exs = examples(sents)
    folds = _folds(sents, FOLDS)
    table: dict[tuple[float, float], list] = {}
    for C in C_GRID:
        for j, held in enumerate(folds):
            held_set = set(held)
            m = fit([e for i, e in enumerate(exs) if i not in held_set], C=C)
            for th in THRESHOLD_GRID:
                m.threshold = th
                sc = score([sents[i] for i in held], m, lexicon)["word"]
                acc = table.setdefault((C, th), [0, 0, 0])
                acc[0] += sc["tp"]
                acc[1] += sc["fp"]
                acc[2] += sc["fn"]
    cv = {k: _prf(*v) for k, v in table.items()}
    (C, th), best = max(cv.items(), key=lambda kv: (kv[1]["f1"], -kv[0][0], kv[0][1]))
    log.info("cv: best C=%s threshold=%s word F1 %.3f", C, th, best["f1"])
    return C, th, best


def train_and_evaluate(sents: Sequence[DevSentence], lexicon: Lexicon, *, out: str | Path | None = None,
                       version: str = "1.0") -> tuple[LoadedModel, dict[str, Any]]:
    """Choose C and threshold by CV on the train split, fit on it, score the test split once; write ``out``."""
    train = [s for s in sents if s.split == "train"]
    test = [s for s in sents if s.split == "test"]
    C, th, cv = choose(train, lexicon)
    model = fit(examples(train), C=C)
    model.threshold = th
    metrics = {
        "cv_train": {"word": cv, "C": C, "threshold": th},
        "test": {"lexicon+model": score(test, model, lexicon), "lexicon only": score(test, None, lexicon),
                 "model only": score(test, model, None)},
        "train_sentences": len(train), "test_sentences": len(test),
        "train_spans": sum(len(s.spans) for s in train), "test_spans": sum(len(s.spans) for s in test),
    }
    model.info = {
        "name": "loaded-words", "version": version, "date": _dt.date.today().isoformat(),
        "source": "logistic regression (scikit-learn) trained by scripts/train_loaded.py on the project's own "
                  "annotations of PolNeAR train sentences (tests/gold/loaded_dev_*.csv, split=train)",
        "licence": "MIT (weights); the VADER lexicon values used as features are MIT (Hutto & Gilbert 2014)",
        "card": "docs/loaded-model.md", "features": "analysis.loaded.features", "C": C,
        "metrics": metrics,
    }
    if out is not None:
        data = {**model.info, "intercept": round(model.intercept, 5), "threshold": model.threshold,
                "weights": dict(sorted(model.weights.items()))}
        Path(out).write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return model, metrics
