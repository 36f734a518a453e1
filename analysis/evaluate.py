"""Score predicted attributions against a gold file (word-overlap matching).

Method
------
The matching follows the project's PolNeAR scorer (``shared/tools/score_attributions.py``) so that figures on
the seed gold and on PolNeAR mean the same thing, and it does not depend on offsets or on how a text was
cleaned:

* a predicted attribution *matches* a gold one of the same article when the Dice overlap of their content
  words (lower-cased word tokens, as multisets) reaches the threshold (0.3 = lenient, 0.8 = strict);
  pairs are matched one to one, best overlap first;
* precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
* over matched pairs whose gold row names a speaker: *speaker accuracy* is the share where the gold speaker
  (or the gold mention) shares a non-pronoun word with the predicted canonical speaker or mention, or both
  mentions are the same pronoun; ``speaker_exact`` is the share where the canonical names are equal
  (case-insensitive; an unresolved or anonymous prediction is
  compared by its mention, as gold rows name anonymous sources by their description), a stricter figure for the per-article speaker tables;
* over matched pairs whose gold row has a cue: *cue accuracy* is the share where the cues share a word stem
  (a bare ``:`` matches ``:``).

Gold CSV format (see docs/sources.md): one row per attribution, columns ``source`` (the imported file's name)
or ``article_id``, ``kind`` (direct|indirect|mixed), ``quote``, ``speaker``, ``speaker_mention``, ``cue``;
optional ``role``, ``side``, ``start``, ``end``.  Lines starting with ``#`` are comments.
"""
from __future__ import annotations

import collections
import logging
from pathlib import Path

import pandas as pd

from .errors import InputError
from .inflection import lemma
from .text import WORD_RE

log = logging.getLogger(__name__)

__all__ = ["load_gold", "evaluate_attributions", "match", "dice", "GOLD_COLUMNS"]

GOLD_COLUMNS = ["kind", "quote", "speaker", "speaker_mention", "cue"]
_WORD = WORD_RE  # the package's one definition of a word
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them"}
_KINDS = {"direct", "indirect", "mixed"}


def _words(text) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(str(text or ""))]


def _stem(w: str) -> str:
    """The verb lemma of a cue word (``analysis.inflection``): "told" and "tells" match "tell"."""
    return lemma(w, "VERB")


def dice(a: list[str], b: list[str]) -> float:
    """Dice coefficient of two word multisets."""
    if not a or not b:
        return 0.0
    common = sum((collections.Counter(a) & collections.Counter(b)).values())
    return 2 * common / (len(a) + len(b))


def load_gold(path: str | Path) -> pd.DataFrame:
    """Read and check a gold attributions CSV; raises :class:`InputError` naming the file and line."""
    p = Path(path)
    if not p.exists():
        raise InputError(p, "gold file not found")
    try:
        head = 0  # leading comment lines (the file's header: source, licence, version)
        with p.open(encoding="utf-8") as f:
            for line in f:
                if not line.startswith("#"):
                    break
                head += 1
        df = pd.read_csv(p, dtype=str, keep_default_na=False, comment=None, skiprows=head)
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise InputError(p, f"not a readable CSV ({e})") from None
    if len(df.columns) and str(df.columns[0]).startswith("#"):
        lines = [ln for ln in p.read_text(encoding="utf-8").splitlines() if not ln.lstrip().startswith("#")]
        from io import StringIO
        df = pd.read_csv(StringIO("\n".join(lines)), dtype=str, keep_default_na=False)
    df.columns = [c.strip() for c in df.columns]
    key = "article_id" if "article_id" in df.columns else "source" if "source" in df.columns else None
    if key is None:
        raise InputError(p, "needs a 'source' or 'article_id' column")
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise InputError(p, f"missing column(s): {', '.join(missing)}")
    for i, row in df.iterrows():
        line = i + 2 + head
        if not str(row[key]).strip():
            raise InputError(p, f"line {line}: empty {key}")
        if str(row["kind"]).strip() not in _KINDS:
            raise InputError(p, f"line {line}: kind {row['kind']!r} is not one of direct, indirect, mixed")
        if not _words(row["quote"]):
            raise InputError(p, f"line {line}: empty quote")
    for c in ("start", "end"):
        if c in df.columns:
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    return df


def _speaker_ok(gold: dict, pred: dict) -> bool:
    g = set(_words(gold.get("speaker", ""))) | set(_words(gold.get("speaker_mention", "")))
    if not g:
        return False
    mention = set(_words(pred.get("speaker_mention", "")))
    named = set(_words(pred.get("speaker", "")))
    if (g - _PRONOUNS) & ((mention | named) - _PRONOUNS):
        return True
    return bool(g & _PRONOUNS and g & mention)


def _cue_ok(gold_cue: str, pred_cue: str) -> bool:
    def stems(c):
        c = str(c or "")
        return {_stem(w) for w in _words(c)} or ({":"} if c.strip() == ":" else set())
    return bool(stems(gold_cue) & stems(pred_cue))


def match(predicted: pd.DataFrame, gold: pd.DataFrame, threshold: float, *, key: str = "article_id"):
    """One-to-one matches [(gold_index, predicted_index, overlap)] per article, best overlap first."""
    out = []
    pred_by = {k: g for k, g in predicted.groupby(key)} if len(predicted) else {}
    for art, grows in gold.groupby(key):
        prows = pred_by.get(art)
        if prows is None:
            continue
        pw = {j: _words(q) for j, q in prows["quote"].items()}
        pairs = []
        for i, q in grows["quote"].items():
            gw = _words(q)
            for j, w in pw.items():
                s = dice(gw, w)
                if s >= threshold:
                    pairs.append((s, i, j))
        used_g, used_p = set(), set()
        for s, i, j in sorted(pairs, key=lambda t: (-t[0], str(t[1]), str(t[2]))):
            if i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            out.append((i, j, s))
    return out


def evaluate_attributions(predicted: pd.DataFrame, gold: pd.DataFrame, *, thresholds=(0.3, 0.8),
                          source_to_id: dict | None = None) -> pd.DataFrame:
    """Precision, recall, F1, speaker and cue accuracy of ``predicted`` against ``gold``, one row per threshold.

    Gold rows are keyed by ``article_id``, or by ``source`` mapped through ``source_to_id`` (file name ->
    article id; file names are compared without folders).  Predicted rows for articles absent from the gold
    are ignored, so a corpus larger than the gold set does not lower precision.
    Columns: threshold, precision, recall, f1, speaker_accuracy, speaker_exact, cue_accuracy, gold,
    predicted, matched.  Predicted rows of kind ``unattributed`` (quotations no one is credited with) are
    not attributions and are left out.
    """
    if "kind" in predicted.columns:
        predicted = predicted[predicted["kind"] != "unattributed"]
    gold = gold.copy()
    if "article_id" not in gold.columns or gold["article_id"].eq("").all():
        if "source" not in gold.columns:
            raise ValueError("gold needs an article_id or a source column")
        if source_to_id is None:
            if "source" in predicted.columns:
                source_to_id = dict(zip(predicted["source"].map(lambda s: Path(str(s)).name), predicted["article_id"]))
            else:
                raise ValueError("gold is keyed by source: pass source_to_id (file name -> article id)")
        names = {Path(str(k)).name: v for k, v in source_to_id.items()}
        gold["article_id"] = gold["source"].map(lambda s: names.get(Path(str(s)).name, ""))
        unmapped = sorted(set(gold.loc[gold["article_id"] == "", "source"]))
        if unmapped:
            log.warning("gold sources with no article in the corpus: %s", ", ".join(unmapped))
        gold = gold[gold["article_id"] != ""]
    predicted = predicted[predicted["article_id"].isin(set(gold["article_id"]))]
    rows = []
    for t in thresholds:
        m = match(predicted, gold, t)
        spk = with_spk = exact = cue = with_cue = 0
        for i, j, _ in m:
            g, p = gold.loc[i].to_dict(), predicted.loc[j].to_dict()
            if _words(g.get("speaker", "")) or _words(g.get("speaker_mention", "")):
                with_spk += 1
                spk += _speaker_ok(g, p)
                pred_name = str(p.get("speaker", "") or p.get("speaker_mention", "")).strip().casefold()
                exact += str(g.get("speaker", "")).strip().casefold() == pred_name
            if str(g.get("cue", "")).strip():
                with_cue += 1
                cue += _cue_ok(g.get("cue", ""), p.get("cue", ""))
        n_g, n_p, n_m = len(gold), len(predicted), len(m)
        prec = n_m / n_p if n_p else 0.0
        rec = n_m / n_g if n_g else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append({"threshold": t, "precision": round(prec, 3), "recall": round(rec, 3), "f1": round(f1, 3),
                     "speaker_accuracy": round(spk / with_spk, 3) if with_spk else 0.0,
                     "speaker_exact": round(exact / with_spk, 3) if with_spk else 0.0,
                     "cue_accuracy": round(cue / with_cue, 3) if with_cue else 0.0,
                     "gold": n_g, "predicted": n_p, "matched": n_m})
    return pd.DataFrame(rows)
