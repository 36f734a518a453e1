"""Key findings: mentioned vs quoted, one-sidedness, most quoted, authors as sources, recycled text."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from analysis import actors, findings, paths


def _mentions(rows):
    return pd.DataFrame(rows, columns=["article_id", "actor", "side", "alias"]).assign(
        type="country", start=0, end=1, sentence=0)


def _sources(rows):
    return pd.DataFrame(rows, columns=["article_id", "speaker", "role", "side", "attributions", "quoted_words"])


# The bundled corpus's situation, in miniature: two allied sides quoted, two sides only mentioned.
M = _mentions([(a, "Azerbaijan", "azerbaijan", "Baku") for a in "abcd"] * 3
              + [(a, "Israel", "israel", "Israel") for a in "abc"] * 2
              + [(a, "Armenia", "armenia", "Armenia") for a in "abc"] * 2
              + [("a", "Iran", "iran", "Iran")])
S = _sources([("a", "Arye Gut", "analyst", "israel", 10, 237), ("b", "Elchin Amirbayov", "diplomat", "azerbaijan", 12, 181),
              ("c", "Yuri Bocharov", "analyst", "israel", 3, 103), ("d", "Ilham Aliyev", "government", "azerbaijan", 1, 32)])


def test_mentioned_vs_quoted_keeps_zeros_and_defined_sides():
    t = findings.mentioned_vs_quoted(M, S, articles=list("abcde"), actor_sides=["russia"]).set_index("side")
    assert t.loc["armenia", "mentions"] == 6 and t.loc["armenia", "attributions"] == 0 and t.loc["armenia", "absent"]
    assert t.loc["russia", "mentions"] == 0 and not t.loc["russia", "absent"]  # defined, never mentioned: a row of zeros
    assert t.loc["israel", "attributions"] == 13 and t.loc["israel", "attribution_share"] == 13 / 26
    assert t.loc["armenia", "attribution_share"] == 0.0
    assert abs(t["mention_share"].sum() - 1) < 1e-12


def test_one_sidedness_sentence():
    t = findings.mentioned_vs_quoted(M, S, articles=list("abcd"))
    one = findings.one_sidedness(t, sources=S, mentions=M, articles=4)
    assert one["supported"]
    s = one["sentence"]
    assert s.startswith("All 26 attributions whose speaker's side is known (26 of 26) come from 2 sides: Azerbaijan 13 and Israel 13.")
    assert "Armenia (6 mentions in 3 articles) is mentioned but never quoted" in s
    assert "Iran" not in s  # one mention: below the minimum count


def test_one_sidedness_withheld_when_sides_are_unknown():
    # An actors file from another topic on US news: sources have no known side.
    m = _mentions([(a, "Turkey", "turkey", "Turkey") for a in "abc"] * 3)
    s = _sources([("a", "Chuck Schumer", "legislator", "unknown", 8, 100), ("b", "Nancy Pelosi", "legislator", "", 5, 50),
                  ("c", "an Israeli official", "government", "israel", 1, 10)])
    t = findings.mentioned_vs_quoted(m, s, articles=list("abc"))
    one = findings.one_sidedness(t, sources=s, mentions=m, articles=3)
    assert not one["supported"] and "never quoted" not in one["sentence"]
    assert "unknown for 13 of 14 attributions" in one["sentence"]


def test_one_sidedness_withheld_when_actors_file_does_not_fit():
    m = _mentions([(a, "Turkey", "turkey", "Turkey") for a in "abc"] * 3)
    s = _sources([("a", "Chuck Schumer", "legislator", "united-states", 8, 100)])
    t = findings.mentioned_vs_quoted(m, s, articles=list("abc"))
    one = findings.one_sidedness(t, sources=s, mentions=m, articles=3)
    assert not one["supported"] and "does not fit" in one["sentence"]


def test_bundled_actors_file_on_us_news_makes_no_absence_claim():
    al = actors.load_actors(paths.CORPUS / "actors.yaml")
    texts = {"a": "Turkey and Israel were discussed. Senator Schumer said the bill would pass. Russia objected. "
                  "Turkey again. Israel again. Russia again.",
             "b": "Turkey, Israel and Russia were named in passing. Turkey. Israel. Russia. Pelosi said no."}
    m = actors.actor_mentions(texts, actors=al)
    s = _sources([("a", "Schumer", "legislator", "unknown", 3, 10), ("b", "Pelosi", "legislator", "unknown", 3, 5)])
    t = findings.mentioned_vs_quoted(m, s, articles=["a", "b"], actor_sides=al.sides())
    one = findings.one_sidedness(t, sources=s, mentions=m, articles=2)
    assert not one["supported"] and "mentioned but never quoted" not in one["sentence"]


def test_most_quoted_two_ways_and_minimum():
    mq = findings.most_quoted(S).set_index("speaker")
    assert mq.loc["Elchin Amirbayov", "rank_attributions"] == 1 and mq.loc["Arye Gut", "rank_words"] == 1
    assert not mq.loc["Ilham Aliyev", "ranked"] and np.isnan(mq.loc["Ilham Aliyev", "rank_attributions"])


def test_author_who_is_also_a_source():
    arts = pd.DataFrame({"article_id": ["a", "e"], "author": ["RA", "Arye Gut"], "words": [652, 1559]})
    links = findings.author_source_links(arts, S)
    assert links[["person", "authored", "quoted_in", "attributions"]].values.tolist() == [["Arye Gut", "e", "a", 10]]
    assert links["authored_articles"].tolist() == [1] and links["quoted_articles"].tolist() == [1]
    assert abs(links["corpus_word_share"].iloc[0] - 1559 / 2211) < 1e-12


def test_recycled_quote_is_named_and_ordered_by_date():
    arts = pd.DataFrame({"article_id": ["a", "e", "f"], "author": [None, "Arye Gut", None],
                         "published": ["2021-03-01", "2021-01-15", None]})
    att = pd.DataFrame({"article_id": ["a"], "start": [100], "end": [400], "speaker": ["Arye Gut"]})
    p = pd.DataFrame({"article_a": ["a", "a"], "article_b": ["e", "f"], "text": ["x", "y"], "b_text": ["x", "y"],
                      "a_start": [120, 500], "a_end": [200, 560], "b_start": [10, 0], "b_end": [90, 60],
                      "words": [17, 9]})
    r = findings.recycled_passages(p, arts, att)
    assert r.loc[0, "kind"] == "quote repeats the speaker's own article" and r.loc[0, "earlier"] == "e"
    assert r.loc[1, "kind"] == "shared wording" and r.loc[1, "earlier"] == ""


def test_portrayal_extremes_never_contradict():
    one = pd.DataFrame({"actor": ["United States"], "sentences": [9], "compound_mean": [-0.2],
                        "share_negative": [0.5]})
    text = findings.portrayal_extremes(one)
    assert "most negative" not in text and "most positive" not in text and "United States" in text
    tie = pd.DataFrame({"actor": ["A", "B"], "sentences": [9, 9], "compound_mean": [0.1, 0.1], "share_negative": [0, 0]})
    assert "most negative" not in findings.portrayal_extremes(tie)
    few = pd.DataFrame({"actor": ["A"], "sentences": [2], "compound_mean": [0.9], "share_negative": [0.0]})
    assert "too few" in findings.portrayal_extremes(few)


def test_key_findings_table():
    arts = pd.DataFrame({"article_id": list("abcd"), "author": [None, None, None, "Arye Gut"],
                         "words": [500, 400, 300, 600], "published": [None] * 4,
                         "quoted_word_share": [0.4, 0.3, 0.2, 0.0]})
    att = pd.DataFrame({"article_id": ["a"] * 10 + ["b"] * 12 + ["c"] * 3 + ["d"],
                        "cue_class": ["evaluative"] * 5 + ["neutral"] * 21,
                        "start": 0, "end": 1, "speaker": "x"})
    tables = SimpleNamespace(articles=arts, sources=S, attributions=att, actor_mentions=M,
                             passages=pd.DataFrame(columns=["article_a", "article_b", "text", "b_text", "a_start",
                                                            "a_end", "b_start", "b_end", "words"]),
                             manifest={})
    k = findings.key_findings(tables)
    assert list(k.columns) == findings.FINDING_COLUMNS
    assert (k["kind"] == "limit").any() and (k["kind"] == "finding").any()
    first = k.iloc[0]
    assert "never quoted" in first["claim"] and first["evidence"].endswith("#mentioned-vs-quoted")
    assert first["low"] <= first["value"] <= first["high"]
    assert k["claim"].str.contains("Arye Gut is both an author").any()
    assert "Key findings" in findings.findings_html(k) and "<script" not in findings.findings_html(k)


def test_alignment_first_when_the_registry_has_it():
    s = S.assign(alignment=["pro-azerbaijan", "pro-azerbaijan", "pro-azerbaijan", "unknown"])
    assert findings.speaker_alignment(S.assign(alignment="unknown")) is None  # nothing recorded
    arts = pd.DataFrame({"article_id": list("abcd"), "author": None, "words": 100, "published": None,
                         "quoted_word_share": 0.1})
    tables = SimpleNamespace(articles=arts, sources=s, attributions=pd.DataFrame(columns=["article_id", "start",
                                                                                           "end", "speaker"]),
                             actor_mentions=M, passages=pd.DataFrame(columns=["article_a", "article_b", "text",
                                                                              "b_text", "a_start", "a_end",
                                                                              "b_start", "b_end", "words"]),
                             manifest={})
    k = findings.key_findings(tables)
    assert k.iloc[0]["claim"].startswith("All 25 attributions whose speaker's alignment is known (25 of 26) come "
                                         "from speakers of one alignment: pro-Azerbaijan 25.")
    assert k.iloc[0]["value"] == 1.0
    assert not k["claim"].str.contains("no alignment column").any()


def test_stance_extremes_from_target_dependent_labels():
    s = pd.DataFrame({"actor": ["Armenia", "Israel", "Iran"], "mentions": [40, 30, 3],
                      "mean_score": [-0.4, 0.3, -0.9], "share_negative": [0.6, 0.1, np.nan],
                      "share_negative_lo": [0.45, 0.02, np.nan], "share_negative_hi": [0.75, 0.2, np.nan],
                      "share_positive": [0.1, 0.5, np.nan]})
    text = findings.stance_extremes(s)
    assert "**Armenia** is portrayed most negatively (60% of 40 mentions labelled negative" in text
    assert "**Israel** most positively" in text and "Iran" not in text  # 3 mentions: no share, not compared
    assert "overlap" not in text  # 0.45 > 0.20
    one = findings.stance_extremes(s.iloc[[0]])
    assert "most" not in one and "Only **Armenia**" in one
