"""Tables over a corpus: attributions, sources per article, speaker totals, sourcing ratios, quoted spans.

Part of :mod:`analysis.sources` (method and citations there).  Per-article functions stay per article.
"""
from __future__ import annotations

import logging

from collections import Counter
from dataclasses import asdict
from typing import Iterable
import pandas as pd
import re

from .speakers import Registry
from .speakers import merge_variants, slug
from .model import COLUMNS, EXTRA_COLUMNS, _WORD
from .quotes import quote_spans
from .extract import extract

log = logging.getLogger(__name__)


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
        rows.extend(attribution_rows(a, registry=registry, beliefs=beliefs, merge_continuations=merge_continuations))
    df = attributions_frame(rows)
    _warn_unbalanced(df)
    return df


#: The columns of :func:`attributions_table`, in order (the fields of :func:`attribution_rows`' tuples).
ATTRIBUTION_FIELDS = COLUMNS + EXTRA_COLUMNS


def attribution_rows(article, *, registry: Registry | None = None, beliefs: bool = False,
                     merge_continuations: bool | None = None) -> list[tuple]:
    """The rows of :func:`attributions_table` for one article, as tuples in :data:`ATTRIBUTION_FIELDS` order
    (no DataFrame: the per-article stage packs them, :func:`analysis.stages.pack_rows`)."""
    if registry is None:
        registry = Registry([], "")
    aid, text, sents = _article_parts(article)
    meta = getattr(article, "meta", None) or {}
    fields = [None if f == "article_id" else f for f in ATTRIBUTION_FIELDS]
    return [tuple(aid if f is None else getattr(att, f) for f in fields)
            for att in extract(text, sentences=sents or None, registry=registry, beliefs=beliefs,
                               author=str(meta.get("author") or "") if isinstance(meta, dict) else "",
                               merge_continuations=merge_continuations)]


def attributions_frame(rows: list[tuple]) -> pd.DataFrame:
    """The DataFrame of :func:`attribution_rows` rows (an empty one with its whole-number and bool dtypes)."""
    df = pd.DataFrame([dict(zip(ATTRIBUTION_FIELDS, r)) for r in rows], columns=ATTRIBUTION_FIELDS)
    if df.empty:
        return df.astype({"start": "int64", "end": "int64", "sentence": "int64", "quoted_words": "int64",
                          "anonymous": "bool"})
    return df


def _warn_unbalanced(df) -> None:
    if df.empty:
        return
    for aid, n in df[df["unbalanced_quote"].astype(bool)].groupby("article_id").size().items():
        _warn_unbalanced_article(aid, n)


def _warn_unbalanced_article(aid, n: int) -> None:
    log.warning("article %s: %d attribution(s) hold a quotation mark that is never closed "
                "(cut at its sentence end; see the unbalanced_quote column)", aid, n)


def warn_unbalanced_rows(rows: list[tuple]) -> None:
    """:func:`attributions_table`'s warning for one article's :func:`attribution_rows`."""
    k = ATTRIBUTION_FIELDS.index("unbalanced_quote")
    n = sum(1 for r in rows if r[k])
    if n:
        _warn_unbalanced_article(rows[0][0], n)


def _key(speaker, anonymous, mention) -> str:
    """The source an attribution counts for: the speaker, an anonymous source's description, or ""."""
    if speaker:
        return speaker
    if anonymous:
        return _anon_desc(mention)
    return ""


def _anon_desc(mention: str) -> str:
    m = re.sub(r"^(?:a|an|the|some|several|one|two|three|many)\s+", "", (mention or "").strip(), flags=re.I)
    return m.lower()


def _mode(values: list) -> str:
    """pandas' ``Series.mode().iat[0]``: the most frequent value, the smallest of ties (missing values ignored)."""
    counts = Counter(v for v in values if v is not None and v == v)
    if not counts:
        raise IndexError("no value to take the mode of")
    top = max(counts.values())
    return min(v for v, c in counts.items() if c == top)


def _columns(df, names: tuple[str, ...]) -> dict[str, list]:
    """Columns of ``df`` as lists (absent ones as None), for per-article work without pandas per row."""
    n = len(df)
    return {c: (df[c].tolist() if c in df.columns else [None] * n) for c in names}


_SOURCE_FIELDS = ("article_id", "kind", "speaker", "anonymous", "speaker_mention", "speaker_role", "speaker_side",
                  "speaker_alignment", "quoted_words")


SOURCES_COLUMNS = ["article_id", "speaker", "role", "side", "attributions", "quoted_words", "alignment"]


def sources_table(attributions_df):
    """One row per (article, source): ``article_id, speaker, role, side, attributions, quoted_words, alignment``.

    Anonymous sources are grouped by their description (e.g. "government official"); unresolved
    attributions (a pronoun with no antecedent) form one row with an empty speaker.  Role, side and
    alignment are each source's most frequent value (the smallest of ties); rows are in article order,
    most attributions first.
    """
    return sources_frame(sources_rows(attributions_df))


def sources_frame(rows: list[tuple]) -> pd.DataFrame:
    """The DataFrame of :func:`sources_rows` rows."""
    if not rows:
        return pd.DataFrame(columns=SOURCES_COLUMNS)
    return pd.DataFrame(rows, columns=SOURCES_COLUMNS)


def sources_rows(attributions_df) -> list[tuple]:
    """The rows of :func:`sources_table` (tuples in :data:`SOURCES_COLUMNS` order); ``attributions_df`` needs
    only ``len()``, ``.columns`` and ``[name].tolist()`` of a DataFrame."""
    if attributions_df is None or len(attributions_df) == 0:
        return []
    c = _columns(attributions_df, _SOURCE_FIELDS)
    if "speaker_alignment" not in attributions_df.columns:
        c["speaker_alignment"] = ["unknown"] * len(attributions_df)
    groups: dict[tuple, list[int]] = {}
    for i, kind in enumerate(c["kind"]):
        if kind in ATTRIBUTION_KINDS:
            key = _key(c["speaker"][i], c["anonymous"][i], c["speaker_mention"][i])
            groups.setdefault((c["article_id"][i], key), []).append(i)
    rows = []
    for (aid, key), idx in groups.items():
        rows.append((aid, key, _mode([c["speaker_role"][i] for i in idx]), _mode([c["speaker_side"][i] for i in idx]),
                     len(idx), sum(c["quoted_words"][i] for i in idx),
                     _mode([c["speaker_alignment"][i] for i in idx])))
    rows.sort(key=lambda r: (r[0], -r[4]))  # stable: first appearance within ties
    return rows


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


def speech_spans(attributions_df, article_id) -> list[tuple[int, int]]:
    """Merged (start, end) spans of everything attributed to a speaker in one article: direct, mixed and
    indirect content alike, so reported speech counts for its speaker's voice, not the journalist's
    (:func:`analysis.text.voice`)."""
    if attributions_df is None or len(attributions_df) == 0:
        return []
    df = attributions_df[(attributions_df["article_id"] == article_id)
                         & attributions_df["kind"].isin(["direct", "mixed", "indirect"])]
    return _merge([(int(s), int(e)) for s, e in zip(df["start"], df["end"])])


def speech_spans_of_rows(rows: list[tuple]) -> list[tuple[int, int]]:
    """:func:`speech_spans` of one article's :func:`attribution_rows`."""
    k, s, e = (ATTRIBUTION_FIELDS.index(c) for c in ("kind", "start", "end"))
    return _merge([(int(r[s]), int(r[e])) for r in rows if r[k] in ("direct", "mixed", "indirect")])


def speaker_summary(sources_df) -> pd.DataFrame:
    """Corpus-wide totals per source from :func:`sources_table`, most attributions first.

    Columns: ``speaker, role, side, articles, attributions, quoted_words, alignment``.
    """
    cols = ["speaker", "role", "side", "articles", "attributions", "quoted_words", "alignment"]
    if sources_df is None or len(sources_df) == 0:
        return pd.DataFrame(columns=cols)
    if "alignment" not in sources_df.columns:
        sources_df = sources_df.assign(alignment="unknown")
    # one person under several names across articles ("Trump" in one, "Donald Trump" in another) is one row
    canonical = merge_variants(sources_df["speaker"])
    sources_df = sources_df.assign(speaker=sources_df["speaker"].map(lambda n: canonical.get(n, n)))
    out = (sources_df.groupby(["speaker", "role", "side", "alignment"], dropna=False)
           .agg(articles=("article_id", "nunique"), attributions=("attributions", "sum"),
                quoted_words=("quoted_words", "sum"))
           .reset_index()
           .sort_values(["attributions", "speaker"], ascending=[False, True], kind="stable"))
    return out[cols].reset_index(drop=True)


ATTRIBUTION_KINDS = ("direct", "indirect", "mixed")


def sourcing_ratios(attributions_df, articles):
    """One row per article: counts, shares by kind, side, role and cue class, dominance, quoted-word share.

    Shares are of attributions (rows of kind direct, indirect or mixed), except ``quoted_word_share``
    (words inside direct/mixed quotation marks over the article's words).  For an article without
    attributions the shares *of attributions* (anonymous, dominance, sides, roles, verb classes) are
    undefined and left empty (NaN), not 0: nobody is quoted, so nobody dominates; counts are 0,
    ``quoted_word_share`` is 0.0 and ``dominant_source`` is empty.  ``vague_sources`` counts attributions
    to vague sources, ``unattributed_quotes`` quotations no one is credited with, and ``unbalanced_quotes``
    rows holding a quotation mark never closed (filter on it to find texts with broken quotation marks).
    """
    df = attributions_df if attributions_df is not None else pd.DataFrame(columns=COLUMNS + EXTRA_COLUMNS)
    for col, default in (("vague", False), ("unbalanced_quote", False)):
        if col not in df.columns:
            df = df.assign(**{col: default})
    att = df[df["kind"].isin(ATTRIBUTION_KINDS)] if len(df) else df
    sides = sorted({slug(s) for s in att.get("speaker_side", [])}) if len(att) else []
    roles = sorted({slug(s) for s in att.get("speaker_role", [])}) if len(att) else []
    by_article = {k: g for k, g in df.groupby("article_id", sort=False)} if len(df) else {}
    rows = []
    for a in articles:
        aid, text, _ = _article_parts(a)
        d = by_article.get(aid, df.iloc[0:0])
        rows.append(_article_ratios(aid, text, d, sides, roles))
    return pd.DataFrame(rows)


_RATIO_FIELDS = ("kind", "speaker", "anonymous", "speaker_mention", "speaker_side", "speaker_role", "cue_class",
                 "vague", "unbalanced_quote", "quote", "start")


def _article_ratios(aid: str, text: str, rows, sides: list[str] | None = None, roles: list[str] | None = None,
                    *, words: int | None = None) -> dict:
    """The :func:`sourcing_ratios` row of one article from its attribution rows (a DataFrame).

    ``sides`` / ``roles``: the ``share_side_`` / ``share_role_`` columns to give (default: those of
    this article's attributions); ``words``: the article's word count, if known.
    """
    from ..text import count_words

    nan = float("nan")
    c = _columns(rows, _RATIO_FIELDS)
    att = [i for i, k in enumerate(c["kind"]) if k in ATTRIBUTION_KINDS]
    n = len(att)
    row = {"article_id": aid, "attributions": n}
    kinds = Counter(c["kind"][i] for i in att)
    for k in ATTRIBUTION_KINDS:
        row[k] = kinds.get(k, 0)
    anon = [bool(c["anonymous"][i]) for i in att]
    row["named_sources"] = len({c["speaker"][i] for i, a in zip(att, anon)
                                if not a and c["speaker"][i] != "" and c["speaker"][i] is not None
                                and c["speaker"][i] == c["speaker"][i]})
    row["anonymous_share"] = sum(anon) / n if n else nan
    row["vague_sources"] = sum(1 for i in att if bool(c["vague"][i]) and c["vague"][i] is not None)
    row["unattributed_quotes"] = sum(1 for k in c["kind"] if k == "unattributed")
    row["unbalanced_quotes"] = sum(1 for v in c["unbalanced_quote"] if v is not None and bool(v))
    qw = 0
    if n:
        spans = [(int(c["start"][i]) + a, int(c["start"][i]) + b) for i in att if c["kind"][i] in ("direct", "mixed")
                 for a, b, _ in quote_spans(c["quote"][i])]
        qw = sum(len(_WORD.findall(text[a:b])) for a, b in _merge(spans))
    total = count_words(text) if words is None else words
    row["quoted_word_share"] = qw / total if total else 0.0
    row["dominant_source"], row["dominance"] = "", nan
    if n:
        keys = [_key(c["speaker"][i], c["anonymous"][i], c["speaker_mention"][i]) for i in att]
        counts = Counter(k for k in keys if k)
        row["dominant_source"], row["dominance"] = "", 0.0
        if counts:
            top, k = max(counts.items(), key=lambda kv: (kv[1], -keys.index(kv[0])))
            row["dominant_source"], row["dominance"] = top, k / n
    side_of = [slug(c["speaker_side"][i]) for i in att]
    role_of = [slug(c["speaker_role"][i]) for i in att]
    for s in (sorted(set(side_of)) if sides is None else sides):
        row[f"share_side_{s}"] = side_of.count(s) / n if n else nan
    for r in (sorted(set(role_of)) if roles is None else roles):
        row[f"share_role_{r}"] = role_of.count(r) / n if n else nan
    cues = [c["cue_class"][i] for i in att]
    row["evaluative_verb_share"] = cues.count("evaluative") / n if n else nan
    row["neutral_verb_share"] = cues.count("neutral") / n if n else nan
    return row
