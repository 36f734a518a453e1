"""Scoring a target-dependent sentiment model against gold in NewsMTSC format.

Method
------
Gold is JSON Lines as in NewsMTSC (Hamborg & Donnay 2021): one target per
line with ``sentence``, ``from``, ``to`` (character offsets of the target in
the sentence) and ``polarity`` (-1, 0, 1; the strings ``negative``,
``neutral``, ``positive`` are accepted too).  We report accuracy, macro-F1
(the unweighted mean of the three classes' F1, the measure NewsMTSC reports)
and per-class precision, recall, F1 and support.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError

__all__ = ["read_gold", "score_predictions", "evaluate"]

_POLARITY = {-1: -1, 0: 0, 1: 1, "-1": -1, "0": 0, "1": 1, "negative": -1, "neutral": 0, "positive": 1}
CLASSES = (("negative", -1), ("neutral", 0), ("positive", 1))


def read_gold(path: str | Path) -> list[dict]:
    """Rows of a NewsMTSC-format JSONL file; an :class:`InputError` names file and line of a bad row."""
    p = Path(path)
    if not p.is_file():
        raise InputError(p, "gold file not found")
    rows = []
    try:
        lines = p.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError(p, "not UTF-8 text") from None
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{p}:{n}"
        try:
            r = json.loads(line)
        except ValueError:
            raise InputError(where, "not a JSON object") from None
        if not isinstance(r, dict):
            raise InputError(where, "not a JSON object")
        missing = [k for k in ("sentence", "from", "to", "polarity") if k not in r]
        if missing:
            raise InputError(where, f"missing field(s) {', '.join(missing)}")
        sent, a, b = r["sentence"], r["from"], r["to"]
        if not isinstance(sent, str) or not sent.strip():
            raise InputError(where, "'sentence' must be non-empty text")
        if not (isinstance(a, int) and isinstance(b, int)) or isinstance(a, bool) or isinstance(b, bool) \
                or not 0 <= a < b <= len(sent):
            raise InputError(where, f"'from'/'to' ({a!r}, {b!r}) must be offsets with 0 <= from < to <= "
                                    f"{len(sent)} (the sentence's length)")
        pol = r["polarity"]
        key = pol.strip().lower() if isinstance(pol, str) else pol
        if isinstance(key, bool) or key not in _POLARITY:
            raise InputError(where, f"'polarity' {pol!r} is not one of -1, 0, 1 (or negative/neutral/positive)")
        if "mention" in r and isinstance(r["mention"], str) and r["mention"] and sent[a:b] != r["mention"]:
            raise InputError(where, f"'mention' {r['mention']!r} differs from sentence[from:to] {sent[a:b]!r}")
        rows.append({"sentence": sent, "from": a, "to": b, "polarity": _POLARITY[key], "line": n})
    if not rows:
        raise InputError(p, "no gold rows")
    return rows


def score_predictions(gold: list[int], predicted: list[int]) -> dict:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support of ``predicted`` against ``gold``."""
    n = len(gold)
    per = {}
    for name, c in CLASSES:
        tp = sum(1 for g, p in zip(gold, predicted) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, predicted) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, predicted) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[name] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    return {"n": n, "accuracy": sum(g == p for g, p in zip(gold, predicted)) / n if n else 0.0,
            "macro_f1": sum(v["f1"] for v in per.values()) / len(per), "per_class": per}


def evaluate(path: str | Path, *, model=None, baseline: bool = False) -> dict:
    """Score ``model`` (default: the shipped one) on the gold file; ``baseline=True`` also scores VADER.

    VADER's baseline labels each target with its sentence's compound (±0.05),
    the figure the issue quotes for NewsMTSC (0.51 macro-F1).
    """
    from .model import default_model

    rows = read_gold(path)
    m = model or default_model()
    pred = [m.predict(r["sentence"], r["from"], r["to"]).polarity for r in rows]
    gold = [r["polarity"] for r in rows]
    out = {"gold": str(path), "model": m.tag, **score_predictions(gold, pred)}
    if baseline:
        from ..sentiment import score

        vader = []
        for r in rows:
            c = score(r["sentence"])["compound"]
            vader.append(1 if c >= 0.05 else -1 if c <= -0.05 else 0)
        out["baseline_vader"] = score_predictions(gold, vader)
    return out
