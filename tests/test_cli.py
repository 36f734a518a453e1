"""The framing CLI end to end on temporary corpora: imports, listing and every bad-input case."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main

FIX = Path(__file__).parent / "fixtures" / "articles"


def run(*args: str) -> subprocess.CompletedProcess:
    """Run the installed console script as a user would."""
    exe = Path(sys.executable).with_name("framing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "analysis.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300)


def test_add_then_list(tmp_path, capsys):
    corpus = tmp_path / "c"
    assert main(["add", str(FIX / "council.txt"), str(FIX / "batch.jsonl"), "--corpus", str(corpus),
                 "--genre", "news"]) == 0
    out = capsys.readouterr().out.split()
    assert len(out) == 2
    assert main(["list", "--corpus", str(corpus), "--format", "csv"]) == 0
    listing = capsys.readouterr().out
    assert "City Council Approves Riverside Park Budget" in listing and "Valley Courier" in listing
    assert main(["list", "--corpus", str(corpus), "--provenance", "--format", "csv"]) == 0
    assert "news,supplied,given with the import" in capsys.readouterr().out


BAD = [
    ("empty.txt", b"", "file is empty"),
    ("binary.txt", bytes(range(256)) * 8, "binary file"),
    ("latin1.txt", ("Les élèves ont visité le musée à côté de la rivière " * 3).encode("latin-1"), "not UTF-8"),
]


@pytest.mark.parametrize("name, content, message", BAD)
def test_bad_files_one_line_error_no_traceback(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    r = run("add", str(bad), "--corpus", str(tmp_path / "c"))
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("framing: error: ") and name in lines[0] and message in lines[0]
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("fixture, message", [
    ("fragment.txt", "looks like HTML"),
    ("french.txt", "not English"),
])
def test_html_fragment_and_non_english_via_cli(tmp_path, capsys, fixture, message):
    assert main(["add", str(FIX / fixture), "--corpus", str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err.strip()
    assert fixture in err and message in err and err.count("\n") == 0


def test_duplicate_via_cli_leaves_corpus_unchanged(tmp_path, capsys):
    corpus = tmp_path / "c"
    assert main(["add", str(FIX / "council.txt"), "--corpus", str(corpus)]) == 0
    files = sorted(p.name for p in (corpus / "articles").iterdir())
    copy = tmp_path / "copy.txt"
    shutil.copy(FIX / "council.txt", copy)
    assert main(["add", str(copy), "--corpus", str(corpus)]) == 1
    assert "copy.txt: duplicate of article" in capsys.readouterr().err
    assert sorted(p.name for p in (corpus / "articles").iterdir()) == files


def test_malformed_metadata_via_cli(corpus_copy, capsys):
    meta = sorted((corpus_copy / "articles").glob("*.yaml"))[1]
    meta.write_text("id: [oops\n", encoding="utf-8")
    assert main(["list", "--corpus", str(corpus_copy)]) == 1
    err = capsys.readouterr().err
    assert meta.name in err and "malformed YAML" in err


def test_skip_invalid_imports_the_rest(tmp_path, capsys):
    assert main(["add", str(FIX / "french.txt"), str(FIX / "council.txt"), "--corpus", str(tmp_path / "c"),
                 "--skip-invalid"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.split()) == 1


def test_version_and_help():
    r = run("--help")
    assert r.returncode == 0 and "analyze" in r.stdout and "report" in r.stdout


@pytest.mark.parametrize("argv, message", [
    (["kwic", "("], "'(' has no words to match"),
    (["kwic", " "], "the term is empty"),
    (["terms", "--by", "nosuch"], "cannot group by 'nosuch': no such metadata field"),
])
def test_query_errors_are_one_line(argv, message, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error: ") and message in err and "\n" not in err


def test_empty_corpus_and_bad_out_folder(tmp_path, capsys):
    (tmp_path / "empty" / "articles").mkdir(parents=True)
    assert main(["analyze", "--corpus", str(tmp_path / "empty"), "--out", str(tmp_path / "r"), "--no-progress"]) == 1
    assert "the corpus has no articles" in capsys.readouterr().err
    afile = tmp_path / "afile"
    afile.write_text("keep me")
    assert main(["analyze", "--out", str(afile), "--no-progress"]) == 1
    assert "is a file, not a folder" in capsys.readouterr().err
    assert afile.read_text() == "keep me"


def test_bad_lexicon_file_is_named(tmp_path, capsys):
    bad = tmp_path / "mine.yaml"
    bad.write_text("name: mine\nversion: '1'\ndate: 2026-11-22\nsource: me\nlicence: CC0\ndescription: test\n"
                   "entries:\n  - term: awful\n    category: rudeness\n", encoding="utf-8")
    assert main(["lexicon", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "mine.yaml" in err and "rudeness" in err and err.count("\n") == 1


def test_kwic_and_terms_on_the_bundled_corpus(capsys):
    assert main(["kwic", "occupation", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "article_id,start,end,left,match,right,sentence" and len(out) > 3
    assert main(["terms", "--by", "genre", "--top", "2", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()[1:]
    assert {r.split(",")[0] for r in rows} == {"interview", "news", "opinion"}


def test_evaluate_on_the_seed_gold(capsys):
    """`framing evaluate` reproduces the seed figures in docs/sources.md (floors, not exact values)."""
    gold = Path(__file__).parent / "gold" / "attributions.csv"
    assert main(["evaluate", str(gold), "--format", "csv", "--separate-continuations"]) == 0
    import io

    import pandas as pd

    scores = pd.read_csv(io.StringIO(capsys.readouterr().out)).set_index("threshold")
    assert scores.loc[0.3, "f1"] >= 0.87 and scores.loc[0.3, "speaker_accuracy"] >= 0.95
    assert scores.loc[0.8, "f1"] < scores.loc[0.3, "f1"] + 1e-9


def test_add_with_map_min_words_and_rejects(tmp_path, capsys):
    """framing add --map/--min-words/--skip-invalid: rows written for this test."""
    import json as _json

    src = tmp_path / "export.jsonl"
    src.write_text(_json.dumps({"story": "Obama signs health bill", "when": "3/23/10"}) + "\n"
                   + "not json\n", encoding="utf-8")
    corpus_dir = tmp_path / "c"
    assert main(["add", str(src), "--corpus", str(corpus_dir), "--map", "text=story", "--map", "published=when",
                 "--min-words", "1", "--skip-invalid"]) == 0
    out = capsys.readouterr()
    assert len(out.out.split()) == 1
    assert "export.jsonl:2: malformed JSON" in out.err and "added 1 article(s), 0 duplicate(s), 1 rejected" in out.err
    assert main(["add", str(src), "--corpus", str(corpus_dir), "--map", "textstory"]) == 1
    assert "--map: expected FIELD=COLUMN" in capsys.readouterr().err


def test_add_with_jobs_writes_the_same_corpus(tmp_path, capsys):
    """framing add --jobs 2: the same ids, in the same order, and the same files as one process."""
    inputs = [str(FIX / "batch.csv"), str(FIX / "batch.jsonl"), str(FIX / "council.txt")]
    assert main(["add", *inputs, "--corpus", str(tmp_path / "one")]) == 0
    one = capsys.readouterr().out
    assert main(["add", *inputs, "--corpus", str(tmp_path / "two"), "--jobs", "2"]) == 0
    assert capsys.readouterr().out == one and len(one.split()) == 4  # 2 CSV rows, 1 JSONL row, the text file
    files = sorted(p.name for p in (tmp_path / "one" / "articles").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "two" / "articles").iterdir())
    for name in files:
        assert (tmp_path / "one" / "articles" / name).read_bytes() == (tmp_path / "two" / "articles" / name).read_bytes()
    with pytest.raises(SystemExit):
        main(["add", str(FIX / "council.txt"), "--corpus", str(tmp_path / "one"), "--jobs", "0"])
    assert "--jobs: 0 must be at least 1" in capsys.readouterr().err


# ---------------------------------------------------------------------------
# one-line errors checked before the work starts, and defaults (issues 9 and 15)


def _one_line(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("framing: error: ") and "\n" not in err and "internal error" not in err, err
    return err


def test_missing_option_files_are_named(tmp_path, capsys):
    assert main(["analyze", "--registry", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "r")]) == 1
    assert "nope.csv: speaker registry not found (--registry)" in _one_line(capsys)
    assert main(["report", "--lexicon", str(tmp_path / "gone.yaml"), "--out", str(tmp_path / "r")]) == 1
    assert "gone.yaml: lexicon file not found (--lexicon)" in _one_line(capsys)
    assert not (tmp_path / "r").exists()


def test_add_into_a_file_is_refused(tmp_path, capsys):
    afile = tmp_path / "corpus.txt"
    afile.write_text("not a folder")
    assert main(["add", str(FIX / "council.txt"), "--corpus", str(afile)]) == 1
    assert "corpus.txt: is a file, not a folder; choose another --corpus" in _one_line(capsys)
    assert afile.read_text() == "not a folder"


def test_another_corpus_needs_out(tmp_path, corpus_copy, capsys):
    """The project's results/ and report/ are never replaced by another corpus's unless asked."""
    from analysis import paths

    before = sorted(p.name for p in paths.RESULTS.iterdir()) if paths.RESULTS.is_dir() else None
    for cmd in ("analyze", "report"):
        assert main([cmd, "--corpus", str(corpus_copy), "--no-progress"]) == 1
        assert "--out is required with --corpus" in _one_line(capsys)
    assert (sorted(p.name for p in paths.RESULTS.iterdir()) if paths.RESULTS.is_dir() else None) == before


def test_out_folder_problems_found_before_the_analysis(tmp_path, corpus_copy, capsys):
    afile = tmp_path / "afile"
    afile.write_text("keep")
    assert main(["report", "--corpus", str(corpus_copy), "--out", str(afile), "--no-progress"]) == 1
    assert "afile: is a file, not a folder; choose another --out" in _one_line(capsys)
    assert main(["report", "--corpus", str(corpus_copy), "--out", str(afile / "sub"), "--no-progress"]) == 1
    assert "afile" in _one_line(capsys)
    unrelated = tmp_path / "mine"
    unrelated.mkdir()
    (unrelated / "notes.txt").write_text("mine")
    assert main(["report", "--corpus", str(corpus_copy), "--out", str(unrelated), "--no-progress"]) == 1
    assert "not empty and has no index.html" in _one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "corpus", "mine"]


def test_read_only_file_system_is_named(tmp_path, corpus_copy, capsys):
    """--out on a read-only mount: one line naming the folder, before any work (needs root to mount)."""
    import os

    ro = tmp_path / "ro"
    ro.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(ro)], capture_output=True).returncode:
        pytest.skip("cannot mount a read-only file system here (not root)")
    try:
        assert main(["analyze", "--corpus", str(corpus_copy), "--out", str(ro / "results"), "--no-progress"]) == 1
        err = _one_line(capsys)
        assert "ro/results: cannot be written (read-only file system)" in err
    finally:
        subprocess.run(["umount", str(ro)], check=False)
        os.rmdir(ro)


def test_failed_report_leaves_no_debris_and_next_run_is_not_blocked(tmp_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", "--corpus", str(tmp_path / "missing"), "--out", str(out), "--no-progress"]) == 1
    assert "missing: corpus folder not found" in _one_line(capsys)
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_installed_layout_uses_package_notebooks_and_current_directory(tmp_path):
    """Outside a checkout (the package copied alone, as pip installs it): notebooks come from the package,
    `framing add` without --corpus writes ./corpus, never into the package."""
    import os

    from analysis import paths

    site = tmp_path / "site"
    shutil.copytree(paths.PACKAGE, site / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(paths.NOTEBOOKS, site / "analysis" / "notebooks", ignore=shutil.ignore_patterns("*.ipynb"))
    work = tmp_path / "work"
    work.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    probe = subprocess.run([sys.executable, "-c", "import analysis.paths as p; print(p.IN_CHECKOUT, p.NOTEBOOKS, "
                            "p.CORPUS, len(__import__('analysis.report').report.notebook_sources()))"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.split() == ["False", str(site / "analysis" / "notebooks"), str(work / "corpus"), "5"]
    r = subprocess.run([sys.executable, "-m", "analysis.cli", "add", str(FIX / "council.txt")], cwd=work, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "added 1 article" in r.stderr and (work / "corpus" / "articles").is_dir()
    assert not (site / "corpus").exists() and not (site / "analysis" / "corpus").exists()
    r = subprocess.run([sys.executable, "-m", "analysis.cli", "report", "--corpus", str(tmp_path / "x")],
                       cwd=work, env=env, capture_output=True, text=True)
    assert r.returncode == 1 and r.stderr.strip().endswith("x: corpus folder not found")


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (from /proc: workers, the forkserver, the resource tracker)."""
    parent: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = [c for c, pp in parent.items() if pp == p]
        out += kids
        todo += kids
    return out


def _running(pid: int) -> bool:
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_sigterm_during_analyze_is_a_clean_interrupt(tmp_path):
    """SIGTERM (kill, a scheduler's time limit) mid-analysis: exit 143 with one line, the previous results
    untouched, no staging folder, no process left behind."""
    import hashlib
    import os
    import signal
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import corpus_gen

    try:
        corpus_gen.shared_dir()
    except SystemExit:
        pytest.skip("../shared/datasets/polnear not found: the test needs real news text for a large corpus")
    corpus = corpus_gen.write_corpus(300, tmp_path / "corpus")  # about 30 s of analysis on two cores
    out = tmp_path / "results"
    assert main(["analyze", "--out", str(out), "--no-progress"]) == 0  # previous results: the bundled corpus
    before = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    exe = Path(sys.executable).with_name("framing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "analysis.cli"]
    proc = subprocess.Popen([*cmd, "analyze", "--corpus", str(corpus), "--out", str(out), "--no-progress",
                             "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=dict(os.environ, PYTHONWARNINGS="default"))
    deadline = time.monotonic() + 120
    kids: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:  # mid-run: the workers are busy
        kids = _descendants(proc.pid)
        if len(kids) >= 2 or (os.cpu_count() or 1) == 1:
            break
        time.sleep(0.2)
    time.sleep(3)
    kids = sorted(set(kids) | set(_descendants(proc.pid)))
    assert proc.poll() is None, "the analysis ended before it could be terminated"
    sent = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    assert time.monotonic() - sent < 15
    assert stderr.strip().splitlines()[-1] == "framing: terminated; earlier outputs were left as they were"
    assert all(line.startswith("framing: WARNING: ") for line in stderr.strip().splitlines()[:-1]), stderr
    assert "Traceback" not in stderr and stdout == ""
    time.sleep(1)
    assert not [k for k in kids if _running(k)], "worker processes left running"
    after = {p.relative_to(out): hashlib.sha256(p.read_bytes()).hexdigest() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "results"]  # no staging folder beside it


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_killed_analysis_leaves_no_worker_behind(tmp_path):
    """kill -9 of `framing analyze` (the OOM killer, a notebook kernel restarted mid-run) cannot be handled,
    but its worker processes must not live on: they end within seconds instead of waiting forever for work
    (each held ~0.5 GB of models; found when a benchmark's parent was killed)."""
    import signal
    import time

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import corpus_gen

    try:
        corpus_gen.shared_dir()
    except SystemExit:
        pytest.skip("../shared/datasets/polnear not found: the test needs real news text for a large corpus")
    corpus = corpus_gen.write_corpus(200, tmp_path / "corpus")
    exe = Path(sys.executable).with_name("framing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "analysis.cli"]
    proc = subprocess.Popen([*cmd, "analyze", "--corpus", str(corpus), "--out", str(tmp_path / "results"),
                             "--no-progress", "--no-cache", "--jobs", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    kids: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and len(kids) < 3:  # forkserver + 2 workers
        kids = _descendants(proc.pid)
        time.sleep(0.2)
    time.sleep(2)  # the workers are busy with their first chunks
    kids = sorted(set(kids) | set(_descendants(proc.pid)))
    assert proc.poll() is None and len(kids) >= 3, "the analysis ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and [k for k in kids if _running(k)]:
        time.sleep(0.2)
    left = [k for k in kids if _running(k)]
    for k in left:  # do not leave them to the next test either
        os.kill(k, signal.SIGKILL)
    assert not left, "worker processes outlived the killed analysis"


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_sigterm_during_add_leaves_no_debris(tmp_path):
    """SIGTERM while `framing add --jobs 2` stages rows: exit 143, one line, the corpus folder it created and
    its staging folder removed, its workers gone."""
    import itertools
    import json
    import signal
    import time

    texts = sorted((FIX.parent / "sources").glob("*.txt")) + sorted((FIX.parent / "other_topic").rglob("*.txt"))
    sentences = [s.strip() + "." for p in texts
                 for s in p.read_text(encoding="utf-8").replace("\n", " ").split(". ") if len(s.split()) > 6]
    assert len(sentences) >= 8
    src = tmp_path / "rows.jsonl"
    with open(src, "w", encoding="utf-8") as fh:  # distinct texts: every 8-sentence order of the fixtures
        for i, combo in enumerate(itertools.islice(itertools.permutations(sentences, 8), 5000)):
            fh.write(json.dumps({"text": " ".join(combo), "outlet": f"Outlet {i % 3}"}) + "\n")
    corpus = tmp_path / "new-corpus"
    exe = Path(sys.executable).with_name("framing")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "analysis.cli"]
    proc = subprocess.Popen([*cmd, "add", str(src), "--corpus", str(corpus), "--jobs", "2", "--skip-invalid"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not list(corpus.glob(".import-*/articles/*")):
        time.sleep(0.1)
    kids = _descendants(proc.pid)
    assert proc.poll() is None and kids, "the import ended before it could be terminated"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 143, stderr
    lines = stderr.strip().splitlines()
    assert lines[-1] == "framing: terminated; earlier outputs were left as they were"
    assert all(line.startswith("framing: WARNING: ") for line in lines[:-1]), stderr
    time.sleep(0.5)
    assert not [k for k in kids if _running(k)]
    assert not corpus.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["rows.jsonl"]


def test_sigterm_handler_leaves_pool_workers_to_their_pool():
    """The SIGTERM handler kills worker processes so that a run stops at once, but not a multiprocessing.Pool's
    idle workers: killed while waiting for a task they die holding the task queue's lock, and Pool.terminate()
    then waits forever (seen once in CI as a 60 s hang of `framing add --jobs 2` after SIGTERM)."""
    import multiprocessing
    import signal
    import threading

    from analysis import cli

    pool = multiprocessing.get_context("fork").Pool(2)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        pool.apply(len, ([1],))  # the workers are up, and idle again
        cli._MAIN_PID = os.getpid()
        with pytest.raises(KeyboardInterrupt):
            cli._on_sigterm(signal.SIGTERM, None)
        done = threading.Event()
        t = threading.Thread(target=lambda: (pool.terminate(), pool.join(), done.set()), daemon=True)
        t.start()
        assert done.wait(20), "Pool.terminate() hung after the SIGTERM handler"
    finally:
        signal.signal(signal.SIGTERM, previous)
        cli._TERMINATED.clear()
