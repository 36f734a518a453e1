"""Evidence pages in a real browser: headless Chromium driven by Playwright (system Chromium, no download).

Loads the pages of the bundled corpus (analysed from a temporary copy) through file:// URLs and checks that
every highlight sits on its evidence row's characters, that the filters and speaker selection work, that
details show on keyboard focus, that hostile text stays text, and that no script error is logged.  Without a
browser these tests fail in CI (CI=true, or FRAMING_REQUIRE_BROWSER=1 as .ci/run sets) and skip loudly elsewhere.  Install: ``apt-get install chromium``
(Debian) or set FRAMING_CHROMIUM to a Chromium/Chrome executable.  FRAMING_UPDATE_SCREENSHOT=1 rewrites
docs/img/evidence-page.png.
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis import pages, paths

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for cand in (os.environ.get("FRAMING_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                 shutil.which("chromium") or None, shutil.which("google-chrome") or None):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


def _missing(reason: str):
    msg = f"BROWSER TESTS NOT RUN: {reason}"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("FRAMING_REQUIRE_BROWSER"):
        pytest.fail(msg + " (CI must install chromium: see .ci/run)")
    pytest.skip(msg)


@pytest.fixture(scope="module")
def browser():
    exe = _chromium()
    if exe is None:
        _missing("no Chromium found (apt-get install chromium, or set FRAMING_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is not installed (pip install playwright; no 'playwright install')")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page that records console errors, page errors, dialogs and any network request."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type in ("error", "warning") and pg.problems.append(f"console {m.type}: {m.text}"))
    pg.on("pageerror", lambda e: pg.problems.append(f"page error: {e}"))
    pg.on("dialog", lambda d: (pg.problems.append(f"dialog: {d.message}"), d.dismiss()))
    pg.on("request", lambda r: not r.url.startswith(("file:", "data:", "about:"))
          and pg.problems.append(f"network request: {r.url}"))
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from analysis.pipeline import analyze

    root = tmp_path_factory.mktemp("pages-browser")
    shutil.copytree(paths.CORPUS, root / "corpus")
    analyze(root / "corpus", root / "results")
    pages.write_pages(root / "results", root / "articles")
    return root


def _open(pg, path: Path):
    pg.goto(path.as_uri())
    pg.wait_for_selector("html[data-ready]", state="attached", timeout=10_000)


def _csv(root: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(root / "results" / f"{name}.csv", keep_default_na=False, na_values=[""],
                       dtype={"article_id": str})


EV_TEXT = """key => Array.from(document.querySelectorAll('#text [data-ev="' + key + '"]'))
                    .map(e => e.textContent).join('')"""


def test_every_highlight_spells_its_evidence_row(site, page):
    atts, terms = _csv(site, "attributions"), _csv(site, "loaded_terms")
    n = 0
    for aid in _csv(site, "articles").article_id:
        _open(page, site / "articles" / f"{aid}.html")
        got = page.evaluate("() => document.getElementById('text').textContent")
        assert got == (site / "results" / "clean" / f"{aid}.txt").read_bytes().decode("utf-8")
        for prefix, df, col in (("a", atts, "quote"), ("t", terms, "text")):
            rows = df[df.article_id == aid].reset_index(drop=True)
            for i, row in rows.iterrows():
                assert page.evaluate(EV_TEXT, f"{prefix}{i}") == row[col], (aid, prefix, i)
                # the anchor element alone (first fragment) is the whole row: nothing crosses it
                assert page.evaluate("id => document.getElementById(id).textContent", f"{prefix}-{i}") == row[col]
                # the mark carrying the row's offsets is that element
                sel = f'#text mark.{"att" if prefix == "a" else "lt"}[data-start="{row["start"]}"]' \
                      f'[data-end="{row["end"]}"]:not(.cont)'
                ids = page.evaluate("s => Array.from(document.querySelectorAll(s)).map(e => e.id)", sel)
                assert f"{prefix}-{i}" in ids and len(ids) == ((df.article_id == aid) & (df.start == row["start"])
                                                               & (df.end == row["end"])).sum()
                n += 1
    assert n == len(atts) + len(terms) > 0
    assert page.problems == []


def test_filters_hide_layers_and_take_marks_out_of_the_tab_order(site, page):
    _open(page, site / "articles" / "33523c1c34a3.html")
    style = "sel => getComputedStyle(document.querySelector(sel)).borderBottomStyle"
    assert page.evaluate(style, "mark.att.k-direct") == "solid"
    assert page.evaluate(style, "mark.att.k-indirect") == "dotted"
    page.uncheck('#controls input[data-layer="att"]')
    assert page.evaluate(style, "mark.att.k-direct") == "none"
    assert page.evaluate("() => document.querySelector('#a-0').getAttribute('tabindex')") == "-1"
    page.check('#controls input[data-layer="att"]')
    assert page.evaluate("() => document.querySelector('#a-0').getAttribute('tabindex')") == "0"
    # one loaded-term category off: only its marks lose their shading
    cat = page.evaluate("() => document.querySelector('mark.lt').getAttribute('data-cat')")
    page.uncheck(f'#controls input[data-cat="{cat}"]')
    off = page.evaluate("c => Array.from(document.querySelectorAll('mark.lt')).map(m => "
                        "[m.getAttribute('data-cat') === c, m.classList.contains('off'), "
                        "getComputedStyle(m).boxShadow === 'none'])", cat)
    assert off and all(same == is_off == plain for same, is_off, plain in off)
    # sentence shading is off until asked for
    bg = "() => getComputedStyle(document.querySelector('.sent.sv-p2')).backgroundColor"
    assert page.evaluate(bg) == "rgba(0, 0, 0, 0)"
    page.check('#controls input[data-layer="sent"]')
    assert page.evaluate(bg) != "rgba(0, 0, 0, 0)"
    assert page.problems == []


def test_speaker_selection_highlights_all_their_attributions(site, page):
    page.set_viewport_size({"width": 1280, "height": 2400})
    aid = "33523c1c34a3"
    atts = _csv(site, "attributions")
    rows = atts[atts.article_id == aid].reset_index(drop=True)
    gut = set(rows.index[rows.speaker == "Arye Gut"])
    assert len(gut) == 10  # sources.csv: Arye Gut, 10 attributions in this article
    _open(page, site / "articles" / f"{aid}.html")
    page.click("button.spk:has-text('Arye Gut')")
    sel = set(page.evaluate("() => Array.from(document.querySelectorAll('mark.att.sel:not(.cont)'))"
                            ".map(m => Number(m.id.slice(2)))"))
    assert sel == gut
    assert page.get_attribute("button.spk:has-text('Arye Gut')", "aria-pressed") == "true"
    assert "Arye Gut: 10 attributions highlighted." in page.text_content("#status")
    # clicking a quote of another speaker selects that speaker instead
    other = int(rows.index[rows.speaker == "Mikayil Jabbarov"][0])
    box = page.evaluate("id => { const r = document.getElementById(id).getClientRects(); "
                        "const q = r[r.length - 1]; return [q.left + q.width / 2, q.top + q.height / 2]; }",
                        f"a-{other}")
    page.mouse.click(*box)  # the middle of the quote's last line box
    sel = set(page.evaluate("() => Array.from(document.querySelectorAll('mark.att.sel:not(.cont)'))"
                            ".map(m => Number(m.id.slice(2)))"))
    assert sel == set(rows.index[rows.speaker == "Mikayil Jabbarov"])
    assert page.problems == []


def test_details_on_keyboard_focus_with_visible_focus(site, page):
    _open(page, site / "articles" / "33523c1c34a3.html")
    page.focus("#controls input")  # start from the filters and tab into the text
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#text mark')"):
            break
    active = page.evaluate("() => document.activeElement.id")
    assert active.startswith(("a-", "t-")), active
    assert page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle") == "solid"
    detail = page.text_content("#detail-body")
    terms = _csv(site, "loaded_terms")
    atts = _csv(site, "attributions")
    if active.startswith("a-"):
        row = atts[atts.article_id == "33523c1c34a3"].reset_index(drop=True).loc[int(active[2:])]
        assert row["cue"] in detail and row["rule"] in detail
    else:
        row = terms[terms.article_id == "33523c1c34a3"].reset_index(drop=True).loc[int(active[2:])]
        assert row["entry"] in detail and "negated" in detail and "voice" in detail
    page.hover("#t-0")
    row = terms[terms.article_id == "33523c1c34a3"].reset_index(drop=True).loc[0]
    assert f"lexicon entry{row['entry']}" in page.text_content("#detail-body")
    assert page.problems == []


def test_index_sorts_filters_and_pages(site, page, tmp_path):
    arts = _csv(site, "articles")
    _open(page, site / "articles" / "index.html")
    assert page.evaluate("() => document.querySelectorAll('#ix-body tr').length") == len(arts)
    page.click("#ix-head th:has-text('words') button")
    first = page.text_content("#ix-body tr:first-child td:last-child")
    assert first == arts.sort_values("words", ascending=False).article_id.iloc[0]
    page.fill("#ix-q", "caliber")
    assert page.evaluate("() => document.querySelectorAll('#ix-body tr').length") == 1
    page.click("#ix-body a")
    page.wait_for_selector("html[data-ready]", state="attached")
    assert page.url.endswith("c1ca1dcf3fe8.html")
    assert page.problems == []


def test_index_of_10000_articles_stays_usable(page, tmp_path):
    from analysis.pages.corpus_index import render_index

    rows = [{"article_id": f"{i:012x}", "title": f"Article {i}", "outlet": f"Outlet {i % 37}",
             "words": 300 + (i * 7919) % 900, "attributions": i % 17, "loaded_per_1000": (i % 50) / 3}
            for i in range(10_000)]
    (tmp_path / "index.html").write_text(render_index(rows, files={r["article_id"]: f"{r['article_id']}.html"
                                                                   for r in rows}), encoding="utf-8")
    t0 = time.perf_counter()
    _open(page, tmp_path / "index.html")
    load = time.perf_counter() - t0
    assert page.evaluate("() => document.querySelectorAll('#ix-body tr').length") == 50
    assert page.text_content("#ix-info") == "Articles 1–50 of 10000."
    page.click("#ix-head th:has-text('words') button")
    assert page.text_content("#ix-body tr:first-child td:nth-child(3)") == "1,199"
    page.select_option("select[data-col]", "Outlet 3")  # i % 37 == 3 for 271 of i < 10,000
    assert page.text_content("#ix-info") == "Articles 1–50 of 271 (filtered from 10000)."
    page.click("#ix-next")
    assert page.text_content("#ix-info") == "Articles 51–100 of 271 (filtered from 10000)."
    print(f"index of 10,000 rows ready in the browser in {load:.2f} s")
    assert page.problems == []


def test_hostile_page_runs_nothing(page, tmp_path):
    from pages_helpers import HOSTILE
    from test_pages import hostile_evidence

    ev, text = hostile_evidence()
    out = pages.write_pages(ev, tmp_path / "articles").parent
    for name in ("hostile01.html", "index.html"):
        _open(page, out / name)
        assert page.evaluate("() => window.__pwned") is None
        assert page.evaluate("() => document.querySelectorAll('img, svg, iframe, textarea, b, "
                             "[onerror], [onload], [onmouseover], [onfocus]').length") == 0
        if name == "hostile01.html":
            assert page.evaluate("() => document.getElementById('text').textContent") == text
            assert page.evaluate("() => document.querySelector('h1').textContent") == ev.article_rows()[0]["title"]
            # hover and focus every mark: details are written as text, nothing runs
            for mid in page.evaluate("() => Array.from(document.querySelectorAll('#text [id]')).map(e => e.id)"):
                page.focus(f"#{mid}")
                page.hover(f"#{mid}", force=True)
            assert page.evaluate("() => window.__pwned") is None
            page.focus("#t-0")  # its lexicon entry closes a script element and opens another: shown as text
            assert HOSTILE["json_end"] in page.text_content("#detail-body")
    assert page.problems == []


def test_screenshot_for_the_docs(site, page, tmp_path):
    _open(page, site / "articles" / "33523c1c34a3.html")
    page.click("button.spk:has-text('Arye Gut')")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.evaluate("() => document.getElementById('article').scrollIntoView()")
    page.hover("#t-1")
    shot = tmp_path / "evidence-page.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    if os.environ.get("FRAMING_UPDATE_SCREENSHOT"):
        dest = paths.DOCS / "img" / "evidence-page.png"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, dest)
    assert page.problems == []
