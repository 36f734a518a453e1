"""The analysis pipeline on the bundled corpus: table contracts, offsets, atomic writes, an untouched corpus."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import pipeline
from analysis.cli import main
from analysis.pipeline import TABLE_FILES, analyze, load_tables

CONTRACT = {
    "articles": ["article_id", "title", "outlet", "author", "published", "url", "language", "genre", "source",
                 "words", "sentences", "sentiment_mean", "sentiment_sd", "share_positive", "share_neutral",
                 "share_negative", "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                 "dale_chall", "attributions", "anonymous_share", "quoted_word_share", "dominance",
                 "loaded_per_1000"],
    "sentences": ["article_id", "sentence", "start", "end", "text", "compound", "pos", "neu", "neg", "voice"],
    "attributions": ["article_id", "kind", "quote", "start", "end", "speaker", "speaker_mention", "speaker_role",
                     "speaker_side", "cue", "rule"],
    "sources": ["article_id", "speaker", "role", "side", "attributions", "quoted_words"],
    "loaded_terms": ["article_id", "text", "entry", "category", "start", "end", "sentence", "voice"],
    "cleaning": ["article_id", "kind", "raw_start", "raw_end", "text"],
    "metadata": ["article_id", "field", "value", "status", "evidence"],
    "actor_mentions": ["article_id", "actor", "alias", "start", "end", "sentence", "type", "side"],
    "passages": ["article_a", "article_b", "text", "a_start", "a_end", "b_start", "b_end", "words"],
    "portrayal": ["article_id", "actor", "alias", "start", "end", "sentence", "sentence_text", "label",
                  "probability"],
}


@pytest.fixture(scope="module")
def results(tmp_path_factory, corpus):
    out = tmp_path_factory.mktemp("results")
    analyze(corpus.path, out)
    return out


def test_every_table_is_written_with_its_contract_columns(results):
    tables = load_tables(results)
    for name, columns in CONTRACT.items():
        df = getattr(tables, name)
        assert set(columns) <= set(df.columns), (name, set(columns) - set(df.columns))
    for name in ("sentences", "attributions", "sources", "loaded_terms", "cleaning", "metadata", "actor_mentions",
                 "passages", "portrayal"):
        head = list(getattr(tables, name).columns[: len(CONTRACT[name])])
        assert head == CONTRACT[name], name
    assert len(tables.articles) == 5 and tables.articles["article_id"].is_unique


def test_offsets_in_every_evidence_table_slice_back_to_the_text(results):
    t = load_tables(results)
    for row in t.sentences.itertuples():
        assert t.texts[row.article_id][row.start:row.end] == row.text
    for row in t.loaded_terms.itertuples():
        assert t.texts[row.article_id][row.start:row.end] == row.text
    for row in t.attributions.itertuples():
        assert t.texts[row.article_id][row.start:row.end] == row.quote
    for row in t.actor_mentions.itertuples():
        assert t.texts[row.article_id][row.start:row.end] == row.alias
    for row in t.passages.itertuples():
        assert t.texts[row.article_a][row.a_start:row.a_end] == row.text
        assert t.texts[row.article_b][row.b_start:row.b_end] == row.b_text


def test_repeated_talking_point_is_an_evidence_row(results):
    """Seed 000 quotes Arye Gut saying what his op-ed (004) says: 'Common values and a common history permeate'."""
    t = load_tables(results)
    arts = t.articles.set_index("source")
    a, b = arts.loc["000_99aa82e7bf94305a.txt", "article_id"], arts.loc["004_f745c9f727d97c84.txt", "article_id"]
    pair = t.passages[(t.passages["article_a"] == min(a, b)) & (t.passages["article_b"] == max(a, b))]
    assert pair["text"].str.contains("cannot be explained by simple mutual interest").any()


def test_article_counts_agree_with_evidence_rows(results):
    t = load_tables(results)
    arts = t.articles.set_index("article_id")
    for measure in ("loaded", "certainty"):  # two measures, each counted from its own evidence rows
        per_article = t.loaded_terms[t.loaded_terms["measure"] == measure].groupby("article_id").size()
        for aid, n in per_article.items():
            assert arts.loc[aid, f"{measure}_hits"] == n
            assert arts.loc[aid, f"{measure}_per_1000"] == pytest.approx(1000 * n / arts.loc[aid, "words"], rel=1e-4)
    # rows of kind "unattributed" (a quotation no one is credited with) are evidence, not attributions
    attr_counts = t.attributions[t.attributions["kind"] != "unattributed"].groupby("article_id").size()
    for aid, n in attr_counts.items():
        assert arts.loc[aid, "attributions"] == n
    sent_counts = t.sentences.groupby("article_id").size()
    assert (arts.loc[sent_counts.index, "sentences"] == sent_counts).all()


def test_cleaning_table_records_seed_debris(results):
    t = load_tables(results)
    kinds = set(t.cleaning["kind"])
    assert {"widget", "masthead", "repeated-title", "byline", "signature", "footer", "blank"} <= kinds
    assert "title" not in kinds  # headlines are analysed (the first paragraph of the text), not removed


def test_voice_split_of_sentiment_covers_every_sentence(results):
    t = load_tables(results)
    arts = t.articles.set_index("article_id")
    assert set(t.sentences["voice"]) <= {"author", "quoted"}
    assert ((arts["sentences_author"] + arts["sentences_quoted"]) == arts["sentences"]).all()
    # the interview-based seed 000 is mostly quoted speech
    seed000 = arts[arts["source"] == "000_99aa82e7bf94305a.txt"].iloc[0]
    assert seed000["sentences_quoted"] > seed000["sentences_author"]


def test_analysis_never_modifies_the_corpus(corpus_copy, tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_copy.rglob("*") if p.is_file()}
    analyze(corpus_copy, tmp_path / "r")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in corpus_copy.rglob("*") if p.is_file()}
    assert before == after


def test_failure_leaves_previous_results_whole(corpus, tmp_path, monkeypatch):
    out = tmp_path / "r"
    analyze(corpus.path, out)
    before = {p.name: p.read_bytes() for p in out.glob("*.csv")}

    real = pipeline.csv_bytes
    calls = {"n": 0}

    def failing(df, **kw):
        calls["n"] += 1
        if calls["n"] == 4:  # fail half-way through writing the tables
            raise OSError("disk full")
        return real(df, **kw)

    monkeypatch.setattr(pipeline, "csv_bytes", failing)
    with pytest.raises(OSError, match="disk full"):
        analyze(corpus.path, out)
    assert {p.name: p.read_bytes() for p in out.glob("*.csv")} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folder left behind"


def test_refuses_to_replace_a_folder_that_is_not_a_results_folder(corpus, tmp_path):
    precious = tmp_path / "thesis"
    precious.mkdir()
    (precious / "chapter1.docx").write_text("draft")
    assert main(["analyze", "--corpus", str(corpus.path), "--out", str(precious), "--no-progress"]) == 1
    assert (precious / "chapter1.docx").read_text() == "draft"


def test_cli_analyze_writes_tables(corpus, tmp_path, capsys):
    assert main(["analyze", "--corpus", str(corpus.path), "--out", str(tmp_path / "r"), "--no-progress"]) == 0
    assert "5 articles analysed" in capsys.readouterr().out
    for fname in TABLE_FILES.values():
        assert (tmp_path / "r" / fname).is_file()
    df = pd.read_csv(tmp_path / "r" / "articles.csv")
    assert df["words"].gt(500).all()


def test_article_without_words_gets_missing_values_not_zeros():
    """A hand-built corpus can hold an article that is all debris; its scores are NaN, counts 0."""
    from analysis.corpus import FIELDS, Article, Corpus, Field
    from analysis.pipeline import build_tables

    fields = {k: Field(None) for k in FIELDS}
    arts = [Article(id="debris", raw="Politicon.co\n\nNews.Az\n", fields=fields),  # written for this test
            Article(id="news", raw="The minister said the talks would continue next week in Geneva.", fields=fields)]
    a = build_tables(Corpus(arts)).articles.set_index("article_id")
    assert a.loc["debris", "words"] == 0 and a.loc["debris", "sentences_author"] == 0
    assert pd.isna(a.loc["debris", "flesch_reading_ease"]) and pd.isna(a.loc["debris", "sentiment_mean"])
    assert pd.isna(a.loc["debris", "dominance"])
    assert a.loc["news", "attributions"] == 1 and a.loc["news", "flesch_reading_ease"] > 0
