"""Time every notebook on a large synthetic results folder (issue 8: notebooks at 10,000+ articles).

Builds a results folder of N articles from an analysed corpus's tables (default: analyse the bundled
corpus into a temporary folder first): every article is copied N / 5 times under new ids, with its
numbers perturbed, outlets drawn from a list (one in five left without an outlet), dates spread over two
years, and every evidence table (sentences, attributions, sources, loaded terms, mentions, cleaning,
metadata, passages) copied with the new ids, so the notebooks see a corpus of the right size and shape.
Then it executes each notebook with papermill, as ``framing report`` does, and prints its wall time.

    python scripts/notebooks_at_scale.py --articles 10000 --out /tmp/nb-scale
    python scripts/notebooks_at_scale.py --articles 5 --out /tmp/nb-small     # the bundled corpus itself

Repeated texts make the text-reuse table larger than real news would (every copy shares passages with
its source's other copies); the notebook only draws the top pairs, so this is a harder case, not an
easier one.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis import paths  # noqa: E402
from analysis.pipeline import TABLE_FILES, analyze  # noqa: E402
from analysis.report import execute_notebook, notebook_sources  # noqa: E402

OUTLETS = ["Daily Star", "Morning Post", "News.Az", "Caliber.Az", "The Courier", "Evening Herald", "Baku Today",
           "Jerusalem Herald", "Eurasia Review", "Wire Service", "Global Desk", "Regional Times"]


def build(base: Path, out: Path, n: int, *, seed: int = 0) -> None:
    """Write a results folder of ``n`` articles to ``out`` from the results in ``base``."""
    rng = np.random.default_rng(seed)
    tables = {k: pd.read_csv(base / f, dtype={"article_id": str, "published": str, "article_a": str,
                                              "article_b": str}, keep_default_na=False, na_values=[""])
              for k, f in TABLE_FILES.items()}
    a0 = tables["articles"]
    ids0 = a0["article_id"].tolist()
    copies = max(1, -(-n // len(ids0)))
    new_rows, id_map = [], []  # id_map: (copy, old id, new id)
    for c in range(copies):
        for old in ids0:
            if len(id_map) >= n:
                break
            new = old if n <= len(ids0) else f"{c:06x}{old[:6]}"
            id_map.append((c, old, new))
    idm = pd.DataFrame(id_map, columns=["copy", "old", "new"])
    art = a0.set_index("article_id").loc[idm["old"]].reset_index()
    art["article_id"] = idm["new"].to_numpy()
    if n > len(ids0):
        num = [c for c in art.columns if art[c].dtype.kind == "f"]
        art[num] = art[num] * rng.uniform(0.8, 1.2, (len(art), len(num)))
        for c in num:
            if c.endswith("share") or c.startswith("share_") or c == "dominance":
                art[c] = art[c].clip(upper=1)
        art["outlet"] = [OUTLETS[i % len(OUTLETS)] if i % 5 else None for i in range(len(art))]
        art["published"] = [str(pd.Timestamp("2023-01-01") + pd.Timedelta(days=int(d)))[:10]
                            for d in rng.integers(0, 730, len(art))]
        art["title"] = [f"{t if isinstance(t, str) else 'Untitled'} ({i})" for i, t in enumerate(art["title"])]
    out.mkdir(parents=True, exist_ok=True)
    art.to_csv(out / TABLE_FILES["articles"], index=False)
    for key, fname in TABLE_FILES.items():
        if key == "articles":
            continue
        t = tables[key]
        if "article_id" in t:
            t = idm.merge(t, left_on="old", right_on="article_id").drop(columns=["article_id", "old", "copy"])
            t = t.rename(columns={"new": "article_id"})
            t = t[["article_id", *[c for c in t.columns if c != "article_id"]]]
            if key == "sentences":
                t["compound"] = (t["compound"] + rng.normal(0, 0.1, len(t))).clip(-1, 1).round(4)
        elif "article_a" in t:  # passages: between copies of the same copy group
            t = (idm.merge(t, left_on="old", right_on="article_a").drop(columns=["article_a", "old"])
                 .rename(columns={"new": "article_a"}))
            t = t.merge(idm, left_on=["copy", "article_b"], right_on=["copy", "old"]).drop(
                columns=["article_b", "old", "copy"]).rename(columns={"new": "article_b"})
            t = t[tables[key].columns]
        t.to_csv(out / fname, index=False)
    (out / "clean").mkdir(exist_ok=True)
    for _, old, new in id_map:
        shutil.copyfile(base / "clean" / f"{old}.txt", out / "clean" / f"{new}.txt")
    man = json.loads((base / "manifest.json").read_text())
    man.setdefault("corpus", {})["articles"] = n
    man["corpus"]["fingerprint"] = f"synthetic-{n}"
    (out / "manifest.json").write_text(json.dumps(man, indent=2))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, required=True, help="working folder (created; must not exist or be empty)")
    ap.add_argument("--base", type=Path, help="an analysed results folder to copy from (default: analyse the bundled corpus)")
    ap.add_argument("--notebooks", nargs="*", help="notebook stems to run (default: all)")
    args = ap.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    base = args.base
    if base is None:
        base = out / "base-results"
        if not (base / "manifest.json").exists():
            corpus = out / "corpus"
            shutil.copytree(paths.CORPUS, corpus, dirs_exist_ok=True)
            analyze(corpus, base, progress=False)
    corpus = out / "corpus"
    if not corpus.exists():
        shutil.copytree(paths.CORPUS, corpus)
    results = out / f"results-{args.articles}"
    t0 = time.perf_counter()
    if not (results / "manifest.json").exists():
        build(base, results, args.articles)
    print(f"results for {args.articles:,} articles built in {time.perf_counter() - t0:.1f} s")
    figs = out / f"figures-{args.articles}"
    nbs = out / f"notebooks-{args.articles}"
    nbs.mkdir(exist_ok=True)
    params = {"corpus_dir": str(corpus.resolve()), "results_dir": str(results.resolve()),
              "figures_dir": str(figs.resolve())}
    total = 0.0
    for src in notebook_sources():
        if args.notebooks and src.stem not in args.notebooks:
            continue
        t0 = time.perf_counter()
        execute_notebook(src, nbs / f"{src.stem}.ipynb", parameters=params, cwd=out, timeout=1800)
        dt = time.perf_counter() - t0
        total += dt
        print(f"{src.stem}: {dt:.1f} s")
    print(f"all notebooks: {total:.1f} s for {args.articles:,} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
