"""Import articles into a corpus: plain text, saved HTML pages, CSV and JSONL.

Method
------
* **One article per row.** A text or HTML file is one article; each CSV row or JSONL line is its own
  article, validated on its own.  Refused (one line naming the file, and the row for tables): empty
  files and texts, binary files (NUL bytes or control characters), text that is not UTF-8, HTML
  passed as plain text, non-English text, texts under ``min_words`` words (default 20; 1 accepts
  headlines, snippets and sentences), malformed JSON lines, rows with more values than columns, a
  text that is not text (a number), duplicates.  Without ``skip_invalid`` the first refusal aborts
  the batch and nothing is written; with it every good row is imported and every refused row is
  listed, with its reason, in ``<corpus>/rejects/<UTC time>.csv`` (never inside ``articles/``).
* **Streaming, all or nothing.** Tables are read row by row and each accepted article is written at
  once to a staging folder beside ``articles/`` (``<corpus>/.import-<pid>-<time>/``), so memory
  does not grow with the file; when the whole batch has been read the staged files are moved into
  ``articles/`` (texts first, metadata last) and the duplicate store commits.  A failure or an
  interrupt before that point removes the staging folder and leaves the corpus as it was.
* **Columns** are recognised by name (case, spaces and underscores ignored) from the common export
  names (:data:`COLUMN_ALIASES`: ``content``/``body``/``article_text`` for the text, ``date``/
  ``publish_date``/``pub_date`` for the date, ``source``/``media_name`` for the outlet, ``authors``,
  ``headline``, ``link``...) or mapped explicitly (``mapping={"text": "story"}``, ``--map``).  Two
  columns that could both be a field are an error asking for ``--map``.
* **Dates** are read by :func:`analysis.dates.parse_date` (ISO, ``4/21/18``, ``April 21, 2018``,
  RFC 2822, epoch seconds...) and stored as ISO dates with the original value and the rule in the
  evidence; an ambiguous day/month order is flagged; an unreadable value never refuses the article:
  the field is ``unknown`` with the original value as evidence.
* **Language** is identified with py3langid (Lui & Baldwin 2012, "langid.py: an off-the-shelf
  language identification tool", ACL demos), whose model ships with the package.  Texts that are not
  English are refused, because every downstream method (VADER, the lexicons, the attribution rules)
  is English-only.  Identification is unreliable on very short texts (Baldwin & Lui 2010, "Language
  identification: the long and the short of the matter", NAACL): under :data:`LANGID_MIN_WORDS`
  words a text is never refused for its language; the language is recorded with a low-confidence
  note, or as unknown when py3langid does not say English.
* **HTML** pages are reduced to their main text with trafilatura (Barbaresi 2021, ACL demos); their
  metadata come from what the page states as that field (:mod:`analysis.htmlmeta`: JSON-LD,
  OpenGraph/``article:`` and ``<meta>`` tags, ``<time>``, bylines), never from a copyright line.
  The page is kept beside the extracted text as immutable input.
* **Metadata from plain text** is read off the cleaning (the headline, a ``By NAME`` byline, a
  sign-off name or site name, a date widget) and marked ``stated`` with the line as evidence; the
  language is ``inferred``.  Values given with the import (columns, command-line options) are
  ``supplied``.
* **Near duplicates** (lightly edited reprints) are flagged with :mod:`analysis.dedup`.

Files are written to a temporary name and renamed into place, so an import never leaves half an
article behind, and nothing existing is overwritten.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import yaml

from . import paths
from .corpus import FIELDS, Field, _ID_RE, text_id
from .dates import parse_date
from .errors import DuplicateArticleError, InputError
from .io import write_bytes
from .text import clean, count_words

log = logging.getLogger(__name__)

__all__ = ["Candidate", "ImportResult", "Reject", "COLUMN_ALIASES", "read_inputs", "iter_candidates",
           "add_articles", "detect_language", "check_text", "metadata_from_text", "resolve_columns",
           "load_mapping", "MIN_WORDS", "LANGID_MIN_WORDS"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
#: Default minimum number of words for an article (``--min-words``).
MIN_WORDS = 20
#: Below this many words py3langid is not trusted to refuse a text as non-English.
LANGID_MIN_WORDS = 15
_HTML_RE = re.compile(r"<\s*(?:html|head|body|div|p|span|a\s+href|script|style|article|br|meta|table)\b[^>]*>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE_RE = re.compile(r"[\udc80-\udcff]")
_MONTHS = "january february march april may june july august september october november december".split()

#: Column names recognised for each field (compared without case, spaces, '_' or '-'), in preference order.
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_text", "full_text", "fulltext", "maintext", "story_text",
             "article_body", "articleBody"),
    "title": ("title", "headline", "heading"),
    "outlet": ("outlet", "source", "media_name", "media", "publisher", "site_name", "sitename", "source_name",
               "media_outlet", "newspaper", "publication"),
    "author": ("author", "authors", "byline", "creator", "writer"),
    "published": ("published", "date", "publish_date", "pub_date", "publication_date", "published_at",
                  "date_published", "datePublished", "publishedAt", "published_date", "pubdate"),
    "url": ("url", "link", "article_url", "permalink", "canonical_url", "href", "uri"),
    "genre": ("genre",),
    "id": ("id", "article_id"),
}
#: Fields a column can fill (``source`` is always the imported file and ``language`` is identified).
MAPPABLE = ("text", "id", "title", "outlet", "author", "published", "url", "genre")


@dataclass
class Candidate:
    """An article ready to be written into a corpus."""

    text: str
    fields: dict[str, Field]
    origin: str  # the file (and row) it came from, for messages
    id: str = ""
    html: str | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if not self.id:
            self.id = text_id(self.text)

    def cleaned(self):
        f = self.fields.get("title")
        title = f.value if f is not None and f.status in ("stated", "supplied") else None
        return clean(self.text, title=title)


@dataclass(frozen=True)
class Reject:
    """A row or file that was not imported, and why."""

    file: str
    row: str
    kind: str  # "rejected" | "duplicate" | "near-duplicate"
    reason: str


class ImportResult(list):
    """The ids of the articles added (a list), with what was refused: ``duplicates``, ``rejected``, ``rejects_file``."""

    def __init__(self):
        super().__init__()
        self.duplicates: list[Reject] = []
        self.rejected: list[Reject] = []
        self.near_duplicates: list[tuple[str, str, float]] = []  # (new id, earlier id, similarity)
        self.rejects_file: Path | None = None

    def summary(self, corpus_dir) -> str:
        line = (f"added {len(self)} article(s), {len(self.duplicates)} duplicate(s), "
                f"{len(self.rejected)} rejected to {corpus_dir}")
        if self.near_duplicates:
            line += f"; {len(self.near_duplicates)} near-duplicate(s) flagged"
        if self.rejects_file is not None:
            line += f"; refused rows are listed in {self.rejects_file}"
        return line


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text`` by py3langid."""
    lang, prob = _identifier().classify(text[:20000])
    return str(lang), float(prob)


def _check_blob(blob: bytes, origin: str) -> None:
    if not blob.strip():
        raise InputError(origin, "file is empty")
    if b"\x00" in blob[:8192]:
        raise InputError(origin, "looks like a binary file (contains NUL bytes), not text")


def decode(blob: bytes, origin: str) -> str:
    """Decode ``blob`` as UTF-8 (a byte-order mark is dropped), refusing empty, binary and non-UTF-8 input."""
    _check_blob(blob, origin)
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"text is not UTF-8 (invalid byte at offset {exc.start}); re-save it as UTF-8") from None
    if len(_CONTROL_RE.findall(text[:8192])) > 8:
        raise InputError(origin, "looks like a binary file (control characters), not text")
    return text


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


def check_text(text: str, origin: str, *, allow_html: bool = False, min_words: int = MIN_WORDS,
               title: str | None = None) -> LanguageCheck:
    """Validate an article text; return its language check (refuses non-English unless the text is short)."""
    if not isinstance(text, str):
        raise InputError(origin, f"article text must be text, got {_kind(text)} ({str(text)[:40]!r})")
    if not text.strip():
        raise InputError(origin, "article text is empty")
    if not allow_html and len(_HTML_RE.findall(text[:20000])) >= 2:
        raise InputError(origin, "looks like HTML, not plain text; save it with a .html suffix so the article text is extracted")
    if len(_CONTROL_RE.findall(text[:8192])) > 8:
        raise InputError(origin, "looks like binary data (control characters), not text")
    body = clean(text, title=title).text
    n = count_words(body)
    if n < max(min_words, 1):
        hint = "; --min-words 1 accepts headlines, snippets and sentences" if min_words > 1 else ""
        raise InputError(origin, f"article text has only {n} words (at least {min_words} needed{hint})")
    lang, prob = detect_language(body)
    short = n < LANGID_MIN_WORDS
    if lang != "en":
        if short:
            log.warning("%s: py3langid says %r (p=%.2f) on only %d words: too short to tell; language recorded "
                        "as unknown, not refused", origin, lang, prob, n)
            return LanguageCheck(None, prob, n, True)
        raise InputError(origin, f"text is not English (detected {lang!r}, p={prob:.2f}); only English is supported")
    mixed = None if short else mixed_languages(body)
    if mixed:
        log.warning("%s: mixed-language text: paragraph(s) %s read as %s (%.0f%% of the words); the analysis is "
                    "English-only", origin, ", ".join(map(str, mixed["paragraphs"])),
                    ", ".join(sorted(mixed["languages"])), 100 * mixed["share"])
    return LanguageCheck(lang, prob, n, short, mixed)


#: A paragraph counts for the mixed-language check from this many words, and when py3langid is this sure.
MIXED_MIN_WORDS, MIXED_MIN_PROB = 15, 0.9
#: The check reads at most this many paragraphs (bounded cost on very long texts).
MIXED_MAX_PARAGRAPHS = 500


def mixed_languages(text: str) -> dict | None:
    """Paragraphs of an English ``text`` that py3langid reads as another language, or None.

    Only paragraphs of :data:`MIXED_MIN_WORDS` words or more, identified with probability
    :data:`MIXED_MIN_PROB` or more, count (shorter ones are unreliable, see the module docstring).
    Returns ``{"languages": {code: words}, "paragraphs": [1-based numbers], "share": words share}``.
    """
    from .text import paragraphs

    total = count_words(text) or 1
    langs: dict[str, int] = {}
    where: list[int] = []
    checked = 0
    for i, (a, b) in enumerate(paragraphs(text), start=1):
        para = text[a:b]
        n = count_words(para)
        if n < MIXED_MIN_WORDS:
            continue
        checked += 1
        if checked > MIXED_MAX_PARAGRAPHS:
            log.info("mixed-language check stopped after %d paragraphs", MIXED_MAX_PARAGRAPHS)
            break
        lang, prob = detect_language(para)
        if lang != "en" and prob >= MIXED_MIN_PROB:
            langs[lang] = langs.get(lang, 0) + n
            where.append(i)
    if not langs:
        return None
    return {"languages": langs, "paragraphs": where, "share": round(sum(langs.values()) / total, 3),
            "method": f"py3langid per paragraph of {MIXED_MIN_WORDS}+ words, p >= {MIXED_MIN_PROB} "
                      f"(the first {MIXED_MAX_PARAGRAPHS} such paragraphs)"}


def _kind(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing (null)"
    return f"a {type(value).__name__}"


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


def metadata_from_text(text: str) -> dict[str, Field]:
    """Metadata that the text itself states: its headline and the cleaning's removed lines."""
    c = clean(text)
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


def _plain(value) -> str | None:
    """A metadata value from a table cell or JSON value as one line of text (lists joined with '; ')."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (list, tuple)):
        parts = [_plain(v) for v in value]
        parts = [p for p in parts if p]
        return "; ".join(parts) or None
    if isinstance(value, dict):
        for key in ("name", "value", "@value"):
            if key in value:
                return _plain(value[key])
        return None
    text = " ".join(str(value).split())
    return text or None


def _fields(stated: Mapping[str, Field], supplied: Mapping[str, object], *, source: str,
            language: LanguageCheck, day_first: bool = False, extra: dict | None = None) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for name in FIELDS:
        value = _plain(supplied.get(name)) if name not in ("source", "language") else None
        if name == "source":
            out[name] = Field(source, "supplied", "the imported file")
        elif value is not None and name == "published":
            pd_ = parse_date(supplied.get(name), day_first=day_first)
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


# -- columns ------------------------------------------------------------------------------------------------

def _norm(name) -> str:
    return re.sub(r"[^0-9a-z]", "", str(name).casefold())


def load_mapping(path: str | Path) -> dict[str, str]:
    """A mapping file: YAML (or JSON) ``field: column`` pairs, e.g. ``text: story`` / ``published: date``."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "mapping file not found")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError):
        raise InputError(path, "mapping file must be YAML or JSON 'field: column' pairs") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise InputError(path, "mapping file must be YAML or JSON 'field: column' pairs")
    return check_mapping({str(k): v for k, v in data.items()}, origin=str(path))


def check_mapping(mapping: Mapping[str, str], *, origin: str = "--map") -> dict[str, str]:
    out = {}
    for k, v in mapping.items():
        if k not in MAPPABLE:
            raise InputError(origin, f"cannot map {k!r}; fields that a column can fill: {', '.join(MAPPABLE)}")
        out[k] = v
    return out


def resolve_columns(columns: Iterable, mapping: Mapping[str, str] | None, origin: str) -> dict[str, str]:
    """field -> column name for a table's ``columns``: the explicit ``mapping`` first, then the aliases."""
    cols = [c for c in columns if c is not None]
    by_norm: dict[str, list] = {}
    for c in cols:
        by_norm.setdefault(_norm(c), []).append(c)
    out: dict[str, str] = {}
    mapping = dict(mapping or {})
    for f, col in mapping.items():
        if col not in cols:
            found = [c for c in cols if _norm(c) == _norm(col)]
            if len(found) != 1:
                raise InputError(origin, f"--map {f}={col}: no column {col!r}; columns found: {', '.join(map(str, cols))}")
            col = found[0]
        out[f] = col
    taken = set(out.values())
    for f in MAPPABLE:
        if f in out:
            continue
        hits = []
        for alias in COLUMN_ALIASES[f]:
            for c in by_norm.get(_norm(alias), []):
                if c not in taken and c not in hits:
                    hits.append(c)
        if not hits:
            continue
        exact = [c for c in hits if _norm(c) == f]
        if len(hits) > 1 and len(exact) != 1:
            raise InputError(origin, f"columns {', '.join(map(repr, hits))} could each be the {f}; "
                                     f"choose one with --map {f}=COLUMN")
        out[f] = exact[0] if exact else hits[0]
        taken.add(out[f])
    if "text" not in out:
        raise InputError(origin, f"needs a 'text' column (or --map text=COLUMN); columns found: "
                                 f"{', '.join(map(str, cols)) or '(none)'}")
    return out


# -- reading ------------------------------------------------------------------------------------------------

@dataclass
class Options:
    supplied: Mapping[str, object] = field(default_factory=dict)
    mapping: Mapping[str, str] = field(default_factory=dict)
    min_words: int = MIN_WORDS
    day_first: bool = False


def _from_text(path: Path, text: str, opts: Options) -> Candidate:
    title = _plain(opts.supplied.get("title"))
    lang = check_text(text, str(path), min_words=opts.min_words, title=title)
    extra: dict = {}
    cand = Candidate(text=text, origin=str(path),
                     fields=_fields(metadata_from_text(text), opts.supplied, source=path.name, language=lang,
                                    day_first=opts.day_first, extra=extra))
    cand.extra.update(extra)
    if lang.mixed:
        cand.extra["mixed_language"] = lang.mixed
    return cand


def _from_html(path: Path, html: str, opts: Options) -> Candidate:
    import trafilatura

    from .htmlmeta import page_metadata

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(path, "no article text could be extracted from this HTML page")
    stated = page_metadata(html, extracted=doc)
    title = _plain(opts.supplied.get("title")) or (stated["title"].value if "title" in stated else None)
    lang = check_text(text, str(path), allow_html=True, min_words=opts.min_words, title=title)
    extra: dict = {}
    cand = Candidate(text=text.strip() + "\n", origin=str(path), html=html,
                     fields=_fields(stated, opts.supplied, source=path.name, language=lang,
                                    day_first=opts.day_first, extra=extra))
    cand.extra.update(extra)
    if lang.mixed:
        cand.extra["mixed_language"] = lang.mixed
    return cand


_FIELD_LIMIT_SET = False


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str] | InputError]]:
    """(record number, values) of a CSV file, streamed; record 1 is the header."""
    global _FIELD_LIMIT_SET
    if not _FIELD_LIMIT_SET:  # a 10 MB article is one field
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        _FIELD_LIMIT_SET = True
    with open(path, encoding="utf-8-sig", errors="surrogateescape", newline="") as fh:
        reader = csv.reader(fh)
        n = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                n += 1
                yield n, InputError(f"{path}:{n}", f"malformed CSV ({exc})")
                return
            n += 1
            yield n, values


def _jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of a JSONL file, streamed; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line."""
    n = 0
    with open(path, "rb") as fh:
        for chunk in fh:
            chunk = chunk.rstrip(b"\n")
            if chunk.endswith(b"\r"):
                chunk = chunk[:-1]
            for part in chunk.split(b"\r"):
                n += 1
                if n == 1 and part.startswith(b"\xef\xbb\xbf"):
                    part = part[3:]
                yield n, part


def _table_rows(path: Path, opts: Options) -> Iterator[tuple[str, dict | InputError, dict[str, str] | None]]:
    """(origin, row or row error, field->column) for every row of a CSV or JSONL file."""
    if path.suffix.lower() == ".csv":
        rows = _csv_rows(path)
        first = next(rows, None)
        if first is None or isinstance(first[1], InputError) or not any(v.strip() for v in first[1]):
            raise InputError(path, "CSV has no header row")
        header = first[1]
        if any(_SURROGATE_RE.search(h) for h in header):
            raise InputError(path, "text is not UTF-8; re-save it as UTF-8")
        cols = resolve_columns(header, opts.mapping, str(path))
        unknown = [h for h in header if h not in cols.values()]
        if unknown:
            log.warning("%s: ignoring column(s) %s", path, ", ".join(unknown))
        for n, values in rows:
            origin = f"{path}:{n}"
            if isinstance(values, InputError):
                yield origin, values, cols
                return
            if not values or (len(values) == 1 and not values[0].strip()):
                continue  # a blank line
            if len(values) > len(header):
                yield origin, InputError(origin, "row has more values than the header has columns"), cols
                continue
            if any(_SURROGATE_RE.search(v) for v in values):
                yield origin, InputError(origin, "text is not UTF-8; re-save the file as UTF-8"), cols
                continue
            yield origin, dict(zip(header, values)), cols
        return
    cache: dict[frozenset, dict[str, str] | InputError] = {}
    warned: set = set()
    for n, line in _jsonl_lines(path):
        origin = f"{path}:{n}"
        if not line.strip():
            continue
        try:
            row = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield origin, InputError(origin, f"text is not UTF-8 (invalid byte at offset {exc.start} of the line)"), None
            continue
        except (json.JSONDecodeError, RecursionError) as exc:
            msg = getattr(exc, "msg", "too deeply nested")
            yield origin, InputError(origin, f"malformed JSON ({msg}); each line must be one JSON object"), None
            continue
        if not isinstance(row, dict):
            yield origin, InputError(origin, "each JSONL line must be an object with a 'text' field"), None
            continue
        key = frozenset(row)
        if key not in cache:
            try:
                cache[key] = resolve_columns(list(row), opts.mapping, origin)
            except InputError as exc:
                cache[key] = exc
        cols = cache[key]
        if isinstance(cols, InputError):
            yield origin, InputError(origin, cols.message), None
            continue
        unknown = key - set(cols.values())
        if unknown and key not in warned:
            warned.add(key)
            log.warning("%s: ignoring field(s) %s", origin, ", ".join(sorted(map(str, unknown))))
        yield origin, row, cols


def _from_row(path: Path, origin: str, line: str, row: dict, cols: dict[str, str], opts: Options) -> Candidate:
    body = row.get(cols["text"])
    if body is None:
        raise InputError(origin, f"no text (the {cols['text']!r} value is empty)")
    values = dict(opts.supplied)
    for f in ("title", "outlet", "author", "published", "url", "genre"):
        if f in cols and _plain(row.get(cols[f])) is not None:
            values[f] = row.get(cols[f])
    title = _plain(values.get("title"))
    lang = check_text(body, origin, min_words=opts.min_words, title=title)
    src = _plain(values.get("url")) or f"{path.name}#{line}"
    extra: dict = {}
    cand = Candidate(text=body, origin=origin,
                     fields=_fields(metadata_from_text(body), values, source=src, language=lang,
                                    day_first=opts.day_first, extra=extra))
    cand.extra.update(extra)
    if lang.mixed:
        cand.extra["mixed_language"] = lang.mixed
    user_id = _plain(row.get(cols["id"])) if "id" in cols else None
    if user_id is not None:
        if not _ID_RE.match(user_id):
            raise InputError(origin, f"id {user_id!r} is not a valid id (letters, digits, '-' and '_', up to 64)")
        cand.id = user_id
    return cand


def iter_candidates(path: str | Path, *, supplied: Mapping[str, object] | None = None,
                    mapping: Mapping[str, str] | None = None, min_words: int = MIN_WORDS,
                    day_first: bool = False) -> Iterator[tuple[str, Candidate | InputError]]:
    """(origin, candidate or the row's error) for every article in one input file, streamed.

    A problem with the file as a whole (missing, binary, no text column) raises
    :class:`~analysis.errors.InputError`; a problem with one row is yielded in its place.
    """
    path = Path(path)
    opts = Options(supplied=dict(supplied or {}), mapping=check_mapping(mapping or {}), min_words=min_words,
                   day_first=day_first)
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder; pass the files inside it")
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        with open(path, "rb") as fh:
            _check_blob(fh.read(8192), str(path))
        seen = 0
        for origin, row, cols in _table_rows(path, opts):
            seen += 1
            if isinstance(row, InputError):
                yield origin, row
                continue
            try:
                yield origin, _from_row(path, origin, origin.rsplit(":", 1)[1], row, cols, opts)
            except InputError as exc:
                yield origin, exc
        if not seen:
            raise InputError(path, "no articles in this file")
        return
    text = decode(path.read_bytes(), str(path))
    if suffix not in HTML_SUFFIXES | TEXT_SUFFIXES and suffix != "":
        raise InputError(path, f"unsupported file type {suffix!r}; use .txt, .html, .csv or .jsonl")
    try:
        if suffix in HTML_SUFFIXES:
            yield str(path), _from_html(path, text, opts)
        else:
            yield str(path), _from_text(path, text, opts)
    except InputError as exc:
        yield str(path), exc


def read_inputs(path: str | Path, *, supplied: Mapping[str, object] | None = None, **options) -> list[Candidate]:
    """Read and validate one input file into candidate articles (nothing is written); the first bad row raises."""
    out = []
    for _origin, item in iter_candidates(path, supplied=supplied, **options):
        if isinstance(item, InputError):
            raise item
        out.append(item)
    return out


# -- writing ------------------------------------------------------------------------------------------------

def _write_new(target: Path, data: bytes) -> None:
    try:
        write_bytes(target, data, overwrite=False)
    except FileExistsError:
        raise InputError(target, "already exists; the corpus is never overwritten") from None


def metadata_document(cand: Candidate, *, sha256: str, text_file: str) -> dict:
    doc = {"id": cand.id, "text_file": text_file, "sha256": sha256}
    if cand.html is not None:
        doc["html_file"] = f"{cand.id}.html"
    doc.update(cand.extra)
    doc["fields"] = {k: cand.fields[k].as_dict() for k in FIELDS}
    return doc


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml when present: the same YAML, faster
_HEADER = ("# Article metadata. Each field: value, status (stated | inferred | supplied | unknown)\n"
           "# and evidence (where the value came from). See corpus/README.md. The text file is immutable:\n"
           "# its SHA-256 is checked on load.\n")


def write_article(cand: Candidate, corpus_dir: Path) -> Path:
    """Write one candidate into ``corpus_dir/articles`` (text first, metadata last)."""
    folder = Path(corpus_dir) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    blob = cand.text.encode("utf-8", errors="surrogatepass")
    text_file = f"{cand.id}.txt"
    meta_path = folder / f"{cand.id}.yaml"
    if meta_path.exists():
        raise DuplicateArticleError(cand.origin, cand.id)
    written = []
    try:
        _write_new(folder / text_file, blob)
        written.append(folder / text_file)
        if cand.html is not None:
            _write_new(folder / f"{cand.id}.html", cand.html.encode("utf-8"))
            written.append(folder / f"{cand.id}.html")
        doc = metadata_document(cand, sha256=hashlib.sha256(blob).hexdigest(), text_file=text_file)
        dumped = yaml.dump(doc, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
        _write_new(meta_path, (_HEADER + dumped).encode("utf-8"))
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return meta_path


def _split_origin(origin: str) -> tuple[str, str]:
    m = re.match(r"^(.*):(\d+)$", origin)
    return (m.group(1), m.group(2)) if m else (origin, "")


def _write_rejects(corpus_dir: Path, rejects: list[Reject]) -> Path:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = corpus_dir / "rejects" / f"{stamp}.csv"
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["file", "row", "kind", "reason"])
    for r in rejects:
        w.writerow([r.file, r.row, r.kind, r.reason])
    write_bytes(path, buf.getvalue().encode("utf-8"), overwrite=False)
    return path


def _commit(staging: Path, corpus_dir: Path) -> None:
    """Move the staged articles into ``corpus_dir/articles``: texts and pages first, metadata last."""
    src = staging / "articles"
    if not src.is_dir():
        return
    dest = corpus_dir / "articles"
    dest.mkdir(parents=True, exist_ok=True)
    files = sorted(src.iterdir(), key=lambda p: (p.suffix == ".yaml", p.name))
    for p in files:
        target = dest / p.name
        if target.exists():
            raise InputError(target, "already exists; the corpus is never overwritten")
        os.replace(p, target)


def _learn_boilerplate(corpus_dir: Path, store, outlets: set[str]) -> None:
    """Rewrite ``<corpus>/boilerplate.yaml`` for the outlets this import touched (see analysis.boilerplate)."""
    from .boilerplate import MIN_ARTICLES, MIN_SHARE, write_boilerplate

    if not outlets:
        return
    learned = store.boilerplate(outlets, min_articles=MIN_ARTICLES, min_share=MIN_SHARE)
    path = write_boilerplate(corpus_dir, learned)
    if path is not None:
        n = sum(len(e["lines"]) for e in learned.values())
        log.warning("boilerplate: %d line(s) repeated across articles of the same outlet are now removed by the "
                    "cleaning; see %s", n, path)


def _remove_stale_staging(corpus_dir: Path) -> None:
    """Remove staging folders left by an import that was killed (its process no longer runs)."""
    for p in corpus_dir.glob(".import-*-*"):
        m = re.match(r"^\.import-(\d+)-", p.name)
        if not (m and p.is_dir()):
            continue
        pid = int(m.group(1))
        try:
            os.kill(pid, 0)
            alive = pid != os.getpid()
        except ProcessLookupError:
            alive = False
        except PermissionError:
            alive = True
        if not alive:
            log.warning("removing %s, left by an import that was stopped", p)
            shutil.rmtree(p, ignore_errors=True)


def add_articles(inputs: Iterable[str | Path], *, corpus_dir: str | Path | None = None,
                 supplied: Mapping[str, object] | None = None, skip_invalid: bool = False,
                 min_words: int = MIN_WORDS, mapping: Mapping[str, str] | None = None,
                 day_first: bool = False, drop_near_duplicates: bool = False,
                 near_threshold: float | None = None) -> ImportResult:
    """Validate ``inputs`` row by row and add them to the corpus; return an :class:`ImportResult` (the new ids).

    Unless ``skip_invalid``, the first refused row or file aborts the whole batch and nothing is
    written.  With it, refused rows are counted (``result.rejected``, ``result.duplicates``) and
    listed in ``<corpus>/rejects/<time>.csv``.  Near duplicates are kept and flagged in their
    metadata (``near_duplicate``), or dropped with ``drop_near_duplicates``.
    """
    from .corpus import _body_key
    from .dedup import NEAR_THRESHOLD, SignatureStore, signature

    threshold = NEAR_THRESHOLD if near_threshold is None else float(near_threshold)
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else paths.CORPUS
    if corpus_dir.exists() and not corpus_dir.is_dir():
        raise InputError(corpus_dir, "is a file, not a corpus folder")
    if (corpus_dir / "articles").exists() and not (corpus_dir / "articles").is_dir():
        raise InputError(corpus_dir / "articles", "is a file, not a folder of articles")
    inputs = [Path(p) for p in inputs]
    for p in inputs:  # file-level problems that need no reading are reported before any work
        if not p.exists():
            if not skip_invalid:
                raise InputError(p, "no such file")
    result = ImportResult()
    rejects: list[Reject] = []
    from .dedup import store_path

    created = [p for p in (corpus_dir, store_path(corpus_dir).parent) if not p.exists()]  # removed on failure
    try:
        corpus_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(corpus_dir, f"cannot create the corpus folder ({exc.strerror})") from None
    _remove_stale_staging(corpus_dir)
    staging = corpus_dir / f".import-{os.getpid()}-{dt.datetime.now().strftime('%H%M%S%f')}"
    store = None
    batch_ids: set[str] = set()
    outlets: set[str] = set()

    def refuse(exc: InputError, kind: str = "rejected") -> None:
        if not skip_invalid:
            raise exc
        file, row = _split_origin(exc.path or "")
        r = Reject(file, row, kind, exc.message)
        (result.duplicates if kind == "duplicate" else result.rejected).append(r)
        rejects.append(r)
        log.warning("skipped %s", exc)

    try:
        store = SignatureStore(corpus_dir)
        store.sync()
        store.begin()
        for path in inputs:
            try:
                for origin, item in iter_candidates(path, supplied=supplied, mapping=mapping, min_words=min_words,
                                                    day_first=day_first):
                    if isinstance(item, InputError):
                        refuse(item)
                        continue
                    cand = item
                    cleaned = cand.cleaned()
                    key = _body_key(cleaned.body)
                    hit = store.exact(key)
                    if hit is not None:
                        refuse(DuplicateArticleError(origin, hit.id, hit.origin), "duplicate")
                        continue
                    if cand.id in batch_ids or (corpus_dir / "articles" / f"{cand.id}.yaml").exists():
                        refuse(InputError(origin, f"id {cand.id!r} is already in the corpus"))
                        continue
                    sig = signature(cleaned.body or cleaned.text)
                    near = store.near(sig, threshold=threshold)
                    if near is not None:
                        msg = (f"near duplicate of article {near.id}"
                               f"{f' (imported from {near.origin})' if near.origin else ''}: "
                               f"estimated Jaccard {near.similarity:.2f} of word 3-shingles")
                        if drop_near_duplicates:
                            refuse(InputError(origin, msg + "; dropped (--drop-near-duplicates)"), "duplicate")
                            continue
                        log.warning("%s: %s; kept (drop with --drop-near-duplicates)", origin, msg)
                        cand.extra["near_duplicate"] = {
                            "of": near.id, "similarity": near.similarity,
                            "method": f"MinHash estimate of the Jaccard similarity of word 3-shingles "
                                      f"(threshold {threshold})"}
                        result.near_duplicates.append((cand.id, near.id, near.similarity))
                    write_article(cand, staging)
                    store.add(cand.id, key, sig, origin=_plain(cand.fields["source"].value) or origin)
                    outlet = cand.fields["outlet"].value
                    if outlet:
                        store.count_lines(outlet, cand.text)
                        outlets.add(outlet)
                    batch_ids.add(cand.id)
                    result.append(cand.id)
                    log.info("added %s from %s", cand.id, origin)
            except InputError as exc:
                if exc.path is None or not str(exc.path).startswith(str(path)):
                    raise
                refuse(exc)
        _commit(staging, corpus_dir)
        store.commit()
        _learn_boilerplate(corpus_dir, store, outlets)
    except BaseException:
        if store is not None:
            store.close()
            store = None
        shutil.rmtree(staging, ignore_errors=True)
        for p in created:  # no debris: what this import created goes
            shutil.rmtree(p, ignore_errors=True)
        raise
    finally:
        if store is not None:
            store.close()
        shutil.rmtree(staging, ignore_errors=True)
    if rejects:
        result.rejects_file = _write_rejects(corpus_dir, rejects)
    return result
