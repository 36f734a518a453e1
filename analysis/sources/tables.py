"""Tables over a corpus: attributions, sources per article, speaker totals, sourcing ratios, quoted spans.

Part of :mod:`analysis.sources` (method and citations there).  Per-article functions stay per article.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from typing import Iterable
import pandas as pd
import re

from .speakers import Registry
from .speakers import slug
from .model import COLUMNS, EXTRA_COLUMNS, _WORD
from .quotes import quote_spans
from .extract import extract


def _article_parts(a) -> tuple[str, str, list]:
    if isinstance(a, str):
        return "", a, []
    aid = getattr(a, "id", None) or getattr(a, "article_id", "")
    return str(aid), a.text, list(getattr(a, "sentences", None) or [])


def attributions_table(articles: Iterable, *, registry: Registry | None = None, beliefs: bool = False,
                       merge_continuations: bool | None = None):
    """One row per attribution over ``articles`` (objects with ``.id``, ``.text``, ``.sentences``).

    Columns: :data:`COLUMNS` then ``sentence, quoted_words, cue_class, speaker_rule, class_rule, anonymous``.
    ``registry=None`` uses no registry: speakers are classified from cues in the text only (the
    pipeline passes the corpus's own ``speakers.csv`` when it has one, never another corpus's).
    """
    if registry is None:
        registry = Registry([], "")
    rows = []
    for a in articles:
        aid, text, sents = _article_parts(a)
        meta = getattr(a, "meta", None) or {}
        for att in extract(text, sentences=sents or None, registry=registry, beliefs=beliefs,
                           author=str(meta.get("author") or "") if isinstance(meta, dict) else "",
                           merge_continuations=merge_continuations):
            d = asdict(att)
            d["article_id"] = aid
            rows.append(d)
    df = pd.DataFrame(rows, columns=COLUMNS + EXTRA_COLUMNS)
    if df.empty:
        return df.astype({"start": "int64", "end": "int64", "sentence": "int64", "quoted_words": "int64",
                          "anonymous": "bool"})
    return df


def _source_key(row) -> str:
    if row["speaker"]:
        return row["speaker"]
    if row["anonymous"]:
        return _anon_desc(row["speaker_mention"])
    return ""


def _anon_desc(mention: str) -> str:
    m = re.sub(r"^(?:a|an|the|some|several|one|two|three|many)\s+", "", (mention or "").strip(), flags=re.I)
    return m.lower()


def sources_table(attributions_df):
    """One row per (article, source): ``article_id, speaker, role, side, attributions, quoted_words``.

    Anonymous sources are grouped by their description (e.g. "government official"); unresolved
    attributions (a pronoun with no antecedent) form one row with an empty speaker.
    """
    cols = ["article_id", "speaker", "role", "side", "attributions", "quoted_words"]
    if attributions_df is None or len(attributions_df) == 0:
        return pd.DataFrame(columns=cols)
    df = attributions_df.copy()
    df["_key"] = df.apply(_source_key, axis=1)
    g = df.groupby(["article_id", "_key"], sort=False)
    out = g.agg(role=("speaker_role", lambda s: s.mode().iat[0]), side=("speaker_side", lambda s: s.mode().iat[0]),
                attributions=("kind", "size"), quoted_words=("quoted_words", "sum")).reset_index()
    out = out.rename(columns={"_key": "speaker"})
    return out.sort_values(["article_id", "attributions"], ascending=[True, False], kind="stable")[cols] \
        .reset_index(drop=True)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def quoted_spans(attributions_df, article_id) -> list[tuple[int, int]]:
    """Merged (start, end) spans of the direct and mixed quotations of one article (quote marks only)."""
    if attributions_df is None or len(attributions_df) == 0:
        return []
    df = attributions_df[(attributions_df["article_id"] == article_id)
                         & attributions_df["kind"].isin(["direct", "mixed"])]
    spans = []
    for _, row in df.iterrows():
        q, s = row["quote"], int(row["start"])
        for a, b, _ in quote_spans(q):
            spans.append((s + a, s + b))
    return _merge(spans)


def speaker_summary(sources_df) -> pd.DataFrame:
    """Corpus-wide totals per source from :func:`sources_table`, most attributions first.

    Columns: ``speaker, role, side, articles, attributions, quoted_words``.
    """
    cols = ["speaker", "role", "side", "articles", "attributions", "quoted_words"]
    if sources_df is None or len(sources_df) == 0:
        return pd.DataFrame(columns=cols)
    out = (sources_df.groupby(["speaker", "role", "side"], dropna=False)
           .agg(articles=("article_id", "nunique"), attributions=("attributions", "sum"),
                quoted_words=("quoted_words", "sum"))
           .reset_index()
           .sort_values(["attributions", "speaker"], ascending=[False, True], kind="stable"))
    return out[cols].reset_index(drop=True)


def sourcing_ratios(attributions_df, articles):
    """One row per article: counts, shares by kind, side, role and cue class, dominance, quoted-word share.

    Shares are of attributions, except ``quoted_word_share`` (words inside direct/mixed quotation marks
    over the article's words).  For an article without attributions the shares *of attributions*
    (anonymous, dominance, sides, roles, verb classes) are undefined and left empty (NaN), not 0: nobody
    is quoted, so nobody dominates; counts are 0, ``quoted_word_share`` is 0.0 and ``dominant_source`` is
    empty.
    """
    from ..text import count_words

    nan = float("nan")

    arts = [(_article_parts(a)[0], _article_parts(a)[1]) for a in articles]
    df = attributions_df if attributions_df is not None else pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
    sides = sorted({slug(s) for s in df.get("speaker_side", [])}) if len(df) else []
    roles = sorted({slug(s) for s in df.get("speaker_role", [])}) if len(df) else []
    rows = []
    for aid, text in arts:
        d = df[df["article_id"] == aid] if len(df) else df
        n = len(d)
        row = {"article_id": aid, "attributions": n}
        for k in ("direct", "indirect", "mixed"):
            row[k] = int((d["kind"] == k).sum()) if n else 0
        named = d[(d["speaker"] != "") & (~d["anonymous"].astype(bool))] if n else d
        row["named_sources"] = int(named["speaker"].nunique()) if n else 0
        row["anonymous_share"] = float(d["anonymous"].astype(bool).mean()) if n else nan
        qspans = quoted_spans(d, aid) if n else []
        qw = sum(len(_WORD.findall(text[a:b])) for a, b in qspans)
        total = count_words(text)
        row["quoted_word_share"] = qw / total if total else 0.0
        if n:
            keys = d.apply(_source_key, axis=1)
            counts = Counter(k for k in keys if k)
            if counts:
                top, c = max(counts.items(), key=lambda kv: (kv[1], -list(keys).index(kv[0])))
                row["dominant_source"], row["dominance"] = top, c / n
            else:
                row["dominant_source"], row["dominance"] = "", 0.0
        else:
            row["dominant_source"], row["dominance"] = "", nan
        for s in sides:
            row[f"share_side_{s}"] = float((d["speaker_side"].map(slug) == s).mean()) if n else nan
        for r in roles:
            row[f"share_role_{r}"] = float((d["speaker_role"].map(slug) == r).mean()) if n else nan
        row["evaluative_verb_share"] = float((d["cue_class"] == "evaluative").mean()) if n else nan
        row["neutral_verb_share"] = float((d["cue_class"] == "neutral").mean()) if n else nan
        rows.append(row)
    return pd.DataFrame(rows)
