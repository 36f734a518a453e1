"""Tests of analysis.keyness: Monroe et al. (2008) log-odds with a Dirichlet prior, and
candidate loaded terms.  The tiny corpora are written here; the seeds are used when present."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pytest

from analysis.keyness import candidate_terms, distinctive_terms, log_odds, term_counts
from analysis.loaded import load_lexicon
from analysis.text import clean, sentences


@dataclass
class Art:
    id: str
    text: str
    meta: dict

    @property
    def sentences(self):
        return sentences(self.text)


# Two outlets writing about the same event with different words.
CORPUS = [
    Art("a1", "The bloody regime crushed the protest. The bloody crackdown went on.", {"outlet": "Herald"}),
    Art("a2", "A bloody night: the regime fired on the crowd.", {"outlet": "Herald"}),
    Art("b1", "Police dispersed the protest. Officials said the protest was dispersed.", {"outlet": "Courier"}),
    Art("b2", "Officials said police dispersed a crowd after the protest.", {"outlet": "Courier"}),
]


def test_term_counts_lowercase_possessive_no_numbers():
    c = term_counts("Iran's threats, IRAN and iran; 44 days, 3.5% and a war.")
    assert c["iran"] == 3 and "44" not in c and "3.5%" not in c and "a" not in c and c["war"] == 1


def test_log_odds_hand_computed():
    y_i = Counter({"x": 3, "y": 1})
    y_j = Counter({"x": 1, "y": 3})
    prior = {"x": 1.0, "y": 1.0}  # a_0 = 2
    df = log_odds(y_i, y_j, prior).set_index("term")
    # delta_x = log((3+1)/(4+2-3-1)) - log((1+1)/(4+2-1-1)) = log(2) - log(0.5) = log 4
    assert math.isclose(df.loc["x", "log_odds"], math.log(4))
    assert math.isclose(df.loc["x", "z"], math.log(4) / math.sqrt(1 / 4 + 1 / 2))
    assert math.isclose(df.loc["y", "z"], -df.loc["x", "z"])  # symmetric corpus, opposite sign


def test_z_sign_by_outlet():
    df = distinctive_terms(CORPUS, by="outlet", top=50, min_count=1)
    herald = df[df["group"] == "Herald"].set_index("term")
    courier = df[df["group"] == "Courier"].set_index("term")
    assert herald.loc["bloody", "z"] > 0 and herald.loc["regime", "z"] > 0
    assert courier.loc["dispersed", "z"] > 0 and courier.loc["officials", "z"] > 0
    # a word used by the Herald only once but by the Courier four times is under-represented in the Herald
    assert herald.loc["protest", "z"] < 0 < courier.loc["protest", "z"]
    # ordered by z within each group; background recorded
    assert list(herald["z"]) == sorted(herald["z"], reverse=True)
    assert set(df["background"]) == {"corpus"}
    assert list(df.columns) == ["group", "kind", "term", "count", "log_odds", "z", "background"]


def test_top_and_min_count_and_groups():
    df = distinctive_terms(CORPUS, by="article", top=2, min_count=2)
    assert set(df["group"]) <= {"a1", "a2", "b1", "b2"}
    assert (df.groupby("group").size() <= 2).all()
    assert (df["count"] >= 2).all()
    assert df[df["group"] == "a1"].iloc[0]["term"] == "bloody"
    mixed = CORPUS[:2] + [Art(a.id, a.text, {"genre": "news"}) for a in CORPUS[2:]]
    # articles without a genre are not pooled as a genre of their own...
    assert distinctive_terms(mixed, by="genre", min_count=1).empty
    # ...unless asked for
    by_genre = distinctive_terms(mixed, by="genre", min_count=1, unknown="keep")
    assert set(by_genre["group"]) == {"news", "(unknown)"}
    with pytest.raises(ValueError):
        distinctive_terms(CORPUS, background="web")


def test_english_background():
    arts = [Art("x", "The Zangezur corridor and the Zangezur route: Zangezur, the corridor, the the the.", {})]
    df = distinctive_terms(arts, background="english", top=10, min_count=2, stop=False).set_index("term")
    assert df.loc["zangezur", "z"] > 3  # a rare name is over-represented against general English
    assert df.loc["zangezur", "z"] > df.loc["the", "z"]
    assert set(df["background"]) == {"english"}


def test_candidate_terms_excludes_lexicon_and_gives_examples():
    lex = load_lexicon()
    arts = [
        Art("c1", "The tragedy shocked the town. A horrendous tragedy, said the mayor.", {}),
        Art("c2", "Another tragedy struck. It was a horrendous week of extremely cold weather.", {}),
    ]
    df = candidate_terms(arts, lexicon=lex, top=10)
    assert list(df.columns) == ["term", "count", "articles", "valence", "example", "source"]
    row = df.set_index("term").loc["tragedy"]
    assert row["count"] == 3 and row["articles"] == 2 and row["valence"] < -1.5
    assert row["example"] == "The tragedy shocked the town." and row["source"] == "vader-lexicon"
    assert "horrendous" not in set(df["term"])  # already a lexicon entry
    assert df.set_index("term").loc["extremely", "source"] == "vader-booster"
    assert df.iloc[0]["term"] == "tragedy"  # most frequent first


def test_seed_keyness(seeds_dir):
    arts = [Art(p.name[:3], clean(p.read_text(encoding="utf-8")).text, {}) for p in sorted(seeds_dir.glob("*.txt"))]
    df = distinctive_terms(arts, top=5)
    assert "amirbayov" in set(df[df["group"] == "001"]["term"])  # the interviewee of 001
    cands = candidate_terms(arts, lexicon=load_lexicon(), top=100)
    assert "vibrant" in set(cands["term"])  # valenced (VADER 2.4) and not in the lexicon
    assert not ({"brutal", "massacres", "baseless"} & set(cands["term"]))


def test_stop_words_and_names_are_filtered_or_separate():
    """Issue 13: lists topped by "gut", "said", "an".  Texts written for this test."""
    arts = [
        Art("g1", "Mr. Gut said an ally is an ally. Gut said the alliance is strategic. "
                  "He said Gut would visit. The alliance matters, Gut said.", {"genre": "interview"}),
        Art("g2", "The council said the budget is late. The budget vote was delayed again, the council said.",
            {"genre": "news"}),
    ]
    df = distinctive_terms(arts, by="article", top=10, min_count=1)
    g1 = df[df["group"] == "g1"]
    assert not {"said", "an", "the", "is"} & set(g1["term"])  # stop words dropped
    assert set(g1[g1["kind"] == "name"]["term"]) == {"gut"}  # the name is ranked apart
    assert "alliance" in set(g1[g1["kind"] == "word"]["term"])
    dropped = distinctive_terms(arts, by="article", top=10, min_count=1, names="drop")
    assert "gut" not in set(dropped["term"]) and set(dropped["kind"]) == {"word"}
    kept = distinctive_terms(arts, by="article", top=10, min_count=1, stop=False, names="keep")
    assert "said" in set(kept["term"])
    by_genre = distinctive_terms(arts, by="genre", top=5, min_count=1)
    assert set(by_genre["group"]) == {"interview", "news"}


def test_author_vs_quoted_speech():
    text = 'The minister praised the deal. "It is a historic triumph," she said. Critics doubted the deal.'
    a = Art("v1", text, {})
    q0 = text.index('"') + 1
    spans = {"v1": [(q0, text.index('"', q0))]}
    df = distinctive_terms([a], by="voice", quoted_spans=spans, top=10, min_count=1)
    assert set(df["group"]) == {"author", "quoted"}
    assert {"historic", "triumph"} <= set(df[df["group"] == "quoted"]["term"])
    assert {"deal", "critics"} <= set(df[df["group"] == "author"]["term"])
    with pytest.raises(Exception):
        distinctive_terms([a], by="voice")
