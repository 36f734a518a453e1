"""Text reuse: shared passages with offsets, and containment."""
from __future__ import annotations

import pandas as pd
import pytest

from analysis import reuse

# Two short texts written for these tests (MIT, like the project): a city press statement and a news
# report that reprints part of it, with one word changed and one phrase dropped.
PRESS = (
    "The city transport office confirmed today that the new depot will meet every air-quality standard "
    "set by the state. Electric buses will replace the entire diesel fleet by 2030, the office said. "
    "Residents may send questions to the office until the end of the month."
)
REPORT = (
    "Officials defended the plan on Tuesday. According to the city transport office, the new depot will "
    "meet every air-quality standard set by the state. Electric buses will replace the diesel fleet by "
    "2030. Critics were not convinced and promised to keep protesting."
)
UNRELATED = "A completely different story about a football match that ended in a goalless draw on Sunday."


def _texts():
    return {"press": PRESS, "report": REPORT, "other": UNRELATED}


def test_passages_on_small_texts_slice_back():
    texts = _texts()
    out = reuse.shared_passages(texts)
    assert list(out.columns) == reuse.PASSAGE_COLUMNS
    assert set(zip(out["article_a"], out["article_b"])) == {("press", "report")}
    assert len(out) == 1
    r = out.iloc[0]
    assert texts[r.article_a][r.a_start:r.a_end] == r.text
    assert texts[r.article_b][r.b_start:r.b_end] == r.b_text
    # one passage bridging the dropped word "entire": the gap rule merges the two runs
    assert r.text.startswith("The city transport office")
    assert r.text.endswith("by 2030")
    assert "entire" in r.text and "entire" not in r.b_text
    assert r.matched_words < r.words


def test_exact_mode_splits_at_the_change():
    out = reuse.shared_passages(_texts(), max_gap=0)
    assert len(out) >= 1
    assert all(out["words"] == out["matched_words"])
    assert not out["text"].str.contains("entire").any()
    assert out["text"].str.contains("the new depot will meet every air-quality standard").any()


def test_min_words_and_n():
    assert reuse.shared_passages(_texts(), min_words=100).empty
    longer = reuse.shared_passages(_texts(), n=8, max_gap=0)
    assert len(longer) >= 1 and (longer["matched_words"] >= 8).all()
    with pytest.raises(ValueError):
        reuse.shared_passages(_texts(), n=0)


def test_containment_is_asymmetric_and_bounded():
    pairs = reuse.reuse_pairs({"short": "one two three four five six", "long": "zero one two three four five six seven eight nine"})
    c = pairs.set_index(["article_a", "article_b"])["containment"]
    assert c[("short", "long")] == 1.0
    assert 0 < c[("long", "short")] < 1
    m = reuse.reuse_matrix(_texts())
    assert (m.values.diagonal() == 1).all()
    assert m.loc["press", "report"] > 0.3 and m.loc["press", "other"] == 0


def test_empty_and_single_inputs():
    assert reuse.shared_passages({}).empty
    assert reuse.shared_passages({"only": PRESS}).empty


def test_seed_talking_points_between_000_and_004(corpus):
    """The Arye Gut talking points repeated across seed articles 000 and 004 are found, offsets exact."""
    by_seed = {a.meta["source"][:3]: a for a in corpus}
    a, b = by_seed["000"], by_seed["004"]
    out = reuse.shared_passages(corpus)
    pair = tuple(sorted((a.id, b.id)))
    sub = out[(out["article_a"] == pair[0]) & (out["article_b"] == pair[1])]
    texts = {a.id: a.text, b.id: b.text}
    for r in sub.itertuples():
        assert texts[r.article_a][r.a_start:r.a_end] == r.text
        assert texts[r.article_b][r.b_start:r.b_end] == r.b_text
    both = " | ".join(sub["text"]) + " | " + " | ".join(sub["b_text"])
    for point in ("No country in Eurasia has closer",
                  "cannot be explained by simple mutual interest. Common values and",
                  "Without this tradition of respect and partnership"):
        assert point in both, point
    # the Eurasia line is one passage despite the different wording in the middle
    eurasia = sub[sub["text"].str.contains("No country in Eurasia")].iloc[0]
    assert "than Azerbaijan" in eurasia["text"] and "than Azerbaijan" in eurasia["b_text"]
    assert "warmer" in (eurasia["text"] + eurasia["b_text"])


# ------------------------------------------------------------------------------- at scale (issues 8, 15)
def _many(n: int) -> dict[str, str]:
    """n short articles written for these tests: distinct sentences, with REPORT's wording in two of them."""
    out = {f"a{i:03d}": " ".join(f"{w}{i}" for w in ("story", "about", "number", "nothing", "else", "closes", "here",
                                                      "today", "after", "noon")) + "." for i in range(n)}
    out["a007"] += " " + PRESS
    out["a042"] += " " + REPORT
    return out


def test_candidate_pairs_find_the_same_passages_as_all_pairs():
    texts = _many(60)
    everything = reuse.shared_passages(texts, all_pairs_below=1000)
    candidates = reuse.shared_passages(texts, all_pairs_below=0)
    assert set(zip(candidates["article_a"], candidates["article_b"])) == {("a007", "a042")}
    pd.testing.assert_frame_equal(everything, candidates)


def test_candidate_pairs_are_the_same_when_fingerprints_are_grouped_in_buckets(corpus, monkeypatch):
    """Large corpora group the fingerprints in buckets (bounded memory): same pairs as all at once, here on
    the seeds' texts (which share talking points) and the test texts, with about 1 to 40 buckets."""
    texts = {**_many(60), **{a.id: a.text for a in corpus}}
    sketches = {k: reuse.sketch(t) for k, t in texts.items()}
    whole = reuse.candidate_pairs(sketches, all_pairs_below=0)
    seed_ids = {a.id for a in corpus}
    assert ("a007", 0, "a042", 0) in whole and any(a in seed_ids and b in seed_ids for a, _, b, _ in whole)
    total = sum(len(w) for s in sketches.values() for w in s.windows)
    for bucket in (total // 3, 100, 50):
        monkeypatch.setattr(reuse, "_BUCKET", bucket)
        assert reuse.candidate_pairs(sketches, all_pairs_below=0) == whole


def test_passages_from_the_packed_tokens_of_the_sketch_equal_those_from_the_texts(corpus, monkeypatch):
    """The pipeline keeps each article's word offsets and hashes from its sketch and aligns from them without
    tokenising the texts again: same passages (the seeds' shared talking points and the test texts)."""
    texts = {**_many(60), **{a.id: a.text for a in corpus}}
    packed = {}
    for k, t in texts.items():
        reuse.sketch(t)
        packed[k] = reuse.packed_tokens(t)  # taken from the sketch's tokens
    pairs = reuse.candidate_pairs({k: reuse.sketch(t) for k, t in texts.items()}, all_pairs_below=0)
    plain = reuse.find_passages(texts, pairs)
    assert len(plain) >= 2
    monkeypatch.setattr(reuse, "tokens", lambda text: pytest.fail("tokenised again"))
    stored = reuse.find_passages(texts, pairs, stored=packed)
    pd.testing.assert_frame_equal(plain, stored)
    st = reuse.StoredTokens(texts["a042"], packed["a042"])
    assert st.words[0:3] == ("story42", "about42", "number42") and st.spans[0] == (0, 7)


def test_winnowing_keeps_a_fingerprint_of_every_shared_run():
    """Any run of min_words identical words gives both texts a common fingerprint (Schleimer et al. 2003)."""
    shared = "the committee will publish its findings before the end of the year"
    a = reuse.sketch("Completely unrelated opening words here. " + shared + " and more.", n=4, min_words=8)
    b = reuse.sketch(shared + ", officials said on a rainy Tuesday.", n=4, min_words=8)
    assert set(a.windows[0].tolist()) & set(b.windows[0].tolist())


def test_repeated_text_is_capped_and_named_in_a_warning(caplog):
    """An article repeating another's paragraph 300 times: bounded work, a warning naming both articles."""
    para = "Electric buses will replace the entire diesel fleet by 2030, the office said on Friday."
    texts = {"short": PRESS, "huge": " ".join([para] * 300)}
    with caplog.at_level("WARNING", logger="analysis.reuse"):
        out = reuse.shared_passages(texts, max_repeats=50)
    assert any("huge" in r.getMessage() and "short" in r.getMessage() for r in caplog.records)
    assert len(out) <= 200


def test_long_articles_are_matched_in_windows():
    long_text = " ".join(f"word{i}" for i in range(3000)) + " " + PRESS
    out = reuse.shared_passages({"long": long_text, "press": PRESS}, window_words=1000)
    assert len(out) == 1
    r = out.iloc[0]
    assert long_text[r.a_start:r.a_end] == r.text and r.text.startswith("The city transport office")
