"""The corpus index: every article with its key measures, sortable and filterable in the browser.

Method: the rows are one JSON block (escaped as in :mod:`analysis.pages.safe`)
that a small script filters, sorts and pages through (50 rows at a time by
default), so the page stays quick at 10,000 articles and more: the DOM holds
one page of rows, never the corpus.  Text cells are written with
``textContent``; links point only at the page files this package wrote.
"""
from __future__ import annotations

import math

from . import safe
from .page import document

__all__ = ["render_index", "INDEX_COLUMNS"]

#: (column of articles.csv, label, type) shown when present, in this order.
INDEX_COLUMNS = (
    ("title", "title", "link"), ("outlet", "outlet", "text"), ("author", "author", "text"),
    ("published", "published", "text"), ("genre", "genre", "text"), ("words", "words", "num"),
    ("attributions", "attributions", "num"), ("direct", "direct", "num"), ("indirect", "indirect", "num"),
    ("mixed", "mixed", "num"), ("named_sources", "named sources", "num"),
    ("quoted_word_share", "quoted word share", "num"), ("dominant_source", "most attributed", "text"),
    ("loaded_hits", "loaded hits", "num"), ("loaded_per_1000", "loaded /1000 words", "num"),
    ("sentiment_mean", "mean sentiment", "num"), ("article_id", "id", "text"),
)
_FILTER_BY = ("outlet", "genre")


def _cell(value, kind: str):
    if value is None:
        return None
    if kind == "num":
        try:
            x = float(value)
        except (TypeError, ValueError):
            return None
        return None if math.isnan(x) or math.isinf(x) else (int(x) if x.is_integer() else round(x, 4))
    return safe.printable(value)


def render_index(articles: list[dict], *, files: dict[str, str], title: str = "Evidence pages",
                 note: str = "") -> str:
    """The index page for ``articles`` (rows of articles.csv as dicts); ``files`` maps id -> page file."""
    present = set()
    for r in articles:
        present.update(k for k, v in r.items() if v is not None and v != "")
    cols = [(c, label, kind) for c, label, kind in INDEX_COLUMNS if c in present or c in ("title", "article_id")]
    rows, hrefs = [], []
    for r in articles:
        row = []
        for c, _, kind in cols:
            v = r.get(c)
            if c == "title" and (v is None or str(v).strip() == ""):
                v = f"(untitled) {r.get('article_id')}"
            row.append(_cell(v, kind))
        rows.append(row)
        hrefs.append(files[str(r["article_id"])])
    e = safe.text
    num_cls = ' class="num"'
    heads = "".join(f'<th scope="col"{num_cls if kind == "num" else ""}><button type="button">{e(label)}'
                    f"</button></th>" for _, label, kind in cols)
    selects = []
    for name in _FILTER_BY:
        if name not in [c for c, _, _ in cols]:
            continue
        k = [c for c, _, _ in cols].index(name)
        values = sorted({str(row[k]) for row in rows if row[k] not in (None, "")})
        if not values:
            continue
        opts = "".join(f'<option value="{safe.attr(v)}">{e(v)}</option>' for v in values)
        selects.append(f'<label>{e(name)}<select data-col="{k}"><option value="">all</option>{opts}</select></label>')
    body = f"""<div class="wrap">
<h1>{e(title)}</h1>
<p>{len(articles):,} article{'s' if len(articles) != 1 else ''}. Each title opens the article's evidence page: its text
with every quote, paraphrase, loaded term and actor mention marked where the tables say it is. {e(note)}</p>
<noscript><p>This index needs JavaScript to list the articles; each page is <code>ARTICLE_ID.html</code> in this
folder.</p></noscript>
<div id="ix" hidden>
<div class="ix-controls" role="search">
<label>Search title, outlet, author, id<input type="search" id="ix-q" autocomplete="off"></label>
{''.join(selects)}
<label>Rows per page<select id="ix-size"><option>25</option><option selected>50</option><option>100</option><option>500</option></select></label>
</div>
<p id="ix-info" role="status" aria-live="polite"></p>
<div class="pager"><button type="button" id="ix-prev">← previous</button>
<label>page <input type="number" id="ix-page" min="1" value="1" size="4"></label> of <span id="ix-pages">1</span>
<button type="button" id="ix-next">next →</button></div>
<div class="ix-wrap"><table><thead><tr id="ix-head">{heads}</tr></thead><tbody id="ix-body"></tbody></table></div>
<p class="hint">Click a column heading to sort (again to reverse). Shares are 0–1; sentiment is −1 to +1.</p>
</div>
</div>"""
    data = {"columns": [{"key": c, "label": label, "type": kind} for c, label, kind in cols], "rows": rows,
            "files": hrefs}
    return document(title, body, script="index.js", data_id="index-data", data=data)
