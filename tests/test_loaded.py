"""Tests of analysis.loaded: lexicon loading and validation, matching rules, evidence rows,
rates and KWIC.  Texts are the seed articles (skipped when absent) and short sentences
written for these tests (tests/fixtures/loaded/)."""
from __future__ import annotations

import math
import os
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
    EXTRA_COLUMNS,
    evaluate,
    find_loaded,
    inflections,
    kwic,
    load_lexicon,
    loaded_rates,
    loaded_table,
    rate_column,
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
    assert [(h.text, h.entry, h.category) for h in hs] == [("smear campaign", "smear campaign", "emotive")]


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
    # hyphen_only entries: "cover-up" is loaded, "cover up" is not
    assert texts(find_loaded("They cover up the cover-up.", lexicon=lex)) == ["cover-up"]


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
    assert texts(find_loaded("counter terrorist units fight a terrorist state", lexicon=lex)) == ["terrorist state"]


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
    # scope crosses function words only, and stops at "but"; an absolute is never negated
    hs = find_loaded("It was never a pogrom, but the bloodbath came.", lexicon=lex)
    assert [(h.text, h.negated) for h in hs] == [("never", False), ("pogrom", True), ("bloodbath", False)]
    # a fixed phrase is not negated by its own words; a distant negator does not scope over a hit
    hs = find_loaded("Not a single report. They did not say whether the heinous attack was planned.", lexicon=lex)
    assert [(h.text, h.negated) for h in hs] == [("Not a single", False), ("heinous", False)]


def test_negation_test_set_precision(lex):
    """The negation flag on a test set written for this project (tests/fixtures/loaded/negation.csv).

    Measured: see docs/loaded.md (precision 1.00, recall 0.82 when written); the floor leaves room
    for rule changes but not for a flag that fires on fixed phrases or distant negators.
    """
    import csv

    tp = fp = fn = tn = 0
    with open(FIX / "negation.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) >= 30
    for r in rows:
        hs = [h for h in find_loaded(r["sentence"], lexicon=lex) if h.text.casefold() == r["hit"].casefold()]
        assert len(hs) == 1, r
        want, got = r["negated"] == "true", hs[0].negated
        tp += want and got
        fp += got and not want
        fn += want and not got
        tn += not want and not got
    assert tp / (tp + fp) >= 0.9
    assert tp / (tp + fn) >= 0.75


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
    df = loaded_table([a], lexicon=lex, quoted_spans=spans, model=None)
    assert list(df.columns[: len(HIT_COLUMNS)]) == HIT_COLUMNS
    assert list(df.columns[len(HIT_COLUMNS):]) == EXTRA_COLUMNS
    assert set(df["method"]) == {"lexicon"}
    assert list(df["text"]) == ["regime", "brutal", "so-called", "sham", "baseless", "lies", "Nobody"]
    assert list(df["category"]) == ["delegitimising", "violence-atrocity", "delegitimising", "emotive",
                                    "doubt", "doubt", "absolutes"]
    assert list(df["measure"]) == ["loaded"] * 6 + ["certainty"]
    assert list(df["voice"]) == ["author"] * 4 + ["quoted"] * 2 + ["author"]
    assert list(df["sentence"]) == [0, 0, 1, 1, 2, 2, 3]
    for r in df.itertuples():
        assert a.text[r.start:r.end] == r.text
    assert df["lexicon"].iloc[0] == "general.yaml@1.1"


def test_loaded_rates_by_hand(lex, fixture_article):
    a = fixture_article
    q0 = a.text.index('"') + 1
    hits = loaded_table([a, Art("empty", "Nothing loaded here at all.")], lexicon=lex,
                        quoted_spans={"fx1": [(q0, a.text.index('"', q0))]}, model=None)
    hits = hits[hits["article_id"] == "fx1"]
    rates = loaded_rates(hits, [a, Art("calm", "A calm report on the weather.")]).set_index("article_id")
    # 23 words: The regime launched a brutal campaign (6) Critics called the so-called reforms a sham (7)
    # These are baseless lies the minister said (7) Nobody believed him (3); 7 hits: 6 loaded
    # (regime, so-called: delegitimising; brutal; sham; baseless, lies: doubt, quoted) and 1 certainty (Nobody)
    r = rates.loc["fx1"]
    assert r["words"] == 23 and r["loaded_hits"] == 6 and r["certainty_hits"] == 1
    assert math.isclose(r["loaded_per_1000"], 6000 / 23)
    assert math.isclose(r["certainty_per_1000"], 1000 / 23)
    assert math.isclose(r["certainty_per_1000_absolutes"], 1000 / 23)
    assert math.isclose(r["loaded_per_1000_doubt"], 2000 / 23)
    assert math.isclose(r["loaded_per_1000_delegitimising"], 2000 / 23)
    assert r["loaded_per_1000_name_calling"] == 0.0
    assert math.isclose(r["loaded_per_1000_quoted"], 2000 / 23)
    assert math.isclose(r["loaded_per_1000_author"], 4000 / 23)
    assert math.isclose(r["loaded_per_1000_lexicon"], 6000 / 23) and r["loaded_per_1000_model"] == 0.0
    # absolutes and boosters are their own measure, never inside loaded_per_1000
    assert "loaded_per_1000_absolutes" not in rates.columns and "loaded_per_1000_boosters" not in rates.columns
    for c in CATEGORIES:
        assert rate_column(c) in rates.columns
    # no category is named like a measure
    assert not {"loaded", "certainty"} & set(CATEGORIES)
    calm = rates.loc["calm"]
    assert calm["words"] == 6 and calm["loaded_hits"] == 0 and calm["loaded_per_1000"] == 0.0


def test_empty_inputs(lex):
    df = loaded_table([], lexicon=lex, model=None)
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
    assert ("so-called", "delegitimising") in found
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

    df = loaded_table(load_corpus(folder), lexicon=lex, model=None)
    assert sorted(zip(df["text"], df["category"])) == [
        ("Nobody", "absolutes"), ("disgrace", "emotive"),
        ("never", "absolutes"), ("reckless", "emotive"),
    ]


def test_hit_context_shows_exactly_the_counted_evidence_rows(lex):
    """Context comes from the evidence rows, so a notebook's counts and its KWIC lines agree."""
    text = ("The occupation army left. Troops of the occupation army returned to the liberated town, "
            "which had been occupied for years.")  # written for this test
    a = Art("x", text)
    hits = loaded_table([a], lexicon=lex, model=None)
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


# ------------------------------------------------------------------ model, targets, candidates


def test_model_file_has_provenance_and_loads_offline():
    from analysis.loaded.model import MODEL_FILE, read_model

    m = read_model(MODEL_FILE)
    for k in ("name", "version", "date", "source", "licence", "card"):
        assert m.info.get(k), k
    assert 0.0 < m.threshold < 1.0 and len(m.weights) > 20
    # the test split was scored once and its figures are recorded with the model
    assert m.info["metrics"]["test"]["lexicon+model"]["word"]["f1"] > 0


def test_model_hits_are_evidence_rows_with_score_and_features(general):
    """Written for this test: 'heinous' is a lexicon entry, 'scathing' and 'idiotic' are not."""
    text = "Critics called the heinous decision idiotic. The council's scathing report was debated on Tuesday."
    hs = find_loaded(text, lexicon=general, model="bundled")
    by_text = {h.text: h for h in hs}
    assert by_text["heinous"].method == "lexicon" and by_text["heinous"].entry == "heinous"
    assert by_text["heinous"].lexicon.startswith("general.yaml@")
    model_hits = [h for h in hs if h.method == "model"]
    assert {"idiotic", "scathing"} <= {h.text for h in model_hits}
    for h in model_hits:
        assert text[h.start:h.end] == h.text
        assert 0.0 < h.score <= 1.0 and h.features and h.lexicon.startswith("loaded-words@")
        assert h.measure == "loaded" and h.entry == f"(model) {h.text.lower()}"
    # plain reporting is not flagged
    assert [h for h in find_loaded("The council met on Tuesday and voted on the budget.", lexicon=general,
                                   model="bundled")] == []
    # no model: lexicon only
    assert all(h.method == "lexicon" for h in find_loaded(text, lexicon=general, model=None))


def test_model_is_deterministic_and_explains(general):
    from analysis.loaded.model import load_model

    m = load_model()
    text = "The senator delivered a scathing, petty rebuke."
    a = [(h.start, h.end, h.score, h.features) for h in find_loaded(text, lexicon=general, model=m)
         if h.method == "model"]
    b = [(h.start, h.end, h.score, h.features) for h in find_loaded(text, lexicon=general, model=m)
         if h.method == "model"]
    assert a == b and a
    assert all("=" in f for _, _, _, f in a)


def test_bad_model_file_is_one_line_error(tmp_path):
    from analysis.loaded.model import read_model

    p = tmp_path / "m.json"
    p.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="m.json"):
        read_model(p)
    p.write_text('{"name": "x"}', encoding="utf-8")
    with pytest.raises(InputError, match="missing"):
        read_model(p)


def test_targets(lex):
    """The actor a hit aims at: the nearest name in the clause, else the noun it modifies (sentences written here)."""
    hs = find_loaded("Armenia's occupation army left the town.", lexicon=lex)
    assert [(h.text, h.target) for h in hs] == [("occupation army", "Armenia")]
    hs = find_loaded("They condemned the heinous attack on the village.", lexicon=lex)
    assert [(h.text, h.target) for h in hs] == [("heinous", "attack")]
    hs = find_loaded("Critics say the so-called reforms of President Aliyev failed.", lexicon=lex)
    assert [(h.text, h.target) for h in hs] == [("so-called", "President Aliyev")]
    # a capitalised word that only starts the sentence is not a name; nothing in reach gives ""
    hs = find_loaded("Nobody came.", lexicon=lex)
    assert [(h.text, h.target) for h in hs] == [("Nobody", "")]


def test_candidate_terms_from_model_hits(general, tmp_path):
    from analysis.loaded import candidate_kwic, candidate_terms, lexicon_yaml

    texts = {"a": "The plan was idiotic. An idiotic vote followed.", "b": "Another idiotic twist came."}
    hits = loaded_table([Art(k, v) for k, v in texts.items()], lexicon=general, model="bundled")
    cands = candidate_terms(hits, texts)
    row = cands.set_index("term").loc["idiotic"]
    assert row["hits"] == 3 and row["articles"] == 2
    assert row["match"] == "idiotic" and row["left"] == "The plan was "
    assert len(candidate_kwic(hits, texts, "Idiotic")) == 3
    # accepted terms become a corpus lexicon that loads and then fires as a lexicon entry
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "accepted.yaml").write_text(lexicon_yaml(["idiotic"]), encoding="utf-8")
    lx = load_lexicon(corpus=tmp_path)
    h = find_loaded("An idiotic vote.", lexicon=lx, model=None)
    assert [(x.text, x.entry, x.lexicon) for x in h] == [("idiotic", "idiotic", "accepted.yaml@1")]


def test_cue_classes_have_provenance_and_no_duplicates():
    import yaml

    from analysis.loaded.features import CUE_FILE

    data = yaml.safe_load(CUE_FILE.read_text(encoding="utf-8"))
    for k in ("name", "version", "date", "source", "licence"):
        assert data[k]
    for name, spec in data["classes"].items():
        assert len(spec["words"]) == len(set(spec["words"])), name


def test_heldout_dev_set_floor():
    """Our own annotations of PolNeAR train sentences (tests/gold/loaded_dev_*.csv); the test split is held out.

    Measured when the model was trained (docs/loaded.md): word F1 0.37 for lexicon + model against 0.27
    for the lexicon alone.  Skips loudly without ../shared (the texts are not in the repository).
    """
    from analysis.loaded.devset import read_devset
    from analysis.loaded.model import load_model
    from analysis.loaded.train import score

    try:
        test = read_devset(split="test")
    except FileNotFoundError as exc:
        if os.environ.get("FRAMING_REQUIRE_SEEDS"):
            raise
        pytest.skip(f"development set texts not available: {exc}")
    assert len(test) >= 200
    both = score(test, load_model(), load_lexicon())
    lex_only = score(test, None, load_lexicon())
    assert both["word"]["f1"] >= 0.33
    assert both["word"]["f1"] > lex_only["word"]["f1"]
    assert both["sentence"]["macro_f1"] >= 0.6


def test_words_of_a_part_are_word_spans_of_that_part(corpus):
    """The article's words found once (analysis.loaded.words) give, for any sentence, clause or cut
    inside a word, exactly what word_spans of the part alone gives; lower-cased forms as word by word."""
    from analysis.loaded.words import Words
    from analysis.text import word_spans

    texts = [a.text for a in corpus]
    texts.append("ΟΔΟΣ.Α and İstanbul’s well-known 3.5% rise; “brutal” (HEINOUS) acts.")
    for text in texts:
        w = Words(text)
        cuts = [(s.start, s.end) for s in sentences(text)] + [(0, len(text)), (3, 17), (5, 6), (7, 7)]
        cuts += [(k, k + 40) for k in range(0, len(text), 37)]  # edges inside words: the fallback
        for a, b in cuts:
            assert w.spans_in(a, b) == [(a + x, a + y) for x, y in word_spans(text[a:b])], (a, b)
        assert w.lows == [text[a:b].replace("’", "'").lower() for a, b in w.spans]
    assert Words("well-known").range(0, 4) is None  # "well-known" crosses offset 4


@pytest.mark.parametrize("pattern, literals", [
    # the longest required run
    (r"raz(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}to\s+the\s+ground", {"ground"}),
    (r"(?:worst|best)\s+ever", {"worst", "best"}),  # an alternation: one of its branches
    (r"colou?r", {"colo"}),  # an optional letter ends the run
    (r"(?:a|bc)?x", {"x"}),  # an optional group: only the last letter is required
    (r"[a-z]+ly", {"ly"}),
    (r"\w+(?=ground)", None),  # a look-ahead is not part of the match: nothing required
])
def test_required_literals_of_a_pattern(pattern, literals):
    from analysis.loaded.prefilter import required_literals

    got = required_literals(pattern)
    assert (set(got) if got else None) == literals


def test_ascii_twins_are_every_non_ascii_character_ignorecase_matches_to_ascii():
    import re

    from analysis.loaded.prefilter import ASCII_TWINS

    others = "".join(chr(c) for c in range(128, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert set(re.findall(r"[\x00-\x7f]", others, re.IGNORECASE)) == set(ASCII_TWINS)


def test_pattern_prefilter_changes_no_match(lex, corpus):
    """Skipping patterns on texts without their literals gives the same matches on the seeds and on texts
    where the literal is capitalised or spelt with a character that IGNORECASE matches to ASCII (ſ)."""
    m = lex.matcher
    texts = [a.text for a in corpus] + [
        "They RAZED the old town to the GROUND and reduced it to rubble.", "The raſed city was razed to the grounds.",
        "Wiped out, WIPED them off the map; the pseudo-state and the worst ever crisis.", "Nothing here."]
    kept = m.prefilters
    try:
        with_filter = [m.match(t) for t in texts]
        m.prefilters = [type("Always", (), {"may_match": staticmethod(lambda *a: True)})() for _ in kept]
        without = [m.match(t) for t in texts]
    finally:
        m.prefilters = kept
    assert with_filter == without
    assert any(e.pattern for t in with_filter for _, _, e in t)  # the patterns did fire
