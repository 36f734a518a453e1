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
    assert d["hits"].sum() == (tables.loaded_terms["measure"] == "loaded").sum()  # certainty is its own measure
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


# ---------------------------------------------------------------------------
# failures, interrupts and clean output (issue 15), on small notebooks written for the tests

_TINY = '''# %% [markdown]
# # {title}

# %% tags=["parameters"]
corpus_dir = None
results_dir = None
figures_dir = None

# %%
import warnings

from analysis.report import open_notebook

nb = open_notebook("{name}", corpus_dir=corpus_dir, results_dir=results_dir, figures_dir=figures_dir)
warnings.warn("a warning naming " + str(nb.results_dir.resolve()))
print(len(nb.tables.articles), "articles")
{extra}
'''


def _tiny_notebooks(folder: Path, *, fail: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "01-count-articles.py").write_text(
        _TINY.format(title="Count", name="01-count-articles", extra=""), encoding="utf-8")
    (folder / "02-fail-or-not.py").write_text(
        _TINY.format(title="Second", name="02-fail-or-not",
                     extra="raise ValueError('broken on purpose')" if fail else "print('fine')"), encoding="utf-8")
    return folder


def test_small_notebooks_clean_output_and_failure_keeps_previous(tmp_path, corpus_copy, caplog):
    """Warnings go to the log, not into the pages; no absolute path in any output; a failing notebook is named
    with its cell and leaves the previous report as it was, with no debris."""
    import logging

    out = tmp_path / "report"
    with caplog.at_level(logging.WARNING, logger="analysis"):
        index = run_report(corpus_copy, out, notebooks_dir=_tiny_notebooks(tmp_path / "nb"), progress=False)
    assert "a warning naming" in caplog.text  # relayed to the user's log
    for f in [index, *out.glob("*.html"), *out.glob("notebooks/*.ipynb"), out / "results" / "manifest.json"]:
        text = f.read_text(encoding="utf-8")
        assert str(tmp_path) not in text and str(tmp_path.resolve()) not in text, f
        assert "UserWarning" not in text, f
    executed = json.loads((out / "notebooks" / "01-count-articles.ipynb").read_text(encoding="utf-8"))
    injected = [c for c in executed["cells"] if "injected-parameters" in c["metadata"].get("tags", [])]
    assert len(injected) == 1 and "corpus_dir = '../corpus'" in "".join(injected[0]["source"])
    streams = [o for c in executed["cells"] for o in c.get("outputs", []) if o["output_type"] == "stream"]
    assert [o["name"] for o in streams] == ["stdout"] and "5 articles" in "".join(streams[0]["text"])

    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(Exception) as err:
        run_report(corpus_copy, out, notebooks_dir=_tiny_notebooks(tmp_path / "nb2", fail=True), progress=False)
    assert "02-fail-or-not.py: cell" in str(err.value) and "broken on purpose" in str(err.value)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_early_failure_leaves_no_debris(tmp_path):
    """A report that fails before any work (a missing corpus) creates nothing; the next run is not blocked."""
    from analysis.errors import InputError

    out = tmp_path / "new" / "report"
    with pytest.raises(InputError, match="nope"):
        run_report(tmp_path / "nope", out, progress=False)
    assert list(tmp_path.iterdir()) == []


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the kernels")
def test_ctrl_c_while_notebooks_run(tmp_path, corpus_copy):
    """SIGINT while the notebooks execute: exit 130 within seconds, one line, kernels gone, nothing left."""
    import signal
    import subprocess
    import sys
    import time

    exe = Path(sys.executable).with_name("framing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "analysis.cli"]
    out = tmp_path / "report"
    proc = subprocess.Popen([*cmd, "report", "--corpus", str(corpus_copy), "--out", str(out), "--no-progress"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as on a terminal
    deadline = time.monotonic() + 240
    kernels: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:  # the analysis is written: notebooks started
        if (out / "results" / "manifest.json").exists():
            kernels = [k for k in _children(proc.pid) if "ipykernel" in Path(f"/proc/{k}/cmdline").read_text()]
            if kernels:
                break
        time.sleep(0.2)
    assert proc.poll() is None and kernels, "the report ended before its notebooks could be interrupted"
    time.sleep(1.5)
    sent = time.monotonic()
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    took = time.monotonic() - sent
    assert proc.returncode == 130, stderr
    assert took < 10, took
    lines = stderr.strip().splitlines()
    assert lines[-1] == "framing: interrupted; earlier outputs were left as they were", stderr
    assert all(line.startswith("framing: WARNING: ") for line in lines[:-1]), stderr  # the analysis's own warnings
    for name in ("Traceback", "Kernel died", "never retrieved", "DeadKernelError"):
        assert name not in stderr
    time.sleep(0.5)
    assert not [k for k in kernels if _alive(k)]
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]
