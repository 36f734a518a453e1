"""One article's evidence page: the cleaned text with every evidence row marked in place.

Method: each evidence row (attribution, loaded-term hit, actor mention,
sentence) becomes a :class:`~analysis.pages.markup.Span` at its character
offsets into the cleaned text (the text every table's offsets point into),
and :func:`~analysis.pages.markup.nest` writes the text with the spans
properly nested, so the DOM text of each mark is the evidence row's text.
Layers are told apart by colour *and* line style *and* a short label
(direct quote: solid underline; paraphrase: dotted; mixed: dashed; loaded
term: category code; actor: double underline with a portrayal sign), in the
manner of displaCy's entity view and Prta's technique highlighting
(Da San Martino et al., ACL 2020 demo).  Details (speaker, role, side, cue,
rule, lexicon entry, model score, negation, voice, sentiment) are shown on
hover and on keyboard focus from a JSON block; every value is escaped.

Every attribution and loaded-term mark carries its row's offsets
(``data-start``, ``data-end``), so a checker can match marks to rows directly.
Anchors: ``#a-N`` (the article's N-th attribution row, from 0, in table
order), ``#t-N`` (loaded-term hit), ``#m-N`` (actor mention), ``#s-N``
(sentence number ``N`` of ``sentences.csv``).
"""
from __future__ import annotations

import logging
import re
from collections import Counter

from . import safe
from .data import ArticleData
from .markup import Span, nest
from .page import document

log = logging.getLogger(__name__)

__all__ = ["render_article", "category_codes", "KINDS", "summary_sentences"]

#: attribution kinds in legend order, with their labels.
KINDS = {"direct": ("direct quote", "quote"), "indirect": ("paraphrase (indirect)", "paraphrase"),
         "mixed": ("mixed (partly quoted)", "mixed"), "unattributed": ("unattributed quotation", "unattributed")}
_KIND_STYLE = {"direct": "solid", "indirect": "dotted", "mixed": "dashed", "unattributed": "double grey"}
_PRIORITY = {"hl": 40, "att": 30, "lt": 20, "act": 15, "sent": 10}

_LABELS = {
    "kind": "kind", "speaker": "speaker", "speaker_mention": "named in text as", "speaker_role": "role",
    "speaker_side": "side", "cue": "cue verb", "cue_class": "cue class", "rule": "rule",
    "speaker_rule": "speaker rule", "class_rule": "role/side rule", "anonymous": "anonymous",
    "quoted_words": "quoted words", "sentence": "sentence", "part": "part", "entry": "lexicon entry",
    "category": "category", "lexicon": "lexicon", "note": "note", "negated": "negated", "voice": "voice",
    "target": "target", "actor": "actor", "alias": "alias matched", "type": "type", "side": "side",
    "label": "portrayal", "probability": "probability", "compound": "VADER compound", "pos": "VADER pos",
    "neu": "VADER neu", "neg": "VADER neg", "score": "score", "model": "model", "news_score": "news score",
    "vague": "vague source", "unbalanced_quote": "unclosed quotation mark", "speaker_alignment": "speaker alignment",
    "cue_lemma": "cue lemma", "attribution_kind": "in attribution of kind",
}
_SKIP = {"article_id", "start", "end", "quote", "text", "sentence_text"}


def _fmt(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if value == value else None
    s = str(value)
    return {"True": "yes", "False": "no"}.get(s, s)


def _fields(row: dict, *, first=(), skip=()) -> list[list[str]]:
    """``[label, value]`` pairs of a row: known columns first, then every other column as it is."""
    out = []
    seen = set(_SKIP) | set(skip)
    for col in list(first) + [c for c in row if c not in first]:
        if col in seen or col not in row:
            continue
        seen.add(col)
        v = _fmt(row[col])
        if v is None or v == "":
            continue
        out.append([_LABELS.get(col, col), v])
    if row.get("start") is not None and row.get("end") is not None:
        out.append(["offsets", f"{row['start']}–{row['end']}"])
    return out


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def category_codes(categories) -> dict[str, tuple[int, str]]:
    """category -> (index, short code): codes from the category's initials, made unique."""
    out: dict[str, tuple[int, str]] = {}
    used: set[str] = set()
    for i, cat in enumerate(categories):
        parts = [p for p in re.split(r"[^A-Za-z0-9]+", str(cat)) if p]
        code = ("".join(p[0] for p in parts) if len(parts) > 1 else "".join(parts)[:2]).upper() or "C"
        base, n = code, 2
        while code in used:
            code, n = f"{base}{n}", n + 1
        used.add(code)
        out[str(cat)] = (i, code)
    return out


def _portrayal_class(row: dict) -> tuple[str, str] | None:
    for col in ("label", "portrayal", "polarity"):
        v = row.get(col)
        if v is None or v == "":
            continue
        s = str(v).strip().lower()
        try:
            x = float(s)
            return ("p-neg", "−") if x < 0 else ("p-pos", "+") if x > 0 else ("p-neu", "0")
        except ValueError:
            pass
        if s.startswith("neg"):
            return "p-neg", "−"
        if s.startswith("pos"):
            return "p-pos", "+"
        return "p-neu", "0"
    return None


def _sentiment_bucket(row: dict) -> str:
    for col in ("sentiment", "news_score", "compound"):  # the score sentiment_mean uses first
        v = row.get(col)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v:
            return ("sv-n2" if v <= -0.5 else "sv-n1" if v <= -0.05 else
                    "sv-p2" if v >= 0.5 else "sv-p1" if v >= 0.05 else "sv-z")
    return "sv-z"


def _score_name(art: ArticleData) -> str:
    cols = set().union(*(r.keys() for r in art.sentences[:1])) if art.sentences else set()
    return next((f"{c} ≤ −0.05 / ≥ +0.05" for c in ("sentiment", "news_score", "compound") if c in cols),
                "no sentence scores")


def _speaker_key(row: dict) -> tuple[str, str]:
    """(key, display name) of an attribution's speaker."""
    name = (row.get("speaker") or "").strip() if isinstance(row.get("speaker"), str) else ""
    if name:
        return "n:" + name, name
    mention = row.get("speaker_mention")
    mention = mention.strip() if isinstance(mention, str) else ""
    if mention:
        return "m:" + mention, f"{mention} (unnamed)"
    return "?", "unknown speaker"


def _pct(x) -> str:
    return f"{100 * x:.0f} %"


def summary_sentences(row: dict, art: ArticleData | None = None) -> list[str]:
    """The article's row of ``articles.csv`` in words (plain text; escape before use)."""
    g = row.get

    def num(col):
        v = g(col)
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) and v == v else None

    out = []
    words, sents = num("words"), num("sentences")
    if words is not None:
        out.append(f"{int(words):,} words" + (f" in {int(sents):,} sentences." if sents is not None else "."))
    if num("sentiment_mean") is not None:
        s = f"Mean sentence sentiment {num('sentiment_mean'):+.2f}"
        parts = []
        if num("sentiment_author_mean") is not None:
            parts.append(f"the author's own sentences {num('sentiment_author_mean'):+.2f}"
                         + (f" over {int(num('sentences_author'))}" if num("sentences_author") is not None else ""))
        if num("sentiment_quoted_mean") is not None:
            parts.append(f"quoted sentences {num('sentiment_quoted_mean'):+.2f}"
                         + (f" over {int(num('sentences_quoted'))}" if num("sentences_quoted") is not None else ""))
        out.append(s + (f" ({'; '.join(parts)})." if parts else ".") + " Scale −1 to +1.")
    n_att = num("attributions")
    if n_att is not None:
        if n_att == 0:
            out.append("No attribution: the text quotes or paraphrases no one the method recognises.")
        else:
            names = {"direct": "direct quote", "indirect": "paraphrase", "mixed": "mixed"}
            kinds = [f"{int(num(k))} {names[k]}{'' if int(num(k)) == 1 or k == 'mixed' else 's'}"
                     for k in names if num(k)]
            s = f"{int(n_att)} attribution{'s' if n_att != 1 else ''}" + (f" ({', '.join(kinds)})" if kinds else "")
            if num("named_sources") is not None:
                s += f" from {int(num('named_sources'))} named source{'s' if num('named_sources') != 1 else ''}"
            if num("anonymous_share") is not None:
                s += f"; {_pct(num('anonymous_share'))} anonymous"
            out.append(s + ".")
            if num("vague_sources"):
                out.append(f"{int(num('vague_sources'))} of them rest on a vague source (\u201cexperts say\u201d).")
            if num("quoted_word_share") is not None:
                out.append(f"{_pct(num('quoted_word_share'))} of the words are quoted.")
            if g("dominant_source") and num("dominance") is not None:
                out.append(f"Most attributed source: {g('dominant_source')} ({_pct(num('dominance'))} of the "
                           f"attributions).")
    if num("unattributed_quotes"):
        n = int(num("unattributed_quotes"))
        out.append(f"{n} quotation{'s' if n != 1 else ''} without a speaker (unattributed).")
    if num("loaded_hits") is not None:
        s = f"{int(num('loaded_hits'))} loaded-term hit{'s' if num('loaded_hits') != 1 else ''}"
        if num("loaded_per_1000") is not None:
            s += f", {num('loaded_per_1000'):.1f} per 1,000 words"
        if num("loaded_per_1000_author") is not None and num("loaded_per_1000_quoted") is not None:
            s += (f" ({num('loaded_per_1000_author'):.1f} in the author's voice, "
                  f"{num('loaded_per_1000_quoted'):.1f} in quoted voice)")
        if art is not None and art.loaded_terms:
            top = Counter(str(r.get("category")) for r in art.loaded_terms).most_common(3)
            s += "; most often " + ", ".join(f"{c} ({n})" for c, n in top)
        out.append(s + ".")
    if num("flesch_reading_ease") is not None:
        s = f"Flesch reading ease {num('flesch_reading_ease'):.0f}"
        if num("flesch_kincaid_grade") is not None:
            s += f", US school grade {num('flesch_kincaid_grade'):.1f}"
        out.append(s + ".")
    if art is not None and art.actor_mentions:
        top = Counter(str(r.get("actor")) for r in art.actor_mentions).most_common(6)
        out.append("Actors mentioned most: " + ", ".join(f"{a} ({n})" for a, n in top) + ".")
    return out


def _meta_rows(art: ArticleData) -> list[tuple[str, str, str]]:
    status = {}
    for r in art.metadata:
        if r.get("field"):
            status[str(r["field"])] = (str(r.get("status") or ""), str(r.get("evidence") or ""))
    out = []
    for col in ("title", "outlet", "author", "published", "url", "genre", "language", "source"):
        v = art.row.get(col)
        st = status.get(col)
        if (v is None or v == "") and not st:
            continue
        value_html = safe.link(v) if col == "url" and v else f"<bdi>{safe.text(_fmt(v) or 'unknown')}</bdi>"
        st_html = ""
        if st and st[0]:
            st_html = f' <span class="status">({safe.text(st[0])}{": " if st[1] else ""}<bdi>{safe.text(st[1])}</bdi>)</span>'
        out.append((col, value_html, st_html))
    return out


def _title(art: ArticleData) -> str:
    t = art.row.get("title")
    if isinstance(t, str) and t.strip():
        return t.strip()
    return opening_words(art.text) or str(art.article_id)


def opening_words(text: str, *, limit: int = 90) -> str:
    """The first line of ``text``, cut at a word boundary near ``limit`` characters (for untitled articles)."""
    first = text.strip().split("\n", 1)[0]
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0] + " …"
    return first


def render_article(art: ArticleData, *, categories: dict[str, tuple[int, str]] | None = None,
                   index_href: str = "index.html") -> str:
    """The evidence page of one article, as a string of HTML (see module docstring)."""
    text = art.text
    if categories is None:
        categories = category_codes(sorted({str(r.get("category")) for r in art.loaded_terms}))
    spans: list[Span] = []
    ev: dict[str, dict] = {}

    # headline (when the text starts with one: Article.headline_end)
    hl_end = _int(art.row.get("headline_end"))
    if hl_end is None:  # else from the sentences' part column: the headline is its own paragraph
        ends = [_int(r.get("end")) for r in art.sentences if r.get("part") == "headline"]
        hl_end = max((e for e in ends if e is not None), default=None)
    if hl_end and 0 < hl_end <= len(text):
        spans.append(Span(0, hl_end, "h", "hl", _PRIORITY["hl"], attrs=(("role", "heading"), ("aria-level", "2"))))
        ev["h"] = {"title": "Headline", "fields": [["offsets", f"0–{hl_end}"]]}

    # attributions, with their speakers
    kinds_present: list[str] = []
    other_kinds: dict[str, int] = {}  # kinds beyond direct/indirect/mixed, in order of appearance
    speakers: dict[str, dict] = {}
    for i, r in enumerate(art.attributions):
        s, e = _int(r.get("start")), _int(r.get("end"))
        if s is None or e is None:
            continue
        kind = str(r.get("kind") or "other")
        if kind not in kinds_present:
            kinds_present.append(kind)
        key, name = _speaker_key(r)
        spk = speakers.setdefault(key, {"name": name, "role": r.get("speaker_role"), "side": r.get("speaker_side"),
                                        "n": 0, "i": len(speakers)})
        spk["n"] += 1
        short = name if len(name) <= 40 else name[:39] + "…"
        vague = str(r.get("vague")).lower() in ("true", "1", "yes")
        label = f"{KINDS.get(kind, (kind, kind))[1]}{' (vague source)' if vague else ''} · {short}"
        k_idx = list(KINDS).index(kind) if kind in KINDS else len(KINDS) + other_kinds.setdefault(kind, len(other_kinds))
        cls = f"att k-{kind if kind in KINDS else 'other'}" + (" vague" if vague else "")
        key_ev = f"a{i}"
        spans.append(Span(s, e, key_ev, cls, _PRIORITY["att"], tag="mark",
                          attrs=(("data-spk", str(spk["i"])), ("data-k", str(k_idx)), ("data-label", label),
                                 ("data-start", str(s)), ("data-end", str(e))),
                          first=(("id", f"a-{i}"), ("tabindex", "0"))))
        flds = _fields(r, first=("kind", "speaker", "speaker_mention", "speaker_role", "speaker_side", "cue",
                                 "cue_class", "rule", "speaker_rule", "class_rule", "anonymous", "quoted_words",
                                 "part", "sentence"),
                       skip=("content",) if r.get("content") == r.get("quote") else ())
        ev[key_ev] = {"title": f"Attribution {i}: {KINDS.get(kind, (kind,))[0]}", "fields": flds, "spk": spk["i"]}

    # loaded terms
    for i, r in enumerate(art.loaded_terms):
        s, e = _int(r.get("start")), _int(r.get("end"))
        if s is None or e is None:
            continue
        cat = str(r.get("category"))
        idx, code = categories.get(cat) or category_codes([cat])[cat]
        neg = str(r.get("negated")).lower() in ("true", "1", "yes")
        key_ev = f"t{i}"
        spans.append(Span(s, e, key_ev, f"lt c{idx % 12}" + (" neg" if neg else ""), _PRIORITY["lt"], tag="mark",
                          attrs=(("data-cat", str(idx)), ("data-code", code), ("data-start", str(s)),
                                 ("data-end", str(e))),
                          first=(("id", f"t-{i}"), ("tabindex", "0"))))
        ev[key_ev] = {"title": f"Loaded term {i}: {cat} ({code})",
                      "fields": _fields(r, first=("category", "entry", "lexicon", "score", "model", "negated",
                                                  "voice", "target", "note", "part", "sentence"))}

    # actor mentions, with portrayal when the results carry it
    portrayal = {(_int(p.get("start")), _int(p.get("end"))): p for p in art.portrayal}
    mentions = []
    for r in art.actor_mentions:
        p = portrayal.pop((_int(r.get("start")), _int(r.get("end"))), None)
        mentions.append({**r, **{k: v for k, v in (p or {}).items() if k not in r or r.get(k) in (None, "")}})
    mentions.extend(portrayal.values())  # portrayal rows with no matching mention still show
    for i, r in enumerate(mentions):
        s, e = _int(r.get("start")), _int(r.get("end"))
        if s is None or e is None:
            continue
        pc = _portrayal_class(r)
        key_ev = f"m{i}"
        spans.append(Span(s, e, key_ev, "act" + (f" {pc[0]}" if pc else ""), _PRIORITY["act"],
                          attrs=(("data-code", pc[1]),) if pc else (),
                          first=(("id", f"m-{i}"), ("tabindex", "0"))))
        ev[key_ev] = {"title": f"Actor mention: {r.get('actor') or r.get('target') or ''}",
                      "fields": _fields(r, first=("actor", "alias", "type", "side", "label", "probability",
                                                  "voice", "part", "sentence"))}

    # sentences (for sentiment shading and #s-N anchors)
    for r in art.sentences:
        s, e, n = _int(r.get("start")), _int(r.get("end")), _int(r.get("sentence"))
        if s is None or e is None or n is None:
            continue
        key_ev = f"s{n}"
        spans.append(Span(s, e, key_ev, f"sent {_sentiment_bucket(r)}", _PRIORITY["sent"],
                          first=(("id", f"s-{n}"),)))
        ev[key_ev] = {"title": f"Sentence {n}", "fields": _fields(r, first=("news_score", "compound", "voice", "part"),
                                                                   skip=("sentence",))}

    text_html = nest(text, spans)
    title = _title(art)
    spk_list = sorted(speakers.values(), key=lambda d: d["i"])
    order = {k: i for i, k in enumerate(kinds_present)}
    kinds_present = sorted(kinds_present, key=lambda k: (list(KINDS).index(k) if k in KINDS else len(KINDS), order[k]))
    body = _body(art, title=title, text_html=text_html, speakers=spk_list, kinds=kinds_present,
                 categories=categories, index_href=index_href, mentions=mentions)
    data = {"ev": ev, "speakers": [{"name": d["name"]} for d in spk_list]}
    return document(f"{title} — evidence", body, script="article.js", data_id="evidence", data=data)


def _body(art: ArticleData, *, title, text_html, speakers, kinds, categories, index_href, mentions) -> str:
    e = safe.text
    meta = "\n".join(f"<dt>{e(col)}</dt><dd>{val}{st}</dd>" for col, val, st in _meta_rows(art))
    summary = "\n".join(f"<p>{e(s)}</p>" for s in summary_sentences(art.row, art))
    measures = "\n".join(f"<tr><th scope=\"row\">{e(k)}</th><td><bdi>{e(_fmt(v) or '')}</bdi></td></tr>"
                         for k, v in art.row.items())
    # removed lines
    removed = ""
    if art.cleaning:
        items = []
        for r in art.cleaning:
            kind = str(r.get("kind") or "")
            t = str(r.get("text") or "")
            shown = f"({t.count(chr(10))} blank lines)" if not t.strip() else t
            items.append(f'<li><span class="kind">{e(kind)}, raw {e(r.get("raw_start"))}–{e(r.get("raw_end"))}:</span> '
                         f"<bdi>{e(shown)}</bdi></li>")
        removed = (f'<details class="removed" id="removed"><summary>{len(items)} line{"s" if len(items) != 1 else ""} '
                   f"removed by cleaning (not analysed)</summary><ol>{''.join(items)}</ol></details>")
    # legend and filters
    kind_boxes, kind_legend = [], []
    for k in kinds:
        k_idx = list(KINDS).index(k) if k in KINDS else len(KINDS) + [o for o in kinds if o not in KINDS].index(k)
        label = KINDS.get(k, (k,))[0]
        style = _KIND_STYLE.get(k, "double")
        kind_boxes.append(f'<label><input type="checkbox" checked data-kind="{k_idx}"> {e(label)}</label>')
        kind_legend.append(f'<li><span class="swatch sw-att k-{e(k if k in KINDS else "other")}">Aa</span>'
                           f"{e(label)}: {style} underline</li>")
    present_cats = sorted({str(r.get("category")) for r in art.loaded_terms},
                          key=lambda c: categories.get(c, (10**6, ""))[0])
    cat_boxes, cat_legend = [], []
    for c in present_cats:
        idx, code = categories.get(c) or category_codes([c])[c]
        n = sum(1 for r in art.loaded_terms if str(r.get("category")) == c)
        cat_boxes.append(f'<label><input type="checkbox" checked data-cat="{idx}"> <bdi>{e(c)}</bdi> ({n})</label>')
        cat_legend.append(f'<li><span class="swatch sw-lt c{idx % 12}">{e(code)}</span><bdi>{e(c)}</bdi></li>')
    has_portrayal = any(_portrayal_class(m) for m in mentions)
    controls = f"""<div class="controls" id="controls" hidden>
<fieldset><legend>Quotes and paraphrases</legend>
<label><input type="checkbox" checked data-layer="att"> all</label> {''.join(kind_boxes) or '<span class="hint">none</span>'}</fieldset>
<fieldset><legend>Loaded terms</legend>
<label><input type="checkbox" checked data-layer="lt"> all</label> {''.join(cat_boxes) or '<span class="hint">none</span>'}</fieldset>
<fieldset><legend>Other layers</legend>
<label><input type="checkbox" checked data-layer="act"> actor mentions{' and portrayal' if has_portrayal else ''}</label>
<label><input type="checkbox" data-layer="sent"> sentence sentiment shading</label>
<label><input type="checkbox" checked data-layer="labels"> labels</label>
<label><input type="checkbox" checked data-layer="removed"> lines removed by cleaning</label></fieldset>
</div>"""
    legend = f"""<details class="legend" open><summary>Legend</summary>
<ul>{''.join(kind_legend) or '<li>no quotes or paraphrases</li>'}</ul>
<ul>{''.join(cat_legend) or '<li>no loaded terms</li>'}</ul>
<ul><li><span class="swatch act">Aa</span>actor mention: double underline{'; portrayal + / 0 / − (red: negative, green: positive)' if has_portrayal else ''}</li>
<li><span class="sw-sent sv-n2"></span> negative sentence (striped) <span class="sw-sent sv-p2"></span> positive sentence (plain tint), when shading is on ({e(_score_name(art))})</li>
<li>A striped loaded term is negated. Hover over or focus (Tab) a highlight for its evidence; click a quote, or a speaker below, to highlight all of that speaker's attributions.</li></ul>
</details>"""
    spk_html = ""
    if speakers:
        buttons = "".join(
            f'<li><button type="button" class="spk" data-spk="{d["i"]}" aria-pressed="false"><bdi>{e(d["name"])}</bdi> '
            f'<small>{e(" · ".join(str(x) for x in (d.get("role"), d.get("side")) if x))}'
            f'{" · " if d.get("role") or d.get("side") else ""}{d["n"]}</small></button></li>'
            for d in speakers)
        spk_html = (f'<section class="speakers-box"><h2>Speakers</h2><p class="hint">Select a speaker to highlight '
                    f'every attribution to them (role · side · attributions).</p><ul class="speakers">{buttons}</ul>'
                    f"</section>")
    tables = _evidence_tables(art, categories, mentions)
    return f"""<div class="wrap">
<nav class="top"><a href="{safe.attr(index_href)}">← all articles</a></nav>
<header><h1><bdi>{e(title)}</bdi></h1>
<dl class="meta"><dt>article id</dt><dd><code>{e(art.article_id)}</code></dd>
{meta}</dl></header>
<section class="summary" aria-label="Summary"><h2>In numbers</h2>
{summary}
<details><summary>Every measure of this article (its row of articles.csv)</summary>
<table><tbody>{measures}</tbody></table></details>
</section>
<div class="layout">
<main id="article">
<h2>Text</h2>
{removed}
<div class="text" id="text">{text_html}</div>
</main>
<div class="side">
{controls}
{spk_html}
<p id="status" class="hint" role="status" aria-live="polite"></p>
<aside class="detail" id="detail" hidden aria-label="Evidence of the highlight in focus">
<h2>Evidence <button type="button" id="detail-toggle" aria-expanded="true">Hide</button></h2>
<div id="detail-body" aria-live="polite"><p class="hint">Hover over or focus (Tab) a highlight to see its evidence.</p></div>
</aside>
{legend}
</div>
</div>
{tables}
</div>"""


def _evidence_tables(art: ArticleData, categories, mentions) -> str:
    e = safe.text
    parts = []
    if art.attributions:
        rows = "".join(
            f'<tr><td class="num"><a href="#a-{i}">{i}</a></td><td>{e(r.get("kind"))}</td>'
            f'<td><bdi>{e(_speaker_key(r)[1])}</bdi></td><td>{e(r.get("speaker_role") or "")}</td>'
            f'<td>{e(r.get("speaker_side") or "")}</td><td><bdi>{e(r.get("cue") or "")}</bdi></td>'
            f'<td>{e(r.get("rule") or "")}</td><td><bdi>{e(r.get("quote") or "")}</bdi></td></tr>'
            for i, r in enumerate(art.attributions))
        parts.append(f"<details><summary>Attributions ({len(art.attributions)})</summary><table><thead><tr>"
                     "<th>#</th><th>kind</th><th>speaker</th><th>role</th><th>side</th><th>cue</th><th>rule</th>"
                     f"<th>text</th></tr></thead><tbody>{rows}</tbody></table></details>")
    if art.loaded_terms:
        rows = "".join(
            f'<tr><td class="num"><a href="#t-{i}">{i}</a></td><td><bdi>{e(r.get("text") or "")}</bdi></td>'
            f'<td><bdi>{e(r.get("category"))}</bdi></td><td><bdi>{e(_fmt(r.get("entry")) or "")}</bdi></td>'
            f'<td>{e(_fmt(r.get("negated")) or "")}</td><td>{e(r.get("voice") or "")}</td></tr>'
            for i, r in enumerate(art.loaded_terms))
        parts.append(f"<details><summary>Loaded terms ({len(art.loaded_terms)})</summary><table><thead><tr>"
                     "<th>#</th><th>text</th><th>category</th><th>lexicon entry</th><th>negated</th><th>voice</th>"
                     f"</tr></thead><tbody>{rows}</tbody></table></details>")
    if mentions:
        counts = Counter((str(m.get("actor") or m.get("target") or ""), (_portrayal_class(m) or ("", ""))[1])
                         for m in mentions)
        rows = "".join(f"<tr><td><bdi>{e(a)}</bdi></td><td>{e(p or '—')}</td><td class=\"num\">{n}</td></tr>"
                       for (a, p), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        parts.append(f"<details><summary>Actor mentions ({len(mentions)})</summary><table><thead><tr>"
                     f"<th>actor</th><th>portrayal</th><th>mentions</th></tr></thead><tbody>{rows}</tbody></table>"
                     "</details>")
    return f'<section class="evidence"><h2>Evidence rows</h2>{"".join(parts)}</section>' if parts else ""
