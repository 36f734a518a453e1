"""Actors: the actors file, mentions with offsets, portrayal, proposals, absent voices."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import actors, paths
from analysis.errors import InputError

TEXT = ("Israeli officials met U.S. envoys in Baku. Azerbaijan’s president, Ilham Aliyev, praised Israel. "
        "The American Jewish Committee welcomed the talks, but Armenia protested.")


def _actor_list():
    return actors.ActorList([
        actors.Actor("Azerbaijan", ("Azerbaijan", "Baku"), "country", "azerbaijan"),
        actors.Actor("Israel", ("Israel",), "country", "israel"),
        actors.Actor("Ilham Aliyev", ("Ilham Aliyev", "Aliyev"), "leader", "azerbaijan"),
        actors.Actor("United States", ("U.S.", "American"), "country", "united states"),
        actors.Actor("AJC", ("American Jewish Committee",), "institution", "united states"),
        actors.Actor("Armenia", ("Armenia",), "country", "armenia"),
    ])


def test_bundled_actors_file_has_header_and_valid_entries():
    al = actors.load_actors(paths.CORPUS / "actors.yaml")
    assert al.source and al.licence and al.version
    names = {a.name for a in al}
    for n in ("Azerbaijan", "Israel", "Armenia", "Iran", "Turkey", "Russia", "United States", "Ilham Aliyev",
              "Benjamin Netanyahu", "Nikol Pashinyan", "AJC"):
        assert n in names
    assert all(a.type in actors.ACTOR_TYPES and a.side and a.aliases for a in al)


def test_mentions_offsets_longest_alias_and_word_boundaries():
    m = actors.actor_mentions({"x": TEXT}, actors=_actor_list())
    assert list(m.columns) == actors.MENTION_COLUMNS
    for r in m.itertuples():
        assert TEXT[r.start:r.end] == r.alias
    got = list(zip(m["actor"], m["alias"]))
    assert ("United States", "U.S.") in got
    assert ("AJC", "American Jewish Committee") in got
    assert ("United States", "American") not in got  # the longer alias wins
    assert ("Azerbaijan", "Azerbaijan") in got  # before a possessive
    assert ("Israel", "Israel") in got and sum(a == "Israel" for a, _ in got) == 1  # "Israeli" is not "Israel"
    assert m["sentence"].tolist() == sorted(m["sentence"].tolist()) and m["sentence"].max() == 2
    assert m[m["alias"] == "Armenia"]["sentence"].iloc[0] == 2


def test_portrayal_counts_and_tone():
    m = actors.actor_mentions({"x": TEXT}, actors=_actor_list())
    sents = pd.DataFrame({"article_id": ["x"] * 3, "sentence": [0, 1, 2], "start": [0, 43, 99],
                          "end": [42, 98, 170], "compound": [0.0, 0.6, -0.4], "voice": ["author", "quoted", "author"]})
    loaded = pd.DataFrame({"article_id": ["x", "x"], "start": [TEXT.index("praised"), TEXT.index("protested")],
                           "category": ["loaded-language", "conflict-framing"]})
    p = actors.actor_portrayal(m, sents, loaded).set_index("actor")
    assert p.loc["Azerbaijan", "mentions"] == 2 and p.loc["Azerbaijan", "sentences"] == 2
    assert p.loc["Azerbaijan", "compound_mean"] == pytest.approx(0.3)
    assert p.loc["Armenia", "share_negative"] == 1.0 and p.loc["Armenia", "loaded_conflict_framing"] == 1
    assert p.loc["Ilham Aliyev", "loaded_loaded_language"] == 1 and p.loc["Ilham Aliyev", "quoted_share"] == 1.0
    by_article = actors.actor_portrayal(m, sents, loaded, by="article")
    assert set(by_article["article_id"]) == {"x"}


def test_propose_actors_from_capitalised_names():
    texts = {"a": "Mayor Ana Ruiz spoke. The council met. Ana Ruiz left. The vote passed. Ana Ruiz smiled.",
             "b": "Ana Ruiz returned. The Riverside Park plan won. Riverside Park opens soon. Riverside Park is big."}
    al = actors.propose_actors(texts, min_count=2, min_articles=1)
    names = [a.name for a in al]
    assert al.proposed and "Ana Ruiz" in names and "Riverside Park" in names
    assert "The" not in names and "Mayor" not in names


def test_actors_for_falls_back_to_proposal(tmp_path):
    al = actors.actors_for(tmp_path, {"a": "Millbrook voted. Millbrook won. Millbrook again."})
    assert al.proposed and [a.name for a in al] == ["Millbrook"]


def test_voices_by_side_reports_absent_sides():
    m = actors.actor_mentions({"x": TEXT}, actors=_actor_list())
    src = pd.DataFrame({"article_id": ["x"], "speaker": ["Ilham Aliyev"], "role": ["government"],
                        "side": ["azerbaijan"], "attributions": [2], "quoted_words": [10]})
    v = actors.voices_by_side(m, src).set_index("side")
    assert not v.loc["azerbaijan", "absent"]
    assert v.loc["armenia", "absent"] and v.loc["united states", "absent"] and v.loc["israel", "absent"]
    assert v.loc["azerbaijan", "attributions"] == 2


@pytest.mark.parametrize("content,msg", [
    ("actors: [{aliases: [x]}]", "needs a 'name'"),
    ("actors: [{name: A, type: planet}]", "type 'planet'"),
    ("actors: [{name: A}, {name: A}]", "listed twice"),
    ("actors: [unclosed", "malformed YAML"),
    ("just text", "'actors' list"),
])
def test_bad_actors_file_names_the_file(tmp_path, content, msg):
    f = tmp_path / "actors.yaml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        actors.load_actors(f)
    assert str(f) in str(e.value) and msg in str(e.value)


def test_mentions_on_the_bundled_corpus(corpus):
    m = actors.actor_mentions(corpus, actors=actors.load_actors())
    texts = {a.id: a.text for a in corpus}
    assert len(m) > 100
    assert all(texts[r.article_id][r.start:r.end] == r.alias for r in m.itertuples())
    assert {"Azerbaijan", "Israel", "Armenia", "Iran"} <= set(m["actor"])
    assert not np.any(m["sentence"] < 0)


def test_proposals_are_names_not_contractions():
    # Interview transcripts are full of "I'm", "Don't" and "It's" at sentence starts.
    texts = {"a": "I'm sure. I'm here. I'm glad. Don't go. Don't stop. It's late. It's fine. Joe Biden said. "
                  "Joe Biden left. NATO met. NATO agreed. O'Brien spoke. O'Brien left. Bank of England. Bank of England.",
             "b": "I'm ok. It's over. Don't. Joe Biden. NATO. O'Brien. Bank of England."}
    names = [a.name for a in actors.propose_actors(texts, min_count=2)]
    assert "I'm" not in names and "Don't" not in names and "It's" not in names and "I" not in names
    assert {"Joe Biden", "NATO", "O'Brien", "Bank of England"} <= set(names)
