"""Import articles into a corpus: plain text, saved HTML pages, CSV and JSONL.

Method
------
* **Validation** of every input before anything is written: empty files,
  binary files (NUL bytes or control characters), text that is not UTF-8,
  HTML passed as plain text, non-English text and duplicates are refused
  with one line naming the file.  A batch is all-or-nothing unless
  ``skip_invalid`` is set.
* **Language** is identified with py3langid (Lui & Baldwin 2012, "langid.py:
  an off-the-shelf language identification tool", ACL demos), whose model
  ships with the package.  Texts that are not English are refused, because
  every downstream method (VADER, the lexicons, the attribution rules) is
  English-only.
* **HTML** pages are reduced to their main text and metadata (title, author,
  date, site name, URL) with trafilatura (Barbaresi 2021, ACL demos).  The
  page is kept beside the extracted text as immutable input.
* **Metadata from plain text** is read off the cleaning (a headline line, a
  ``By NAME`` byline, a sign-off name or site name, a date widget) and marked
  ``stated`` with the line as evidence; the language is ``inferred``.  Values
  given with the import (CSV/JSONL columns, command-line options) are
  ``supplied``.

Files are written to a temporary name and renamed into place, so an import
never leaves half an article behind, and nothing existing is overwritten.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from . import paths
from .corpus import FIELDS, Field, _ID_RE, body_hash, load_corpus, text_id
from .errors import DuplicateArticleError, InputError
from .io import write_bytes
from .text import clean, count_words

log = logging.getLogger(__name__)

__all__ = ["Candidate", "read_inputs", "add_articles", "detect_language", "check_text", "metadata_from_text"]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson"}
MIN_WORDS = 20
_HTML_RE = re.compile(r"<\s*(?:html|head|body|div|p|span|a\s+href|script|style|article|br|meta|table)\b[^>]*>", re.I)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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

    def __post_init__(self):
        if not self.id:
            self.id = text_id(self.text)


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, probability) of ``text`` by py3langid."""
    lang, prob = _identifier().classify(text[:20000])
    return str(lang), float(prob)


def decode(blob: bytes, origin: str) -> str:
    """Decode ``blob`` as UTF-8, refusing empty, binary and non-UTF-8 input."""
    if not blob.strip():
        raise InputError(origin, "file is empty")
    if b"\x00" in blob[:8192]:
        raise InputError(origin, "looks like a binary file (contains NUL bytes), not text")
    try:
        text = blob.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(origin, f"text is not UTF-8 (invalid byte at offset {exc.start}); re-save it as UTF-8") from None
    if len(_CONTROL_RE.findall(text[:8192])) > 8:
        raise InputError(origin, "looks like a binary file (control characters), not text")
    return text


def check_text(text: str, origin: str, *, allow_html: bool = False) -> tuple[str, float]:
    """Validate an article text; return its detected (language, probability)."""
    if not text.strip():
        raise InputError(origin, "article text is empty")
    if not allow_html and len(_HTML_RE.findall(text[:20000])) >= 2:
        raise InputError(origin, "looks like HTML, not plain text; save it with a .html suffix so the article text is extracted")
    body = clean(text).text
    n = count_words(body)
    if n < MIN_WORDS:
        raise InputError(origin, f"article text has only {n} words (at least {MIN_WORDS} needed)")
    lang, prob = detect_language(body)
    if lang != "en":
        raise InputError(origin, f"text is not English (detected {lang!r}, p={prob:.2f}); only English is supported")
    return lang, prob


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
    """Metadata that the text itself states, read off the cleaning's removed lines."""
    c = clean(text)
    out: dict[str, Field] = {}
    if c.headline_end:
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


def _fields(stated: Mapping[str, Field], supplied: Mapping[str, str | None], *, source: str,
            language: tuple[str, float]) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for name in FIELDS:
        value = supplied.get(name)
        if name == "source":
            out[name] = Field(source, "supplied", "the imported file")
        elif value not in (None, ""):
            out[name] = Field(str(value).strip(), "supplied", "given with the import")
        elif name in stated:
            out[name] = stated[name]
        elif name == "language":
            out[name] = Field(language[0], "inferred", f"py3langid on the cleaned text, p={language[1]:.2f}")
        else:
            out[name] = Field(None, "unknown", "")
    return out


def _from_text(path: Path, text: str, supplied: Mapping[str, str | None]) -> Candidate:
    lang = check_text(text, str(path))
    return Candidate(text=text, origin=str(path),
                     fields=_fields(metadata_from_text(text), supplied, source=path.name, language=lang))


def _from_html(path: Path, html: str, supplied: Mapping[str, str | None]) -> Candidate:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(path, "no article text could be extracted from this HTML page")
    lang = check_text(text, str(path), allow_html=True)
    stated: dict[str, Field] = {}
    for name, attr in (("title", "title"), ("author", "author"), ("published", "date"),
                       ("outlet", "sitename"), ("url", "url")):
        value = getattr(doc, attr, None)
        if value:
            stated[name] = Field(str(value), "stated", f"HTML page metadata ({attr}) extracted by trafilatura")
    if "published" in stated and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", stated["published"].value or ""):
        del stated["published"]
    cand = Candidate(text=text.strip() + "\n", origin=str(path), html=html,
                     fields=_fields(stated, supplied, source=path.name, language=lang))
    return cand


def _rows(path: Path, text: str) -> Iterable[tuple[int, dict]]:
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "text" not in reader.fieldnames:
            raise InputError(path, "CSV needs a 'text' column (and optionally id, title, outlet, author, published, url, genre)")
        for i, row in enumerate(reader, start=2):
            if None in row:
                raise InputError(f"{path}:{i}", "row has more values than the header has columns")
            yield i, row
    else:
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{i}", f"malformed JSON ({exc.msg})") from None
            if not isinstance(row, dict) or "text" not in row:
                raise InputError(f"{path}:{i}", "each JSONL line must be an object with a 'text' field")
            yield i, row


def _from_table(path: Path, text: str, supplied: Mapping[str, str | None]) -> list[Candidate]:
    out = []
    allowed = set(FIELDS) | {"id", "text"}
    for line, row in _rows(path, text):
        origin = f"{path}:{line}"
        extra = set(row) - allowed
        if extra:
            log.warning("%s: ignoring unknown column(s) %s", origin, ", ".join(sorted(map(str, extra))))
        body = row.get("text")
        if not isinstance(body, str):
            raise InputError(origin, "'text' must be a string")
        values = {**supplied, **{k: row.get(k) for k in FIELDS if row.get(k) not in (None, "")}}
        if values.get("published") and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", str(values["published"])):
            raise InputError(origin, f"'published' must be an ISO date, got {values['published']!r}")
        lang = check_text(body, origin)
        src = str(row.get("url") or f"{path.name}#{line}")
        cand = Candidate(text=body, origin=origin,
                         fields=_fields(metadata_from_text(body), values, source=src, language=lang))
        user_id = row.get("id")
        if user_id not in (None, ""):
            if not _ID_RE.match(str(user_id)):
                raise InputError(origin, f"id {user_id!r} is not a valid id (letters, digits, '-' and '_', up to 64)")
            cand.id = str(user_id)
        out.append(cand)
    if not out:
        raise InputError(path, "no articles in this file")
    return out


def read_inputs(path: str | Path, *, supplied: Mapping[str, str | None] | None = None) -> list[Candidate]:
    """Read and validate one input file into candidate articles (nothing is written)."""
    path = Path(path)
    supplied = dict(supplied or {})
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a folder; pass the files inside it")
    suffix = path.suffix.lower()
    text = decode(path.read_bytes(), str(path))
    if suffix in HTML_SUFFIXES:
        return [_from_html(path, text, supplied)]
    if suffix in TABLE_SUFFIXES:
        return _from_table(path, text, supplied)
    if suffix in TEXT_SUFFIXES or suffix == "":
        return [_from_text(path, text, supplied)]
    raise InputError(path, f"unsupported file type {suffix!r}; use .txt, .html, .csv or .jsonl")


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


_HEADER = ("# Article metadata. Each field: value, status (stated | inferred | supplied | unknown)\n"
           "# and evidence (where the value came from). See corpus/README.md. The text file is immutable:\n"
           "# its SHA-256 is checked on load.\n")


def write_article(cand: Candidate, corpus_dir: Path) -> Path:
    """Write one candidate into ``corpus_dir/articles`` (text first, metadata last)."""
    folder = corpus_dir / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    blob = cand.text.encode("utf-8")
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
        _write_new(meta_path, (_HEADER + yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)).encode("utf-8"))
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return meta_path


def add_articles(inputs: Iterable[str | Path], *, corpus_dir: str | Path | None = None,
                 supplied: Mapping[str, str | None] | None = None, skip_invalid: bool = False) -> list[str]:
    """Validate ``inputs`` and add them to the corpus; return the new article ids.

    All inputs are read and checked first (bad files, duplicates within the
    batch and against the corpus).  Unless ``skip_invalid``, the first problem
    aborts the whole batch before anything is written.
    """
    corpus_dir = Path(corpus_dir) if corpus_dir is not None else paths.CORPUS
    existing: dict[str, tuple[str, str]] = {}
    ids: set[str] = set()
    if (corpus_dir / "articles").is_dir():
        for art in load_corpus(corpus_dir):
            existing[art.body_hash] = (art.id, art.meta.get("source") or "")
            ids.add(art.id)
    accepted: list[Candidate] = []
    errors: list[InputError] = []
    for path in inputs:
        try:
            cands = read_inputs(path, supplied=supplied)
            for cand in cands:
                key = body_hash(cand.text)
                if key in existing:
                    raise DuplicateArticleError(cand.origin, *existing[key])
                if cand.id in ids:
                    raise InputError(cand.origin, f"id {cand.id!r} is already in the corpus")
                existing[key] = (cand.id, cand.origin)
                ids.add(cand.id)
            accepted.extend(cands)
        except InputError as exc:
            if not skip_invalid:
                raise
            log.warning("skipped %s", exc)
            errors.append(exc)
    for cand in accepted:
        write_article(cand, corpus_dir)
        log.info("added %s from %s (%d words)", cand.id, cand.origin, count_words(clean(cand.text).text))
    return [c.id for c in accepted]
