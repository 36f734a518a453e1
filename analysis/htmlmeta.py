"""Metadata a saved news page states about itself: JSON-LD, OpenGraph and ``<meta>`` tags, ``<time>``, bylines.

Method
------
A value is ``stated`` only when the page states it *as that field*, and the evidence names the
element.  In order of preference:

* **JSON-LD** (schema.org, https://schema.org/NewsArticle): an object of type ``NewsArticle``,
  ``Article``, ``ReportageNewsArticle``, ``OpinionNewsArticle``, ``AnalysisNewsArticle``,
  ``BlogPosting`` or ``WebPage`` (also inside ``@graph`` or a list) gives ``headline``,
  ``datePublished``, ``author`` (a name or a ``Person``/``Organization`` with a ``name``; several are
  joined with ``; ``), ``publisher.name`` and ``url``;
* **meta tags**: ``article:published_time`` (the Open Graph article namespace, https://ogp.me/#type_article),
  ``itemprop="datePublished"``, ``name="pubdate"``/``publishdate``/``date``/``dc.date.issued``/
  ``parsely-pub-date``; ``og:title``; ``og:site_name``; ``og:url`` or ``<link rel="canonical">``;
  ``name="author"``/``article:author``/``byl`` (not when the value is a URL);
* **HTML**: ``<time datetime>`` marked ``itemprop="datePublished"`` or ``pubdate`` is stated; a bare
  ``<time datetime>`` inside ``<article>`` or ``<header>`` is only ``inferred`` (pages also use
  ``<time>`` for updates and comments); a byline element (``rel="author"``, ``itemprop="author"``,
  a class containing ``byline`` or ``author-name``) gives the author with a leading ``By`` removed;
  the page's ``<title>`` and trafilatura's (Barbaresi 2021) title and author readings are used only when
  nothing above states them.

A copyright line (``© 2024``, ``Copyright 2024``) is never read as a date, and trafilatura's date
guess (which may fall back to such lines) is not used.  Dates go through :func:`analysis.dates.parse_date`
and keep the original value in the evidence.
"""
from __future__ import annotations

import json
import logging
import re

from .corpus import Field
from .dates import parse_date

log = logging.getLogger(__name__)

__all__ = ["page_metadata"]

_ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "opinionnewsarticle", "analysisnewsarticle",
                  "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "webpage", "report", "liveblogposting"}
_DATE_META = ("article:published_time", "datepublished", "pubdate", "publishdate", "date", "dc.date.issued",
              "dcterms.created", "parsely-pub-date", "sailthru.date", "og:published_time", "publish-date")
_URL_RE = re.compile(r"^(?:https?:)?//|^www\.", re.I)


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    ts = t if isinstance(t, list) else [t]
    return {str(x).casefold() for x in ts if x}


def _walk(data):
    if isinstance(data, list):
        for x in data:
            yield from _walk(x)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk(data["@graph"])


def _names(value) -> str | None:
    if isinstance(value, str):
        v = " ".join(value.split())
        return None if not v or _URL_RE.match(v) else v
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        parts = [n for n in (_names(v) for v in value) if n]
        return "; ".join(dict.fromkeys(parts)) or None
    return None


def _date_field(value, evidence: str, status: str = "stated") -> Field | None:
    pd_ = parse_date(value)
    if pd_.value is None:
        return None
    return Field(pd_.value, status, f"{evidence}: {pd_.evidence}")


def _json_ld(tree) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        for obj in _walk(data):
            if not _types(obj) & _ARTICLE_TYPES:
                continue
            kind = "/".join(sorted(_types(obj)))
            if "published" not in out and obj.get("datePublished"):
                f = _date_field(obj["datePublished"], f"JSON-LD {kind} datePublished")
                if f:
                    out["published"] = f
            if "title" not in out and isinstance(obj.get("headline"), str) and obj["headline"].strip():
                out["title"] = Field(" ".join(obj["headline"].split()), "stated", f"JSON-LD {kind} headline")
            if "author" not in out and _names(obj.get("author")):
                out["author"] = Field(_names(obj.get("author")), "stated", f"JSON-LD {kind} author")
            if "outlet" not in out and _names(obj.get("publisher")):
                out["outlet"] = Field(_names(obj.get("publisher")), "stated", f"JSON-LD {kind} publisher")
            url = obj.get("url")
            if "url" not in out and isinstance(url, str) and url.startswith("http"):
                out["url"] = Field(url, "stated", f"JSON-LD {kind} url")
    return out


def _meta(tree) -> dict[str, Field]:
    out: dict[str, Field] = {}
    metas = {}
    for m in tree.xpath("//meta[@content]"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().casefold()
        if key and key not in metas and m.get("content", "").strip():
            metas[key] = m.get("content").strip()
    for key in _DATE_META:
        if key in metas:
            f = _date_field(metas[key], f'<meta {key!r}>')
            if f:
                out["published"] = f
                break
    if metas.get("og:title"):
        out["title"] = Field(" ".join(metas["og:title"].split()), "stated", "<meta 'og:title'>")
    if metas.get("og:site_name"):
        out["outlet"] = Field(metas["og:site_name"], "stated", "<meta 'og:site_name'>")
    for key in ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"):
        v = metas.get(key)
        if v and not _URL_RE.match(v):
            v = re.sub(r"^[Bb]y\s+", "", " ".join(v.split()))
            out["author"] = Field(v, "stated", f"<meta {key!r}>")
            break
    if metas.get("og:url", "").startswith("http"):
        out["url"] = Field(metas["og:url"], "stated", "<meta 'og:url'>")
    else:
        canon = tree.xpath('//link[@rel="canonical"]/@href')
        if canon and canon[0].startswith("http"):
            out["url"] = Field(canon[0], "stated", '<link rel="canonical">')
    return out


def _html(tree) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for t in tree.xpath('//time[@datetime][@itemprop="datePublished" or @pubdate]'):
        f = _date_field(t.get("datetime"), "<time datetime> marked as the publication date")
        if f:
            out["published"] = f
            break
    if "published" not in out:
        for t in tree.xpath("//article//time[@datetime] | //header//time[@datetime]"):
            f = _date_field(t.get("datetime"), "first <time datetime> in the article's <article>/<header>, "
                                               "not marked as the publication date", status="inferred")
            if f:
                out["published"] = f
            break
    xp = ('//*[@rel="author"] | //*[@itemprop="author"] | '
          '//*[contains(concat(" ", normalize-space(@class), " "), " byline ") or contains(@class, "author-name")'
          ' or contains(@class, "byline__name")]')
    for el in tree.xpath(xp):
        name = " ".join(el.text_content().split())
        name = re.sub(r"^[Bb]y\s+", "", name)
        name = re.split(r"\s*[|,•·]\s*|\s+(?:and|&)\s+(?=\S+\s*$)", name)[0] if len(name) > 60 else name
        if name and len(name) <= 80 and re.match(r"^[A-Z]", name):
            out["author"] = Field(name, "stated", "byline element in the page")
            break
    return out


def page_metadata(html: str, *, extracted=None) -> dict[str, Field]:
    """Title, author, published date, outlet and URL that the page states (see the module docstring)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        tree = None
    found: dict[str, Field] = {}
    if tree is not None:
        for part in (_json_ld(tree), _meta(tree), _html(tree)):
            for k, v in part.items():
                found.setdefault(k, v)
    for name, attr in (("title", "title"), ("author", "author"), ("outlet", "sitename"), ("url", "url")):
        value = getattr(extracted, attr, None) if extracted is not None else None
        if value and name not in found:
            found[name] = Field(str(value), "stated", f"HTML page metadata ({attr}) extracted by trafilatura")
    if tree is not None and "title" not in found:
        t = tree.xpath("//title")
        title = " ".join(t[0].text_content().split()) if t else ""
        if title:
            found["title"] = Field(title, "stated", "the page's <title>")
    return found
