"""Benchmark: evidence pages (analysis.pages) render time (run on demand, not a test).

    python benchmarks/bench_pages.py [--rows 10000] [--repeat 5] [--browser]

Analyses a temporary copy of the bundled corpus, then prints
* the time to render the page of the longest article (Python, best of ``--repeat``), its size and mark count;
* the time to write every page and the index of the corpus;
* the time to render an index of ``--rows`` synthetic articles (Python) and its size;
* with ``--browser`` (needs /usr/bin/chromium or FRAMING_CHROMIUM, and playwright): the time until each of
  those two pages is loaded and its script has run in headless Chromium;
* peak memory (max RSS) of the process.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from analysis import pages, paths
from analysis.pages.article import render_article
from analysis.pages.corpus_index import render_index
from analysis.pipeline import analyze


def best(fn, repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def browser_load(paths_: list[Path]) -> list[float]:
    from playwright.sync_api import sync_playwright

    exe = os.environ.get("FRAMING_CHROMIUM", "/usr/bin/chromium")
    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    out = []
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=args)
        pg = b.new_page()
        pg.goto("about:blank")
        for p in paths_:
            t0 = time.perf_counter()
            pg.goto(p.as_uri())
            pg.wait_for_selector("html[data-ready]", state="attached")
            out.append(time.perf_counter() - t0)
        b.close()
    return out


def repeated(art, n: int):
    """``art`` with its text repeated ``n`` times (joined by a blank line) and every row shifted to each copy."""
    from dataclasses import replace

    step = len(art.text) + 2
    text = "\n\n".join([art.text] * n)

    def shift(rows, key=None):
        out = []
        for k in range(n):
            for r in rows:
                r2 = {**r, "start": r["start"] + k * step, "end": r["end"] + k * step}
                if key:
                    r2[key] = r[key] + k * 10_000
                out.append(r2)
        return out

    return replace(art, text=text, attributions=shift(art.attributions), loaded_terms=shift(art.loaded_terms),
                   actor_mentions=shift(art.actor_mentions), sentences=shift(art.sentences, "sentence"),
                   portrayal=shift(art.portrayal))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--articles", type=int, default=1000,
                    help="also write pages for this many articles (the bundled tables replicated under new ids)")
    ap.add_argument("--long", type=int, default=100,
                    help="also render the longest article repeated this many times (rows shifted), a long page")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        tmp = Path(tmp)
        shutil.copytree(paths.CORPUS, tmp / "corpus")
        tables = analyze(tmp / "corpus", tmp / "results")
        ev = pages.evidence_from_tables(tables)
        longest = max(ev, key=lambda art: len(art.text))
        dt, html = best(lambda: render_article(longest), a.repeat)
        marks = len(longest.attributions) + len(longest.loaded_terms) + len(longest.actor_mentions) + len(longest.sentences)
        print(f"longest article {longest.article_id}: {len(longest.text):,} characters, {marks} marked rows -> "
              f"{len(html) / 1024:.0f} KiB in {dt * 1000:.1f} ms")
        (tmp / "longest.html").write_text(html, encoding="utf-8")
        big = repeated(longest, a.long)
        dt, html = best(lambda: render_article(big), max(1, a.repeat // 2))
        n_big = len(big.attributions) + len(big.loaded_terms) + len(big.actor_mentions) + len(big.sentences)
        print(f"longest article x{a.long}: {len(big.text):,} characters, {n_big:,} marked rows -> "
              f"{len(html) / 1024 / 1024:.1f} MiB in {dt * 1000:.0f} ms")
        (tmp / "long.html").write_text(html, encoding="utf-8")
        t0 = time.perf_counter()
        pages.write_pages(ev, tmp / "articles")
        print(f"write_pages, {len(ev)} articles + index: {time.perf_counter() - t0:.2f} s")
        if a.articles:
            import pandas as pd

            from analysis.pages.data import evidence_from_frames

            copies = max(1, a.articles // len(ev))
            frames, texts = {}, {}
            for name in ("articles", "sentences", "attributions", "loaded_terms", "actor_mentions", "cleaning",
                         "metadata"):
                df = getattr(tables, name)
                frames[name] = pd.concat([df.assign(article_id=df.article_id + f"-{k}") for k in range(copies)],
                                         ignore_index=True)
            for k in range(copies):
                texts.update({f"{aid}-{k}": t for aid, t in tables.texts.items()})
            big_ev = evidence_from_frames(frames, texts)
            t0 = time.perf_counter()
            pages.write_pages(big_ev, tmp / "many")
            dt = time.perf_counter() - t0
            size = sum(p.stat().st_size for p in (tmp / "many").iterdir())
            print(f"write_pages, {len(big_ev):,} articles (bundled x{copies}) + index: {dt:.1f} s, "
                  f"{len(big_ev) / dt:.0f} articles/s, {size / 1024 / 1024:.0f} MiB on disk")
            shutil.rmtree(tmp / "many")
        rows = [{"article_id": f"{i:012x}", "title": f"Synthetic article number {i} about a topic", "outlet":
                 f"Outlet {i % 37}", "author": f"Author {i % 211}", "published": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}",
                 "genre": ("news", "opinion", "interview")[i % 3], "words": 300 + (i * 7919) % 1500,
                 "attributions": i % 23, "direct": i % 11, "indirect": i % 7, "mixed": i % 3, "named_sources": i % 6,
                 "quoted_word_share": (i % 100) / 100, "dominant_source": f"Speaker {i % 97}", "loaded_hits": i % 40,
                 "loaded_per_1000": (i % 50) / 3, "sentiment_mean": ((i % 200) - 100) / 100} for i in range(a.rows)]
        files = {r["article_id"]: f"{r['article_id']}.html" for r in rows}
        dt, html = best(lambda: render_index(rows, files=files), a.repeat)
        print(f"index of {a.rows:,} synthetic rows: {len(html) / 1024 / 1024:.1f} MiB in {dt * 1000:.0f} ms")
        (tmp / "index.html").write_text(html, encoding="utf-8")
        if a.browser:
            t1, t3, t2 = browser_load([tmp / "longest.html", tmp / "long.html", tmp / "index.html"])
            print(f"headless Chromium, load until the script has run: longest article {t1 * 1000:.0f} ms, "
                  f"x{a.long} {t3 * 1000:.0f} ms, index of {a.rows:,} rows {t2 * 1000:.0f} ms")
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
