"""Evaluation of the lexicon hits against hand-annotated gold spans (seed articles)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .categories import CATEGORIES
from .find import find_loaded
from .lexicon import Lexicon, load_lexicon

def evaluate(
    gold_csv: str | Path,
    seeds_dir: str | Path,
    *,
    lexicon: Lexicon | None = None,
    model: Any = None,
) -> dict[str, Any]:
    """Precision, recall and F1 of :func:`find_loaded` against gold spans, at span overlap.

    ``gold_csv`` has ``source,start,end,text,category`` with offsets into the
    raw seed file ``seeds_dir/source``; predicted hits (cleaned-text offsets)
    are mapped to raw offsets with :meth:`analysis.text.Cleaned.to_raw`.  A
    predicted span is correct if it overlaps a gold span (any category); a gold
    span is found if a predicted span overlaps it.  ``model`` as for
    :func:`find_loaded` (``None``: lexicon only).  Per category, precision is
    over predicted spans of that category and recall over gold spans of that
    category, both ignoring the category of the other side; ``strict`` figures
    require the same category.  ``category_agreement`` is the share of
    overlapping (predicted, gold) pairs whose categories agree.
    """
    from ..text import clean

    lexicon = lexicon or load_lexicon()
    gold = pd.read_csv(gold_csv)
    preds = []
    for source in sorted(set(gold["source"])):
        raw = (Path(seeds_dir) / source).read_bytes().decode("utf-8")  # line endings as the corpus keeps them
        c = clean(raw)
        for h in find_loaded(c.text, lexicon=lexicon, model=model):
            preds.append((source, c.to_raw(h.start), c.to_raw(h.end), h.text, h.category))
    pred = pd.DataFrame(preds, columns=["source", "start", "end", "text", "category"])

    def overlaps(row, other):
        o = other[other["source"] == row.source]
        return o[(o["start"] < row.end) & (o["end"] > row.start)]

    pred["hit"] = [len(overlaps(r, gold)) > 0 for r in pred.itertuples()]
    pred["strict"] = [(overlaps(r, gold)["category"] == r.category).any() for r in pred.itertuples()]
    gold = gold.copy()
    gold["found"] = [len(overlaps(r, pred)) > 0 for r in gold.itertuples()]
    gold["strict"] = [(overlaps(r, pred)["category"] == r.category).any() for r in gold.itertuples()]
    pairs = [(r.category, c) for r in gold.itertuples() for c in overlaps(r, pred)["category"]]

    def prf(p_ok, p_n, r_ok, r_n):
        p = p_ok / p_n if p_n else float("nan")
        r = r_ok / r_n if r_n else float("nan")
        f = 2 * p * r / (p + r) if p_n and r_n and (p + r) else float("nan") if not (p_n and r_n) else 0.0
        return {"precision": p, "recall": r, "f1": f, "predicted": p_n, "gold": r_n}

    overall = prf(pred["hit"].sum(), len(pred), gold["found"].sum(), len(gold))
    strict = prf(pred["strict"].sum(), len(pred), gold["strict"].sum(), len(gold))
    per_cat = {}
    for c in CATEGORIES:
        pc, gc = pred[pred["category"] == c], gold[gold["category"] == c]
        per_cat[c] = prf(pc["hit"].sum(), len(pc), gc["found"].sum(), len(gc))
    agreement = sum(g == p for g, p in pairs) / len(pairs) if pairs else float("nan")
    return {
        "overall": overall, "strict": strict, "per_category": per_cat,
        "category_agreement": agreement, "pairs": len(pairs), "predicted": pred, "gold": gold,
    }


def format_evaluation(result: Mapping[str, Any]) -> str:
    """A plain-text table of :func:`evaluate` results."""
    def row(name, d):
        return (f"{name:<27} {d['precision']:>6.2f} {d['recall']:>6.2f} {d['f1']:>6.2f} "
                f"{d['predicted']:>6} {d['gold']:>6}")

    lines = [f"{'':<27} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}",
             row("overall (span overlap)", result["overall"]),
             row("strict (same category)", result["strict"])]
    lines += [row(c, d) for c, d in result["per_category"].items()]
    lines.append(f"category agreement on overlapping pairs: {result['category_agreement']:.2f} "
                 f"({result['pairs']} pairs)")
    return "\n".join(lines)
