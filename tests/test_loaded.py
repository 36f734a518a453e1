"""Tests of analysis.loaded: lexicon loading and validation, matching rules, evidence rows,
rates and KWIC.  Texts are the seed articles (skipped when absent) and short sentences
written for these tests (tests/fixtures/loaded/)."""
from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from analysis import paths
from analysis.errors import InputError
from analysis.loaded import (
    CATEGORIES,
    category_label,
    hit_context,
    top_entries,
    HIT_COLUMNS,
    evaluate,
    find_loaded,
    inflections,
    kwic,
    load_lexicon,
    loaded_rates,
    loaded_table,
)
from analysis.text import clean, sentences

FIX = Path(__file__).parent / "fixtures" / "loaded"
GOLD = Path(__file__).parent / "gold" / "loaded_terms.csv"


@dataclass
class Art:
    """A stand-in for analysis.corpus.Article (id, cleaned text, sentences, meta)."""

    id: str
    text: str
    meta: dict | None = None

    @property
    def sentences(self):
        return sentences(self.text)


@pytest.fixture(scope="module")
def lex():
    """The general lexicon plus the bundled corpus's topic lexicon (corpus/lexicons/)."""
    return load_lexicon(corpus=paths.CORPUS)


@pytest.fixture(scope="module")
def general():
    """The default: the general lexicon only."""
    return load_lexicon()


@pytest.fixture(scope="module")
def user_lex():
    return load_lexicon([FIX / "user.yaml"])


def texts(hits):
    return [h.text for h in hits]


def write(tmp_path, body: str, header: str | None = None) -> Path:
    header = header if header is not None else (
        'name: t\nversion: "1"\ndate: "2026-11-22"\nsource: tests\nlicence: CC0\ndescription: test\n'
    )
    p = tmp_path / "lex.yaml"
    p.write_text(header + body, encoding="utf-8")
    return p


# ------------------------------------------------------------------ default lexicon


def test_default_lexicon_covers_every_category_with_provenance(lex):
    counts = lex.by_category()
    assert set(counts) == set(CATEGORIES) == set(lex.categories)
    assert all(n >= 10 for n in counts.values()), counts
    assert sum(counts.values()) >= 500
    names = {f.name for f in lex.files}
    assert {"general", "conflict-azerbaijan-armenia"} <= names
    for f in lex.files:
        assert f.version and f.source and f.licence and f.date
    assert all(e.file is not None and e.line for e in lex.entries)


# ------------------------------------------------------------------ matching rules


def test_phrase_and_single_word(lex):
    hs = find_loaded("They ran a smear campaign against the minister.", lexicon=lex)
    assert [(h.text, h.entry, h.category) for h in hs] == [("smear campaign", "smear campaign", "loaded-language")]


def test_inflections(lex):
    hs = find_loaded("Villagers were massacred; the massacres continued and they kept massacring.", lexicon=lex)
    assert texts(hs) == ["massacred", "massacres", "massacring"]
    assert {h.entry for h in hs} == {"massacre"}
    assert {"terrible", "terribly"} <= inflections("terrible", ["adj"])
    assert {"ratted", "ratting"} <= inflections("rat", ["verb"])
    assert "rated" not in inflections("rat", ["verb"])  # no collision with an unrelated word
    assert {"parties", "carried"} <= inflections("party", ["noun"]) | inflections("carry", ["verb"])


def test_hyphen_and_space_variants(user_lex, lex):
    hs = find_loaded("A peace-loving people. A peace loving people. The so called experts.", lexicon=user_lex)
    assert texts(hs) == ["peace-loving", "peace loving", "so called"]
    # hyphen_only entries: "would-be" is loaded, "would be" is not
    assert texts(find_loaded("It would be the would-be king.", lexicon=lex)) == ["would-be"]


def test_word_boundaries_never_inside_words(user_lex):
    text = "A warm wind blew toward the software firm; anti-war marchers and war-torn towns. Warés. War."
    hs = find_loaded(text, lexicon=user_lex)
    assert texts(hs) == ["War"]
    assert hs[0].start == text.rindex("War")


def test_topic_lexicons_are_opt_in(general, lex, tmp_path):
    """Only the general lexicon runs by default: a corpus without a lexicons/ folder gets no conflict framing."""
    assert [f.name for f in general.files] == ["general"]
    assert texts(find_loaded("His occupation is teacher.", lexicon=general)) == []
    assert "conflict-azerbaijan-armenia" in [f.name for f in lex.files]
    # a corpus folder with lexicons/ brings its own, after the general lexicon
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "topic.yaml").write_text(
        "name: topic\nversion: '1'\ndate: '2026-11-30'\nsource: test\nlicence: MIT\ndescription: test\n"
        "entries:\n  - {term: occupation, category: conflict-framing}\n", encoding="utf-8")
    topic = load_lexicon(corpus=tmp_path)
    assert [f.name for f in topic.files] == ["general", "topic"]
    assert texts(find_loaded("His occupation is teacher.", lexicon=topic)) == ["occupation"]


def test_case_insensitive_and_case_sensitive(lex):
    assert texts(find_loaded("THE REGIME fell.", lexicon=lex)) == ["REGIME"]
    # case_sensitive entry of the conflict lexicon
    assert texts(find_loaded("the Great Return programme", lexicon=lex)) == ["Great Return"]
    assert texts(find_loaded("a great return on investment", lexicon=lex)) == []
    # a capitalised lower-case entry in mid-sentence is a name (Defence Minister Yoav Gallant)
    assert texts(find_loaded("Defense Minister Yoav Gallant said. Gallant troops.", lexicon=lex)) == ["Gallant"]


def test_apostrophes_and_possessives(user_lex, lex):
    hs = find_loaded("The regime’s men and the regime's allies.", lexicon=user_lex)
    assert texts(hs) == ["regime", "regime"]
    assert texts(find_loaded("Nobody’s fault; no one’s fault.", lexicon=lex)) == ["Nobody", "no one"]


def test_exceptions_and_neutral_entries(user_lex, lex):
    assert texts(find_loaded("The visa regime changed; the regime did not.", lexicon=user_lex)) == ["regime"]
    # neutral "Second Karabakh War" claims its span, so the user entry "war" does not fire inside it
    hs = find_loaded("During the Second Karabakh War the war spread.", lexicon=user_lex)
    assert texts(hs) == ["war"]
    # counter-terrorism is an exception of "terrorism" (hyphen and space variants both)
    assert texts(find_loaded("counter terrorism units fight terrorism", lexicon=lex)) == ["terrorism"]


def test_exceptions_for_literal_senses(lex):
    text = ("The answer lies in the past, but he told lies about the war. We are supposed to meet; "
            "the supposed plan failed. She was admitted to hospital; he admitted the plot.")
    assert texts(find_loaded(text, lexicon=lex)) == ["lies", "supposed", "admitted"]
    hs = find_loaded(text, lexicon=lex)
    assert hs[0].start == text.index("lies about")


def test_overlap_keeps_longest(lex):
    text = "Armenia's occupation army left the occupied territories."
    hs = find_loaded(text, lexicon=lex)
    assert [(h.text, h.entry) for h in hs] == [
        ("occupation army", "occupation army"),
        ("occupied territories", "occupied territories"),
    ]
    for h in hs:
        assert text[h.start:h.end] == h.text


def test_pattern_entry(lex):
    text = "They wiped Aghdam, Fuzuli and Zangilan off the map."
    hs = find_loaded(text, lexicon=lex)
    assert len(hs) == 1 and hs[0].category == "violence-atrocity"
    assert hs[0].text == "wiped Aghdam, Fuzuli and Zangilan off the map"


def test_voice_and_sentence(lex):
    text = 'The regime lied. "It is a sham," she said.'
    q0 = text.index('"') + 1
    q1 = text.index('"', q0)
    hs = find_loaded(text, lexicon=lex, quoted_spans=[(q0, q1)])
    assert [(h.text, h.voice, h.sentence) for h in hs] == [("regime", "author", 0), ("sham", "quoted", 1)]
    assert all(h.voice == "author" for h in find_loaded(text, lexicon=lex))


def test_negation_flag(lex):
    hs = find_loaded("There was never a massacre there. The massacre was filmed.", lexicon=lex)
    assert [(h.text, h.negated) for h in hs if h.entry == "massacre"] == [("massacre", True), ("massacre", False)]
    # scope runs over a list within the clause, and stops at "but"
    hs = find_loaded("They have never faced insults, pogroms or threats, but the bloodbath came.", lexicon=lex)
    assert [(h.text, h.negated) for h in hs] == [("never", False), ("pogroms", True), ("bloodbath", False)]


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    "body, expect",
    [
        ("entries:\n  - {term: x, category: nonsense}\n", "unknown category 'nonsense'"),
        ("entries:\n  - {term: '  ', category: doubt}\n", "empty term"),
        ("entries:\n  - {pattern: 'foo(', category: doubt}\n", "bad regular expression"),
        ("entries:\n  - {term: sham, category: doubt}\n  - {term: Sham, category: doubt}\n", "duplicate of entry 1"),
        ("entries:\n  - {term: 5, category: doubt}\n", "'term' must be text"),
        ("entries:\n  - {term: x, category: doubt, forms: 5}\n", "'forms' must be a list"),
        ("entries:\n  - {term: x, category: doubt, note: [a]}\n", "'note' must be text"),
        ("entries:\n  - {term: x, category: doubt, colour: red}\n", "unknown field(s) colour"),
        ("entries:\n  - {term: x}\n", "missing 'category'"),
        ("entries:\n  - {term: x, pattern: y, category: doubt}\n", "exactly one of 'term' or 'pattern'"),
        ("entries: []\n", "non-empty list"),
        ("entries:\n  - [x]\n", "must be a mapping"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path, body, expect):
    p = write(tmp_path, body)
    with pytest.raises(InputError) as ei:
        load_lexicon([p], include_default=False)
    msg = str(ei.value)
    assert str(p) in msg and expect in msg
    if "entry" in expect or "entries:\n  -" in body:
        assert "entry" in msg or "entries" in msg
    assert "\n" not in msg


def test_validation_missing_header_and_bad_yaml(tmp_path):
    p = write(tmp_path, "entries:\n  - {term: x, category: doubt}\n", header='name: t\nversion: "1"\n')
    with pytest.raises(InputError, match=r"missing date, source, licence, description"):
        load_lexicon([p], include_default=False)
    p.write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"not valid YAML at line"):
        load_lexicon([p], include_default=False)
    with pytest.raises(InputError, match="not found"):
        load_lexicon([tmp_path / "nope.yaml"])


def test_validation_error_gives_line_number():
    with pytest.raises(InputError) as ei:
        load_lexicon([FIX / "bad_entry_type.yaml"], include_default=False)
    assert "bad_entry_type.yaml: entry 2 (line 9), term 'broken': 'inflect' must be" in str(ei.value)


# ------------------------------------------------------------------ precedence


def test_user_file_overrides_and_disables(lex, user_lex):
    default = lex.find("regime")
    user = user_lex.find("regime")
    assert default.file.name == "general" and user.file.name == "test-user"
    assert user.note == "user note wins"
    assert sum(1 for e in user_lex.entries if e.term == "regime") == 1
    # the user's "regime" has only one exception, so "sanctions regime" now counts
    assert texts(find_loaded("the sanctions regime", lexicon=lex)) == []
    assert texts(find_loaded("the sanctions regime", lexicon=user_lex)) == ["regime"]
    # disabled default entry
    assert texts(find_loaded("It is clearly wrong.", lexicon=lex)) == ["clearly"]
    assert texts(find_loaded("It is clearly wrong.", lexicon=user_lex)) == []
    hit = find_loaded("the regime", lexicon=user_lex)[0]
    assert hit.lexicon == "user.yaml@0.1"


# ------------------------------------------------------------------ tables and rates


@pytest.fixture(scope="module")
def fixture_article():
    return Art("fx1", (FIX / "article.txt").read_text(encoding="utf-8").strip())


def test_loaded_table_columns_and_rows(lex, fixture_article):
    a = fixture_article
    q0 = a.text.index('"') + 1
    spans = {"fx1": [(q0, a.text.index('"', q0))]}
    df = loaded_table([a], lexicon=lex, quoted_spans=spans)
    assert list(df.columns[: len(HIT_COLUMNS)]) == HIT_COLUMNS
    assert list(df.columns[len(HIT_COLUMNS):]) == ["lexicon", "note", "negated"]
    assert list(df["text"]) == ["regime", "brutal", "so-called", "sham", "baseless", "lies", "Nobody"]
    assert list(df["category"]) == ["name-calling", "violence-atrocity", "doubt", "loaded-language",
                                    "doubt", "doubt", "absolutes"]
    assert list(df["voice"]) == ["author"] * 4 + ["quoted"] * 2 + ["author"]
    assert list(df["sentence"]) == [0, 0, 1, 1, 2, 2, 3]
    for r in df.itertuples():
        assert a.text[r.start:r.end] == r.text
    assert df["lexicon"].iloc[0] == "general.yaml@1.0"


def test_loaded_rates_by_hand(lex, fixture_article):
    a = fixture_article
    q0 = a.text.index('"') + 1
    hits = loaded_table([a, Art("empty", "Nothing loaded here at all.")], lexicon=lex,
                        quoted_spans={"fx1": [(q0, a.text.index('"', q0))]})
    hits = hits[hits["article_id"] == "fx1"]
    rates = loaded_rates(hits, [a, Art("calm", "A calm report on the weather.")]).set_index("article_id")
    # 23 words: The regime launched a brutal campaign (6) Critics called the so-called reforms a sham (7)
    # These are baseless lies the minister said (7) Nobody believed him (3); 7 hits, 3 doubt, 2 quoted
    r = rates.loc["fx1"]
    assert r["words"] == 23 and r["loaded_hits"] == 7
    assert math.isclose(r["loaded_per_1000"], 7000 / 23)
    assert math.isclose(r["loaded_per_1000_doubt"], 3000 / 23)
    assert math.isclose(r["loaded_per_1000_name_calling"], 1000 / 23)
    assert r["loaded_per_1000_glorification"] == 0.0
    assert math.isclose(r["loaded_per_1000_quoted"], 2000 / 23)
    assert math.isclose(r["loaded_per_1000_author"], 5000 / 23)
    for c in CATEGORIES:
        assert "loaded_per_1000_" + c.replace("-", "_") in rates.columns
    calm = rates.loc["calm"]
    assert calm["words"] == 6 and calm["loaded_hits"] == 0 and calm["loaded_per_1000"] == 0.0


def test_empty_inputs(lex):
    df = loaded_table([], lexicon=lex)
    assert list(df.columns[:8]) == HIT_COLUMNS and len(df) == 0
    assert len(loaded_rates(df, [])) == 0


# ------------------------------------------------------------------ KWIC


def test_kwic_literal_and_lexicon_entry(lex):
    a = Art("k1", "First line.\nThe regime fell. A visa regime stays.\n\nThe Regimes of old.")
    df = kwic([a], "regime", width=10)
    assert list(df.columns) == ["article_id", "start", "end", "left", "match", "right", "sentence"]
    assert list(df["match"]) == ["regime", "regime"]  # literal: no inflection, word-bounded
    r = df.iloc[0]
    assert r["left"] == "line. The " and r["right"] == " fell. A v" and r["sentence"] == 1
    assert a.text[r["start"]:r["end"]] == "regime"
    # through the lexicon entry: inflections and exceptions apply
    df2 = kwic([a], "regime", width=10, lexicon=lex)
    assert list(df2["match"]) == ["regime", "Regimes"]
    df3 = kwic([a], "visa regime")
    assert list(df3["match"]) == ["visa regime"]
    with pytest.raises(InputError, match="no words to match|empty"):
        kwic([a], "  ")


# ------------------------------------------------------------------ seeds


@pytest.fixture(scope="module")
def seed_texts(seeds_dir):
    return {p.name[:3]: clean(p.read_text(encoding="utf-8")).text for p in sorted(seeds_dir.glob("*.txt"))}


def test_seed_hits(lex, seed_texts):
    h4 = find_loaded(seed_texts["004"], lexicon=lex)
    found = {(h.text, h.category) for h in h4}
    assert ("ethnic cleansing", "violence-atrocity") in found
    assert ("so-called", "doubt") in found
    assert ("liberated territories", "conflict-framing") in found
    # the neutral name of the war is never a hit
    assert not any("Karabakh War" in h.text for hs in map(lambda t: find_loaded(t, lexicon=lex), seed_texts.values())
                   for h in hs)
    h1 = find_loaded(seed_texts["001"], lexicon=lex)
    assert "Gallant" not in texts(h1)  # Defense Minister Yoav Gallant
    assert ("archrival", "name-calling") in {(h.text, h.category) for h in h1}
    h0 = find_loaded(seed_texts["000"], lexicon=lex)
    assert "occupation army" in texts(h0)


def test_seed_accuracy_floor(lex, seeds_dir):
    """Span-overlap precision/recall vs the independent gold (docs/loaded.md): measured 0.85 / 0.56."""
    res = evaluate(GOLD, seeds_dir, lexicon=lex)
    assert res["overall"]["precision"] >= 0.75
    assert res["overall"]["recall"] >= 0.48
    assert res["overall"]["f1"] >= 0.60
    assert res["category_agreement"] >= 0.65


def test_other_topic_corpus(lex):
    """The general lexicon on a different topic (tests/fixtures/other_topic: an invented council dispute)."""
    folder = Path(__file__).parent / "fixtures" / "other_topic"
    from analysis.corpus import load_corpus

    df = loaded_table(load_corpus(folder), lexicon=lex)
    assert sorted(zip(df["text"], df["category"])) == [
        ("Nobody", "absolutes"), ("disgrace", "loaded-language"),
        ("never", "absolutes"), ("reckless", "loaded-language"),
    ]


def test_hit_context_shows_exactly_the_counted_evidence_rows(lex):
    """Context comes from the evidence rows, so a notebook's counts and its KWIC lines agree."""
    text = ("The occupation army left. Troops of the occupation army returned to the liberated town, "
            "which had been occupied for years.")  # written for this test
    a = Art("x", text)
    hits = loaded_table([a], lexicon=lex)
    ctx = hit_context(hits, {"x": text}, width=12)
    assert len(ctx) == len(hits)
    for row in ctx.itertuples():
        assert text[row.start:row.end] == row.text
        assert row.left == text[max(0, row.start - 12):row.start]
    top = top_entries(hits)
    assert list(top.columns) == ["entry", "category", "hits", "articles", "as_written"]
    assert top["hits"].sum() == len(hits)
    assert top["hits"].is_monotonic_decreasing
    assert category_label("loaded_per_1000_name_calling") == "name-calling"
