"""The analysis pipeline on the bundled corpus: table contracts, offsets, atomic writes, an untouched corpus."""
from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from analysis import passages, pipeline, relay
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

    from analysis import tablefmt

    real = tablefmt.append_csv
    calls = {"n": 0}

    def failing(*a, **kw):
        calls["n"] += 1
        if calls["n"] == 4:  # fail half-way through writing the tables
            raise OSError("disk full")
        return real(*a, **kw)

    monkeypatch.setattr(tablefmt, "append_csv", failing)
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


# ---------------------------------------------------------------------------------------- scale (issue 8)
NEW_ARTICLE = (  # written for these tests
    "Talks on the river treaty resume\n\n"
    "Negotiators from both countries will meet again in Geneva next week, the foreign ministry said on "
    "Monday. \"We expect a difficult but honest round,\" said Maria Keller, the ministry's spokeswoman. "
    "Farmers downstream have complained for years that the dams leave their fields dry in summer.\n"
)


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.csv"))}


def test_parallel_run_writes_the_same_tables_as_a_serial_run(corpus, tmp_path, monkeypatch):
    analyze(corpus.path, tmp_path / "serial", jobs=1, cache=False)
    monkeypatch.setattr(passages, "POOL_PAIRS_FROM", 1)  # the 10 pairs of the seeds aligned on the workers too
    pools = []
    real = passages._find_passages
    monkeypatch.setattr(passages, "_find_passages", lambda texts, pairs, sketches, pool, *rest:
                        pools.append(pool) or real(texts, pairs, sketches, pool, *rest))
    analyze(corpus.path, tmp_path / "parallel", jobs=2, cache=False, chunk_size=2)
    assert _bytes(tmp_path / "serial") == _bytes(tmp_path / "parallel")
    assert len(pools) == 1 and pools[0] is not None
    assert len(load_tables(tmp_path / "serial").passages) > 0
    analyze(corpus.path, tmp_path / "cached", jobs=2, cache=True, chunk_size=2)  # the pair cache's path
    assert _bytes(tmp_path / "serial") == _bytes(tmp_path / "cached")


def test_a_method_failing_on_one_article_names_it(corpus, tmp_path, monkeypatch, capsys):
    """An unexpected error in a method (a bug: a 10,000-article run once stopped on an IndexError deep in
    attribution, naming no article) is reported as one line naming the article, its source file and the
    stage, from a worker process too; nothing is written."""
    from analysis import stages

    bad = sorted(a.id for a in corpus)[2]

    def stage_boom(article, ctx, out):
        if article.id == bad:
            raise IndexError("list index out of range")

    monkeypatch.setattr(stages, "STAGES", [*stages.STAGES, stage_boom])
    out = tmp_path / "results"
    assert main(["analyze", "--corpus", str(corpus.path), "--out", str(out), "--jobs", "1", "--no-cache"]) != 0
    err = capsys.readouterr().err.strip().splitlines()[-1]
    source = corpus[bad].meta.get("source")
    assert f"article {bad} ({source}), stage_boom: IndexError: list index out of range" in err, err
    assert err.startswith("framing: error: internal error")
    assert not out.exists()


def test_default_jobs_start_workers_only_for_enough_work(corpus, tmp_path, monkeypatch):
    """With the default jobs, a run with fewer than IN_PROCESS_BELOW articles to compute (the five seeds)
    stays in this process; from the threshold on it uses the worker pool (explicit --jobs always does)."""
    calls = []
    real = pipeline._pool_map

    def spy(jobs, spec, *rest, **kw):
        calls.append(jobs)
        return real(jobs, spec, *rest, **kw)

    monkeypatch.setattr(pipeline, "_pool_map", spy)
    monkeypatch.setattr(pipeline, "default_jobs", lambda: 2)
    analyze(corpus.path, tmp_path / "small", cache=False)
    assert calls == []
    monkeypatch.setattr(pipeline, "IN_PROCESS_BELOW", 5)  # five articles to compute: workers
    analyze(corpus.path, tmp_path / "pool", cache=False)
    assert calls == [2]
    assert _bytes(tmp_path / "small") == _bytes(tmp_path / "pool")
    analyze(corpus.path, tmp_path / "small", cache=True)  # fills the cache
    calls.clear()
    analyze(corpus.path, tmp_path / "small", cache=True)  # nothing to compute: no workers
    assert calls == [] and pipeline.run_stages.last_counts == {"computed": 0, "cached": 5}


def test_rerun_reuses_cached_articles_and_recomputes_only_what_was_added(corpus_copy, tmp_path):
    from analysis.importers import add_articles

    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 5, "cached": 0}
    first = _bytes(out)
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 0, "cached": 5}
    assert _bytes(out) == first, "a cached run writes the same tables"
    src = tmp_path / "new.txt"
    src.write_text(NEW_ARTICLE, encoding="utf-8")
    add_articles([src], corpus_dir=corpus_copy)
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 1, "cached": 5}
    assert len(load_tables(out).articles) == 6
    assert not (corpus_copy / ".cache").exists() and (out / ".cache").is_dir()
    grown = _bytes(out)
    analyze(corpus_copy, out, jobs=1, cache=False)
    assert pipeline.run_stages.last_counts == {"computed": 6, "cached": 0}
    assert _bytes(out) == grown, "5 cached articles (and their text-reuse pairs) + 1 new = everything recomputed"


REUSING_ARTICLE = (  # written for these tests: its second paragraph repeats a seed's sentence word for word
    "Trade office opens a new chapter\n\n"
    "Officials in Baku welcomed the move on Tuesday and said more visits would follow before the summer.\n"
    "As one analyst put it, Azerbaijani Economy Minister Mikael Jabarov stated: \u201cWe have reached a new stage in "
    "our strategic relations. Our cooperation has strong roots and our relations have strengthened and deepened "
    "because of the many contacts between Israel and Azerbaijan.\u201d\n"
    "Critics in parliament called the step premature and asked for a debate.\n"
)


def _everything(folder):
    """Every table and every cleaned text of a results folder (the manifest and the cache aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "manifest.json" and ".cache" not in p.parts}


def test_rerun_after_adding_and_removing_articles_writes_what_a_fresh_run_writes(corpus_copy, tmp_path,
                                                                                 monkeypatch):
    """A re-run after adding two articles (one repeating a seed's sentence, so text reuse pairs a new article
    with a cached one) and removing a seed writes the bytes a fresh run on the new corpus writes, tables and
    cleaned texts; the unchanged texts are kept (same files), not written again.  The re-run goes the way
    of a large cached corpus: the new articles sent to two workers at once, text reuse aligned on them."""
    import shutil

    from analysis.importers import add_articles

    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    for name, text in (("new.txt", NEW_ARTICLE), ("reusing.txt", REUSING_ARTICLE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    add_articles([tmp_path / "new.txt", tmp_path / "reusing.txt"], corpus_dir=corpus_copy)
    gone = "f38934974094"
    for p in (corpus_copy / "articles").glob(f"{gone}.*"):
        p.unlink()
    kept = {p.name: p.stat().st_ino for p in (out / "clean").glob("*.txt")}
    monkeypatch.setattr(pipeline, "default_jobs", lambda: 2)
    monkeypatch.setattr(pipeline, "OVERLAP_FROM", 4)  # four cached articles count as many here
    monkeypatch.setattr(passages, "POOL_PAIRS_FROM", 1)
    maps = []
    real = pipeline._prefetch_map
    monkeypatch.setattr(pipeline, "_prefetch_map", lambda *a, **kw: maps.append(a[4]) or real(*a, **kw))
    analyze(corpus_copy, out)
    assert pipeline.run_stages.last_counts == {"computed": 2, "cached": 4}
    assert len(maps) == 1 and len(maps[0]) == 2, "the two new articles sent to the workers at once"
    fresh = tmp_path / "fresh"
    analyze(corpus_copy, fresh, jobs=1, cache=False)
    assert _everything(out) == _everything(fresh)
    assert f"clean/{gone}.txt" not in _everything(out)
    shared = load_tables(out).passages
    new_ids = set(load_tables(out).articles.article_id) - {p[:-4] for p in kept}
    assert any({a, b} & new_ids and {a, b} - new_ids for a, b in zip(shared.article_a, shared.article_b)), \
        "a passage shared by a new article and a cached one"
    assert not any(n.startswith(".") for n in _everything(out)), "no tokens or replaced texts left behind"
    for p in (out / "clean").glob("*.txt"):
        if p.name in kept:
            assert p.stat().st_ino == kept[p.name], f"{p.name} was written again"
    shutil.rmtree(fresh)


def test_a_failed_rerun_leaves_the_previous_texts_whole(corpus_copy, tmp_path, monkeypatch):
    """The previous results' cleaned texts stay whole while a re-run goes (the run links them, it does not
    move them: a run killed with SIGKILL cannot move anything back) and after it fails."""
    from analysis import tablefmt
    from analysis.importers import add_articles

    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    before = _everything(out)
    (tmp_path / "new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    add_articles([tmp_path / "new.txt"], corpus_dir=corpus_copy)
    victim = sorted((out / "clean").glob("*.txt"))[0]
    victim.write_bytes(b"an older cleaning of this article")  # as if the cleaning had changed since
    before[f"clean/{victim.name}"] = victim.read_bytes()

    seen = []

    def failing(*a, **kw):  # mid-run, after the texts were written: the previous results are untouched
        seen.append({k: v for k, v in _everything(out).items() if k.startswith("clean/")})
        raise OSError("disk full")

    monkeypatch.setattr(tablefmt, "append_csv", failing)
    with pytest.raises(OSError, match="disk full"):
        analyze(corpus_copy, out, jobs=1)
    assert seen and seen[0] == {k: v for k, v in before.items() if k.startswith("clean/")}
    assert _everything(out) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no staging folder left behind"


def test_packed_results_unpack_to_the_same_tables(corpus):
    """Results travel packed (plain lists and dtypes); unpacked and concatenated they equal the DataFrames."""
    import pickle

    from analysis import stages

    ctx = stages.context(stages.RunSpec())
    results = [stages.analyse_article(a, ctx) for a in corpus]
    frames = {n: [r.tables[n] for r in results] for n in results[0].tables}
    back = [pickle.loads(pickle.dumps(r)) for r in results]
    for k, b in enumerate(back):
        for n, dfs in frames.items():
            pd.testing.assert_frame_equal(b.tables[n], dfs[k].reset_index(drop=True))
    chunk, _ = stages.reduce_chunk(back)
    for n, dfs in frames.items():
        pd.testing.assert_frame_equal(chunk[n], stages._concat(dfs).reset_index(drop=True))


def test_cache_key_changes_with_the_method_data(corpus_copy, tmp_path):
    """Editing the speaker registry must recompute every article, not reuse stale results."""
    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    reg = corpus_copy / "speakers.csv"
    reg.write_text(reg.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 5, "cached": 0}


def test_parquet_tables_have_the_csv_columns_and_values(corpus, tmp_path):
    a = load_tables(analyze(corpus.path, tmp_path / "csv", jobs=1, cache=False)._folder)
    b = load_tables(analyze(corpus.path, tmp_path / "pq", jobs=1, cache=False, fmt="parquet")._folder)
    assert (tmp_path / "pq" / "sentences.parquet").is_file() and not (tmp_path / "pq" / "sentences.csv").exists()
    for name in TABLE_FILES:
        x, y = getattr(a, name), getattr(b, name)
        assert list(x.columns) == list(y.columns), name
        assert len(x) == len(y), name
    pd.testing.assert_series_equal(a.sentences["compound"], b.sentences["compound"], check_exact=False, atol=1e-6)
    assert a.sentences["text"].tolist() == b.sentences["text"].tolist()


def test_every_evidence_table_has_a_part_column_from_the_headline(results):
    t = load_tables(results)
    for name in ("sentences", "attributions", "loaded_terms", "actor_mentions"):
        df = getattr(t, name)
        assert set(df["part"]) <= {"headline", "body"}, name
    arts = load_tables(results).texts
    heads = t.sentences[t.sentences["part"] == "headline"]
    # a headline sentence is the first paragraph of its article's text
    for row in heads.itertuples():
        assert "\n" not in arts[row.article_id][: row.end]


def test_chunk_reductions_equal_the_whole_table_functions(corpus):
    """sources rows and sourcing columns computed per chunk from records = analysis.sources on the whole table."""
    from analysis import sources, stages
    from analysis.pipeline import finish_articles

    ctx = stages.context(stages.RunSpec())
    results = [stages.analyse_article(a, ctx) for a in corpus]
    chunk, rows = stages.reduce_chunk(results)
    att = chunk["attributions"]
    ref = sources.sourcing_ratios(att, list(corpus)).set_index("article_id")
    mine = finish_articles(rows).set_index("article_id")[ref.columns]
    pd.testing.assert_frame_equal(ref, mine, check_dtype=False)
    key = ["article_id", "speaker"]
    pd.testing.assert_frame_equal(sources.sources_table(att).sort_values(key).reset_index(drop=True),
                                  chunk["sources"].sort_values(key).reset_index(drop=True), check_dtype=False)


def test_manifest_fingerprint_covers_the_method_data(corpus_copy, tmp_path):
    out = tmp_path / "r"
    before = analyze(corpus_copy, out, jobs=1, cache=False).manifest["corpus"]["fingerprint"]
    actors = corpus_copy / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("version:", "version: edited-", 1), encoding="utf-8")
    after = analyze(corpus_copy, out, jobs=1, cache=False).manifest["corpus"]["fingerprint"]
    assert before != after


def test_dask_cluster_run_equals_the_local_run(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    analyze(corpus.path, tmp_path / "local", jobs=1, cache=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl, \
            distributed.Client(cl) as client:
        analyze(corpus.path, tmp_path / "dask", scheduler=client.scheduler.address, cache=False, chunk_size=2)
    assert _bytes(tmp_path / "local") == _bytes(tmp_path / "dask")


def test_headline_measures_stand_beside_body_measures(tmp_path):
    # A headline of the "..., Baku says" kind (issue 9/14), written for this test, above a two-sentence body.
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from analysis.importers import add_articles

    headline = "Baku says Armenian occupation army unleashed a brutal war"
    src = tmp_path / "a.txt"
    src.write_text(f"{headline}\n\nThe ministry said on Monday that talks would resume. "
                   "\"We are ready,\" the minister told reporters.\n", encoding="utf-8")
    add_articles([src], corpus_dir=tmp_path / "c", min_words=1)
    tables = analyze(tmp_path / "c", tmp_path / "r")
    row = tables.articles.iloc[0]
    sents = tables.sentences
    assert list(sents["part"]) == ["headline", "body", "body"]
    assert row["headline_sentences"] == 1
    # the headline's sentiment is its own sentence's score, not the article's
    vader = SentimentIntensityAnalyzer().polarity_scores(headline)["compound"]
    assert row["headline_vader"] == pytest.approx(vader, abs=1e-6)
    assert row["headline_sentiment"] == pytest.approx(sents.loc[0, "news_score"], abs=1e-6)
    assert row["body_sentiment"] == pytest.approx(sents.loc[1:, "news_score"].mean(), abs=1e-6)
    # "unleashed" and "brutal" are loaded; the attribution "Baku says" sits in the headline
    hits = tables.loaded_terms
    assert sorted(hits.loc[hits["part"] == "headline", "text"].str.lower()) == ["brutal", "unleashed"]
    assert row["headline_loaded_hits"] == 2
    assert row["headline_attributions"] == 1


def test_csv_rows_split_per_article_across_quoted_line_breaks():
    """A chunk's CSV body is cut into each article's rows; a line break inside a quoted field is not a row end."""
    from analysis.io import csv_bytes
    from analysis.sink import _split_rows

    a = pd.DataFrame({"article_id": ["a", "a"], "text": ['He said "no"\nthen left.', "plain"]})
    b = pd.DataFrame({"article_id": ["b"], "text": ['two\n\nbreaks, a comma and "quotes"']})
    body = csv_bytes(pd.concat([a, b], ignore_index=True)).split(b"\n", 1)[1]
    pa, pe, pb = _split_rows(body, [2, 0, 1])
    assert pa == csv_bytes(a).split(b"\n", 1)[1] and pe == b"" and pb == csv_bytes(b).split(b"\n", 1)[1]
    with pytest.raises(ValueError):
        _split_rows(body, [1, 1])


def test_csv_rows_rendered_from_packed_lists_are_pandas_bytes():
    """The workers render plain tables (float64, int64, bool, str columns) from the packed lists with the csv
    module; the bytes must be exactly what csv_bytes (pandas' to_csv, floats rounded to 6 digits) writes:
    floats that round, vanish, overflow into exponents or are missing; strings with quotes, commas, line breaks
    (\\n and \\r), empty or missing; whole numbers; booleans.  A column of another dtype is left to pandas."""
    import math

    import numpy as np

    from analysis.io import csv_bytes
    from analysis.sink import _plain_kinds, _plain_rows
    from analysis.stages import pack

    floats = [0.1 + 0.2, 1 / 3, -0.0000004, 2.5e-7, 1e16, 123456789.1234567, -1.5, math.nan, math.inf, 0.0, 7.0, 1e-4]
    n = len(floats)
    texts = ['He said "no", then left.', "two\nlines", "carriage\rreturn", "", "plain", "a,b", '"', " lead",
             "ünïcödé — “curly”", "x", "y", "z"]
    df = pd.DataFrame({"score": floats, "count": list(range(-3, n - 3)), "flag": [i % 3 == 0 for i in range(n)],
                       "text": texts, "gap": ["kept" if i % 2 else None for i in range(n)]})
    p = pack(df)
    kinds = _plain_kinds(p[1])
    assert kinds == ["f", "i", "b", "s", "s"]
    assert _plain_rows(p, kinds) == csv_bytes(df).split(b"\n", 1)[1]
    one = pack(df.iloc[:1].reset_index(drop=True))  # a single row; and one empty string field alone
    assert _plain_rows(one, kinds) == csv_bytes(df.iloc[:1]).split(b"\n", 1)[1]
    lone = pd.DataFrame({"text": [""]})
    assert _plain_rows(pack(lone), ["s"]) == csv_bytes(lone).split(b"\n", 1)[1] == b'""\n'
    nullable = pd.DataFrame({"sentence": pd.array([3, None, -1, 2 ** 40], dtype="Int64"), "t": ["a", "b", "c", "d"]})
    assert _plain_kinds(pack(nullable)[1]) == ["I", "s"]
    assert _plain_rows(pack(nullable), ["I", "s"]) == csv_bytes(nullable).split(b"\n", 1)[1] == b"3,a\n,b\n-1,c\n1099511627776,d\n"
    assert _plain_kinds(pack(pd.DataFrame({"x": [1.5, "a"]}, dtype=object))[1]) is None
    assert _plain_kinds([np.dtype("float32")]) is None


def test_a_warning_repeated_for_many_articles_is_shown_a_few_times_then_summarised(caplog):
    """Eight articles (written for this test) each open a quotation that is never closed: the attribution
    stage warns once per article in the worker; the parent shows the first five and one line for the rest."""
    import logging

    from analysis.corpus import FIELDS, Article, Corpus, Field
    from analysis.pipeline import build_tables

    fields = {k: Field(None) for k in FIELDS}
    towns = ["Ganja", "Shusha", "Lachin", "Quba", "Sheki", "Lankaran", "Mingachevir", "Nakhchivan"]
    arts = [Article(id=f"a{i}", fields=fields,
                    raw=f"Officials met in {t} on Monday. \"We will not give up the fields, said the mayor of {t}. "
                        "The talks continue.") for i, t in enumerate(towns)]
    with caplog.at_level(logging.WARNING, logger="analysis"):
        tables = build_tables(Corpus(arts))
    assert tables.attributions["unbalanced_quote"].astype(bool).sum() == 8  # one per article, every one
    lines = [r.getMessage() for r in caplog.records if "never closed" in r.getMessage()]
    assert lines[:5] == [f"article a{i}: 1 attribution(s) hold a quotation mark that is never closed (cut at its "
                         "sentence end; see the unbalanced_quote column)" for i in range(5)]
    assert lines[5:] == ["... and 3 more warning(s) of this kind (8 in all, the first 5 shown): article …: … "
                         "attribution(s) hold a quotation mark that is never closed (cut at its sentence end; "
                         "see the unbalanced_quote column)"]
    summary = [r for r in caplog.records if r.getMessage().startswith("... and")][0]
    assert summary.levelno == logging.WARNING and summary.name == "analysis.sources.tables"


def test_relay_summarises_by_message_kind_and_keeps_literal_percent_signs(caplog):
    import logging

    from analysis.relay import _Collect, _Relay

    relay = _Relay(show=1)
    log = logging.getLogger("analysis.test_relay")

    def record(msg, args):  # as a worker's collector sends it: formatted, with its format string as kind
        rec = log.makeRecord(log.name, logging.WARNING, __file__, 1, msg, args, None)
        _Collect(logging.WARNING).emit(rec)
        return rec

    with caplog.at_level(logging.WARNING, logger="analysis"):
        relay.handle(record("%s: %.1f%% of the words are %r", ("a1", 12.5, "fr")))
        relay.handle(record("%s: %.1f%% of the words are %r", ("a2", 40.0, "de")))
        relay.handle(record("%s: %.1f%% of the words are %r", ("a3", 3.0, "ru")))
        relay.handle(record("no articles", ()))  # another kind, shown once
        relay.handle(record("no articles", ()))  # the same text again: held back
        relay.close()
    assert [r.getMessage() for r in caplog.records] == [
        "a1: 12.5% of the words are 'fr'",
        "no articles",
        "... and 2 more warning(s) of this kind (3 in all, the first 1 shown): …: …% of the words are …",
        "... and 1 more warning(s) of this kind (2 in all, the first 1 shown): no articles",
    ]


def test_text_reuse_partner_cap_warnings_are_summarised_too(caplog):
    """Eight of twenty articles (written for this test) print the same sentence: with at most one partner per
    article, each of the eight is capped and named; the run shows five names and one summary line."""
    import logging

    from analysis import reuse

    shared = "the committee will publish its findings on the river treaty before the end of the year"
    texts = {f"a{i:02d}": " ".join(f"{w}{i}" for w in ("story", "about", "number", "nothing", "else", "closes",
                                                        "here", "today", "after", "noon")) + "."
             for i in range(20)}
    for i in range(8):
        texts[f"a{i:02d}"] += " " + shared.capitalize() + "."
    sketches = {k: reuse.sketch(t) for k, t in texts.items()}
    with caplog.at_level(logging.WARNING, logger="analysis"):
        pairs = relay._relayed(reuse.candidate_pairs, sketches, max_partners=1, all_pairs_below=0)
    assert pairs and all(a < "a08" and b < "a08" for a, _, b, _ in pairs)
    lines = [r.getMessage() for r in caplog.records]
    assert lines[:5] == [f"text reuse: article a{i:02d} shares wording with 7 others; only the 1 closest are aligned"
                         for i in range(5)]
    assert lines[5:] == ["... and 3 more warning(s) of this kind (8 in all, the first 5 shown): text reuse: "
                         "article … shares wording with … others; only the … closest are aligned"]


KELLER = (  # written for these tests: a spokeswoman the seeds never name, twice in each of two articles
    "Keller briefs reporters on the river treaty\n\n"
    "Maria Keller, the ministry's spokeswoman, said on {day} that the talks would go on. Maria Keller added "
    "that both delegations had asked for more time before the next round in Geneva.\n"
)


def _drop_actors_file(corpus_dir):
    (corpus_dir / "actors.yaml").unlink()


def test_rerun_with_proposed_actors_recomputes_only_the_new_articles(corpus_copy, tmp_path, monkeypatch):
    """Without an actors file the actors are proposed from the corpus, so two new articles that make "Maria
    Keller" frequent enough (min_count 3, min_articles 2) change the list; the five seeds never name her,
    so they stay cached (keyed by the actors they could mention), and the tables equal a fresh run's.  The
    proposal reads only the two new texts (the others' name counts are in the cache)."""
    from analysis import actors
    from analysis.corpus import load_corpus
    from analysis.importers import add_articles

    _drop_actors_file(corpus_copy)
    real = actors.name_stats
    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    assert "Maria Keller" not in [a.name for a in actors.propose_actors(list(load_corpus(corpus_copy)))]
    for day in ("Monday", "Tuesday"):
        (tmp_path / f"{day}.txt").write_text(KELLER.format(day=day), encoding="utf-8")
    add_articles([tmp_path / "Monday.txt", tmp_path / "Tuesday.txt"], corpus_dir=corpus_copy)
    assert "Maria Keller" in [a.name for a in actors.propose_actors(list(load_corpus(corpus_copy)))]
    read = []
    monkeypatch.setattr(actors, "name_stats", lambda text: read.append(text) or real(text))
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 2, "cached": 5}
    assert len(read) == 2 and all("Maria Keller" in t for t in read), "the proposal read the new texts only"
    mentions = load_tables(out).actor_mentions
    assert (mentions["actor"] == "Maria Keller").sum() == 4
    run_list = actors.actors_of(load_tables(out))  # what the notebooks read: the list the run used
    assert run_list.proposed and run_list.actors == actors.propose_actors(list(load_corpus(corpus_copy))).actors
    cached = _bytes(out)
    analyze(corpus_copy, tmp_path / "fresh", jobs=1, cache=False)
    assert _bytes(tmp_path / "fresh") == cached


def test_editing_an_actor_recomputes_only_the_articles_that_could_mention_it(corpus_copy, tmp_path):
    """A new actor whose aliases only one seed holds ("Jabarov", the economy minister quoted in one article)
    recomputes that article alone; the tables equal a fresh run's.  Removing it again recomputes the same one."""
    from analysis.actors import actors_of, load_actors

    out = tmp_path / "r"
    analyze(corpus_copy, out, jobs=1)
    path = corpus_copy / "actors.yaml"
    before = path.read_text(encoding="utf-8")
    holding = [p.stem for p in (corpus_copy / "articles").glob("*.txt") if "Jabarov" in p.read_text(encoding="utf-8")]
    assert len(holding) == 1
    path.write_text(before.rstrip("\n") + "\n  - name: Mikael Jabarov\n    aliases: [Mikael Jabarov, Jabarov]\n"
                    "    type: leader\n    side: Azerbaijan\n", encoding="utf-8")
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 1, "cached": 4}
    m = load_tables(out).actor_mentions
    assert set(m.loc[m["actor"] == "Mikael Jabarov", "article_id"]) == set(holding)
    run_list = actors_of(load_tables(out))
    assert run_list.actors == load_actors(path).actors and run_list.path.name == "actors.yaml"
    edited = _bytes(out)
    analyze(corpus_copy, tmp_path / "fresh", jobs=1, cache=False)
    assert _bytes(tmp_path / "fresh") == edited
    path.write_text(before, encoding="utf-8")
    analyze(corpus_copy, out, jobs=1)
    assert pipeline.run_stages.last_counts == {"computed": 1, "cached": 4}


def test_actor_signature_holds_every_actor_the_matcher_finds(corpus):
    """ActorKeys is only a filter if it never leaves out an actor that is mentioned: on every seed, each actor
    with a mention (bundled list, proposed list, and aliases with dots, hyphens and lowercase words) is in
    the article's signature; an actor whose capitalised alias words are absent is not."""
    from analysis.actors import Actor, Matcher, actors_for, propose_actors
    from analysis.cache import ActorKeys, name_words

    tricky = [Actor("United States", ("U.S.", "the United States"), "country", ""),
              Actor("Nagorno-Karabakh", ("Nagorno-Karabakh",), "country", ""),
              Actor("government", ("the government",), "institution", ""),  # no capital: every article
              Actor("Zorbania", ("Zorbania", "Zorbanian"), "country", "")]
    for actor_list in (list(actors_for(corpus.path)), list(propose_actors(list(corpus))), tricky):
        keys, matcher = ActorKeys(actor_list), Matcher(actor_list)
        for art in corpus:
            sig = keys.signature(name_words(art.text))
            for alias, _, _ in matcher.finditer(art.text):
                assert f'"{matcher.alias_of[alias].name}"' in sig, (art.id, alias)
    sig = ActorKeys(tricky).signature(name_words("The government met the U.S. envoy."))
    assert '"United States"' in sig and '"government"' in sig and "Zorbania" not in sig and "Nagorno" not in sig


def test_actor_signature_ignores_the_order_of_a_list_without_shared_aliases(corpus):
    """A proposed list is ordered by frequency, which a few more articles reshuffle without changing any
    mention: the signature is the same; where two actors share an alias the first one's mentions win, so
    there the order is part of it."""
    from analysis.actors import Actor, propose_actors
    from analysis.cache import ActorKeys, name_words

    proposed = list(propose_actors(list(corpus)))
    words = name_words(corpus[0].text)
    assert ActorKeys(proposed).signature(words) == ActorKeys(proposed[::-1]).signature(words) != "[]"
    shared = [Actor("Azerbaijan", ("Azerbaijan", "Baku"), "country", ""), Actor("Baku", ("Baku",), "city", "")]
    words = name_words("Officials in Baku said so.")
    assert ActorKeys(shared).signature(words) != ActorKeys(shared[::-1]).signature(words)
