"""From a record to an article candidate: text checks, language, and metadata with their provenance.

Refused (one line naming the file, and the row for tables): empty texts, binary data, HTML passed as
plain text, texts under ``min_words`` words (default 20; 1 accepts headlines, snippets and
sentences), non-English texts (:mod:`analysis.importers.language`; under
:data:`~analysis.importers.language.LANGID_MIN_WORDS` words never refused for their language), a text
that is not text (a number), an invalid id.  Metadata that the text states (its headline, a ``By
NAME`` byline, a sign-off, a date widget) is marked ``stated`` with the line as evidence; values
given with the import (columns, command-line options) are ``supplied``; dates are read by
:func:`analysis.dates.parse_date`.  HTML pages are reduced to their main text with trafilatura
(Barbaresi 2021, ACL demos) and their metadata come from what the page states as that field
(:mod:`analysis.htmlmeta`).
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from ..corpus import FIELDS, Field, _ID_RE, text_id
from ..dates import parse_date
from ..errors import InputError
from ..text import Cleaned, WORD_RE, clean
from .columns import check_mapping
from .formats import CONTROL_RE, Page, Row, records
from .language import LANGID_MIN_WORDS, identify

log = logging.getLogger(__name__)

__all__ = ["Candidate", "LanguageCheck", "Options", "check_text", "metadata_from_text", "to_candidate",
           "iter_candidates", "read_inputs", "MIN_WORDS"]

#: Default minimum number of words for an article (``--min-words``).
MIN_WORDS = 20
_HTML_RE = re.compile(r"<\s*(?:html|head|body|div|p|span|a\s+href|script|style|article|br|meta|table)\b[^>]*>", re.I)
_MONTHS = "january february march april may june july august september october november december".split()


@dataclass
class Candidate:
    """An article ready to be written into a corpus."""

    text: str
    fields: dict[str, Field]
    origin: str  # the file (and row) it came from, for messages
    id: str = ""
    html: str | None = None
    extra: dict = field(default_factory=dict)
    #: cleanings already computed, by title (see :meth:`cleaned`)
    cleanings: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if not self.id:
            self.id = text_id(self.text)

    def cleaned(self) -> Cleaned:
        """The cleaning of the text with its stated or supplied title (as the corpus loader cleans it)."""
        f = self.fields.get("title")
        title = f.value if f is not None and f.status in ("stated", "supplied") else None
        if title not in self.cleanings:
            self.cleanings[title] = clean(self.text, title=title)
        return self.cleanings[title]


@dataclass(frozen=True)
class LanguageCheck:
    code: str | None
    prob: float
    words: int
    short: bool
    mixed: dict | None = None

    def field(self) -> Field:
        if self.code is None:
            return Field(None, "unknown", f"too short to identify reliably ({self.words} words); "
                                          f"py3langid did not say English; not refused")
        ev = f"py3langid on the cleaned text, p={self.prob:.2f}"
        if self.short:
            ev += f"; short text ({self.words} words): low confidence"
        return Field(self.code, "inferred", ev)


@dataclass
class Options:
    supplied: Mapping[str, object] = field(default_factory=dict)
    mapping: Mapping[str, str] = field(default_factory=dict)
    min_words: int = MIN_WORDS
    day_first: bool = False


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing (null)"
    return f"a {type(value).__name__}"


def _check(text: str, origin: str, *, allow_html: bool, min_words: int,
           title: str | None) -> tuple[LanguageCheck, Cleaned]:
    if not isinstance(text, str):
        raise InputError(origin, f"article text must be text, got {_kind(text)} ({str(text)[:40]!r})")
    if not text.strip():
        raise InputError(origin, "article text is empty")
    if not allow_html and len(_HTML_RE.findall(text[:20000])) >= 2:
        raise InputError(origin, "looks like HTML, not plain text; save it with a .html suffix so the article text is extracted")
    if len(CONTROL_RE.findall(text[:8192])) > 8:
        raise InputError(origin, "looks like binary data (control characters), not text")
    cleaned = clean(text, title=title)
    body = cleaned.text
    n = len(WORD_RE.findall(body))
    if n < max(min_words, 1):
        hint = "; --min-words 1 accepts headlines, snippets and sentences" if min_words > 1 else ""
        raise InputError(origin, f"article text has only {n} words (at least {min_words} needed{hint})")
    lang, prob, mixed = identify(body, words=n)
    short = n < LANGID_MIN_WORDS
    if lang != "en":
        if short:
            log.warning("%s: py3langid says %r (p=%.2f) on only %d words: too short to tell; language recorded "
                        "as unknown, not refused", origin, lang, prob, n)
            return LanguageCheck(None, prob, n, True), cleaned
        raise InputError(origin, f"text is not English (detected {lang!r}, p={prob:.2f}); only English is supported")
    if mixed:
        log.warning("%s: mixed-language text: paragraph(s) %s read as %s (%.0f%% of the words); the analysis is "
                    "English-only", origin, ", ".join(map(str, mixed["paragraphs"])),
                    ", ".join(sorted(mixed["languages"])), 100 * mixed["share"])
    return LanguageCheck(lang, prob, n, short, mixed), cleaned


def check_text(text: str, origin: str, *, allow_html: bool = False, min_words: int = MIN_WORDS,
               title: str | None = None) -> LanguageCheck:
    """Validate an article text; return its language check (refuses non-English unless the text is short)."""
    return _check(text, origin, allow_html=allow_html, min_words=min_words, title=title)[0]


def _iso_date(text: str) -> str | None:
    m = re.search(r"\b(\d{4}-\d{2}-\d{2})\b", text)
    if m:
        return m.group(1)
    m = re.search(r"\b(\d{1,2})\s+(%s)\s+(\d{4})\b" % "|".join(_MONTHS), text, re.I)
    if m:
        return f"{m.group(3)}-{_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}"
    m = re.search(r"\b(%s)\s+(\d{1,2}),?\s+(\d{4})\b" % "|".join(_MONTHS), text, re.I)
    if m:
        return f"{m.group(3)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}-{int(m.group(2)):02d}"
    return None


def metadata_from_text(text: str, *, cleaned: Cleaned | None = None) -> dict[str, Field]:
    """Metadata that the text itself states: its headline and the cleaning's removed lines.

    ``cleaned``, when given, must be ``clean(text)`` (no title): it saves cleaning the text again.
    """
    c = cleaned if cleaned is not None else clean(text)
    out: dict[str, Field] = {}
    if c.headline_end and c.headline_in_raw:
        line_no = text.count("\n", 0, c.to_raw(0)) + 1
        out["title"] = Field(c.headline, "stated", f"headline line {line_no}")
    for r in c.removed:
        line_no = text.count("\n", 0, r.raw_start) + 1
        if r.kind == "masthead" and "outlet" not in out:
            out["outlet"] = Field(r.text, "stated", f"site name at the top, line {line_no}")
        elif r.kind == "byline" and "author" not in out:
            m = re.match(r"[Bb]y\s+([^,;|–—(]+)", r.text)
            if m:
                out["author"] = Field(m.group(1).strip(), "stated", f"byline, line {line_no}: {r.text[:80]!r}")
        elif r.kind == "widget" and "published" not in out:
            d = _iso_date(r.text)
            if d:
                out["published"] = Field(d, "stated", f"date widget, line {line_no}: {r.text!r}")
        elif r.kind == "signature":
            if re.match(r"^(?:www\.)?[\w\-]+(?:\.[A-Za-z]{2,})+$", r.text):
                out.setdefault("outlet", Field(r.text, "stated", f"sign-off line {line_no}"))
            elif len(r.text) > 3:
                out.setdefault("author", Field(r.text, "stated", f"sign-off line {line_no}"))
    return out


def plain(value) -> str | None:
    """A metadata value from a table cell or JSON value as one line of text (lists joined with '; ')."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (list, tuple)):
        parts = [plain(v) for v in value]
        parts = [p for p in parts if p]
        return "; ".join(parts) or None
    if isinstance(value, dict):
        for key in ("name", "value", "@value"):
            if key in value:
                return plain(value[key])
        return None
    text = " ".join(str(value).split())
    return text or None


def _fields(stated: Mapping[str, Field], supplied: Mapping[str, object], *, source: str,
            language: LanguageCheck, day_first: bool = False, extra: dict | None = None) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for name in FIELDS:
        value = plain(supplied.get(name)) if name not in ("source", "language") else None
        if name == "source":
            out[name] = Field(source, "supplied", "the imported file")
        elif value is not None and name == "published":
            raw = supplied.get(name)
            if isinstance(raw, (list, tuple)) and len(raw) == 1:  # a JSON list holding one date
                raw = raw[0]
            pd_ = parse_date(raw, day_first=day_first)
            if pd_.value is None:
                log.warning("%s: unreadable date %r kept as unknown", source, pd_.original)
                out[name] = Field(None, "unknown", f"given with the import: {pd_.evidence}")
            else:
                ev = "given with the import" if pd_.method == "ISO 8601" else f"given with the import: {pd_.evidence}"
                out[name] = Field(pd_.value, "supplied", ev)
            if extra is not None and pd_.method != "ISO 8601":
                extra.setdefault("dates", {})["published"] = pd_.as_dict()
        elif value is not None:
            out[name] = Field(value, "supplied", "given with the import")
        elif name in stated:
            out[name] = stated[name]
        elif name == "language":
            out[name] = language.field()
        else:
            out[name] = Field(None, "unknown", "")
    return out


def _candidate(text: str, origin: str, stated, supplied, *, source: str, lang: LanguageCheck, opts: Options,
               html: str | None = None, cleanings: dict | None = None) -> Candidate:
    extra: dict = {}
    cand = Candidate(text=text, origin=origin, html=html,
                     fields=_fields(stated, supplied, source=source, language=lang, day_first=opts.day_first,
                                    extra=extra))
    cand.extra.update(extra)
    if lang.mixed:
        cand.extra["mixed_language"] = lang.mixed
    cand.cleanings.update(cleanings or {})
    return cand


def _from_text(page: Page, opts: Options) -> Candidate:
    title = plain(opts.supplied.get("title"))
    lang, cleaned = _check(page.text, str(page.path), allow_html=False, min_words=opts.min_words, title=title)
    cleanings = {title: cleaned}
    if title is not None:
        cleanings[None] = clean(page.text)
    stated = metadata_from_text(page.text, cleaned=cleanings[None])
    return _candidate(page.text, str(page.path), stated, opts.supplied, source=page.path.name, lang=lang, opts=opts,
                      cleanings=cleanings)


def _from_html(page: Page, opts: Options) -> Candidate:
    import trafilatura

    from ..htmlmeta import page_metadata

    html = page.text
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(page.path, "no article text could be extracted from this HTML page")
    stated = page_metadata(html, extracted=doc)
    title = plain(opts.supplied.get("title")) or (stated["title"].value if "title" in stated else None)
    lang = check_text(text, str(page.path), allow_html=True, min_words=opts.min_words, title=title)
    return _candidate(text.strip() + "\n", str(page.path), stated, opts.supplied, source=page.path.name, lang=lang,
                      opts=opts, html=html)


def _from_row(row: Row, opts: Options) -> Candidate:
    origin, cols = row.origin, row.cols
    body = row.values.get(cols["text"])
    if body is None:
        raise InputError(origin, f"no text (the {cols['text']!r} value is empty)")
    values = dict(opts.supplied)
    for f in ("title", "outlet", "author", "published", "url", "genre"):
        if f in cols and plain(row.values.get(cols[f])) is not None:
            values[f] = row.values.get(cols[f])
    title = plain(values.get("title"))
    lang, cleaned = _check(body, origin, allow_html=False, min_words=opts.min_words, title=title)
    cleanings = {title: cleaned}
    if title is not None:
        cleanings[None] = clean(body)
    src = plain(values.get("url")) or f"{row.path.name}#{row.line}"
    cand = _candidate(body, origin, metadata_from_text(body, cleaned=cleanings[None]), values, source=src,
                      lang=lang, opts=opts, cleanings=cleanings)
    user_id = plain(row.values.get(cols["id"])) if "id" in cols else None
    if user_id is not None:
        if not _ID_RE.match(user_id):
            raise InputError(origin, f"id {user_id!r} is not a valid id (letters, digits, '-' and '_', up to 64)")
        cand.id = user_id
    return cand


def to_candidate(record: Row | Page, opts: Options) -> Candidate:
    """The candidate article of one record (raises :class:`InputError` naming it when it is refused)."""
    if isinstance(record, Row):
        return _from_row(record, opts)
    return _from_html(record, opts) if record.html else _from_text(record, opts)


def make_options(*, supplied: Mapping[str, object] | None = None, mapping: Mapping[str, str] | None = None,
                 min_words: int = MIN_WORDS, day_first: bool = False) -> Options:
    for name, value in (supplied or {}).items():
        m = re.search(r"[\ud800-\udfff]", value) if isinstance(value, str) else None
        if m:  # e.g. a command-line argument that was not UTF-8
            raise InputError(f"--{name}", f"holds an invalid character (U+{ord(m.group()):04X} at offset "
                                          f"{m.start()}); give it as UTF-8 text")
    return Options(supplied=dict(supplied or {}), mapping=check_mapping(mapping or {}), min_words=min_words,
                   day_first=day_first)


def iter_candidates(path: str | Path, *, supplied: Mapping[str, object] | None = None,
                    mapping: Mapping[str, str] | None = None, min_words: int = MIN_WORDS,
                    day_first: bool = False) -> Iterator[tuple[str, Candidate | InputError]]:
    """(origin, candidate or the row's error) for every article in one input file, streamed.

    A problem with the file as a whole (missing, binary, no text column) raises
    :class:`~analysis.errors.InputError`; a problem with one row is yielded in its place.
    """
    opts = make_options(supplied=supplied, mapping=mapping, min_words=min_words, day_first=day_first)
    for origin, record in records(path, mapping=opts.mapping):
        if isinstance(record, InputError):
            yield origin, record
            continue
        try:
            yield origin, to_candidate(record, opts)
        except InputError as exc:
            yield origin, exc


def read_inputs(path: str | Path, *, supplied: Mapping[str, object] | None = None, **options) -> list[Candidate]:
    """Read and validate one input file into candidate articles (nothing is written); the first bad row raises."""
    out = []
    for _origin, item in iter_candidates(path, supplied=supplied, **options):
        if isinstance(item, InputError):
            raise item
        out.append(item)
    return out
