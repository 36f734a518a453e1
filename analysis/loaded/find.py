"""Loaded-language hits in one text (lexicon and model) and the evidence table of a corpus.

Every hit is one evidence row: the words as written, offsets into the
cleaned text, the sentence, the voice, what fired (a lexicon entry with its
file, or the model with its score and the features that weighed most), the
negation flag and the actor it is aimed at when one is in reach.
"""
from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..text import sentences as _sentences
from .categories import measure_of
from .lexicon import Lexicon
from .negation import negated as _negated
from .targets import target_of
from .voice import voice
from .words import Words

#: Columns of :func:`loaded_table`, in order (extra columns follow).
HIT_COLUMNS = ["article_id", "text", "entry", "category", "start", "end", "sentence", "voice"]
EXTRA_COLUMNS = ["measure", "method", "lexicon", "note", "negated", "score", "features", "target"]

#: ``model=`` default of :func:`loaded_table`: the model shipped in the package.
BUNDLED = "bundled"


@dataclass(frozen=True)
class Hit:
    """One loaded-language hit in a text (offsets into that text)."""

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
    method: str = "lexicon"
    score: float = math.nan
    features: str = ""
    target: str = ""

    @property
    def measure(self) -> str:
        """``loaded`` or ``certainty`` (see :mod:`analysis.loaded.categories`)."""
        return measure_of(self.category)


def _resolve_model(model: Any):
    if isinstance(model, str) and model == BUNDLED:
        from .model import load_model

        return load_model()
    return model


def find_loaded(
    text: str,
    *,
    lexicon: Lexicon,
    sentences: Sequence[Any] | None = None,
    quoted_spans: Sequence[tuple[int, int]] | None = None,
    model: Any = None,
) -> list[Hit]:
    """All hits in ``text`` (cleaned article text), in text order.

    Lexicon hits first claim their spans; ``model`` (a
    :class:`analysis.loaded.model.LoadedModel`, ``"bundled"`` for the shipped
    one, or ``None`` for lexicon only) adds words it scores as loaded outside
    them.  ``sentences`` (as from :func:`analysis.text.sentences`) are computed
    when not given; ``quoted_spans`` are (start, end) offsets of quoted and
    paraphrased material: a hit mostly inside one is ``voice="quoted"``.
    """
    if sentences is None:
        sentences = _sentences(text)
    model = _resolve_model(model)
    starts = [s.start for s in sentences]
    spans = list(quoted_spans or [])
    found: list[tuple[int, int, dict]] = []
    for s, e, ent in lexicon.matcher.match(text):
        found.append((s, e, dict(entry=ent.label, category=ent.category, method="lexicon",
                                 lexicon=ent.file.label if ent.file else "", note=ent.note)))
    words = Words(text)  # the article's words, shared by the model and the target rule
    if model is not None:
        taken = sorted((s, e) for s, e, _ in found)
        for mh in model.find(text, sentences=sentences, taken=taken, words=words):
            # entry names what fired and the wording, so summaries by entry list model hits word by word
            entry = f"{mh.entry} {text[mh.start:mh.end].lower()}"
            found.append((mh.start, mh.end, dict(entry=entry, category=mh.category, method="model",
                                                 lexicon=model.label, note="", score=mh.score,
                                                 features=mh.features)))
        found.sort(key=lambda f: (f[0], f[1], f[2]["category"]))
    hits: list[Hit] = []
    for s, e, info in found:
        k = bisect.bisect_right(starts, s) - 1
        sent = sentences[k] if k >= 0 else None
        sent_start = sent.start if sent is not None else 0
        sent_end = sent.end if sent is not None else len(text)
        hits.append(Hit(
            text=text[s:e], start=s, end=e, sentence=sent.index if sent is not None else None,
            voice=voice(s, e, spans),
            negated=_negated(text, s, e, sent_start, category=info["category"]),
            target=target_of(text, s, e, sent_start, sent_end, words=words),
            **info,
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
    model: Any = BUNDLED,
) -> pd.DataFrame:
    """One evidence row per hit for every article (``.id``, ``.text``, ``.sentences``).

    Columns: :data:`HIT_COLUMNS` then :data:`EXTRA_COLUMNS`: ``measure``
    (loaded or certainty), ``method`` (lexicon or model), ``lexicon``
    (file@version, or the model's name@version), ``note``, ``negated``,
    ``score`` (model probability; empty for lexicon hits), ``features`` (the
    model features that weighed most), ``target`` (the actor or noun phrase
    the hit is aimed at, empty when none is in reach).  Offsets are into the
    cleaned article text.  ``model=None`` runs the lexicon only.
    """
    return _frame(loaded_rows(articles, lexicon=lexicon, quoted_spans=quoted_spans, model=model))


def loaded_rows(
    articles: Iterable[Any],
    *,
    lexicon: Lexicon,
    quoted_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    model: Any = BUNDLED,
) -> list[tuple]:
    """The rows of :func:`loaded_table` (tuples in :data:`ALL_COLUMNS` order)."""
    model = _resolve_model(model)
    rows = []
    for a in articles:
        spans = (quoted_spans or {}).get(a.id)
        for h in find_loaded(a.text, lexicon=lexicon, sentences=_article_sentences(a), quoted_spans=spans,
                             model=model):
            rows.append((a.id, h.text, h.entry, h.category, h.start, h.end, h.sentence, h.voice,
                         h.measure, h.method, h.lexicon, h.note, h.negated, h.score, h.features, h.target))
    return rows


#: dtypes of the typed columns of :func:`loaded_table` (the others are text).
_DTYPES = {"start": "int64", "end": "int64", "negated": "bool", "score": "float64"}
#: Every column of :func:`loaded_table` and the dtypes :func:`_frame` declares.
ALL_COLUMNS = HIT_COLUMNS + EXTRA_COLUMNS
TABLE_DTYPES = {**_DTYPES, "sentence": "Int64"}


def _frame(rows: list[tuple]) -> pd.DataFrame:
    """The evidence table of ``rows`` (tuples in column order), built column by column with its dtypes.

    One typed array per column: converting a frame of Python objects afterwards (``astype``) cost
    more than finding the hits in a typical article.
    """
    cols = HIT_COLUMNS + EXTRA_COLUMNS
    if not rows:
        df = pd.DataFrame([], columns=cols).astype(_DTYPES)
        df["sentence"] = df["sentence"].astype("Int64")
        return df
    data: dict[str, Any] = {}
    for name, values in zip(cols, zip(*rows)):
        dtype = _DTYPES.get(name)
        if dtype is not None:
            data[name] = np.array(values, dtype=dtype)
        elif name == "sentence":
            data[name] = pd.array(values, dtype="Int64")
        else:
            data[name] = list(values)
    return pd.DataFrame(data, columns=cols)
