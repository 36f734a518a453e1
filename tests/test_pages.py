"""Evidence pages (analysis.pages): markup from offsets, escaping, pages of the bundled corpus.

The browser checks are in test_pages_browser.py; these parse the HTML with the standard
library's html.parser, which tokenises as browsers do for the constructs used here.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from analysis import pages
from analysis.errors import InputError
from analysis.pages import safe
from analysis.pages.article import category_codes, render_article, summary_sentences
from analysis.pages.corpus_index import render_index
from analysis.pages.data import evidence_from_frames, load_evidence
from analysis.pages.markup import Span, nest
from analysis.pages.page import static

from pages_helpers import HOSTILE, Page


# ---------------------------------------------------------------------------
# nesting spans from offsets


def test_loaded_term_inside_quote_nests_whole():
    text = "He said “a brutal war” today."
    q0 = text.index("“")
    t0 = text.index("brutal war")
    out = nest(text, [Span(t0, t0 + 10, "t0", "lt", 20, tag="mark"),
                      Span(q0, q0 + 14, "a0", "att", 30, tag="mark")])
    assert out == ('He said <mark class="att" data-ev="a0">“a <mark class="lt" data-ev="t0">brutal war</mark>”</mark>'
                   " today.")


def test_crossing_spans_split_the_lower_priority_one():
    # a quote running from one sentence into the next: the sentence (priority 10) is split, the quote stays whole
    text = "First one. “Said it. Again.” End."
    quote = (text.index("“"), text.index("”") + 1)
    s1 = (0, text.index("Again") - 1)  # "First one. “Said it."
    out = nest(text, [Span(*s1, "s0", "sent", 10), Span(*quote, "a0", "att", 30, tag="mark")])
    p = Page(f'<div id="text">{out}</div>')
    assert not p.errors
    assert p.ev_fragments["a0"] == 1 and p.ev("a0") == text[quote[0]:quote[1]]
    assert p.ev_fragments["s0"] == 2 and p.ev("s0") == text[s1[0]:s1[1]]
    assert 'class="sent cont"' in out  # the continuation is marked as such


def test_equal_spans_nest_and_empty_or_outside_spans_are_skipped(caplog):
    text = "Armenia said no."
    out = nest(text, [Span(0, 7, "m0", "act", 15), Span(0, 7, "t0", "lt", 20, tag="mark"),
                      Span(3, 3, "x", "lt"), Span(5, 99, "y", "lt")])
    assert out == '<mark class="lt" data-ev="t0"><span class="act" data-ev="m0">Armenia</span></mark> said no.'
    assert "outside the text" in caplog.text


spans_strategy = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30), st.integers(0, 3)), max_size=25)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab <>&\"'\r\n\u202e\u2028é")), min_size=1, max_size=70), spans_strategy)
def test_nest_invariants(text, raw):
    """Any spans: well-nested output, page text equals the input, each key's fragments spell its text."""
    spans = [Span(s, min(s + ln, len(text)), f"k{i}", "x", prio, tag="mark" if prio % 2 else "span")
             for i, (s, ln, prio) in enumerate(raw) if s < len(text)]
    out = nest(text, spans)
    p = Page(f'<div id="text">{out}</div>')
    assert not p.errors
    assert p.text == text
    for s in spans:
        assert p.ev(s.key) == text[s.start:s.end]


# ---------------------------------------------------------------------------
# escaping


def test_script_json_cannot_end_its_block():
    data = {"t": HOSTILE["json_end"] + "<!--" + "\u2028\u2029" + "&"}
    out = safe.script_json(data)
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out and "\u2029" not in out
    assert json.loads(out) == data


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=1", True), ("http://example.org", True), ("javascript:alert(1)", False),
    ("JAVASCRIPT:alert(1)", False), (" javascript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("data:text/html,<script>", False), ("//evil.example", False), ("https:evil", False),
    ("https://ex\u202eample.org", False), ("vbscript:x", False), ("", False), (None, False),
])
def test_only_http_urls_become_links(url, ok):
    assert (safe.safe_url(url) is not None) is ok
    html = safe.link(url)
    assert ("<a href=" in html) is ok


def test_file_names_are_plain_tokens():
    assert safe.file_name("33523c1c34a3") == "33523c1c34a3.html"
    for bad in ("../../etc/passwd", "a/b", "x.html", ".hidden", "", "a" * 200, "<script>"):
        name = safe.file_name(bad)
        assert re.fullmatch(r"a-[0-9a-f]{20}\.html", name), (bad, name)


# ---------------------------------------------------------------------------
# pages of the bundled corpus


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """A results folder made by the analysis of a temporary copy of the bundled corpus."""
    from analysis import paths
    from analysis.pipeline import analyze

    root = tmp_path_factory.mktemp("pages")
    shutil.copytree(paths.CORPUS, root / "corpus")
    analyze(root / "corpus", root / "results")
    return root / "results"


@pytest.fixture(scope="module")
def written(results):
    index = pages.write_pages(results, results.parent / "articles")
    return index.parent


def _table(results: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(results / f"{name}.csv", keep_default_na=False, na_values=[""], dtype={"article_id": str})


def test_every_article_gets_a_page_and_the_index_lists_it(results, written):
    arts = _table(results, "articles")
    assert sorted(p.name for p in written.glob("*.html")) == sorted([f"{a}.html" for a in arts.article_id] +
                                                                     ["index.html"])
    index = Page((written / "index.html").read_text(encoding="utf-8"))
    assert not index.errors
    blob = [t for a, t in index.scripts if a.get("type") == "application/json"][0]
    data = json.loads(blob)
    assert data["files"] == [f"{a}.html" for a in arts.article_id]
    words = [c["key"] for c in data["columns"]].index("words")
    assert [r[words] for r in data["rows"]] == arts["words"].tolist()


def test_marks_spell_their_evidence_rows(results, written):
    """The text of every marked span is its evidence row's text; the page text is the cleaned text."""
    atts, terms = _table(results, "attributions"), _table(results, "loaded_terms")
    mentions, sents = _table(results, "actor_mentions"), _table(results, "sentences")
    checked = 0
    for aid in _table(results, "articles").article_id:
        page = Page((written / f"{aid}.html").read_text(encoding="utf-8"))
        assert not page.errors, page.errors
        assert page.text == (results / "clean" / f"{aid}.txt").read_bytes().decode("utf-8")
        for prefix, df, col in (("a", atts, "quote"), ("t", terms, "text"), ("m", mentions, "alias"),
                                ("s", sents, "text")):
            rows = df[df.article_id == aid].reset_index(drop=True)
            for i, row in rows.iterrows():
                key = f"{prefix}{row['sentence'] if prefix == 's' else i}"
                assert page.ev(key) == row[col], (aid, key)
                checked += 1
        # attributions and loaded terms in the bundled corpus cross nothing: each is one element
        for key, n in page.ev_fragments.items():
            if key[0] in "at":
                assert n == 1, (aid, key, n)
    assert checked == len(atts) + len(terms) + len(mentions) + len(sents)


def test_article_page_content(results, written):
    page_html = (written / "33523c1c34a3.html").read_text(encoding="utf-8")
    p = Page(page_html)
    # speaker buttons: Arye Gut has 10 of the article's 14 attributions (sources.csv)
    assert re.search(r'<button type="button" class="spk" data-spk="\d+" aria-pressed="false"><bdi>Arye Gut</bdi> '
                     r"<small>analyst · israel · 10</small>", page_html)
    # every attribution mark of one speaker carries the same data-spk
    spk = {a.get("data-spk") for t, a in p.elements if t == "mark" and "att" in a.get("class", "")
           and a.get("data-label", "").endswith("Arye Gut")}
    assert len(spk) == 1
    # kinds have different underline styles and labels (colour is not the only cue)
    assert 'class="att k-direct"' in page_html and 'class="att k-indirect"' in page_html
    assert "<summary>Legend</summary>" in page_html
    # marks are focusable (first fragments)
    assert all(a.get("tabindex") == "0" for t, a in p.elements
               if t == "mark" and "cont" not in a.get("class", ""))
    # summary in words, from the article's row of articles.csv
    assert "14 attributions (8 direct quotes, 5 paraphrases, 1 mixed) from 3 named sources; 7 % anonymous." in page_html
    # the JSON evidence block round-trips and names the rule of attribution 0
    blob = json.loads([t for a, t in p.scripts if a.get("id") == "evidence"][0])
    assert ["rule", "pre-subject"] in blob["ev"]["a0"]["fields"]


def test_removed_lines_are_shown_apart(results, written):
    """Every line cleaning removed is listed (kind, raw offsets, text) in a collapsed block outside the text."""
    import html as htmllib

    cleaning = _table(results, "cleaning")
    assert len(cleaning)
    for aid in _table(results, "articles").article_id:
        page = (written / f"{aid}.html").read_text(encoding="utf-8")
        rows = cleaning[cleaning.article_id == aid]
        m = re.search(r'<details class="removed" id="removed">(.*?)</details>', page, re.S)
        if not len(rows):
            assert m is None
            continue
        block = htmllib.unescape(m.group(1))
        n = len(rows)
        assert f"{n} line{'s' if n != 1 else ''} removed by cleaning" in block
        for r in rows.itertuples():
            assert f"{r.kind}, raw {r.raw_start}–{r.raw_end}:" in block
            assert (r.text if r.text.strip() else f"({r.text.count(chr(10))} blank lines)") in block
    # the widget line of the News.Az article, as the seed file has it
    assert "date 2024-04-07 + ↺ − 16 px" in (written / "d1406992ecbf.html").read_text(encoding="utf-8")


def test_pages_use_no_network_and_only_their_own_scripts(written):
    js = {"article.js": static("article.js"), "index.js": static("index.js")}
    for path in written.glob("*.html"):
        p = Page(path.read_text(encoding="utf-8"))
        for tag, a in p.elements:
            assert tag not in ("link", "img", "iframe", "object", "embed", "base"), (path.name, tag)
            for name, value in a.items():
                assert not name.startswith("on"), (path.name, tag, name)
                if name in ("href", "src", "action"):
                    assert value.startswith(("#", "http://", "https://")) or re.fullmatch(r"[\w-]+\.html", value)
        scripts = [(a, t) for a, t in p.scripts]
        assert len(scripts) == 2
        assert scripts[0][0].get("type") == "application/json"
        assert scripts[1][1] in js.values() and not scripts[1][0]
        csp = [a["content"] for t, a in p.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert csp and "default-src 'none'" in csp[0] and "unsafe-inline" not in csp[0]


def test_write_pages_is_whole_or_unchanged(results, tmp_path, monkeypatch):
    out = tmp_path / "articles"
    pages.write_pages(results, out)
    before = sorted(p.name for p in out.iterdir())
    import analysis.pages as mod

    calls = []

    def failing(art, **kw):
        calls.append(art.article_id)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return render_article(art, **kw)

    monkeypatch.setattr(mod, "render_article", failing)
    with pytest.raises(RuntimeError):
        pages.write_pages(results, out)
    assert sorted(p.name for p in out.iterdir()) == before
    assert [p.name for p in tmp_path.iterdir()] == ["articles"]  # no staging debris


def test_write_pages_refuses_an_unrelated_folder(results, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(InputError, match="not empty and has no index.html"):
        pages.write_pages(results, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    with pytest.raises(InputError, match="is a file"):
        pages.write_pages(results, tmp_path / "notes.txt")
    with pytest.raises(InputError, match="articles.csv"):
        pages.write_pages(tmp_path, tmp_path / "out")


def test_summary_in_words_reads_the_row():
    row = {"words": 652, "sentences": 28, "attributions": 0, "loaded_hits": 1, "loaded_per_1000": 1.5337}
    assert summary_sentences(row) == ["652 words in 28 sentences.",
                                      "No attribution: the text quotes or paraphrases no one the method recognises.",
                                      "1 loaded-term hit, 1.5 per 1,000 words."]


def test_category_codes_are_unique_labels():
    codes = category_codes(["loaded-language", "name-calling", "absolutes", "abs", "<b>"])
    assert [c for _, c in codes.values()] == ["LL", "NC", "AB", "AB2", "B"]


# ---------------------------------------------------------------------------
# hostile input


def hostile_evidence(*, extra_columns: bool = True):
    """An article whose every field is hostile: text, metadata, speakers, lexicon entries, categories."""
    parts = [f"Paragraph {k}: {v} ends here." for k, v in HOSTILE.items()]
    text = "Headline \u202e" + HOSTILE["script"] + "\n\n" + "\n\n".join(parts) + "\r\nLast line."
    aid = "hostile01"
    rows = []
    for k, v in HOSTILE.items():
        s = text.index(v)
        rows.append((k, v, s, s + len(v)))
    atts = pd.DataFrame([{"article_id": aid, "kind": "direct" if i % 3 == 0 else "mixed" if i % 3 == 1 else "weird<kind>",
                          "quote": v, "start": s, "end": e, "speaker": HOSTILE[list(HOSTILE)[(i + 1) % len(HOSTILE)]],
                          "speaker_mention": HOSTILE["attr"], "speaker_role": HOSTILE["img"],
                          "speaker_side": HOSTILE["rlo"], "cue": HOSTILE["textarea"], "rule": HOSTILE["comment"],
                          "sentence": i} for i, (k, v, s, e) in enumerate(rows[:5])])
    terms = pd.DataFrame([{"article_id": aid, "text": v, "entry": HOSTILE["json_end"], "category": k + HOSTILE["attr"],
                           "start": s, "end": e, "sentence": 0, "voice": "author", "negated": i % 2 == 0,
                           **({"score": 0.91, "target": HOSTILE["js_url"]} if extra_columns else {})}
                          for i, (k, v, s, e) in enumerate(rows)])
    mentions = pd.DataFrame([{"article_id": aid, "actor": HOSTILE["script"], "alias": v, "start": s, "end": e,
                              "sentence": 0, "type": "country", "side": HOSTILE["attr1"],
                              **({"label": "negative", "probability": 0.8} if extra_columns else {})}
                             for k, v, s, e in rows[5:]])
    cleaning = pd.DataFrame([{"article_id": aid, "kind": "title", "raw_start": 0, "raw_end": 5,
                              "text": HOSTILE["textarea"] + HOSTILE["img"]}])
    article = {"article_id": aid, "title": HOSTILE["script"] + HOSTILE["rlo"], "outlet": HOSTILE["img"],
               "author": HOSTILE["attr"], "published": HOSTILE["comment"], "url": HOSTILE["js_url"],
               "genre": HOSTILE["textarea"], "words": 90, "attributions": 5, "dominant_source": HOSTILE["json_end"],
               "dominance": 0.4, "loaded_hits": len(rows), "headline_end": text.index("\n\n")}
    frames = {"articles": pd.DataFrame([article]), "attributions": atts, "loaded_terms": terms,
              "actor_mentions": mentions, "cleaning": cleaning}
    return evidence_from_frames(frames, {aid: text}), text


ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "div", "nav", "a", "header", "h1", "h2", "h3",
                "dl", "dt", "dd", "code", "section", "p", "details", "summary", "table", "tbody", "thead", "tr",
                "th", "td", "bdi", "fieldset", "legend", "label", "input", "span", "ul", "li", "small", "button",
                "main", "ol", "mark", "aside", "script", "noscript", "select", "option"}


def check_inert(html: str, text: str | None = None) -> Page:
    p = Page(html)
    assert not p.errors, p.errors
    for tag, a in p.elements:
        assert tag in ALLOWED_TAGS, tag
        for name, value in a.items():
            assert not name.startswith("on"), (tag, name, value)
            assert name in {"lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "rel",
                            "referrerpolicy", "role", "aria-level", "aria-label", "aria-live", "aria-pressed",
                            "aria-expanded", "hidden", "open", "type", "checked", "data-layer", "data-kind",
                            "data-cat", "data-code", "data-ev", "data-spk", "data-k", "data-label", "tabindex",
                            "scope", "value", "data-col", "autocomplete", "min", "size", "selected", "data-start",
                            "data-end"}, (tag, name)
            if name == "href":
                assert value.startswith(("#", "http")) or re.fullmatch(r"[\w-]+\.html", value), value
    assert len(p.scripts) == 2 and p.scripts[1][1] in (static("article.js"), static("index.js"))
    if text is not None:
        assert p.text == text
    return p


def test_hostile_article_is_text_only():
    ev, text = hostile_evidence()
    html = render_article(next(iter(ev)))
    p = check_inert(html, text)
    assert "javascript:" not in "".join(a.get("href", "") for _, a in p.elements)
    # every hostile mark still spells its row, and the hostile strings show as text
    for i, row in enumerate(ev.rows("hostile01", "loaded_terms")):
        assert p.ev(f"t{i}") == row["text"]
    for v in HOSTILE.values():
        assert v.replace("\r", "") in html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') \
            .replace("&#x27;", "'").replace("&amp;", "&") or v in text
    data = json.loads(p.scripts[0][1])
    assert data["speakers"][0]["name"] == HOSTILE["img"]
    assert any(f == ["target", HOSTILE["js_url"]] for f in data["ev"]["t0"]["fields"])


def test_hostile_index_is_text_only():
    ev, _ = hostile_evidence()
    html = render_index(ev.article_rows(), files=pages.page_files(ev))
    p = check_inert(html)
    data = json.loads(p.scripts[0][1])
    assert data["rows"][0][0] == HOSTILE["script"] + HOSTILE["rlo"]


def test_hostile_article_through_the_pipeline(tmp_path):
    """A hostile article imported with `add_articles`, analysed, and rendered: its strings stay text."""
    from analysis import paths
    from analysis.importers import add_articles
    from analysis.pipeline import analyze

    corpus = tmp_path / "corpus"
    shutil.copytree(paths.CORPUS, corpus)
    body = ("The minister said the report was false. " + HOSTILE["script"] + " Critics called the plan a "
            "disaster and a scandal, and officials said the brutal attack was never justified. "
            + HOSTILE["img"] + " “We will not accept " + HOSTILE["textarea"] + " this,” said Anna Smith, a "
            "spokeswoman for the ministry. " + HOSTILE["attr"] + " The opposition leader, John Doe, told "
            "reporters that the government had lied about the costs. " + HOSTILE["rlo"] + " " + HOSTILE["comment"]
            + " The debate continued for hours in parliament while protesters gathered outside the building.")
    src = tmp_path / "hostile.txt"
    src.write_text(body + "\n", encoding="utf-8")
    ids = add_articles([src], corpus_dir=corpus, supplied={"title": HOSTILE["json_end"], "outlet": HOSTILE["img"],
                                                           "url": HOSTILE["js_url"], "author": HOSTILE["attr"]})
    tables = analyze(corpus, tmp_path / "results")
    out = pages.write_pages(tables, tmp_path / "articles").parent
    html = (out / f"{ids[0]}.html").read_text(encoding="utf-8")
    p = check_inert(html, tables.texts[ids[0]])
    atts = tables.attributions[tables.attributions.article_id == ids[0]].reset_index(drop=True)
    assert len(atts) >= 1
    for i, row in atts.iterrows():
        assert p.ev(f"a{i}") == row["quote"]
    check_inert((out / "index.html").read_text(encoding="utf-8"))


def test_index_of_10000_rows(tmp_path):
    rows = [{"article_id": f"{i:012x}", "title": f"Article {i} </script><!--", "outlet": f"Outlet {i % 37}",
             "genre": ("news", "opinion")[i % 2], "words": 300 + i % 900, "attributions": i % 17,
             "loaded_per_1000": (i % 50) / 3, "sentiment_mean": ((i % 200) - 100) / 100} for i in range(10_000)]
    files = {r["article_id"]: f"{r['article_id']}.html" for r in rows}
    html = render_index(rows, files=files)
    p = check_inert(html)
    data = json.loads(p.scripts[0][1])
    assert len(data["rows"]) == 10_000 and data["rows"][9_999][0] == "Article 9999 </script><!--"
    # outlets and genres become filter options, escaped
    assert html.count("<option value=\"Outlet ") == 37


def test_load_evidence_reads_extra_columns_and_portrayal(results, tmp_path):
    copy = tmp_path / "results"
    shutil.copytree(results, copy)
    m = _table(copy, "actor_mentions")
    m["part"] = "body"
    m.to_csv(copy / "actor_mentions.csv", index=False)
    first = m.iloc[0]
    pd.DataFrame([{"article_id": first.article_id, "actor": first.actor, "start": first.start, "end": first.end,
                   "label": "negative", "probability": 0.83, "voice": "author"}]).to_csv(copy / "portrayal.csv",
                                                                                       index=False)
    ev = load_evidence(copy)
    assert "portrayal" in ev.present
    html = render_article(ev.article(first.article_id))
    p = Page(html)
    data = json.loads(p.scripts[0][1])
    assert ["portrayal", "negative"] in data["ev"]["m0"]["fields"] and ["part", "body"] in data["ev"]["m0"]["fields"]
    assert re.search(r'<span class="act p-neg" data-ev="m0" data-code="−" id="m-0" tabindex="0">', html)


def test_headline_from_the_part_column_is_marked_as_a_heading():
    """With no headline_end column, the headline is where the sentences with part 'headline' end."""
    text = "Israel, Azerbaijan are strategic partners, Baku says\n\nThe envoy spoke on Monday."
    hl = text.index("\n\n")
    frames = {"articles": pd.DataFrame([{"article_id": "x1", "title": text[:hl]}]),
              "sentences": pd.DataFrame([{"article_id": "x1", "sentence": 0, "start": 0, "end": hl, "part": "headline",
                                          "compound": 0.0},
                                         {"article_id": "x1", "sentence": 1, "start": hl + 2, "end": len(text),
                                          "part": "body", "compound": 0.0}])}
    html = render_article(next(iter(evidence_from_frames(frames, {"x1": text}))))
    p = Page(html)
    assert p.ev("h") == text[:hl]
    assert '<span class="hl" data-ev="h" role="heading" aria-level="2">' in html


def test_kind_filters_match_their_marks_whatever_the_order():
    text = "Aa bb. Cc dd. Ee ff. Gg hh."
    atts = pd.DataFrame([{"article_id": "k", "kind": k, "quote": text[s:s + 5], "start": s, "end": s + 5,
                          "speaker": "X"} for k, s in (("vague", 0), ("indirect", 7), ("direct", 14), ("odd", 21))])
    html = render_article(next(iter(evidence_from_frames(
        {"articles": pd.DataFrame([{"article_id": "k"}]), "attributions": atts}, {"k": text}))))
    boxes = re.findall(r'data-kind="(\d+)"> ([^<]+)</label>', html)
    assert [b[1] for b in boxes] == ["direct quote", "paraphrase (indirect)", "vague", "odd"]
    marks = dict(re.findall(r'data-k="(\d+)" data-label="(\w+) ·', html))
    assert {k: marks[k] for k, _ in boxes} == {"0": "quote", "1": "paraphrase", "4": "vague", "5": "odd"}


def test_links_from_tables_reach_the_row_on_its_page(results, written):
    """evidence_hrefs gives every row of a table a link whose target element spells the row."""
    from analysis.pages import evidence_hrefs

    pages_cache = {}
    for table, col in (("attributions", "quote"), ("loaded_terms", "text"), ("actor_mentions", "alias"),
                       ("sentences", "text")):
        df = _table(results, table)
        hrefs = evidence_hrefs(df, table)
        assert len(hrefs) == len(df)
        for href, row in zip(hrefs, df.itertuples()):
            path, anchor = href.split("#")
            assert path == f"articles/{row.article_id}.html"
            if path not in pages_cache:
                pages_cache[path] = Page((written / path.split("/")[1]).read_text(encoding="utf-8"))
            page = pages_cache[path]
            key = anchor.replace("-", "")
            assert page.ev(key) == getattr(row, col), (href, key)
            assert any(a.get("id") == anchor for _, a in page.elements)
    with pytest.raises(ValueError, match="no evidence anchors"):
        evidence_hrefs(_table(results, "sources"), "sources")


def test_parallel_writing_gives_the_same_pages(results, written, tmp_path):
    out = pages.write_pages(results, tmp_path / "par", jobs=2).parent
    names = sorted(p.name for p in written.iterdir())
    assert sorted(p.name for p in out.iterdir()) == names
    for name in names:
        assert (out / name).read_bytes() == (written / name).read_bytes(), name


def test_framing_pages_command(results, tmp_path, capsys):
    from analysis.cli import main

    assert main(["pages", "--results", str(results), "--out", str(tmp_path / "p"), "--no-progress"]) == 0
    assert "evidence pages written to" in capsys.readouterr().out
    assert (tmp_path / "p" / "index.html").is_file() and len(list((tmp_path / "p").glob("*.html"))) == 6
    assert main(["pages", "--results", str(tmp_path / "nope"), "--out", str(tmp_path / "q")]) == 1
    assert "is not a results folder" in capsys.readouterr().err


def test_untitled_articles_are_listed_by_their_opening_words(results, written):
    data = json.loads([t for a, t in Page((written / "index.html").read_text(encoding="utf-8")).scripts
                       if a.get("type") == "application/json"][0])
    titles = dict(zip(data["files"], (r[0] for r in data["rows"])))
    # 33523c1c34a3 has no headline (metadata.csv: "the text has no headline; it opens with the lede")
    assert titles["33523c1c34a3.html"] == ("(untitled) Next year, Azerbaijan and Israel will celebrate the 30th "
                                           "anniversary of their diplomatic …")
