"""Actor portrayal evidence rows, voice by attribution span, and summaries with intervals."""
from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.actors import Actor, actor_mentions
from analysis.portrayal import MIN_MENTIONS, PORTRAYAL_COLUMNS, portrayal_summary, portrayal_table, wilson_interval
from analysis.text import sentences

# Written for these tests.
TEXT = ("Critics accused Ruritania of lying to voters and covering up the massacre. "
        "“Ruritania is a corrupt and brutal regime,” Minister Vance said. "
        "Freedonia praised the wonderful friendship between its people and Ruritania's people.")


def _article(text=TEXT, aid="a1"):
    return SimpleNamespace(id=aid, text=text, sentences=sentences(text))


def _mentions(art):
    return actor_mentions([art], actors=[Actor("Ruritania", ("Ruritania",), "country", "R"),
                                         Actor("Freedonia", ("Freedonia",), "country", "F")])


def test_one_evidence_row_per_mention_with_offsets_and_sentence():
    art = _article()
    m = _mentions(art)
    p = portrayal_table([art], m)
    assert list(p.columns) == PORTRAYAL_COLUMNS
    assert len(p) == len(m) == 4
    for r in p.itertuples():
        assert TEXT[r.start:r.end] == r.alias
        assert r.sentence_text in TEXT and r.sentence_text.find(r.alias) >= 0
        assert r.label in ("negative", "neutral", "positive")
        assert r.model.startswith("newsmtsc-linear@")
    first = p.iloc[0]
    assert first["actor"] == "Ruritania" and first["label"] == "negative"


def test_voice_is_the_speaker_of_the_attribution_span_holding_the_mention():
    art = _article()
    q0 = TEXT.index("“Ruritania")
    q1 = TEXT.index("” Minister") + 1
    att = pd.DataFrame([{"article_id": "a1", "kind": "direct", "quote": TEXT[q0:q1], "start": q0, "end": q1,
                         "speaker": "Minister Vance"}])
    p = portrayal_table([art], _mentions(art), attributions=att).set_index("start")
    assert p.loc[q0 + 1, "voice"] == "quoted" and p.loc[q0 + 1, "speaker"] == "Minister Vance"
    assert p.loc[q0 + 1, "attribution_kind"] == "direct"
    assert p.loc[TEXT.index("Ruritania"), "voice"] == "author" and p.loc[TEXT.index("Ruritania"), "speaker"] == ""


def test_wilson_interval_by_hand():
    # k=0, n=10: upper bound z²/(n+z²) = 3.8415/13.8415 = 0.2775
    lo, hi = wilson_interval(0, 10)
    assert lo == pytest.approx(0.0) and hi == pytest.approx(0.2775, abs=1e-3)
    lo, hi = wilson_interval(5, 10)  # symmetric around 0.5
    assert lo == pytest.approx(1 - hi)


def _rows(actor, labels, articles):
    return [{"article_id": a, "actor": actor, "label": lab, "score": {"negative": -0.8, "neutral": 0.0,
                                                                     "positive": 0.8}[lab], "voice": "author"}
            for lab, a in zip(labels, articles)]


def test_summary_counts_and_no_share_below_the_minimum():
    few = _rows("Small", ["negative", "negative", "neutral"], ["x", "y", "y"])
    many = _rows("Big", ["negative"] * 6 + ["positive"] * 4, ["x"] * 5 + ["y"] * 5)
    s = portrayal_summary(pd.DataFrame(few + many)).set_index("actor")
    assert MIN_MENTIONS == 10
    assert s.loc["Small", "mentions"] == 3 and s.loc["Small", "negative"] == 2
    assert pd.isna(s.loc["Small", "share_negative"])
    assert s.loc["Big", "share_negative"] == pytest.approx(0.6)
    assert s.loc["Big", "share_positive"] == pytest.approx(0.4)
    assert s.loc["Big", "interval"] == "bootstrap over articles"
    # article x: 5 negative of 5; y: 1 negative of 5 -> resampled shares are 0.2, 0.6 or 1.0
    assert 0.2 - 1e-9 <= s.loc["Big", "share_negative_lo"] <= 0.6 <= s.loc["Big", "share_negative_hi"] <= 1.0


def test_summary_within_one_article_uses_wilson():
    rows = _rows("Solo", ["negative"] * 5 + ["neutral"] * 5, ["only"] * 10)
    s = portrayal_summary(pd.DataFrame(rows)).iloc[0]
    assert s["interval"] == "wilson over mentions"
    assert (s["share_negative_lo"], s["share_negative_hi"]) == pytest.approx(wilson_interval(5, 10))


def test_summary_by_outlet_never_pools_unknown_outlets():
    rows = _rows("A", ["negative"] * 10 + ["positive"] * 10, ["p"] * 10 + ["q"] * 10)
    arts = pd.DataFrame({"article_id": ["p", "q"], "outlet": ["Daily", None]})
    s = portrayal_summary(pd.DataFrame(rows), by=["outlet", "actor"], articles=arts).set_index("outlet")
    assert s.loc["Daily", "negative"] == 10 and s.loc["(unknown)", "positive"] == 10
    with pytest.raises(ValueError, match="outlet"):
        portrayal_summary(pd.DataFrame(rows), by=["outlet"])


def test_summary_is_deterministic():
    rows = pd.DataFrame(_rows("A", ["negative"] * 7 + ["neutral"] * 8, list("abcdeabcdeabcde")))
    pd.testing.assert_frame_equal(portrayal_summary(rows), portrayal_summary(rows))
