"""Soak run: thousands of real news articles through add, analyze and report, invariants checked on every row.

The articles are built at run time from the PolNeAR *train* texts (../shared/datasets/polnear/data/train/
text, with publisher, date, author and title from its metadata.tsv) and the seed articles
(../shared/seeds); nothing is written into the repository and no text is committed.  To reach
``--articles`` beyond the 840 train texts, further articles are made by recombining paragraphs of
different real articles (same publisher), so every article is real news prose but no two are identical.

Checks, on every row of every table (any violation is printed and makes the exit status 1):

* attributions, loaded terms, sentences: ``text[start:end]`` of the cleaned text equals the row's text;
* cleaning: ``raw[raw_start:raw_end]`` of the stored raw text equals the removed text (whitespace-trimmed);
* every imported article appears once in articles.csv; no article is lost between add and analyze;
* report (unless ``--no-report``): every notebook page exists, no page contains this machine's paths.

    python scripts/soak.py                          # 2,000 articles, report included (make soak)
    python scripts/soak.py --articles 5000 --jobs 2 --keep /tmp/soak
    python scripts/soak.py --articles 300 --no-report   # quick

Times and peak memory of each stage are printed.  Needs ../shared (FRAMING_SHARED to override).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402


def polnear_articles() -> list[dict]:
    data = paths.POLNEAR / "data"
    if not (data / "metadata.tsv").is_file():
        raise SystemExit(f"soak: PolNeAR not found at {paths.POLNEAR}; set FRAMING_SHARED to the shared folder")
    meta = {}
    with open(data / "metadata.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            if row["compartment"] == "train":
                meta[row["filename"]] = row
    out = []
    for f in sorted((data / "train" / "text").glob("*.txt")):
        m = meta.get(f.stem, {})
        none = lambda v: None if v in (None, "", "None") else v  # noqa: E731
        out.append({"text": f.read_text(encoding="utf-8"), "title": none(m.get("title")),
                    "outlet": none(m.get("publisher")), "published": none(m.get("publication_date")),
                    "author": none(m.get("author")), "source_file": f.name})
    for f in sorted(paths.SEEDS.glob("*.txt")) if paths.SEEDS.is_dir() else []:
        out.append({"text": f.read_text(encoding="utf-8"), "source_file": f.name})
    return out


def build(n: int, seed: int) -> list[dict]:
    base = polnear_articles()
    if not base:
        raise SystemExit(f"soak: no texts under {paths.POLNEAR}; set FRAMING_SHARED")
    rng = random.Random(seed)
    arts = [dict(a) for a in base[:n]]
    by_outlet: dict[str, list[list[str]]] = {}
    for a in base:
        by_outlet.setdefault(a.get("outlet") or "", []).append([p for p in a["text"].split("\n\n") if p.strip()])
    i = 0
    while len(arts) < n:  # recombine paragraphs of two real articles of one outlet
        outlet = rng.choice(sorted(by_outlet))
        a, b = rng.sample(by_outlet[outlet], 2) if len(by_outlet[outlet]) > 1 else (by_outlet[outlet][0],) * 2
        paras = a[: max(1, len(a) // 2)] + b[len(b) // 2:]
        arts.append({"text": "\n\n".join(paras), "outlet": outlet or None, "title": f"Soak article {i}",
                     "source_file": f"mix-{i}"})
        i += 1
    return arts


def run(cmd: list[str], label: str) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True)
    took = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"soak: {label}: {took:.1f} s (exit {r.returncode}; peak child RSS so far {peak:.0f} MB)")
    if r.returncode != 0:
        print(r.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"soak: {label} failed")
    return took


def check_tables(results: Path, corpus: Path, expected: int) -> list[str]:
    import pandas as pd

    from analysis.corpus import load_corpus

    problems: list[str] = []
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in (results / "clean").glob("*.txt")}
    read = lambda name: pd.read_csv(results / name, keep_default_na=False, na_values=[""],  # noqa: E731
                                    dtype={"article_id": str})
    arts = read("articles.csv")
    if len(arts) != expected or arts["article_id"].duplicated().any():
        problems.append(f"articles.csv: {len(arts)} rows for {expected} imported articles")
    for name, col in (("sentences.csv", "text"), ("attributions.csv", "quote"), ("loaded_terms.csv", "text")):
        df = read(name)
        for r in df.itertuples(index=False):
            t = texts.get(r.article_id)
            got = None if t is None else t[int(r.start):int(r.end)]
            want = getattr(r, col)
            if got != ("" if pd.isna(want) else want):
                problems.append(f"{name}: article {r.article_id} [{r.start}:{r.end}] is {got!r}, row says {want!r}")
        print(f"soak: {name}: {len(df)} rows checked")
    raws = {a.id: a.raw for a in load_corpus(corpus)}
    df = read("cleaning.csv")
    for r in df.itertuples(index=False):
        raw = raws[r.article_id]
        if raw[int(r.raw_start):int(r.raw_end)].strip() != ("" if pd.isna(r.text) else str(r.text)).strip():
            problems.append(f"cleaning.csv: article {r.article_id} [{r.raw_start}:{r.raw_end}] does not match")
    print(f"soak: cleaning.csv: {len(df)} rows checked")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="passed to framing report")
    ap.add_argument("--no-report", action="store_true", help="stop after analyze")
    ap.add_argument("--keep", type=Path, default=None, help="work folder to keep (default: a temporary one)")
    a = ap.parse_args(argv)
    work = a.keep or Path(tempfile.mkdtemp(prefix="framing-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    framing = [sys.executable, "-m", "analysis.cli"]  # this checkout's package (PYTHONPATH below)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    try:
        arts = build(a.articles, a.seed)
        src = work / "articles.jsonl"
        with open(src, "w", encoding="utf-8") as fh:
            for art in arts:
                fh.write(json.dumps({k: v for k, v in art.items() if v is not None and k != "source_file"}) + "\n")
        print(f"soak: {len(arts)} articles written to {src}")
        corpus, results, report = work / "corpus", work / "results", work / "report"
        shutil.rmtree(corpus, ignore_errors=True)
        run([*framing, "add", str(src), "--corpus", str(corpus), "--skip-invalid"], "add")
        from analysis.corpus import load_corpus

        n = len(load_corpus(corpus))
        print(f"soak: {n} of {len(arts)} articles imported (the rest refused with reasons in {corpus}/rejects)")
        run([*framing, "analyze", "--corpus", str(corpus), "--out", str(results), "--no-progress"], "analyze")
        problems = check_tables(results, corpus, n)
        if not a.no_report:
            jobs = ["--jobs", str(a.jobs)] if a.jobs else []
            run([*framing, "report", "--corpus", str(corpus), "--out", str(report), "--no-progress", *jobs], "report")
            pages = sorted(report.glob("*.html"))
            if len(pages) < 2:
                problems.append(f"report: only {len(pages)} pages")
            for p in pages + sorted((report / "notebooks").glob("*.ipynb")):
                if str(work) in p.read_text(encoding="utf-8"):
                    problems.append(f"{p.name}: contains the absolute path {work}")
        for p in problems[:50]:
            print(f"soak: FAIL: {p}")
        print(f"soak: {'FAILED' if problems else 'ok'}: {len(problems)} problem(s)")
        return 1 if problems else 0
    finally:
        if a.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
