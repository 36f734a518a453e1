"""The report end to end: every notebook runs on the bundled corpus and on a corpus of another topic,
and every exported figure's data equals the analysis tables it came from.

Marked ``slow`` (about a minute per corpus) but run by default: ``pytest -m 'not slow'`` skips it.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import actors, paths, plots, reuse
from analysis.figures import read_index
from analysis.pipeline import load_tables
from analysis.report import notebook_sources, run_report

OTHER_TOPIC = Path(__file__).parent / "fixtures" / "other_topic"
NOTEBOOKS = ["01-describe-corpus", "02-compare-sentiment", "03-measure-loaded-language", "04-compare-sourcing",
             "05-synthesise-framing"]


def _run(tmp_path_factory, corpus_dir, tag):
    out = tmp_path_factory.mktemp(tag)
    index = run_report(corpus_dir, out / "report", figures_dir=out / "figures", progress=False)
    return {"index": index, "report": out / "report", "figures": out / "figures", "results": out / "report" / "results",
            "corpus": Path(corpus_dir)}


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return _run(tmp_path_factory, paths.CORPUS, "bundled")


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    return _run(tmp_path_factory, OTHER_TOPIC, "other")


def _csv(run, name):
    return pd.read_csv(run["figures"] / f"{name}.csv", dtype={"article_id": str, "article_a": str, "article_b": str},
                       keep_default_na=False, na_values=[""])


def _check_report(run):
    report = run["report"]
    html = run["index"].read_text(encoding="utf-8")
    for nb in NOTEBOOKS:
        assert f'href="{nb}.html"' in html
        page = (report / f"{nb}.html").read_text(encoding="utf-8")
        assert "<img" in page and "Traceback" not in page
        executed = json.loads((report / "notebooks" / f"{nb}.ipynb").read_text(encoding="utf-8"))
        for cell in executed["cells"]:
            assert "execution" not in cell.get("metadata", {})
            for o in cell.get("outputs", []):
                assert o["output_type"] != "error", (nb, o)
                if o["output_type"] == "stream" and o["name"] == "stderr":
                    assert "Warning" not in "".join(o["text"]), (nb, o["text"])
        assert "papermill" not in executed["metadata"]
    tables = load_tables(run["results"])
    idx = read_index(run["figures"])
    assert set(idx["file"]) == set(plots.FIGURES)
    assert (idx["corpus_fingerprint"] == tables.manifest["corpus"]["fingerprint"]).all()
    assert set(idx["notebook"]) == set(NOTEBOOKS)
    for name in plots.FIGURES:
        for ext in ("png", "svg", "pdf", "csv"):
            assert (run["figures"] / f"{name}.{ext}").stat().st_size > 0, (name, ext)
    fp = tables.manifest["corpus"]["fingerprint"]
    assert fp in html
    return tables


def _check_figure_data(run, tables):
    A = tables.articles.set_index("article_id")
    close = dict(rtol=0, atol=2e-6)  # tables are written with 6 decimals

    d = _csv(run, "article-length").set_index("article_id")
    assert (d["words"] == A.loc[d.index, "words"]).all() and (d["sentences"] == A.loc[d.index, "sentences"]).all()

    d = _csv(run, "readability-by-article")
    cols = {v: k for k, v in plots.GRADE_MEASURES.items()}
    for r in d.itertuples():
        assert r.grade == pytest.approx(A.loc[r.article_id, cols[r.measure]], abs=2e-6)

    d = _csv(run, "cleaning-removed")
    c = tables.cleaning
    assert d["chars"].sum() == (c["raw_end"] - c["raw_start"]).sum() and d["lines"].sum() == len(c)

    d = _csv(run, "sentiment-by-article").set_index("article_id")
    assert np.allclose(d["mean"], A.loc[d.index, "vader_mean"], **close)  # the figure shows VADER
    assert (d["n_sentences"] == A.loc[d.index, "sentences"]).all()
    from analysis.sentiment import score

    assert np.allclose(d["compound_whole"], [score(tables.texts[a])["compound"] for a in d.index])

    d = _csv(run, "sentiment-shares").set_index("article_id")
    for col in ("share_negative", "share_neutral", "share_positive"):
        assert np.allclose(d[col], A.loc[d.index, col], **close)

    d = _csv(run, "sentiment-by-voice")
    for r in d.itertuples():
        col = f"sentiment_{r.voice}_mean"
        if r.n_sentences:
            assert r.mean == pytest.approx(A.loc[r.article_id, col], abs=2e-6)
        assert r.n_sentences == A.loc[r.article_id, f"sentences_{r.voice}"]

    d = _csv(run, "sentiment-by-outlet")  # articles without a stated outlet are not an outlet: left out
    named = A.index[A["outlet"].notna()]
    assert "(outlet unknown)" not in set(d["outlet"]) and d["n_articles"].sum() == len(named)
    assert d["n_sentences"].sum() == tables.sentences["article_id"].astype(str).isin(named).sum()

    d = _csv(run, "loaded-rate-by-category")
    assert d["hits"].sum() == len(tables.loaded_terms)
    assert np.allclose(d["per_1000"], 1000 * d["hits"] / A["words"].sum())

    d = _csv(run, "loaded-rate-by-article")
    for r in d.itertuples():
        assert r.per_1000 == pytest.approx(A.loc[r.article_id, r.column], abs=2e-6)

    d = _csv(run, "sources-by-side")
    assert d["attributions"].sum() == tables.sources["attributions"].sum()
    assert d["quoted_words"].sum() == tables.sources["quoted_words"].sum()

    d = _csv(run, "sourcing-by-article")
    for r in d.itertuples():
        v = A.loc[r.article_id, r.measure]
        assert (pd.isna(v) and pd.isna(r.share)) or r.share == pytest.approx(v, abs=2e-6)

    d = _csv(run, "attribution-verbs")
    cues = tables.attributions["cue"].fillna("").str.lower().str.strip().value_counts()
    for r in d.itertuples():
        assert r.attributions == cues[r.cue]

    d = _csv(run, "article-profile")
    for r in d.itertuples():
        v = A.loc[r.article_id, r.measure]
        assert (pd.isna(v) and pd.isna(r.value)) or r.value == pytest.approx(v, abs=2e-6)

    d = _csv(run, "text-reuse")
    m = reuse.reuse_matrix(tables.texts)
    for r in d.itertuples():
        assert r.containment == pytest.approx(m.loc[r.article_a, r.article_b], abs=1e-12)
    passages = reuse.shared_passages(tables.texts)
    assert d["passages"].sum() == 2 * len(passages)

    d = _csv(run, "actor-portrayal")
    al = actors.actors_for(run["corpus"], {k: v for k, v in tables.texts.items()})
    mentions = actors.actor_mentions(tables.texts, actors=al)
    counts = mentions["actor"].value_counts()
    for r in d.itertuples():
        assert r.mentions == counts[r.actor]


@pytest.mark.slow
def test_report_on_bundled_corpus(bundled):
    tables = _check_report(bundled)
    _check_figure_data(bundled, tables)


@pytest.mark.slow
def test_report_on_another_topic(other):
    tables = _check_report(other)
    _check_figure_data(other, tables)
    # nothing about the bundled corpus leaks into another corpus's report
    for nb in NOTEBOOKS:
        page = (other["report"] / f"{nb}.html").read_text(encoding="utf-8")
        text = re.sub(r"<[^>]+>", " ", page)
        for word in ("Azerbaijan", "Israel", "Aliyev"):
            assert word not in text, (nb, word)


def test_committed_notebooks_match_their_sources():
    """notebooks/NN.ipynb is the executed output of NN.py: same cells, outputs present, nothing volatile."""
    import jupytext
    import nbformat

    sources = notebook_sources()
    assert [s.stem for s in sources] == NOTEBOOKS
    for src in sources:
        assert "tags=[\"parameters\"]" in src.read_text(encoding="utf-8")
        ipynb = src.with_suffix(".ipynb")
        assert ipynb.exists(), f"{ipynb} missing: run `framing report`"
        executed = nbformat.read(ipynb, as_version=4)
        want = [c.source for c in jupytext.read(src).cells]
        got = [c.source for c in executed.cells if "injected-parameters" not in c.metadata.get("tags", [])]
        assert got == want, f"{ipynb.name} is stale: rerun `framing report`"
        assert any(c.get("outputs") for c in executed.cells if c.cell_type == "code")
        assert "papermill" not in executed.metadata
        raw = ipynb.read_text(encoding="utf-8")
        assert str(paths.ROOT) not in raw, f"{ipynb.name} contains a machine path"
        assert ipynb.stat().st_size < 1_500_000


def test_prose_helpers():
    from analysis.report import plural, prose_list, signed

    assert signed(-0.004) == "0.00" and signed(0.43) == "+0.43" and signed(-0.251) == "-0.25"
    assert plural(1, "article") == "1 article" and plural(3, "category", plural_form="categories") == "3 categories"
    assert prose_list(["a", "b", "c"]) == "a, b and c" and prose_list([]) == ""
