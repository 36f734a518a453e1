"""Lexicon hits in one text and the evidence table of a corpus."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from ..text import sentences as _sentences
from .lexicon import Lexicon
from .negation import _negated
from .voice import voice

#: Columns of :func:`loaded_table`, in order (extra columns follow).
HIT_COLUMNS = ["article_id", "text", "entry", "category", "start", "end", "sentence", "voice"]
EXTRA_COLUMNS = ["lexicon", "note", "negated"]

@dataclass(frozen=True)
class Hit:
    """One match of a lexicon entry in a text (offsets into that text)."""

    text: str
    entry: str
    category: str
    start: int
    end: int
    sentence: int | None
    voice: str
    lexicon: str
    note: str
    negated: bool = False


def find_loaded(
    text: str,
    *,
    lexicon: Lexicon,
    sentences: Sequence[Any] | None = None,
    quoted_spans: Sequence[tuple[int, int]] | None = None,
) -> list[Hit]:
    """All loaded-language hits in ``text`` (cleaned article text), in text order.

    ``sentences`` (as from :func:`analysis.text.sentences`) is computed when not
    given; ``quoted_spans`` are (start, end) offsets of quoted material in
    ``text`` — a hit whose middle lies inside one is ``voice="quoted"``.
    """
    if sentences is None:
        sentences = _sentences(text)
    starts = [s.start for s in sentences]
    hits: list[Hit] = []
    for s, e, ent in lexicon.matcher.match(text):
        k = bisect.bisect_right(starts, s) - 1
        sent = sentences[k].index if k >= 0 else None
        sent_start = sentences[k].start if k >= 0 else 0
        hits.append(Hit(
            text=text[s:e], entry=ent.label, category=ent.category, start=s, end=e,
            sentence=sent, voice=voice(s, e, list(quoted_spans or [])),
            lexicon=ent.file.label if ent.file else "", note=ent.note,
            negated=_negated(text, s, sent_start),
        ))
    return hits


def _article_sentences(article: Any):
    s = getattr(article, "sentences", None)
    if callable(s):
        s = s()
    return s


def loaded_table(
    articles: Iterable[Any],
    *,
    lexicon: Lexicon,
    quoted_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
) -> pd.DataFrame:
    """One evidence row per hit for every article (``.id``, ``.text``, ``.sentences``).

    Columns: :data:`HIT_COLUMNS` then ``lexicon`` (file@version), ``note``,
    ``negated``.  Offsets are into the cleaned article text.
    """
    rows = []
    for a in articles:
        spans = (quoted_spans or {}).get(a.id)
        for h in find_loaded(a.text, lexicon=lexicon, sentences=_article_sentences(a), quoted_spans=spans):
            rows.append((a.id, h.text, h.entry, h.category, h.start, h.end, h.sentence, h.voice,
                         h.lexicon, h.note, h.negated))
    df = pd.DataFrame(rows, columns=HIT_COLUMNS + EXTRA_COLUMNS)
    df = df.astype({"start": "int64", "end": "int64", "negated": "bool"})
    df["sentence"] = df["sentence"].astype("Int64")
    return df

