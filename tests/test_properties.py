"""Property-based tests (hypothesis) for the invariants every table rests on.

* cleaning never changes a word and maps offsets back exactly (:func:`analysis.text.clean`,
  :meth:`~analysis.text.Cleaned.to_raw`);
* every evidence row's offsets slice back to its text (sentences, attributions, loaded-language hits);
* importing then reading back round-trips the text and metadata (or the row is refused with a reason);
* no input string, however hostile (control characters, right-to-left marks, lone surrogates, very long
  lines, nested quotation marks of every style), crashes a stage: each either returns or raises the
  one-line :class:`analysis.errors.InputError`.

The texts are built from real sentences of the bundled corpus (so the rules actually fire) mixed with
hostile fragments and arbitrary Unicode.  Examples per test: profile ``ci`` (bounded, deterministic;
the default, see tests/conftest.py) or ``soak`` (``pytest tests/test_properties.py
--hypothesis-profile=soak`` or ``make test-soak``).
"""
from __future__ import annotations

import json
import re
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, strategies as st  # noqa: E402

from analysis import paths  # noqa: E402
from analysis.errors import InputError  # noqa: E402
from analysis.text import clean, sentences, word_spans  # noqa: E402


@lru_cache(maxsize=1)
def _real_sentences() -> list[str]:
    out = []
    for f in sorted((paths.CORPUS / "articles").glob("*.txt")):
        text = clean(f.read_text(encoding="utf-8")).text
        out += [s.text for s in sentences(text) if 4 <= len(s.text) <= 400]
    return out


HOSTILE = [
    "\u200f", "\u200e", "\u202e", "\u202d", "\u2066", "\u2069", "\u061c",           # bidi marks and overrides
    "\x00", "\x07", "\x1b[31m", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",           # controls, odd line breaks
    "\ufeff", "\u200b", "\u00ad", "\u00a0", "\u3000",                                 # BOM, zero-width, spaces
    '"', "'", "“", "”", "‘", "’", "„", "‚", "«", "»", "‹", "›", "「", "」", "『", "』", "〝", "〞", "＂",
    '“He said “she said ‘no’ ” twice',  '«Il a dit “non”»', "„Er sagte ‚nein‘“", '""""""', "''''",
    "“unclosed quote and more words follow", "closing only” said nobody.",
    "Mr.", "U.S.", "e.g.", "...", "…", "—", "–", "-", "'s", "n't",
    "<script>alert(1)</script>", "&amp;", "<b>bold</b>",
    "Москва", "北京", "العربية", "עברית", "🙂", "👨‍👩‍👧", "e\u0301", "ﬁ",
]
SEPARATORS = [" ", "\n", "\n\n", "\r\n", "\r", "\t", "\n \n", "  "]

hostile_piece = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=30))
piece = st.one_of(st.builds(lambda: None).flatmap(lambda _: st.sampled_from(_real_sentences())), hostile_piece)


@st.composite
def texts(draw, *, surrogates: bool = True, max_pieces: int = 25) -> str:
    parts = draw(st.lists(piece, max_size=max_pieces))
    seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(parts), max_size=len(parts)))
    text = "".join(p + s for p, s in zip(parts, seps))
    if surrogates and draw(st.booleans()):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(["\ud800", "\udfff", "\udc80x"])) + text[at:]
    return text


def _same_word(raw_piece: str, clean_piece: str) -> bool:
    return raw_piece.replace("\u00a0", " ") == clean_piece


# ---------------------------------------------------------------------------
# cleaning


@given(texts())
def test_cleaning_never_changes_a_word_and_maps_back(raw):
    c = clean(raw)
    for c0, r0, n in c.segments:  # every kept piece is the raw text, character for character
        assert _same_word(raw[r0:r0 + n], c.text[c0:c0 + n])
    start = c.body_start if not c.headline_in_raw else 0
    for s, e in word_spans(c.text):
        if s < start:
            continue
        rs = c.to_raw(s)
        assert _same_word(raw[rs:rs + (e - s)], c.text[s:e]), (c.text[s:e], raw[rs:rs + (e - s)])
        assert c.to_raw(e) == rs + (e - s)
    for r in c.removed:
        assert raw[r.raw_start:r.raw_end].strip() == r.text.strip()
    assert 0 <= c.headline_end <= len(c.text)


@given(texts(), st.integers(min_value=-5, max_value=10))
def test_to_raw_is_monotonic_and_in_range(raw, shift):
    c = clean(raw)
    last = -1
    for off in range(0, len(c.text) + 1, max(1, len(c.text) // 50)):
        r = c.to_raw(off)
        assert 0 <= r <= len(raw) and r >= last
        last = r


# ---------------------------------------------------------------------------
# evidence rows


@lru_cache(maxsize=1)
def _lexicon():
    from analysis.loaded import load_lexicon

    return load_lexicon()


@given(texts())
def test_evidence_rows_slice_back_to_their_text(raw):
    from analysis.loaded import find_loaded
    from analysis.sources import extract

    text = clean(raw).text
    sents = sentences(text)
    for s in sents:
        assert text[s.start:s.end] == s.text
    assert [s.start for s in sents] == sorted(s.start for s in sents)
    for a in extract(text):
        assert 0 <= a.start <= a.end <= len(text)
        assert text[a.start:a.end] == a.quote, a
        if a.mention_start >= 0 and a.speaker_mention:
            assert a.mention_start < len(text)
    for h in find_loaded(text, lexicon=_lexicon(), sentences=sents):
        assert text[h.start:h.end] == h.text, h


# ---------------------------------------------------------------------------
# no input crashes a stage


def _stages(text: str) -> None:
    from analysis import readability, reuse, sentiment
    from analysis.loaded import find_loaded
    from analysis.sources import extract

    c = clean(text)
    sents = sentences(c.text)
    extract(c.text, sentences=sents)
    find_loaded(c.text, lexicon=_lexicon(), sentences=sents)
    for s in sents[:50]:
        sentiment.score(s.text)
    readability.readability(c.text)
    reuse.tokens(c.text)


@given(texts())
def test_no_hostile_text_crashes_a_stage(text):
    try:
        _stages(text)
    except InputError:
        pass


@pytest.mark.parametrize("name, text", [
    ("100,000-character line", ("word " * 20_000).strip()),
    ("100,000 characters without a space", "x" * 100_000),
    ("5,000 quotation marks", " ".join(['“a”', '"b"', "«c»", "‘d’", "„e“"] * 1_000)),
    ("one 50,000-character sentence", "The minister said that " + "and the " * 6_000 + "end."),
    ("only controls and marks", "\u202e\x00\u200f\ufeff" * 2_000),
])
def test_long_and_hostile_inputs_do_not_crash(name, text):
    _stages(text)


# ---------------------------------------------------------------------------
# import and read back


english = st.lists(st.sampled_from(_real_sentences() or ["The council met on Tuesday."]), min_size=3, max_size=12)


@given(english, st.lists(hostile_piece, max_size=4), st.sampled_from(["\n\n", "\n", " "]),
       st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
       st.text(st.characters(blacklist_categories=("Cs",)), max_size=20))
def test_import_round_trips_or_refuses_with_a_reason(sentences_, extra, sep, title, outlet):
    from analysis.corpus import load_corpus
    from analysis.importers import add_articles

    text = sep.join(sentences_ + extra)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        src.write_text(json.dumps({"text": text, "title": title, "outlet": outlet}) + "\n", encoding="utf-8")
        try:
            res = add_articles([src], corpus_dir=Path(tmp) / "c", skip_invalid=True)
        except InputError:
            return
        if not list(res):
            assert res.rejected or res.duplicates  # refused rows say why
            for r in res.rejected + res.duplicates:
                assert r.reason
            return
        corpus = load_corpus(Path(tmp) / "c")
        (art,) = list(corpus)
        raw = art.raw if hasattr(art, "raw") else None
        if raw is not None:
            norm = lambda t: re.sub(r"\r\n?", "\n", t).strip()  # noqa: E731
            assert norm(raw) == norm(text)
        for word in re.findall(r"[A-Za-z]{4,}", sep.join(sentences_)):
            assert word in art.text
        if outlet.strip() and art.meta.get("outlet") is not None:
            assert art.meta["outlet"].strip() == " ".join(outlet.split()) or art.meta["outlet"] == outlet.strip()
