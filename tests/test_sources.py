"""Tests of analysis.sources and analysis.speakers on real text.

Fixtures (tests/fixtures/sources/, short articles written for these tests, not taken from any outlet):
- patterns.txt   each quote pattern once: indirect "X said on Monday that", “…,” X said. “…”, “…,” said X, a …,
                 X added: “…”, According to X, “…”, According to a council official, …; plus a scare quote
                 (“vanity project”), a quoted association name and "The mayor declined to comment".
- multipara.txt  a three-paragraph quotation (only the last paragraph closes it) and an opening mark never closed.
- speakers.txt   name variants (Mikael Jabarov / Mikayil Jabbarov), "The minister", "he", anonymous sources, a
                 speaker with no role cue.
- ratios.txt     three attributions whose sourcing ratios are worked out by hand in test_sourcing_ratios_by_hand.
Seed articles: the `seeds_dir` fixture (analysis.paths.SEEDS; skipped when absent, failing in CI); seed gold:
tests/gold/attributions.csv.
"""
from __future__ import annotations

import math

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from analysis import paths
from analysis.errors import InputError
from analysis.sources import (COLUMNS, GAP, attributions_table, extract, load_registry, quote_spans, quoted_spans,
                              sources_table, sourcing_ratios, speaker_summary, voice)
from analysis.speakers import Registry, Speaker, name_of, same_person
from analysis.text import clean, count_words, sentences

FIX = Path(__file__).parent / "fixtures" / "sources"


@dataclass
class Doc:
    """Stand-in for analysis.corpus.Article."""

    id: str
    text: str
    sentences: list = field(default_factory=list)
    meta: dict = field(default_factory=dict)


def _fixture(name: str) -> str:
    return clean((FIX / name).read_text(encoding="utf-8")).text


def _by_quote(atts, fragment):
    hits = [a for a in atts if fragment in a.quote]
    assert hits, f"no attribution containing {fragment!r}; got {[a.quote for a in atts]}"
    return hits[0]


@pytest.fixture(scope="module")
def patterns():
    text = _fixture("patterns.txt")
    return text, extract(text, registry=Registry([]))


# ------------------------------------------------------------------------------------------ quote patterns
def test_indirect_pre_subject(patterns):
    text, atts = patterns
    a = _by_quote(atts, "the new bridge over the river would open in May")
    assert (a.kind, a.speaker, a.cue, a.rule) == ("indirect", "Anna Berg", "said", "pre-subject")
    assert a.speaker_mention == "Transport Minister Anna Berg"
    assert text[a.start:a.end] == a.quote


def test_direct_post_subject_with_continuation(patterns):
    _, atts = patterns
    a = _by_quote(atts, "We are proud of this project")
    assert a.kind == "direct" and a.speaker == "Anna Berg" and a.speaker_mention == "Berg"
    # the quote-only sentence that follows belongs to the same speech event (PolNeAR/PARC convention);
    # the tag between the parts is left out of the content
    assert a.quote == "“We are proud of this project,” Berg said. “It took five years of work.”"
    assert a.content == "“We are proud of this project,”" + GAP + "“It took five years of work.”"
    assert a.rule == "post-subject+continuation"


def test_continuations_kept_separate_on_request():
    text = _fixture("patterns.txt")
    atts = extract(text, registry=Registry([]), merge_continuations=False)
    first = _by_quote(atts, "We are proud of this project")
    second = _by_quote(atts, "It took five years of work")
    assert first is not second and first.rule == "post-subject" and second.rule == "continuation"
    assert second.speaker == "Anna Berg" and second.kind == "direct" and second.cue == "said"
    assert len(atts) == 7


def test_quote_interrupted_by_tag():
    text = "“The first part,” said Ann Lee, the mayor, “and the second part of one sentence.”"
    (a,) = extract(text)
    assert (a.kind, a.speaker, a.rule) == ("direct", "Ann Lee", "post-inverted")
    assert a.quote == text and (a.start, a.end) == (0, len(text))
    assert a.content == "“The first part,”" + GAP + "“and the second part of one sentence.”"
    df = attributions_table([Doc("x", text)], registry=Registry([]))
    assert quoted_spans(df, "x") == [(0, text.index("”") + 1), (text.rindex("“"), len(text))]


def test_direct_post_inverted_with_apposition(patterns):
    _, atts = patterns
    a = _by_quote(atts, "The budget was respected")
    assert (a.kind, a.speaker, a.rule) == ("direct", "Tom Hale", "post-inverted")
    assert a.speaker_mention == "Tom Hale, a spokesman for the city council"
    assert a.speaker_role == "government" and a.class_rule == "title:spokesman"


def test_colon_and_according_to(patterns):
    _, atts = patterns
    colon = _by_quote(atts, "Nobody expected it")
    assert (colon.kind, colon.speaker, colon.cue) == ("direct", "Tom Hale", "added")
    acc = _by_quote(atts, "forty thousand cars")
    assert (acc.kind, acc.speaker, acc.cue.lower(), acc.rule) == ("direct", "Tom Hale", "according to",
                                                                  "according-pre")


def test_anonymous_according_to(patterns):
    _, atts = patterns
    a = _by_quote(atts, "the costs rose by twelve percent")
    assert a.anonymous and a.speaker == "" and a.speaker_mention == "a council official"
    assert a.speaker_role == "government"


def test_not_attributions(patterns):
    _, atts = patterns
    quotes = " | ".join(a.quote for a in atts)
    assert "vanity project" not in quotes  # scare quote, no cue
    assert "Friends of the River" not in quotes  # an association's name
    assert "costs." not in quotes and not any("declined" in a.speaker_mention for a in atts)
    assert not any("comment" in a.cue for a in atts)  # "The mayor declined to comment"
    assert len(atts) == 6


def test_multi_paragraph_and_unclosed_quotes():
    text = _fixture("multipara.txt")
    spans = quote_spans(text)
    first = text.index("“The first paragraph")
    third_end = text.index("here,”") + len("here,”")
    assert (first, third_end, True) in spans  # one quotation over three paragraphs
    never = text.index("“This opening mark")
    cap = [s for s in spans if s[0] == never]
    assert cap and cap[0][2] is False
    assert cap[0][1] == text.index("forgot it.") + len("forgot it.")  # capped at its paragraph's end
    atts = extract(text, registry=Registry([]))
    doe = _by_quote(atts, "The third paragraph")
    assert doe.kind == "direct" and doe.speaker == "Jane Doe" and doe.speaker_mention == "she"
    assert doe.quote.startswith("“The first paragraph")  # content starts at the quote, not at "Jane Doe …:"
    lind = _by_quote(atts, "This opening mark")
    assert "exhibition will travel" not in lind.quote
    assert lind.speaker == "Peter Lind" and lind.speaker_role == "unknown" and lind.class_rule == ""


def test_straight_and_doubled_apostrophe_quotes():
    text = ('"It was a long night," Mr. Smith said.\n\n'
            "''We will appeal,'' said Mary Jones, the defendant's lawyer.")
    atts = extract(text)
    assert [(a.kind, a.speaker) for a in atts] == [("direct", "Smith"), ("direct", "Mary Jones")]


def test_mixed_quote_and_coordinated_cue():
    text = ("The senator said the bill was “dead on arrival” and warned that the vote would fail.")
    atts = extract(text)
    kinds = {a.cue: a.kind for a in atts}
    assert kinds["said"] == "mixed" and kinds["warned"] == "indirect"
    assert all(a.speaker_mention == "The senator" for a in atts)


# -------------------------------------------------------------------------------------------- speakers
@pytest.fixture(scope="module")
def speaker_atts():
    return extract(_fixture("speakers.txt"), registry=Registry([]))


def test_name_variants_merge_without_registry(speaker_atts):
    jab = [a for a in speaker_atts if "Jab" in a.speaker]
    assert len(jab) == 3 and len({a.speaker for a in jab}) == 1
    assert {a.speaker_mention for a in jab} >= {"Azerbaijani Economy Minister Mikael Jabarov",
                                                "Minister Mikayil Jabbarov"}
    assert same_person("Mikael Jabarov", "Mikayil Jabbarov") and not same_person("Arye Gut", "Yuri Bocharov")
    assert name_of("Israeli political analyst Prof. Arye Gut") == "Arye Gut"


def test_description_and_pronoun_resolution(speaker_atts):
    minister = _by_quote(speaker_atts, "trade between the two countries had doubled")
    assert minister.speaker_mention == "The minister" and "Jab" in minister.speaker
    assert minister.speaker_rule == "description:compatible-speaker"
    he = _by_quote(speaker_atts, "No country is closer")
    assert (he.speaker, he.speaker_mention, he.speaker_rule) == ("Arye Gut", "he", "pronoun:most-recent-speaker")


def test_anonymous_sources_keep_description(speaker_atts):
    anon = [a for a in speaker_atts if a.anonymous]
    assert {a.speaker_mention for a in anon} == {"A government official", "Sources"}
    assert all(a.speaker == "" for a in anon)


def test_title_cue_classification_and_unknown(speaker_atts):
    gut = _by_quote(speaker_atts, "never been warmer")
    assert (gut.speaker_role, gut.speaker_side) == ("analyst", "israel")
    assert "title:" in gut.class_rule
    jab = _by_quote(speaker_atts, "first step towards an embassy")
    assert (jab.speaker_role, jab.speaker_side) == ("government", "azerbaijan")
    moss = _by_quote(speaker_atts, "prices for flour")
    assert (moss.speaker, moss.speaker_role, moss.speaker_side, moss.class_rule) == ("Karl Moss", "unknown",
                                                                                      "unknown", "")


def test_registry_classification_wins():
    reg = Registry([Speaker("Karl Moss", ("K. Moss",), "business", "sweden", "test entry")])
    atts = extract(_fixture("speakers.txt"), registry=reg)
    moss = _by_quote(atts, "prices for flour")
    assert (moss.speaker_role, moss.speaker_side, moss.class_rule) == ("business", "sweden", "registry:Karl Moss")
    assert moss.speaker_rule == "registry:Karl Moss"


# -------------------------------------------------------------------------------------------- registry
def test_bundled_registry_loads_and_merges_spellings():
    reg = load_registry()
    assert len(reg) >= 11
    for variant in ("Mikael Jabarov", "Jabbarov", "Mikayil Jabarov"):
        assert reg.lookup(variant).name == "Mikayil Jabbarov"
    assert reg.lookup("Prof. Gut").role == "analyst"
    assert reg.lookup("Elchin Amirbayov").side == "azerbaijan"


@pytest.mark.parametrize("body, message", [
    ("name,aliases,role,side,note\nAnn Lee,,wizard,x,\n", "line 3: unknown role 'wizard'"),
    ("name,aliases,role,side,note\nAnn Lee,,analyst,x,\nBo Li,Ann Lee,analyst,y,\n", "line 4: name or alias 'Ann Lee'"),
    ("name,role,side\nAnn Lee,analyst,x\n", "header lacks column(s) aliases"),
    ("name,aliases,role,side,note\n,,analyst,x,\n", "line 3: empty name"),
])
def test_registry_validation_errors(tmp_path, body, message):
    p = tmp_path / "speakers.csv"
    p.write_text("# test registry\n" + body, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_registry(p)
    assert message in str(e.value) and str(p) in str(e.value)


def test_registry_missing_file(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_registry(tmp_path / "nope.csv")


# ---------------------------------------------------------------------------------------------- tables
def test_table_columns_and_sentence_index():
    text = _fixture("patterns.txt")
    doc = Doc("a1", text, sentences(text))
    df = attributions_table([doc], registry=Registry([]))
    assert list(df.columns[: len(COLUMNS)]) == COLUMNS
    row = df[df["quote"].str.contains("forty thousand")].iloc[0]
    sent = doc.sentences[int(row["sentence"])]
    assert sent.start <= row["start"] < sent.end
    assert (df["article_id"] == "a1").all() and df["quote"].tolist() == [text[s:e] for s, e in zip(df.start, df.end)]
    for q, c in zip(df.quote, df.content):
        if GAP in c:  # a quotation interrupted by its tag: content leaves the tag out
            first, second = c.split(GAP)
            assert q.startswith(first) and q.endswith(second) and len(c) < len(q)
        else:
            assert c == q


def test_sourcing_ratios_by_hand():
    text = _fixture("ratios.txt")
    doc, empty = Doc("r1", text), Doc("r2", "Nothing is attributed in this short text.")
    df = attributions_table([doc, empty], registry=Registry([]))
    assert len(df) == 3
    r = sourcing_ratios(df, [doc, empty]).set_index("article_id")
    one = r.loc["r1"]
    assert count_words(text) == 23  # 7 + 7 + 9 words
    assert (one.attributions, one.direct, one.indirect, one.mixed) == (3, 1, 2, 0)
    assert one.named_sources == 1 and one.anonymous_share == pytest.approx(1 / 3)
    assert one.quoted_word_share == pytest.approx(3 / 23)  # “Taxes must fall,”
    assert (one.dominant_source, one.dominance) == ("Ann Lee", pytest.approx(2 / 3))
    assert one.share_role_legislator == pytest.approx(2 / 3) and one.share_role_government == pytest.approx(1 / 3)
    assert one.share_side_unknown == pytest.approx(1.0)
    assert one.evaluative_verb_share == pytest.approx(1 / 3) and one.neutral_verb_share == pytest.approx(2 / 3)
    two = r.loc["r2"]
    assert two.attributions == 0 and two.dominant_source == "" and two.quoted_word_share == 0
    # shares *of attributions* are undefined without attributions: empty, not a misleading 0
    for col in ("anonymous_share", "dominance", "evaluative_verb_share", "share_role_legislator"):
        assert math.isnan(two[col]), col
    src = sources_table(df)
    assert src.columns.tolist() == ["article_id", "speaker", "role", "side", "attributions", "quoted_words", "alignment"]
    assert set(src.alignment) == {"unknown"}  # no registry: no alignment
    lee = src[src.speaker == "Ann Lee"].iloc[0]
    assert (lee.attributions, lee.quoted_words, lee.role) == (2, 3, "legislator")
    assert "government official" in set(src.speaker)  # anonymous, grouped by description
    summary = speaker_summary(src)
    assert summary.iloc[0]["speaker"] == "Ann Lee" and summary.iloc[0]["attributions"] == 2
    assert summary["attributions"].sum() == len(df)


def test_quoted_spans_and_voice():
    text = _fixture("ratios.txt")
    df = attributions_table([Doc("r1", text)], registry=Registry([]))
    spans = quoted_spans(df, "r1")
    assert spans == [(0, text.index("”") + 1)]
    assert voice(1, 10, spans) == "quoted"
    assert voice(text.index("plan"), text.index("plan") + 4, spans) == "author"
    assert quoted_spans(df, "missing") == []


# ----------------------------------------------------------------------------------------------- seeds
@pytest.fixture(scope="module")
def seed_atts(seeds_dir):
    reg = load_registry()
    out = {}
    for p in sorted(seeds_dir.glob("*.txt")):
        text = clean(p.read_text(encoding="utf-8")).text
        out[p.name[:3]] = (text, extract(text, registry=reg))
    return out


def test_seed_000_variants_and_classification(seed_atts):
    _, atts = seed_atts["000"]
    jab = [a for a in atts if "Jab" in a.speaker_mention]
    assert {a.speaker for a in jab} == {"Mikayil Jabbarov"}  # Jabarov and Jabbarov, one registry speaker
    gut = [a for a in atts if a.speaker == "Arye Gut"]
    assert len(gut) >= 6 and {a.speaker_role for a in gut} == {"analyst"}
    assert {a.speaker_mention for a in gut} >= {"Prof. Gut", "Gut", "him"}
    aliyev = _by_quote(atts, "The Jews of Azerbaijan play")
    # "Aliyev highlighted this partnership when he told Netanyahu: “…”": the cue nearest the quote wins
    assert (aliyev.cue, aliyev.speaker_mention, aliyev.speaker) == ("told", "he", "Ilham Aliyev")
    assert aliyev.speaker_rule == "pronoun:clause-subject"
    # "Gut emphasized that Israel appreciates …: “Without this tradition …”": indirect part and direct part
    ind = _by_quote(atts, "Israel appreciates Azerbaijan’s treatment of its Jewish community")
    dire = _by_quote(atts, "Without this tradition of respect")
    assert ind is not dire and (ind.kind, dire.kind) == ("indirect", "direct")
    assert (dire.rule, dire.cue, dire.speaker) == ("pre-subject-colon", "emphasized", "Arye Gut")
    official = _by_quote(atts, "extremely friendly")
    assert official.anonymous and official.kind == "mixed" and official.speaker_side == "azerbaijan"


def test_seed_001_declined_and_scare_quotes(seed_atts):
    text, atts = seed_atts["001"]
    assert "declined to comment" in text
    assert not any("state of the investigation" in a.quote for a in atts)
    assert not any(a.quote.strip("“”\" ,") == "strategic partnership" for a in atts)
    amir = [a for a in atts if a.speaker == "Elchin Amirbayov"]
    assert len(amir) >= 8 and {a.speaker_role for a in amir} == {"diplomat"}
    state = _by_quote(atts, "to work to improve ties between Israel and Ankara")  # "Azerbaijan … pledged to work"
    assert (state.speaker, state.speaker_role, state.speaker_side, state.cue_class) == (
        "Azerbaijan", "government", "azerbaijan", "evaluative")
    lede = _by_quote(atts, "relations between the two nations at an all-time high")
    assert lede.speaker == "Elchin Amirbayov" and lede.speaker_rule == "description:interviewee"


def test_seed_002_apposition_with_quoted_name(seed_atts):
    _, atts = seed_atts["002"]
    boch = _by_quote(atts, "diplomatic relations contributed to the strengthening")
    assert boch.speaker == "Yuri Bocharov" and boch.speaker_role == "analyst"
    he = _by_quote(atts, "Azerbaijanis of Jewish descent")
    assert he.speaker == "Yuri Bocharov" and he.speaker_mention == "he"
    assert he.quote.endswith("security,\"")  # a quotation running into the next paragraph


def test_seed_gold_floor(seeds_dir):
    """The seed gold (tests/gold/attributions.csv, independent annotator) must stay above a measured floor."""
    from analysis.evaluate import evaluate_attributions, load_gold

    gold_path = paths.ROOT / "tests" / "gold" / "attributions.csv"
    assert gold_path.exists(), "seed gold tests/gold/attributions.csv is part of the repository"
    docs = [Doc(p.name, clean(p.read_text(encoding="utf-8")).text) for p in sorted(seeds_dir.glob("*.txt"))]
    pred = attributions_table(docs, registry=load_registry())
    scores = evaluate_attributions(pred, load_gold(gold_path), source_to_id={d.id: d.id for d in docs})
    lenient = scores.set_index("threshold").loc[0.3]
    # measured 2026-11-30: P 1.000 R 0.843 F1 0.915, speaker 1.0, cue 1.0 (docs/sources.md)
    assert lenient.f1 >= 0.88 and lenient.precision >= 0.9
    assert lenient.speaker_accuracy >= 0.95 and lenient.cue_accuracy >= 0.9
    # the seed gold keeps each quoted sentence group apart: scored that way, measured P 1.000 R 0.922 F1 0.959
    # (issue 14's goal: recall >= 0.9, precision >= 0.9, speaker >= 0.9)
    pred2 = attributions_table(docs, registry=load_registry(), merge_continuations=False)
    sep = evaluate_attributions(pred2, load_gold(gold_path), source_to_id={d.id: d.id for d in docs})
    s = sep.set_index("threshold").loc[0.3]
    assert s.recall >= 0.9 and s.precision >= 0.9 and s.speaker_accuracy >= 0.9 and s.f1 >= 0.93


def test_word_lists_load_without_duplicates(tmp_path):
    """Every word list of the attribution rules is data: it loads, and a duplicate is refused."""
    import yaml

    from analysis.sources.words import WORDS_FILE, load_words, words

    data = load_words()
    for name, items in data.items():
        items = list(items)
        assert len(items) == len(set(map(str, items))), name
    assert {"official", "spokesman", "poll"} <= words("speaker_heads")
    assert {"sen", "gov", "rep"} <= words("titles")
    bad = tmp_path / "w.yaml"
    bad.write_text(yaml.safe_dump({"speaker_heads": ["official", "official"]}), encoding="utf-8")
    with pytest.raises(ValueError, match="'official' twice"):
        load_words(bad)
    verbs = yaml.safe_load((WORDS_FILE.parent / "attribution_verbs.yaml").read_text(encoding="utf-8"))
    lemmas = [w for spec in verbs["classes"].values() for w in spec["lemmas"]]
    assert len(lemmas) == len(set(lemmas))  # a lemma is in one class only
    for key in ("not_cues", "needs_that", "commitment", "recipient"):
        assert len(verbs[key]) == len(set(verbs[key])), key


# --- issue 13/15 cases (sentences from the seed corpus, cited by file, or written for the test) -----------------

def test_anonymous_official_is_not_the_interviewee():
    """Issue 13: "A senior Israeli official, speaking on condition of anonymity, said Gallant had hidden the
    overruns" was given to Gallant by the "interview" rule.  An indefinite description is the interviewee only
    when the text gives the interviewee that description, and never when it says the source is anonymous."""
    text = ("A senior Israeli official, speaking on condition of anonymity, said Gallant had hidden the overruns. "
            "In an interview, Israeli Defense Minister Yoav Gallant said the army was ready. "
            "Gallant added that the talks would go on.")
    atts = extract(text, registry=Registry([]))
    anon = _by_quote(atts, "hidden the overruns")
    assert anon.speaker == "" and anon.anonymous and anon.speaker_rule == "anonymous"
    assert _by_quote(atts, "army was ready").speaker == "Yoav Gallant"


def test_interviewee_description_given_by_the_text(corpus):
    """Seed 001 (JNS interview): "a senior Azerbaijani presidential representative said on July 31" is Elchin
    Amirbayov, whom the text calls "representative of the president of Azerbaijan"."""
    art = next(a for a in corpus if a.meta.get("source", "").startswith("001_"))
    atts = extract(art.text, registry=load_registry())
    rep = _by_quote(atts, "strategic partnership")
    assert rep.speaker == "Elchin Amirbayov" and rep.speaker_rule == "description:interviewee"


def test_masked_quote_never_leaks_into_the_mention():
    """Seed 002: the apposition keeps the quoted association name as written, not the mask "XxXx"."""
    text = ('Israeli political scientist Yuri Bocharov, a member of the governing board of the International '
            'Association "AzIz", noted that diplomatic relations contributed to the strengthening of friendship.')
    (att,) = extract(text, registry=Registry([]))
    assert att.speaker == "Yuri Bocharov"
    assert 'Association "AzIz"' in att.speaker_mention and "XxXx" not in att.speaker_mention


def test_passive_by_keeps_the_clause_not_just_the_noun_phrase():
    """Seed 002: "The cooperation in defense and security, emphasized by Bocharov, serves as an important element
    in ensuring stability" - the content is the clause with the tag left out; a verb whose object is a thing
    ("criticized by") keeps the noun phrase only."""
    text = ("The cooperation in defense and security, emphasized by Bocharov, serves as an important element in "
            "ensuring stability. The plan, criticized by Smith, was dropped.")
    boch, smith = extract(text, registry=Registry([]))
    assert boch.content == ("The cooperation in defense and security … serves as an important element in "
                            "ensuring stability") and boch.kind == "indirect" and boch.cue_lemma == "emphasize"
    assert smith.quote == "The plan" and smith.speaker == "Smith"


def test_cue_lemma_merges_spellings():
    atts = extract("Smith emphasised that the talks would resume. Jones emphasized that they would not.",
                   registry=Registry([]))
    assert [a.cue for a in atts] == ["emphasised", "emphasized"]
    assert {a.cue_lemma for a in atts} == {"emphasize"}


def test_unbalanced_quote_is_flagged_and_swallows_nobody():
    """Issue 15: an opening mark never closed used to run to the paragraph's end, crediting other people's
    statements to the first speaker.  It now ends with its sentence, the row is flagged, and a quotation no
    one is credited with is reported as kind "unattributed"."""
    text = ("Smith said: “We will win this race. Then Jones said that nothing was decided. "
            "“It is over,” Brown said.\n\nThe minister arrived. “We will never give up our land.")
    atts = extract(text, registry=Registry([]))
    smith = _by_quote(atts, "win this race")
    assert smith.speaker == "Smith" and "Jones" not in smith.quote and smith.unbalanced_quote
    assert _by_quote(atts, "nothing was decided").speaker == "Jones"
    assert _by_quote(atts, "It is over").speaker == "Brown" and not _by_quote(atts, "It is over").unbalanced_quote
    orphan = _by_quote(atts, "give up our land")
    assert orphan.kind == "unattributed" and orphan.speaker == "" and orphan.unbalanced_quote
    df = attributions_table([Doc("u1", text)], registry=Registry([]))
    r = sourcing_ratios(df, [Doc("u1", text)]).iloc[0]
    assert (r.attributions, r.unattributed_quotes, r.unbalanced_quotes) == (3, 1, 2)
    assert "" not in set(sources_table(df).speaker)  # an unattributed quotation is not a source


def test_registry_alignment_is_carried_to_the_tables(tmp_path):
    p = tmp_path / "speakers.csv"
    p.write_text("name,aliases,role,side,alignment,note\nAnn Lee,,legislator,united states,critical,\n",
                 encoding="utf-8")
    reg = load_registry(p)
    text = "Ann Lee said the bill would fail."
    df = attributions_table([Doc("a1", text)], registry=reg)
    assert df.iloc[0]["speaker_alignment"] == "critical" and df.iloc[0]["speaker_side"] == "united states"
    assert sources_table(df).iloc[0]["alignment"] == "critical"


def test_reported_speech_is_the_speakers_voice():
    """Issue 13: "According to Gut …" paraphrase counted as the journalist's voice; indirect content is now the
    speaker's (analysis.text.voice over sources.speech_spans)."""
    from analysis.sources import speech_spans

    text = "According to Gut, the partnership is strategic and will deepen. The weather was fine."
    df = attributions_table([Doc("v1", text)], registry=Registry([]))
    spans = speech_spans(df, "v1")
    s = text.index("the partnership")
    assert voice(s, text.index(".") , spans) == "quoted"
    assert voice(text.index("The weather"), len(text), spans) == "author"


@pytest.mark.parametrize("mention, name", [
    # issue 14: speaker names found on 20 US news articles
    ("But Trump", "Trump"), ("As I've", ""), ("FACTS", ""), ("AP More", ""), ("Saturday", ""),
    ("KilloughCNN Florida's Rubio", "Rubio"), ("Sens John McCain", "John McCain"),
    ("Sens. John McCain", "John McCain"), ("Kenyan Raila Odinga", "Raila Odinga"),
    ("Sen. Marco Rubio", "Marco Rubio"), ("Rep. Nancy Pelosi", "Nancy Pelosi"), ("Gov. Jerry Brown", "Jerry Brown"),
    # names that must survive: organisations in capitals, a surname that is also a word, a possessive name
    ("CNN", "CNN"), ("NATO", "NATO"), ("Prof. Gut", "Gut"), ("Donald Trump's", "Donald Trump"),
    ("Israel's President Isaac Herzog", "Isaac Herzog"),
])
def test_names_without_debris(mention, name):
    assert name_of(mention) == name


def test_demonym_stays_out_of_the_name_and_variants_merge():
    text = ("Kenyan Raila Odinga said the vote was rigged. But Trump said he would win. Donald Trump added that "
            "the polls were wrong.")
    atts = extract(text, registry=Registry([]))
    assert _by_quote(atts, "vote was rigged").speaker == "Raila Odinga"
    assert {_by_quote(atts, q).speaker for q in ("would win", "polls were wrong")} == {"Donald Trump"}


def test_speaker_summary_merges_a_surname_with_the_full_name_across_articles():
    docs = [Doc("t1", "Trump said the wall would be built."), Doc("t2", "Donald Trump said taxes would fall.")]
    df = attributions_table(docs, registry=Registry([]))
    assert set(df.speaker) == {"Trump", "Donald Trump"}  # per article, each text names him as it does
    summary = speaker_summary(sources_table(df))
    assert summary.speaker.tolist() == ["Donald Trump"] and summary.attributions.tolist() == [2]


def test_passive_attributions_with_an_agent_or_a_place():
    """Issue 13/14: seed 001 "the Azerbaijani regime is sometimes criticized in the West for its authoritarian
    political system" (the corpus's only critical voice) and "he was told by the minister" (written)."""
    text = ("While the Azerbaijani regime is sometimes criticized in the West for its authoritarian political "
            "system, it was the first parliamentary democracy in the Muslim world. "
            "He was told by the minister that the talks had failed. The remark was said to be a joke.")
    west, told = extract(text, registry=Registry([]))
    assert (west.quote, west.speaker_mention, west.cue, west.rule) == (
        "its authoritarian political system", "the West", "criticized", "passive-be")
    assert west.anonymous and west.vague and west.cue_class == "evaluative"
    assert (told.quote, told.speaker_mention, told.rule) == ("that the talks had failed", "the minister", "passive-be")
    assert not told.vague


def test_vague_document_sources_are_their_own_kind():
    """Issue 13, seed 004: "reports of various international organizations", "foreign journalists of
    authoritative western newspapers" - one attribution per source, the vague ones flagged."""
    text = ("Information of the facts of violence against Azerbaijanis was reflected not only in the reports of the "
            "Azerbaijani side, but also in the reports of various international organizations, including in the "
            "reports of foreign journalists of authoritative western newspapers.")
    atts = extract(text, registry=Registry([]))
    assert [a.speaker_mention for a in atts] == ["the Azerbaijani side", "various international organizations",
                                                 "foreign journalists of authoritative western newspapers"]
    assert {a.quote for a in atts} == {"Information of the facts of violence against Azerbaijanis"}
    assert [a.vague for a in atts] == [False, True, True]
    assert atts[1].speaker_rule == "anonymous:vague" and atts[0].speaker_side == "azerbaijan"
    r = sourcing_ratios(attributions_table([Doc("v", text)], registry=Registry([])), [Doc("v", text)]).iloc[0]
    assert r.vague_sources == 2 and r.attributions == 3


def test_headline_attribution_by_a_capital():
    """Issue 14: headline attributions ("…, Baku says", seed 001's headline) once the headline is the text's
    first paragraph (analysis.text / importers contract); a capital stands for its government."""
    text = ('Israel, Azerbaijan are "strategic partners," Baku says\n\nThe two countries signed a deal. '
            "The Kremlin said the talks had failed.")
    baku, kremlin = extract(text, registry=Registry([]))
    assert (baku.speaker, baku.speaker_role, baku.speaker_side, baku.cue) == ("Baku", "government", "azerbaijan", "says")
    assert baku.quote == 'Israel, Azerbaijan are "strategic partners,"'
    assert (kremlin.speaker, kremlin.speaker_side) == ("Kremlin", "russia")


def test_pronouns_agree_with_the_gender_the_text_states():
    """Issue 14: "she" skips a more recent speaker the text calls a spokesman; with no evidence either way the
    most recent speaker is kept, and a pronoun no speaker agrees with stays unresolved, not guessed."""
    text = ("Congresswoman Maria Lopez said the bill was dead. Senator John Park, a spokesman for the farmers, "
            "said it would pass. She added that the vote would be close.")
    atts = extract(text, registry=Registry([]))
    she = _by_quote(atts, "vote would be close")
    assert she.speaker == "Maria Lopez" and she.speaker_mention == "She"
    assert _by_quote(atts, "bill was dead").speaker == "Maria Lopez"  # "Congresswoman" is a title, not a name
    lone = extract("Mr. John Park said it would pass. She added that the vote would be close.", registry=Registry([]))
    assert _by_quote(lone, "vote would be close").speaker == ""
    plain = extract("Chris Lee said it would pass. She added that the vote would be close.", registry=Registry([]))
    assert _by_quote(plain, "vote would be close").speaker == "Chris Lee"


# --- held-out floors: text the rules were not written on ---------------------------------------------------------

def _score(docs, gold):
    from analysis.evaluate import evaluate_attributions

    pred = attributions_table(docs, registry=Registry([]))
    return evaluate_attributions(pred, gold).set_index("threshold")


def test_heldout_floor():
    """tests/gold/heldout: five texts written and annotated (README there) before the extractor saw them.
    Measured blind 2026-11-30: P 1.00, R 0.83, F1 0.91, speaker 1.00 at overlap 0.3 (0.97 after fixing three
    error classes seen there, docs/sources.md); the floor is the blind figure, with a little room."""
    from analysis.evaluate import load_gold

    folder = Path(__file__).parent / "gold" / "heldout"
    docs = [Doc(p.name, clean(p.read_text(encoding="utf-8")).text) for p in sorted(folder.glob("*.txt"))]
    gold = load_gold(folder.parent / "heldout.csv")
    gold = gold.assign(article_id=gold["source"])
    s = _score(docs, gold).loc[0.3]
    assert s.precision >= 0.95 and s.recall >= 0.8 and s.f1 >= 0.88, s.to_dict()
    assert s.speaker_accuracy >= 0.95 and s.cue_accuracy >= 0.95, s.to_dict()


def test_polnear_dev_floor(tmp_path):
    """PolNeAR dev (../shared, read at run time, never copied), speech attributions at overlap 0.3 with the
    project's scorer.  Measured 2026-11-30: F1 0.850, speaker 0.973, cue 0.973; 2026-12-03 after the error-class
    batches of issue 14: F1 0.861, speaker 0.988, cue 0.984; after the twelfth batch: F1 0.863, speaker 0.988, cue
    0.984 (scripts/eval_polnear.py)."""
    import os
    import subprocess
    import sys

    dev = paths.POLNEAR / "data" / "dev"
    scorer = paths.SHARED / "tools" / "score_attributions.py"
    if not dev.is_dir() or not scorer.is_file():
        if os.environ.get("FRAMING_REQUIRE_SEEDS") == "1":
            pytest.fail(f"PolNeAR dev or its scorer not found under {paths.SHARED}")
        pytest.skip(f"PolNeAR dev not found under {paths.SHARED} (set FRAMING_SHARED): held-out floor NOT checked")
    out = tmp_path / "polnear_dev"
    script = Path(__file__).parent.parent / "scripts" / "eval_polnear.py"
    res = subprocess.run([sys.executable, str(script), "--split", "dev", "--out", str(out)], capture_output=True,
                         text=True, check=True, env={**os.environ, "FRAMING_SHARED": str(paths.SHARED)})
    speech = res.stdout.split("speech-only", 1)[1]
    line = next(ln for ln in speech.splitlines() if ln.startswith("overlap>=0.3"))
    nums = dict(zip(("P", "R", "F1", "speaker", "cue"),
                    (float(x) for x in __import__("re").findall(r"(?:P|R|F1|speaker|cue) ([\d.]+)", line))))
    assert nums["F1"] >= 0.862 and nums["speaker"] >= 0.98 and nums["cue"] >= 0.98, line


def test_job_titles_recipients_and_bodies_as_speakers():
    """Sentences written for the held-out gold (tests/gold/heldout/h02_port.txt): a lower-case job title before
    a name, an association as speaker, a recipient before an infinitive."""
    text = ('"Nobody wants this strike to go on," union president Marta Kowalski told a rally outside the gates. '
            'The employers association said in a statement that its latest offer was "fair and final." '
            "Transport Minister Paul Weber urged both sides to return to mediation.")
    atts = extract(text, registry=Registry([]))
    assert _by_quote(atts, "Nobody wants").speaker == "Marta Kowalski"
    assoc = _by_quote(atts, "latest offer")
    assert assoc.speaker_mention == "The employers association" and assoc.kind == "mixed"
    weber = _by_quote(atts, "return to mediation")
    assert (weber.speaker, weber.cue) == ("Paul Weber", "urged")
